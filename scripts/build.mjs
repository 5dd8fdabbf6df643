// @ts-check
// Builds one esbuild bundle per entry into dist/: the extension (VS Code host), its language client
// (loaded after activation), the language server (any LSP client), the command line and the IMS emulator.
import { build } from 'esbuild';
import { chmod, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's UMD main build hides its requires from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
};

// The validators are compiled ahead of time (core/validation/generate.ts); the file is committed, and
// rewritten only when the schemas changed, so a stale copy shows in `git status`.
async function generateValidators() {
  const dir = await mkdtemp(join(tmpdir(), 'ims-validators-'));
  try {
    const outfile = join(dir, 'generate.js');
    await build({ ...common, minify: false, sourcemap: false, entryPoints: ['core/validation/generate.ts'], outfile });
    const code = createRequire(import.meta.url)(outfile).generateValidatorModule();
    const target = 'core/validation/generated.ts';
    const current = await readFile(target, 'utf8').catch(() => '');
    if (current !== code) await writeFile(target, code);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A bundle for the browser: no Node built-in may be in it (a unit test reads the metafile to check). */
async function browserBuild(options) {
  const result = await build({
    ...common,
    ...options,
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    // web-tree-sitter's CommonJS build; the Node built-ins on its Node-only path are replaced by a stub.
    alias: {
      'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs',
      fs: './server/browser/noNode.ts',
      'fs/promises': './server/browser/noNode.ts',
      path: './server/browser/noNode.ts',
      url: './server/browser/noNode.ts',
    },
  });
  await writeFile(`${options.outfile.replace(/\.js$/, '')}.meta.json`, JSON.stringify(result.metafile));
}

await generateValidators();
await Promise.all([
  build({ ...common, entryPoints: ['client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // Loaded right after activation (client/bundles.ts): activation does not parse the LSP client.
  build({ ...common, entryPoints: ['client/languageClient.ts'], outfile: 'dist/languageClient.js', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['server/node/main.ts'],
    outfile: 'dist/server.js',
    banner: { js: '#!/usr/bin/env node' },
    // web-tree-sitter's CommonJS build: its ES module build finds files through import.meta.url.
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  }),
  build({ ...common, entryPoints: ['emulator/main.ts'], outfile: 'dist/emulator.js', banner: { js: '#!/usr/bin/env node' } }),
  // The command line (`ims-tags check`, `ims-tags diff`): the language service in-process, no server.
  build({
    ...common,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
  }),
  // VS Code for the web: the client in the web worker extension host, the server in a web worker of its own.
  browserBuild({
    entryPoints: ['client/browser/extension.ts'],
    outfile: 'dist/extension.web.js',
    format: 'cjs',
    external: ['vscode'],
  }),
  browserBuild({ entryPoints: ['server/browser/main.ts'], outfile: 'dist/server.web.js', format: 'iife' }),
  browserBuild({ entryPoints: ['server/browser/treeSitterScript.ts'], outfile: 'dist/tree-sitter.web.js', format: 'iife' }),
]);
// The HCL parser's WASM (web-tree-sitter's runtime and tree-sitter's Terraform grammar) beside the server.
await copyFile('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm');
await copyFile(
  'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm',
  'dist/tree-sitter-terraform.wasm',
);
await chmod('dist/server.js', 0o755);
await chmod('dist/emulator.js', 0o755);
await chmod('dist/cli.js', 0o755);
