#!/usr/bin/env node
// @ts-check
// `npm start`: builds the extension, packages it, installs it into a real VS Code (code-server on
// loopback), starts the local IMS emulator on loopback, and opens a fresh copy of examples/ (outside the
// work tree, so trying the quick fixes never edits the repository), with emulator.http pointing at the
// emulator it started. Prints the URLs. `-- --web` runs the extension in the web worker extension host,
// as on vscode.dev; `-- --locale zh-cn` opens VS Code in Simplified Chinese (the extension's views,
// commands and messages; VS Code's own menus need its language pack). With `-- --desktop` and a desktop
// `code` on PATH, opens the examples in desktop VS Code with the extension loaded instead.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot } from './editorEnv.mjs';
import { freshExamples } from './examples.mjs';
import {
  ensureEditorToolchain,
  installVsix,
  prepareProfile,
  repoRoot,
  spawnEmulator,
  startCodeServer,
  useDisplayLanguage,
} from './codeServer.mjs';

const args = process.argv.slice(2);
const portArg = args.find((a) => a.startsWith('--port='));
const examples = join(repoRoot, 'examples');

/** Runs an npm script quietly: its output is shown only when it fails. */
function npm(script) {
  const r = spawnSync('npm', ['run', '--silent', script], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}\nnpm run ${script} failed; fix the error above and run npm start again.\n`);
    process.exit(1);
  }
}

if (args.includes('--desktop')) {
  const code = spawnSync('code', ['--version'], { encoding: 'utf8' });
  if (code.error || code.status !== 0) {
    process.stderr.write('No desktop `code` on PATH. Install VS Code, or run npm start without --desktop to use code-server.\n');
    process.exit(1);
  }
  npm('build');
  spawnSync('code', ['--extensionDevelopmentPath', repoRoot, examples], { stdio: 'inherit' });
  process.exit(0);
}

const web = args.includes('--web');
const locale =
  args.find((a) => a.startsWith('--locale='))?.split('=')[1] ??
  (args.includes('--locale') ? args[args.indexOf('--locale') + 1] : undefined);
if (locale !== undefined && !['en', 'zh-cn'].includes(locale.toLowerCase())) {
  process.stderr.write(`--locale ${locale}: the extension speaks en and zh-cn.\n`);
  process.exit(1);
}

ensureEditorToolchain();
npm('package');
// A profile per mode: the web worker host is a setting of the profile, and must not stay on afterwards.
const profile = prepareProfile(
  join(cacheRoot, web ? 'start-profile-web' : 'start-profile'),
  web ? { 'remote.extensionKind': { 'ims-tags.ims-tags-policies': ['web'] } } : {},
);
if (locale) useDisplayLanguage(profile, locale.toLowerCase());
installVsix(profile, join(repoRoot, 'ims-tags-policies.vsix'));
const port = portArg ? Number(portArg.split('=')[1]) : 8080;
const emulatorPort = Number(args.find((a) => a.startsWith('--emulator-port='))?.split('=')[1] ?? 8090);

// The web worker host cannot reach an emulator (no Node, CORS): none is started there.
let emulator;
try {
  // The demo credentials of examples/emulator.http: they open nothing but this local emulator.
  if (!web) emulator = await spawnEmulator({ port: emulatorPort });
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
const workspace = freshExamples(examples, emulator);
// "Connect to a Local Emulator" offers this address (code-server's extension host inherits the environment).
process.env.IMS_TAGS_LOCAL_EMULATOR = `http://127.0.0.1:${emulatorPort}`;
let server;
try {
  server = await startCodeServer({ profile, folder: workspace, port, locale: locale?.toLowerCase() });
} catch (e) {
  process.stderr.write(`${e.message}\nIs port ${port} free? Choose another with: npm start -- --port=8081\n`);
  process.exit(1);
}
process.stdout.write(
  [
    '',
    `IMS Tags & Policies is running in VS Code${web ? ' in the web worker extension host (as on vscode.dev)' : ''}${locale ? `, in ${locale}` : ''}. Open in a browser on this machine:`,
    '',
    `  ${server.url}/?folder=${encodeURIComponent(workspace)}`,
    '',
    ...(emulator
      ? [
          `Local IMS emulator: ${emulator.url} (AK EMULATOR-AK, SK EMULATOR-SK; "IMS: Connect to a Local Emulator").`,
          // The example account's users (examples/iam.json: example data, for this emulator only), to try
          // My permissions and Who Can Tag as someone who is not the administrator.
          'Its users, to connect as someone else (AK / SK):',
          ...exampleUsers().map((u) => `  ${u.user.padEnd(12)} ${u.access} / ${u.secret}`),
        ]
      : [
          'In the web worker host (as on vscode.dev) the policy, .http and Terraform features run; signing requests,',
          'the IMS explorer and the emulator need the Node host, so no emulator was started: run npm start without --web for those.',
        ]),
    `The examples are a fresh copy in ${workspace}. Ctrl+C stops ${emulator ? 'both' : 'it'}.`,
    '',
  ].join('\n'),
);
/** @returns {Array<{ user: string; access: string; secret: string }>} */
function exampleUsers() {
  try {
    return JSON.parse(readFileSync(join(examples, 'iam.json'), 'utf8')).accessKeys ?? [];
  } catch {
    return [];
  }
}

const stop = async () => {
  emulator?.child.kill();
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  emulator?.child.kill();
  process.stderr.write(`code-server exited (${code}).\n`);
  process.exit(code ?? 1);
});
