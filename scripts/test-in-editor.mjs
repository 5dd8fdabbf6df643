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
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// --untrusted: the restricted-mode suite, in a workspace that is not trusted.
const untrusted = args.includes('--untrusted');
// --only <name>: the *.itest files whose name contains it, alone (the extension host inherits the variable).
const only = option('--only');
// --test <name>: the tests whose name contains it (or is it), alone in a fresh editor.
const testName = option('--test');
// --shuffle [seed]: the tests of every chosen file in a seeded random order across files; without a seed,
// one is drawn and printed, so that a failing order can be run again.
const shuffle = args.includes('--shuffle')
  ? /^\d+$/.test(option('--shuffle') ?? '')
    ? option('--shuffle')
    : String(Math.floor(Math.random() * 2 ** 31))
  : undefined;
// --each: every chosen test alone, one fresh editor each (a test must not need another to run first).
const each = args.includes('--each');

/** One run of the suite in a fresh profile and workspace; `env` reaches the extension host. Resolves to the exit code. */
async function runOnce(env, onLine) {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
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
  // The server has the variables now; this process goes back to its own.
  for (const [k, v] of Object.entries(saved))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  const browser = await launchChromium();
  let code;
  try {
    const page = await browser.newPage();
    const exited = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (c) => resolve(c)));
    page.on('console', (m) => {
      const text = m.text();
      // Test output arrives as extension-host log lines; print only the harness's own lines.
      const line = /(?:^|\s)((?:not )?ok - .*|in-editor: \d+ passed, \d+ failed|test: .*|order: .*)/s.exec(
        text.replace(/%c/g, ''),
      );
      if (line) onLine(line[1].trim());
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
  return code;
}

const print = (line) => process.stdout.write(`${line}\n`);

async function main() {
  ensureEditorToolchain();
  const env = {
    ...(only ? { IMS_ITEST_ONLY: only } : {}),
    ...(testName ? { IMS_ITEST_TEST: testName } : {}),
    ...(shuffle ? { IMS_ITEST_SHUFFLE: shuffle } : {}),
  };
  if (!each) process.exit(await runOnce(env, print));
  // --each: the names first (one editor), then every test in an editor of its own.
  const names = [];
  const listed = await runOnce({ ...env, IMS_ITEST_LIST: '1' }, (l) => l.startsWith('test: ') && names.push(l.slice(6)));
  if (listed !== 0 || names.length === 0) {
    process.stderr.write('in-editor: the tests could not be listed\n');
    process.exit(1);
  }
  const failedAlone = [];
  for (const [i, name] of names.entries()) {
    print(`# ${i + 1}/${names.length} alone: ${name}`);
    const code = await runOnce({ ...env, IMS_ITEST_TEST: name }, print);
    if (code !== 0) failedAlone.push(name);
  }
  print(`in-editor, each test alone: ${names.length - failedAlone.length} of ${names.length} passed`);
  for (const name of failedAlone) print(`  failed alone: ${name}`);
  process.exit(failedAlone.length > 0 ? 1 : 0);
}

main().catch((e) => {
  process.stderr.write(`in-editor run failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
