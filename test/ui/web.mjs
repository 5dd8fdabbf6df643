#!/usr/bin/env node
// @ts-check
// Browser-host suite: the packaged .vsix in code-server with the extension moved into the web worker
// extension host (`remote.extensionKind` → web), as on vscode.dev. The extension test API runs in the
// Node host, so this suite drives the UI instead: the browser entry reports that it runs there, then a
// completion (screenshot), diagnostics in a policy and in a Terraform heredoc, a .http hover, all served by
// the language server in its web worker, and the IMS view's sentence on what the web cannot do.
import { join } from 'node:path';
import { repoRoot } from '../../scripts/codeServer.mjs';
import { goTo, openFile, steps } from './helpers.mjs';
import { openWorkbench } from './workbench.mjs';

const shots = join(repoRoot, 'test-output', 'web');
const { results, step, setPage } = steps(shots);

/** `--activation N`: N fresh pages, each a new web worker host; prints the activation times as JSON. */
async function activationTimes(page, url, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const seen = [];
    const listener = (m) => seen.push(m.text());
    page.on('console', listener);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await openFile(page, 'policy.json');
    const deadline = Date.now() + 60_000;
    let match;
    while (!(match = seen.map((t) => /language server started in (\d+) ms/.exec(t)).find(Boolean))) {
      if (Date.now() > deadline) throw new Error('the extension did not report its activation');
      await page.waitForTimeout(100);
    }
    page.off('console', listener);
    times.push(Number(match[1]));
  }
  return times;
}

async function main() {
  const activation = process.argv.indexOf('--activation');
  const wb = await openWorkbench({ shots, settings: { 'remote.extensionKind': { 'ims-tags.ims-tags-policies': ['web'] } } });
  const { page, url } = wb;
  const host = [];
  try {
    setPage(page);
    page.on('console', (m) => host.push(m.text()));
    if (activation > 0) {
      const times = await activationTimes(page, url, Number(process.argv[activation + 1] ?? 3));
      process.stdout.write(`${JSON.stringify({ webActivationMs: times })}\n`);
      return;
    }
    await wb.open();

    await step('the extension runs in the web worker extension host and starts its server in a worker', async () => {
      await openFile(page, 'policy.json');
      const deadline = Date.now() + 60_000;
      while (!host.some((t) => /IMS Tags & Policies: web worker host, language server started in \d+ ms/.test(t))) {
        if (Date.now() > deadline) throw new Error(`no word from the web worker host:\n${host.slice(-20).join('\n')}`);
        await page.waitForTimeout(200);
      }
    });

    await step('typing inside Action shows IMS actions, served from the web worker (screenshot)', async () => {
      // After "ims: in the Action list (line 9 of policy.json).
      await goTo(page, 9, 14);
      await page.keyboard.press('Control+Space');
      await page.locator('.suggest-widget .monaco-list-row', { hasText: 'ims:images:get' }).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'web-completion.png') });
      await page.keyboard.press('Escape');
    });

    await step('diagnostics of a policy and of a Terraform heredoc come from the worker', async () => {
      await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 30_000 });
      await openFile(page, 'roles.tf');
      await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 60_000 });
    });

    await step('a .http request line shows its permission hint', async () => {
      await openFile(page, 'requests.http');
      await page
        .locator('.editor-instance .view-lines', { hasText: 'needs ims:images:update' })
        .first()
        .waitFor({ timeout: 30_000 });
    });

    await step('the IMS view says in one sentence what the web cannot do, instead of a broken explorer', async () => {
      await page.locator('.activitybar [aria-label*="IMS"]').first().click();
      await page.locator('.welcome-view-content', { hasText: 'a browser page cannot call Huawei Cloud (CORS)' }).first().waitFor({
        timeout: 20_000,
      });
      await page.screenshot({ path: join(shots, 'web-view.png') });
    });
  } finally {
    await wb.close();
  }
  const passed = results.filter(Boolean).length;
  process.stdout.write(`browser host: ${passed} passed, ${results.length - passed} failed (screenshots in ${shots})\n`);
  process.exit(passed === results.length && results.length > 0 ? 0 : 1);
}

main().catch((e) => {
  process.stdout.write(`browser host: 0 passed, 1 failed\n${e.stack ?? e}\n`);
  process.exit(1);
});
