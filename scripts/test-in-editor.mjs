#!/usr/bin/env node
// @ts-check
// Runs the in-editor suite (out/test/editor/index.js) inside a real VS Code: code-server with the
// smoke-test driver, the extension loaded from this folder through the URL payload, and the exit code
// reported by the workbench through codeAutomationExit.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyWorkspace,
  ensureEditorToolchain,
  launchChromium,
  prepareProfile,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

const TIMEOUT_MS = 180_000;
// --untrusted: the restricted-mode suite, in a workspace that is not trusted.
const untrusted = process.argv.includes('--untrusted');
// --only <name>: the *.itest files whose name contains it, alone (the extension host inherits the variable).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
if (only) process.env.IMS_ITEST_ONLY = only;

async function main() {
  ensureEditorToolchain();
  const profile = prepareProfile(
    undefined,
    untrusted
      ? {
          'security.workspace.trust.enabled': true,
          'security.workspace.trust.startupPrompt': 'never',
          'security.workspace.trust.banner': 'never',
        }
      : {},
  );
  const folder = copyWorkspace(join(repoRoot, 'test/fixtures/workspace'));
  const server = await startCodeServer({ profile, folder, smokeDriver: true, workspaceTrust: untrusted });
  const browser = await launchChromium();
  let code;
  try {
    const page = await browser.newPage();
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    page.on('console', (m) => {
      const text = m.text();
      // Test output arrives as extension-host log lines; print only the harness's own lines.
      const line = /(?:^|\s)((?:not )?ok - .*|in-editor: \d+ passed, \d+ failed)/s.exec(text.replace(/%c/g, ''));
      if (line) process.stdout.write(`${line[1].trim()}\n`);
    });
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(repoRoot)],
      ['extensionTestsPath', remote(join(repoRoot, untrusted ? 'out/test/editor/untrusted.js' : 'out/test/editor/index.js'))],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), TIMEOUT_MS))]);
    if (code === 'timeout') {
      process.stderr.write(`in-editor suite did not finish within ${TIMEOUT_MS / 1000} s\n`);
      code = 1;
    }
  } finally {
    await browser.close();
    await server.stop();
    // Kept for the secret scan and for people: everything VS Code and the extension logged.
    cpSync(
      join(profile.userData, 'logs'),
      join(repoRoot, 'test-output', 'logs', untrusted ? 'in-editor-untrusted' : 'in-editor'),
      { recursive: true, force: true },
    );
  }
  process.exit(code);
}

main().catch((e) => {
  process.stderr.write(`in-editor run failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
