#!/usr/bin/env node
// @ts-check
// The UI in Simplified Chinese: the packaged .vsix in code-server started with `--locale zh-cn`, as
// `npm start -- --locale zh-cn` starts it (offline, VS Code's own strings stay English: see
// useDisplayLanguage in scripts/codeServer.mjs). The IMS views, a command title in the palette, a hover and
// a diagnostic must be in Chinese; screenshots in test-output/zh/.
import { join } from 'node:path';
import { repoRoot } from '../../scripts/codeServer.mjs';
import { goTo, openFile, steps } from './helpers.mjs';
import { openWorkbench } from './workbench.mjs';

const shots = join(repoRoot, 'test-output', 'zh');
const { results, step, setPage } = steps(shots);

async function main() {
  const wb = await openWorkbench({ shots, locale: 'zh-cn' });
  const { page } = wb;
  try {
    setPage(page);
    await wb.open();

    await step('the IMS views and their welcome are in Chinese (screenshot)', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="IMS"]').first().click();
      for (const title of ['镜像', '策略', '我的权限'])
        await page.locator('.pane-header', { hasText: title }).first().waitFor({ timeout: 30_000 });
      await page.locator('.welcome-view-content a.monaco-button', { hasText: '打开沙盒' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(shots, 'views.png') });
    });

    await step('a command title in the palette is in Chinese', async () => {
      await page.keyboard.press('Control+Shift+P');
      await page.locator('.quick-input-widget input').fill('>IMS: 连接本地模拟器');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: '连接本地模拟器' })
        .first()
        .waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(shots, 'palette.png') });
      await page.keyboard.press('Escape');
    });

    await step('hovering an action of a policy: the language server answers in Chinese (screenshot)', async () => {
      await openFile(page, 'policy.json');
      await goTo(page, 7, 15); // inside "ims:images:list"
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page
        .locator('.monaco-hover .hover-contents', { hasText: '查询镜像列表和镜像标签' })
        .first()
        .waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'hover.png') });
      await page.keyboard.press('Escape');
    });

    await step('a diagnostic of the policy is in Chinese', async () => {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row', { hasText: '未知的 IMS 授权项 "ims:images:updte"' }).first().waitFor({
        timeout: 30_000,
      });
      await page.screenshot({ path: join(shots, 'problems.png') });
    });
  } finally {
    await wb.close();
  }
  const passed = results.filter(Boolean).length;
  process.stdout.write(`zh-cn UI: ${passed} passed, ${results.length - passed} failed (screenshots in ${shots})\n`);
  process.exit(passed === results.length && results.length > 0 ? 0 : 1);
}

main().catch((e) => {
  process.stdout.write(`zh-cn UI: 0 passed, 1 failed\n${e.stack ?? e}\n`);
  process.exit(1);
});
