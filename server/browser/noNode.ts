/**
 * Stands in for the Node built-ins that web-tree-sitter's CommonJS build names on its Node-only path
 * (fs, path, url). In a web worker that path never runs; if it did, this says why it cannot.
 */
const unavailable = (): never => {
  throw new Error('Node built-ins are not available in the web worker: this path is for Node only.');
};
export default new Proxy({}, { get: unavailable });
export const readFile = unavailable;
export const readFileSync = unavailable;
export const fileURLToPath = unavailable;
export const dirname = unavailable;
export const normalize = unavailable;
