// @ts-check
// What every UI suite (run.mjs, web.mjs, zh.mjs) does first: the editor toolchain, a folder for the
// screenshots, a fresh code-server profile with the packaged .vsix, a copy of the fixture workspace, then
// code-server on it and a Chromium page.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  copyWorkspace,
  ensureEditorToolchain,
  installVsix,
  launchChromium,
  prepareProfile,
  repoRoot,
  startCodeServer,
  useDisplayLanguage,
} from '../../scripts/codeServer.mjs';

/**
 * @param {{ shots: string; settings?: Record<string, unknown>; locale?: string; prepare?: (folder: string) => void }} options
 *   `settings`: the profile's, besides wrapped lines (they keep the inline hints on screen for screenshots);
 *   `locale`: the display language; `prepare`: files to add before the editor starts (Quick Open lists them at once).
 */
export async function openWorkbench({ shots, settings = {}, locale, prepare = () => {} }) {
  ensureEditorToolchain();
  mkdirSync(shots, { recursive: true });
  const profile = prepareProfile(undefined, { 'editor.wordWrap': 'on', ...settings });
  if (locale) useDisplayLanguage(profile, locale);
  installVsix(profile, process.env.IMS_VSIX || join(repoRoot, 'ims-tags-policies.vsix'));
  const folder = copyWorkspace(join(repoRoot, 'test/fixtures/workspace'));
  prepare(folder);
  const server = await startCodeServer({ profile, folder, locale });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  return {
    profile,
    folder,
    server,
    browser,
    page,
    url: `${server.url}/?folder=${encodeURIComponent(folder)}`,
    /** Goes to the workspace and waits for the workbench. */
    async open() {
      await page.goto(this.url);
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}
