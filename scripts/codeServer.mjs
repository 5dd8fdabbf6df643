// @ts-check
// Starts and stops a real VS Code (code-server on Node 24) for the in-editor suite, the UI suite and npm start.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerBin, codeServerEnv } from './editorEnv.mjs';

export const repoRoot = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** Settings that keep the workbench quiet and focused (no welcome page stealing focus, no AI panels). */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'chat.disableAIFeatures': true,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'editor.inlayHints.enabled': 'on',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** Runs npm run setup:editor when the cached toolchain is missing (idempotent, seconds when present). */
export function ensureEditorToolchain() {
  if (existsSync(codeServerBin)) return;
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/setup-editor.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('the real-editor toolchain could not be installed: see the [setup:editor] messages above.');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

/** A fresh user-data dir, extensions dir and config file under a temporary (or given) folder. */
export function prepareProfile(base = mkdtempSync(join(tmpdir(), 'ims-cs-')), settings = {}) {
  const userData = join(base, 'user');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const extensions = join(base, 'extensions');
  mkdirSync(extensions, { recursive: true });
  const config = join(base, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  return { base, userData, extensions, config };
}

/**
 * VS Code in another display language, offline. code-server honours `--locale` only for a language it
 * has a pack for, and no Marketplace is reachable here; so the profile's language-pack cache
 * (languagepacks.json, which VS Code writes when a pack is installed) names an empty translation of VS
 * Code's own strings. VS Code's menus stay English; every extension, ours included, runs in that language
 * (vscode.env.language, package.nls.<locale>.json, l10n/bundle.l10n.<locale>.json). With a real
 * language pack installed, VS Code is translated too.
 */
export function useDisplayLanguage(profile, locale) {
  const dir = join(profile.base, 'language-pack');
  mkdirSync(dir, { recursive: true });
  const translations = join(dir, 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const pack = {
    hash: `ims-tags-${locale}`,
    extensions: [{ extensionIdentifier: { id: `ims-tags.display-language-${locale}` }, version: '0.0.1' }],
    translations: { vscode: translations },
    label: locale,
  };
  writeFileSync(join(profile.userData, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/** Copies a fixture workspace to a temporary folder, so tests can edit it freely. */
export function copyWorkspace(from) {
  const to = mkdtempSync(join(tmpdir(), 'ims-ws-'));
  cpSync(from, to, { recursive: true });
  return to;
}

export function installVsix(profile, vsix) {
  const r = spawnSync(
    codeServerBin,
    [
      '--user-data-dir',
      profile.userData,
      '--extensions-dir',
      profile.extensions,
      '--config',
      profile.config,
      '--install-extension',
      vsix,
      '--force',
    ],
    { env: codeServerEnv(), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`code-server could not install ${vsix}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server on loopback and resolves once /healthz answers. `smokeDriver` enables the
 * test payload (extensionDevelopmentPath / extensionTestsPath in the URL).
 * @param {{ profile: { base: string; userData: string; extensions: string; config: string }; folder: string;
 *   port?: number; smokeDriver?: boolean; workspaceTrust?: boolean; locale?: string; log?: (text: string) => void }} options
 */
export async function startCodeServer({
  profile,
  folder,
  port,
  smokeDriver = false,
  workspaceTrust = false,
  locale,
  log = () => {},
}) {
  port = port ?? (await freePort());
  const args = [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--config',
    profile.config,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir',
    profile.userData,
    '--extensions-dir',
    profile.extensions,
  ];
  // Workspace Trust is off unless a suite checks restricted mode.
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (smokeDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // The display language: it needs a language pack installed (installLanguagePack).
  if (locale) args.push('--locale', locale);
  args.push(folder);
  const child = spawn(codeServerBin, args, { env: codeServerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (b) => {
    output.push(String(b));
    log(String(b));
  });
  child.stderr.on('data', (b) => {
    output.push(String(b));
    log(String(b));
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited (${child.exitCode}) before it was ready:\n${output.join('')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`code-server did not answer /healthz within 60 s:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    child,
    output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          resolve();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Headless Debian Chromium, with the flags this closed network needs. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const { chromium: executablePath } = await import('./editorEnv.mjs');
  if (!existsSync(executablePath))
    throw new Error(`Chromium is not at ${executablePath}: run npm run setup:editor (it installs Debian's chromium).`);
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The local emulator (dist/emulator.js) with the account of examples/iam.json (users, groups, a custom
 * policy, grants, 5.0 and ABAC policies) on loopback, with the demo credentials EMULATOR-AK / EMULATOR-SK.
 * @param {{ port: number }} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess; url: string; projectId: string }>}
 */
export function spawnEmulator({ port }) {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'dist/emulator.js'),
      ...['--port', String(port), '--ak', 'EMULATOR-AK', '--sk', 'EMULATOR-SK', '--seed', '1'],
      ...['--iam', join(repoRoot, 'examples/iam.json')],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b) => {
      out += b;
      const m = /listening on (\S+)\nproject_id: (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], projectId: m[2] });
    });
    child.on('exit', (code) =>
      reject(new Error(`the emulator exited (${code}); is port ${port} free? Choose another with --emulator-port=N`)),
    );
  });
}
