#!/usr/bin/env node
// @ts-check
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// UI suite: the packaged .vsix installed into code-server, driven in headless Chromium like a person
// would: type inside Action and see IMS actions in the suggest widget, hover an action and see the API
// table, open the Problems panel and see our diagnostic. Screenshots go to test-output/ui/.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, repoRoot, spawnEmulator } from '../../scripts/codeServer.mjs';
import { openWorkbench } from './workbench.mjs';
import {
  connectLocal,
  goTo,
  noQuickInputFor,
  openFile,
  quickInputTitled,
  runCommand,
  showImsView,
  setPaneExpanded,
  steps,
} from './helpers.mjs';

const shots = join(repoRoot, 'test-output', 'ui');
const { results, step, setPage } = steps(shots);

async function main() {
  const wb = await openWorkbench({
    shots,
    // A Terraform file to type in (written before the editor starts: Quick Open lists it at once).
    prepare: (folder) =>
      writeFileSync(
        join(folder, 'typing.tf'),
        [
          'resource "huaweicloud_identityv5_policy" "reader" {',
          '  name = "reader"',
          '  policy_document = jsonencode({',
          '    Version = "5.0"',
          '    Statement = [{',
          '      Effect = "Allow"',
          '      Action = [',
          '      ]',
          '    }]',
          '  })',
          '}',
          '',
        ].join('\n'),
      ),
  });
  const { page, folder, profile } = wb;
  try {
    setPage(page);
    await wb.open();

    await step('typing inside Action shows IMS actions in the suggest widget', async () => {
      await openFile(page, 'policy.json');
      await goTo(page, 9, 14); // inside "ims:" on line 9, after the colon
      await page.keyboard.type('ima');
      const rows = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
      const deadline = Date.now() + 30_000;
      let labels = [];
      while (Date.now() < deadline) {
        if (!(await page.locator('.editor-widget.suggest-widget.visible').count())) await page.keyboard.press('Control+Space');
        labels = await rows
          .locator('.label-name')
          .allInnerTexts()
          .catch(() => []);
        if (labels.some((l) => l.includes('ims:images:update'))) break;
        await page.waitForTimeout(200);
      }
      await page.screenshot({ path: join(shots, 'completion.png') });
      if (!labels.some((l) => l.includes('ims:images:update'))) throw new Error(`suggest widget rows: ${labels.join(', ')}`);
      // Ours is the selected row (preselected), whatever VS Code's JSON support lists beside it.
      const focused = await page
        .locator('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name')
        .innerText();
      if (focused.trim() !== 'ims:images:get') throw new Error(`selected suggestion: ${focused} (rows: ${labels.join(', ')})`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z');
    });

    await step('hovering an action shows the rendered API table', async () => {
      await goTo(page, 7, 15); // inside "ims:images:list"
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover .hover-contents', { hasText: 'Querying All Image Tags' }).first();
      await hover.waitFor({ timeout: 30_000 });
      const cells = await page.locator('.monaco-hover table td').count();
      await page.screenshot({ path: join(shots, 'hover.png') });
      if (cells < 4) throw new Error(`the hover table was not rendered as a table (${cells} cells)`);
      await page.keyboard.press('Escape');
    });

    await step('a .http file shows the permission hints after each IMS request line', async () => {
      await openFile(page, 'requests.http');
      try {
        await page
          .locator('.editor-instance .view-lines', { hasText: 'needs ims:images:update' })
          .first()
          .waitFor({ timeout: 30_000 });
      } finally {
        await page.screenshot({ path: join(shots, 'http-hints.png') });
      }
    });

    await step(
      'with no other .http extension, the .http file is highlighted by the server, and the environment is in the status bar',
      async () => {
        // The profile holds this extension only: the colors come from its semantic tokens (and no grammar of another).
        const method = page.locator('.editor-instance .view-lines span span', { hasText: /^POST$/ }).first();
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('.editor-instance .view-lines span span')].some(
              (s) => s.textContent === 'POST' && !s.className.split(' ').includes('mtk1'),
            ),
          undefined,
          { timeout: 30_000 },
        );
        const colors = await page.evaluate(() => {
          const spans = [...document.querySelectorAll('.editor-instance .view-lines span span')];
          const color = (text) => {
            const s = spans.find((x) => x.textContent === text || x.textContent?.startsWith(text));
            return s ? getComputedStyle(s).color : undefined;
          };
          return {
            method: color('POST'),
            header: color('Content-Type'),
            plain: getComputedStyle(document.querySelector('.editor-instance .view-lines')).color,
          };
        });
        if (!colors.method || colors.method === colors.plain || colors.header === colors.plain)
          throw new Error(`the .http file is not highlighted: ${JSON.stringify(colors)}`);
        await method.waitFor();
        await page.locator('.statusbar-item', { hasText: 'no environment' }).first().waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(shots, 'http-highlighted.png') });
      },
    );

    await step('a Terraform heredoc shows the squiggle on the unknown action, and its hover names the resource', async () => {
      await openFile(page, 'roles.tf');
      await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 30_000 });
      await goTo(page, 12, 41);
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover', { hasText: 'huaweicloud_identity_role.tagger' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: join(shots, 'terraform-heredoc.png') });
      await page.keyboard.press('Escape');
    });

    await step(
      'Terraform without another extension: coloured, "ims: in a jsonencode list offers IMS actions, Enter keeps the line (screenshot)',
      async () => {
        await openFile(page, 'typing.tf');
        // The server's semantic tokens colour the keyword: no grammar of another extension is installed.
        await page.waitForFunction(
          () =>
            [...document.querySelectorAll('.editor-instance .view-lines span span')].some(
              (s) => s.textContent === 'resource' && !s.className.split(' ').includes('mtk1'),
            ),
          undefined,
          { timeout: 30_000 },
        );
        await goTo(page, 7, 17);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        // Typed at full speed, as a person types: the focused item must be an action, not the prefix "ims:".
        await page.keyboard.type('"ims:');
        const focused = page.locator('.suggest-widget .monaco-list-row.focused .label-name');
        await page.waitForFunction(
          () =>
            /^ims:[\w*]+:[\w*]+$/.test(
              document.querySelector('.suggest-widget .monaco-list-row.focused .label-name')?.textContent?.trim() ?? '',
            ),
          undefined,
          { timeout: 30_000 },
        );
        const action = (await focused.innerText()).trim();
        await page.screenshot({ path: join(shots, 'terraform-typing.png') });
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          (a) => document.querySelector('.editor-instance .view-lines')?.textContent?.includes(`"${a}"`),
          action,
          { timeout: 10_000 },
        );
        const lines = await page.locator('.editor-instance .view-lines').innerText();
        if (lines.includes(`"${action}""`) || lines.includes('"ims:"')) throw new Error(`the line was corrupted:\n${lines}`);
      },
    );

    await step('a new policy resource from its skeleton where a top-level block starts (screenshot)', async () => {
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('res');
      await page.keyboard.press('Control+Space');
      const row = page.locator('.suggest-widget .monaco-list-row', { hasText: 'huaweicloud_identity_role' }).first();
      await row.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'terraform-skeleton.png') });
      await row.click();
      await page.keyboard.press('Escape');
      await page
        .locator('.editor-instance .view-lines', { hasText: 'Reads the tags of IMS images' })
        .first()
        .waitFor({ timeout: 10_000 });
      // Reverted (auto-save may have written it) and removed: the workspace's policies stay those the later steps expect.
      await runCommand(page, 'View: Revert and Close Editor');
      // The next editor takes focus once this one is gone: a palette opened before that would lose its keys.
      await page.locator('.tabs-container .tab[aria-label*="typing.tf"]').waitFor({ state: 'detached', timeout: 10_000 });
      await page.locator('.tabs-container .tab.active').first().waitFor({ timeout: 10_000 });
      await page.waitForTimeout(500);
      rmSync(join(folder, 'typing.tf'), { force: true });
    });

    await step('Escape stops "Connect to Huawei Cloud" at the step where it is pressed', async () => {
      await runCommand(page, 'IMS: Connect to Huawei Cloud');
      await quickInputTitled(page, 'Connect to Huawei Cloud (1/4)');
      await page.keyboard.press('Escape');
      await noQuickInputFor(page, 1500);
      await runCommand(page, 'IMS: Connect to Huawei Cloud');
      await quickInputTitled(page, 'Connect to Huawei Cloud (1/4)');
      await page.locator('.quick-input-widget input').fill('cn-north-4');
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'Connect to Huawei Cloud (2/4)');
      await page.locator('.quick-input-widget input').fill('AK/SK');
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'Connect to Huawei Cloud (3/4)');
      await page.screenshot({ path: join(shots, 'connect-step.png') });
      // Escape at the access key: no secret-key prompt follows.
      await page.keyboard.press('Escape');
      await noQuickInputFor(page, 1500);
    });
    await step(
      'the IMS view: open the Sandbox, see the seeded images, add a tag through the UI, see it in the tree',
      async () => {
        await showImsView(page);
        // The Images and Policies views both welcome with Open Sandbox: the first is the Images view's.
        await page
          .locator('.welcome-view-content a.monaco-button', { hasText: 'Open Sandbox' })
          .first()
          .click({ timeout: 30_000 });
        const rows = page.locator('.pane-body .monaco-list-row');
        // Seeded image names end in a number (the list is virtual: only the rows in view exist).
        await rows
          .filter({ hasText: /-00\d\d/ })
          .first()
          .waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(shots, 'explorer.png') });
        const image = rows.filter({ hasText: 'project' }).locator('xpath=following-sibling::*[1]').first();
        const imageRow = (await image.count()) ? image : rows.nth(1);
        const name = (await imageRow.innerText()).split('\n')[0].trim();
        await imageRow.click();
        await imageRow.hover();
        await page.locator('.pane-body .monaco-list-row.focused .action-label[aria-label^="Add Tag"]').first().click();
        const input = page.locator('.quick-input-widget input');
        await input.fill('reviewed-by');
        await page.keyboard.press('Enter');
        await page.locator('.quick-input-widget', { hasText: 'reviewed-by' }).waitFor();
        await input.fill('ui-test');
        await page.keyboard.press('Enter');
        const added = rows.filter({ hasText: 'reviewed-by = ui-test' }).first();
        try {
          await added.waitFor({ timeout: 5_000 });
        } catch {
          // collapsed: expand the image to see its tags
          await page.locator('.pane-body .monaco-list-row', { hasText: name }).first().click();
          await page.keyboard.press('ArrowRight');
          await added.waitFor({ timeout: 30_000 });
        }
        await page.screenshot({ path: join(shots, 'explorer-tag-added.png') });
      },
    );

    await step('Find by tags shows its filter as a row of its own, with Clear Filters in the title bar', async () => {
      await runCommand(page, 'IMS: Find Images by Tags');
      await quickInputTitled(page, 'Find images by tags (1/2)');
      await page.locator('.quick-input-widget input').fill('tags');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'images with all of these tags' }).waitFor();
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'Find images by tags (2/2)');
      await page.locator('.quick-input-widget input').fill('reviewed-by=ui-test');
      await page.keyboard.press('Enter');
      const row = page.locator('.pane-body .monaco-list-row', {
        hasText: 'Filtered: tags: reviewed-by=ui-test (1 found by tags)',
      });
      await row.first().waitFor({ timeout: 30_000 });
      // Title-bar actions show while the pointer is over the view.
      await row.first().hover();
      // A container with one view shows the view's actions in the side bar's own title.
      const clear = page.locator('.sidebar .action-label[aria-label^="Clear Filters"]:visible').first();
      await clear.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(shots, 'filter-row.png') });
      await clear.click();
      await row.first().waitFor({ state: 'detached', timeout: 30_000 });
    });

    await step('adding a tag to selected images asks before overwriting another value', async () => {
      const rows = page.locator('.pane-body .monaco-list-row');
      // The first two images: the first has reviewed-by = ui-test from the step before.
      const images = rows.filter({ has: page.locator('.monaco-tl-twistie.collapsible') });
      await images.nth(1).waitFor({ timeout: 30_000 });
      await images.nth(0).click();
      await images.nth(1).click({ modifiers: ['Control'] });
      await runCommand(page, 'IMS: Add Tag to Selected Images');
      await quickInputTitled(page, 'Add a tag to 2 selected images (1/2)');
      await page.locator('.quick-input-widget input').fill('reviewed-by');
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'Add a tag to 2 selected images (2/2)');
      await page.locator('.quick-input-widget input').fill('someone-else');
      await page.keyboard.press('Enter');
      const dialog = page.locator('.monaco-dialog-box', {
        hasText: '1 of the 2 images already have reviewed-by with another value.',
      });
      await dialog.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'batch-overwrite.png') });
      await dialog.locator('.monaco-button', { hasText: 'Skip those' }).click();
      await page.locator('.notifications-toasts', { hasText: '1 images done.' }).waitFor({ timeout: 30_000 });
    });

    await step('"Send IMS request" shows the URL used, the status and the body as highlighted JSON', async () => {
      await openFile(page, 'sandbox.http');
      await page.locator('.codelens-decoration a', { hasText: 'Send IMS request' }).nth(1).click({ timeout: 30_000 });
      // The file names ims.{{region}}…; the request goes to the Sandbox: the question says so.
      const dialog = page.locator('.monaco-dialog-box', { hasText: 'the request goes to the connected endpoint instead' });
      await dialog.waitFor({ timeout: 30_000 });
      await dialog.locator('.monaco-button', { hasText: 'Send' }).click();
      await page.locator('.tabs-container .tab.active[aria-label*="ListImageTags.jsonc"]').waitFor({ timeout: 30_000 });
      const text = page.locator('.editor-instance .view-lines', { hasText: 'HTTP 404' }).last();
      await text.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'response.png') });
    });
    await step('a new custom policy opens as a live document in the Policies view, with a squiggle as in a file', async () => {
      await runCommand(page, 'IMS: New Custom Policy (IAM 1.1)');
      await quickInputTitled(page, 'New Custom Policy (IAM 1.1) (1/3)');
      await page.locator('.quick-input-widget input').fill('ui-tagging');
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'New Custom Policy (IAM 1.1) (2/3)');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'XA' }).waitFor();
      await page.keyboard.press('Enter');
      await quickInputTitled(page, 'New Custom Policy (IAM 1.1) (3/3)');
      await page.locator('.quick-input-widget input').fill('made in the UI');
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active[aria-label*=".json"]').waitFor({ timeout: 30_000 });
      await page.locator('.pane-body .monaco-list-row', { hasText: 'ui-tagging' }).first().waitFor({ timeout: 30_000 });
      // The template's action, line 7: type after it, and the live document is checked like a file.
      await goTo(page, 7, 25);
      await page.keyboard.type('x');
      await page.locator('.editor-instance .squiggly-warning').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'policies-live.png') });
      await page.keyboard.press('Backspace');
    });
    await step('Ctrl+S on a live policy opens the review, Cancel first: Enter publishes nothing', async () => {
      // After the template's action (line 7): a second action, valid JSON.
      await goTo(page, 7, 26);
      await page.keyboard.type(', "ims:images:get"');
      await page.locator('.statusbar-item', { hasText: 'Unpublished' }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+S');
      await quickInputTitled(page, 'Publish "ui-tagging" to IAM?');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'allows ims:images:get' }).first().waitFor();
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Cancel' }).waitFor();
      // The widget fades in: the picture is taken once no animation runs.
      await page.waitForFunction(
        () => {
          const widget = document.querySelector('.quick-input-widget');
          return widget !== null && getComputedStyle(widget).opacity === '1';
        },
        undefined,
        { timeout: 10_000 },
      );
      await page.screenshot({ path: join(shots, 'publish-review.png') });
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      // Still unpublished: the tab is dirty and the status bar says so.
      await page.locator('.tabs-container .tab.active.dirty').waitFor({ timeout: 10_000 });
      await page.locator('.statusbar-item', { hasText: 'Unpublished' }).first().waitFor({ timeout: 10_000 });
    });
    await step('the Problems panel lists the unknown action', async () => {
      await page.keyboard.press('Control+Shift+M');
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'Unknown IMS action "ims:images:updte"' }).first();
      await row.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(shots, 'problems.png') });
    });
    // Tags deciding access (docs/abac.md), on an emulator with the account of examples/iam.json, as `npm start` runs it.
    const abac = await spawnEmulator({ port: await freePort() });
    try {
      await step('on the example account, a tag that grants frank an image asks first, and Who Can Tag shows why', async () => {
        await connectLocal(page, abac.url, 'EMULATOR-AK', 'EMULATOR-SK');
        const rows = page.locator('.pane-body .monaco-list-row');
        // The tree shows the Sandbox's images until it has read the new connection's; the row is drawn again
        // once STS has said who signs (" · as …"): a click before that may land on a row being replaced.
        await rows
          .filter({ hasText: `Local emulator at ${abac.url}` })
          .filter({ hasText: ' · as ' })
          .first()
          .waitFor({ timeout: 30_000 });
        const images = rows.filter({ has: page.locator('.monaco-tl-twistie.collapsible') });
        await images.first().waitFor({ timeout: 30_000 });
        const imageRow = images.first();
        const name = (await imageRow.locator('.label-name').first().innerText()).trim();
        await imageRow.click();
        await imageRow.hover();
        await page.locator('.pane-body .monaco-list-row.focused .action-label[aria-label^="Add Tag"]').first().click();
        await quickInputTitled(page, '(1/2)');
        await page.locator('.quick-input-widget input').fill('owner');
        await page.keyboard.press('Enter');
        await quickInputTitled(page, '(2/2)');
        await page.locator('.quick-input-widget input').fill('frank-owner');
        await page.keyboard.press('Enter');
        const dialog = page.locator('.monaco-dialog-box', { hasText: 'This tag change moves access to images.' });
        await dialog.waitFor({ timeout: 30_000 });
        await dialog
          .getByText(/frank-owner can now set or read tags/)
          .first()
          .waitFor();
        await page.screenshot({ path: join(shots, 'tag-change-impact.png') });
        await dialog.locator('.monaco-button', { hasText: 'Change Tags' }).click();
        await dialog.waitFor({ state: 'detached', timeout: 10_000 });
        // The write refreshes the tree: the command runs on the image once its row is selected again.
        const tagged = rows.filter({ hasText: name }).first();
        await tagged.click();
        await page.locator('.pane-body .monaco-list-row.selected', { hasText: name }).first().waitFor({ timeout: 10_000 });
        await runCommand(page, 'IMS: Who Can Tag These Images?');
        const whoCan = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Who Can Tag' }) });
        await whoCan.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
        // The new pane is small and renders only the rows it has room for: the panes above make room.
        for (const title of ['Images', 'Policies', 'My Permissions']) await setPaneExpanded(page, title, false);
        try {
          // The user's row (the image's row names frank-owner too, in its tags).
          const frank = whoCan.locator('.monaco-list-row', { hasText: /^\s*frank-owner/ }).first();
          await frank.waitFor({ timeout: 30_000 });
          await frank.locator('.monaco-tl-twistie').click();
          await whoCan.locator('.monaco-list-row', { hasText: 'GlanceDeleteTag' }).first().waitFor({ timeout: 30_000 });
          await runCommand(page, 'Notifications: Clear All Notifications');
          await page.screenshot({ path: join(shots, 'who-can.png') });
        } finally {
          for (const title of ['Images', 'Policies', 'My Permissions']) await setPaneExpanded(page, title, true);
        }
      });
      await step('signed in as frank, deleting his owner tag warns of the lock-out, and Enter keeps the tag', async () => {
        await connectLocal(page, abac.url, 'FRANKACCESSKEY000001', 'frank-secret-key-for-the-emulator');
        const rows = page.locator('.pane-body .monaco-list-row');
        await rows.filter({ hasText: ' · as frank-owner' }).first().waitFor({ timeout: 30_000 });
        const images = rows.filter({ has: page.locator('.monaco-tl-twistie.collapsible') });
        await images.first().waitFor({ timeout: 30_000 });
        await images.first().click();
        await page.keyboard.press('ArrowRight');
        const tag = rows.filter({ hasText: 'owner = frank-owner' }).first();
        await tag.waitFor({ timeout: 30_000 });
        await tag.click();
        await tag.hover();
        await page.locator('.pane-body .monaco-list-row.focused .action-label[aria-label^="Delete Tag"]').first().click();
        const dialog = page.locator('.monaco-dialog-box', { hasText: 'After this change you can no longer tag' });
        await dialog.waitFor({ timeout: 30_000 });
        await page.screenshot({ path: join(shots, 'lock-out.png') });
        // The default button keeps the access: Enter changes nothing.
        await page.keyboard.press('Enter');
        await dialog.waitFor({ state: 'detached', timeout: 10_000 });
        // A delete would refresh the image at once and its row would go: still there two seconds on.
        await page.waitForTimeout(2000);
        if (!(await rows.filter({ hasText: 'owner = frank-owner' }).first().isVisible()))
          throw new Error('the owner tag is gone: Enter deleted it');
      });
      await step('Connect to a Local Emulator offers the last used address first, checked running (screenshot)', async () => {
        await runCommand(page, 'IMS: Connect to a Local Emulator');
        await quickInputTitled(page, 'Connect to a Local Emulator (1/3)');
        const first = page.locator('.quick-input-list .monaco-list-row').first();
        await first
          .filter({ hasText: abac.url })
          .filter({ hasText: 'last used' })
          .filter({ hasText: 'running' })
          .waitFor({ timeout: 20_000 });
        await page.screenshot({ path: join(shots, 'connect-offers.png') });
        await page.keyboard.press('Escape');
        await noQuickInputFor(page, 1500);
      });

      await step('a reload connects again as the last time, without asking', async () => {
        await runCommand(page, 'Developer: Reload Window');
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        await showImsView(page);
        await page
          .locator('.pane-body .monaco-list-row', { hasText: `Local emulator at ${abac.url}` })
          .first()
          .waitFor({ timeout: 60_000 });
        await page.screenshot({ path: join(shots, 'reconnected.png') });
      });
    } finally {
      abac.child.kill();
    }
  } finally {
    await wb.close();
    cpSync(join(profile.userData, 'logs'), join(repoRoot, 'test-output', 'logs', 'ui'), { recursive: true, force: true });
  }
  const passed = results.filter(Boolean).length;
  process.stdout.write(`ui: ${passed} passed, ${results.length - passed} failed (screenshots in ${shots})\n`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch((e) => {
  process.stderr.write(`UI run failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
