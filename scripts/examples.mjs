// @ts-check
// A fresh copy of examples/ for `npm start`, outside the work tree (trying the quick fixes never edits
// the repository), with the .http environments naming the emulator that runs now.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freshExamples(examples, emulator) {
  const dir = mkdtempSync(join(tmpdir(), 'ims-examples-'));
  cpSync(examples, dir, { recursive: true });
  // The environments name the emulator that runs now.
  const envFile = join(dir, 'http-client.env.json');
  const env = JSON.parse(readFileSync(envFile, 'utf8'));
  // Without one (npm start -- --web), they keep the shipped address.
  if (emulator) env.$shared = { ...env.$shared, host: emulator.url, projectId: emulator.projectId };
  writeFileSync(envFile, `${JSON.stringify(env, null, 2)}\n`);
  // The example passwords where {{$dotenv}} reads them, and "dev" selected: emulator.http works at once.
  cpSync(join(dir, '.env.example'), join(dir, '.env'));
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode/settings.json'), `${JSON.stringify({ 'imsTags.http.environment': 'dev' }, null, 2)}\n`);
  return dir;
}
