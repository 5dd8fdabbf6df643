#!/usr/bin/env node
// @ts-check
// The same in-editor suite on desktop VS Code through @vscode/test-electron: wherever a VS Code build
// can be downloaded, or is given by path in VSCODE_EXECUTABLE. (These machines can do neither; CI uses
// the code-server runner, scripts/test-in-editor.mjs.)
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { copyWorkspace, repoRoot } from './codeServer.mjs';

const workspace = copyWorkspace(join(repoRoot, 'test/fixtures/workspace'));
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out/test/editor/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  process.stderr.write(`test:electron failed: ${e?.message ?? e}\n`);
  process.stderr.write(
    'If VS Code could not be downloaded, point VSCODE_EXECUTABLE at an installed desktop VS Code (the `code` binary of a VS Code build), or run npm run test:editor (code-server) instead.\n',
  );
  process.exit(1);
}
