/**
 * Parts of the extension that are bundles of their own, loaded when first needed: the Sandbox's emulator
 * (`dist/emulator.js`, also the `ims-emulator` command) when the Sandbox opens, and the language client
 * (`dist/languageClient.js`) right after activation. `dist/extension.js` stays small, so activation
 * returns at once, and a Sandbox nobody opens costs nothing.
 */
import * as path from 'node:path';
import type { startEmulator } from '../emulator/emulator';
import type { LanguageClientHost } from './languageClient';

export type StartEmulator = typeof startEmulator;

/** A loader of one export of one bundle; the path is computed, so esbuild leaves the bundle out. */
function bundleLoader<T>(extensionPath: string, file: string, name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (require(path.join(extensionPath, 'dist', file)) as Record<string, T>)[name]);
}

export const emulatorLoader = (extensionPath: string) =>
  bundleLoader<StartEmulator>(extensionPath, 'emulator.js', 'startEmulator');

export const languageClientLoader = (extensionPath: string) =>
  bundleLoader<typeof LanguageClientHost>(extensionPath, 'languageClient.js', 'LanguageClientHost');
