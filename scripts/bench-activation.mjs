#!/usr/bin/env node
// @ts-check
// Benchmark helper: installs the .vsix into a fresh code-server, opens a policy file in Chromium, and
// reads the extension's own "Activated in N ms" log line (activation without the language server's
// start, which runs in the background). Prints one JSON line: {"activationMs": [..]}.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyWorkspace,
  ensureEditorToolchain,
  installVsix,
  launchChromium,
  prepareProfile,
  repoRoot,
  startCodeServer,
} from './codeServer.mjs';

function findLog(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const hit = findLog(p);
      if (hit) return hit;
    } else if (e.name === 'IMS Tags & Policies.log') return p;
  }
  return undefined;
}

ensureEditorToolchain();
const runs = Number(process.argv[2] ?? 3);
const activationMs = [];
for (let i = 0; i < runs; i++) {
  const profile = prepareProfile();
  installVsix(profile, join(repoRoot, 'ims-tags-policies.vsix'));
  const folder = copyWorkspace(join(repoRoot, 'test/fixtures/workspace'));
  const server = await startCodeServer({ profile, folder });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('policy.json');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'policy.json' }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 60_000;
    let ms;
    while (ms === undefined && Date.now() < deadline) {
      const log = findLog(join(profile.userData, 'logs'));
      const m = log && statSync(log).size ? /Activated in (\d+) ms/.exec(readFileSync(log, 'utf8')) : null;
      if (m) ms = Number(m[1]);
      else await new Promise((r) => setTimeout(r, 100));
    }
    if (ms === undefined) throw new Error('the extension did not log its activation within 60 s');
    activationMs.push(ms);
  } finally {
    await browser.close();
    await server.stop();
  }
}
process.stdout.write(`${JSON.stringify({ activationMs })}\n`);
