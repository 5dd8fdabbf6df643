// @ts-check
// Helpers of the UI suites (test/ui/run.mjs, test/ui/web.mjs): steps that leave a screenshot when they
// fail, and the few moves a person makes (Quick Open, Go to Line, the command palette).
import { join } from 'node:path';

/** Steps that count results; a failed step leaves a screenshot of what the page showed (`failed-N.png`). */
export function steps(shots) {
  const results = [];
  let page;
  return {
    results,
    setPage: (p) => {
      page = p;
    },
    async step(name, fn) {
      const started = Date.now();
      try {
        await fn();
        results.push(true);
        process.stdout.write(`ok - ${name} (${Date.now() - started} ms)\n`);
      } catch (e) {
        results.push(false);
        await page?.screenshot({ path: join(shots, `failed-${results.length}.png`) }).catch(() => undefined);
        process.stdout.write(`not ok - ${name}\n  ${String(e.stack ?? e).replace(/\n/g, '\n  ')}\n`);
      }
    },
  };
}

export async function openFile(page, name) {
  // A dialog still closing (the step before may have answered one) makes the quick input inert.
  await page.locator('.monaco-dialog-box').waitFor({ state: 'detached', timeout: 10_000 });
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(name);
  // Wait for the focused row with the name: pressing Enter on the first row re-opens the last file.
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: name }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active[aria-label*="${name}"]`).waitFor({ timeout: 20_000 });
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').fill(`:${line}:${column}`); // Go to Line is quick open with the ":" prefix
  // Enter only once the widget has read the input, else it is lost and the keys land in the box.
  await widget.filter({ hasText: new RegExp(`line ${line}.*column ${column}`, 'i') }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 20_000 });
  await page.locator('.statusbar', { hasText: `Ln ${line}, Col ${column}` }).waitFor({ timeout: 20_000 });
}

/** Runs a command from the palette by its title. */
export async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
}

/**
 * Shows the IMS view container. Its activity bar item toggles: after a reload the workbench may restore
 * the container as shown a moment after the page appears, and a click then would hide it. So the item is
 * clicked only while the container is not shown, until it is.
 */
export async function showImsView(page) {
  const item = page.locator('.activitybar .action-item:has(a[aria-label^="IMS"])').first();
  await item.waitFor({ timeout: 60_000 });
  for (let attempt = 0; attempt < 10; attempt++) {
    const checked = ((await item.getAttribute('class')) ?? '').split(/\s+/).includes('checked');
    if (checked && (await page.locator('.part.sidebar').isVisible())) return;
    if (attempt % 2 === 0) await item.locator('a').click();
    await page.waitForTimeout(500);
  }
  throw new Error('the IMS view container did not show');
}

/** The quick input with this title is shown (for multi-step flows: "Title (2/4)"). */
export async function quickInputTitled(page, text) {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: text }).waitFor({ timeout: 20_000 });
}

/** No quick input is shown now, nor for the next `ms` milliseconds. */
export async function noQuickInputFor(page, ms) {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await widget.isVisible()) throw new Error(`a quick input opened after Escape: ${await widget.innerText()}`);
    await page.waitForTimeout(100);
  }
}

/** "IMS: Connect to a Local Emulator", as a person answers its three steps. */
export async function connectLocal(page, url, ak, sk) {
  await runCommand(page, 'IMS: Connect to a Local Emulator');
  const input = page.locator('.quick-input-widget input');
  await quickInputTitled(page, 'Connect to a Local Emulator (1/3)');
  await input.fill(url);
  await page.keyboard.press('Enter');
  await quickInputTitled(page, 'Connect to a Local Emulator (2/3)');
  await input.fill(ak);
  await page.keyboard.press('Enter');
  await quickInputTitled(page, 'Connect to a Local Emulator (3/3)');
  await input.fill(sk);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 20_000 });
}

/**
 * Opens or closes a view of the side bar by its header. A small pane renders only the rows it has room
 * for (the list is virtual), so a step looking for a row further down closes the panes above it first.
 */
export async function setPaneExpanded(page, title, expanded) {
  const header = page.locator('.pane-header', { hasText: title }).first();
  await header.waitFor({ timeout: 20_000 });
  // At its left end: the middle of a header may hold the view's title bar buttons.
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click({ position: { x: 8, y: 8 } });
  await page.locator(`.pane-header[aria-expanded="${expanded}"]`, { hasText: title }).first().waitFor({ timeout: 10_000 });
}
