/**
 * The Sandbox's emulator is its own bundle (`dist/emulator.js`, also the `ims-emulator` command), loaded
 * only when the Sandbox opens: the extension's bundle stays small and starts fast for everyone else.
 */
import * as path from 'node:path';
import type { startEmulator } from '../emulator/emulator';

export type StartEmulator = typeof startEmulator;

export function sandboxLoader(extensionPath: string): () => StartEmulator {
  let loaded: StartEmulator | undefined;
  return () => {
    // A computed path keeps esbuild from bundling the emulator into the extension.
    const file = path.join(extensionPath, 'dist', 'emulator.js');
    loaded ??= (require(file) as { startEmulator: StartEmulator }).startEmulator;
    return loaded;
  };
}
