// @ts-check
// The suites, written once: `npm test` runs every stage in order; `npm run test:unit` runs the node:test
// folders; docs/testing.md lists the same names.
const node = process.execPath;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The node:test suites (unit, protocol, emulator, Neovim), compiled into out/. */
export const NODE_TEST_DIRS = [
  'out/test/unit/',
  'out/test/protocol/',
  'out/test/corpus/',
  'out/test/cli/',
  'out/test/emulator/',
  'out/test/nvim/',
];
export const NODE_TEST_ARGS = ['--test', '--test-timeout=120000', ...NODE_TEST_DIRS];

/** Every stage of `npm test`: [name, command, args]. A stage whose name has "suite" counts tests. */
export const STAGES = [
  ['type check', npm, ['run', '--silent', 'typecheck']],
  ['lint suite (ESLint: layers and rules)', npm, ['run', '--silent', 'lint']],
  ['format suite (Prettier, 130 columns)', npm, ['run', '--silent', 'format:check']],
  ['bundles', npm, ['run', '--silent', 'build']],
  ['compile tests', npm, ['run', '--silent', 'compile-tests']],
  ['editor toolchain', node, ['scripts/setup-editor.mjs', '--quiet']],
  ['unit, protocol, emulator and Neovim suites', node, NODE_TEST_ARGS],
  ['grammar suite (TextMate injections, vscode-tmgrammar-test)', node, ['scripts/test-grammars.mjs']],
  ['in-editor suite (code-server)', node, ['scripts/test-in-editor.mjs']],
  ['in-editor suite, restricted mode (untrusted workspace)', node, ['scripts/test-in-editor.mjs', '--untrusted']],
  ['.vsix', npm, ['run', '--silent', 'package']],
  ['UI suite (Chromium + code-server + .vsix)', node, ['test/ui/run.mjs']],
  ['browser-host suite (the .vsix in the web worker extension host)', node, ['test/ui/web.mjs']],
  ['zh-cn UI suite (the .vsix in code-server with --locale zh-cn)', node, ['test/ui/zh.mjs']],
  ['secret scan suite (logs and artifacts)', node, ['scripts/scan-secrets.mjs']],
];
