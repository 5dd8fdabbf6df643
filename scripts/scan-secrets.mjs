#!/usr/bin/env node
// @ts-check
// The secret scan: every log and artifact the suites left in test-output/ (VS Code's and the
// extension's logs, output channels, screenshots' neighbours) searched for the credentials the suites
// used: the test secret keys, passwords and IAM tokens the emulator issued. Ends with "N passed, N failed".
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(new URL('..', import.meta.url).pathname, 'test-output');
// The shapes of every secret the suites hand out (see test/editor/*.itest.ts and the emulator).
const SECRETS = [
  /secret-\d+-do-not-log/,
  /emulator-token-[0-9a-f]{16,}/,
  /pw-right/,
  /sandbox-[0-9a-z]{8,}/,
  /emulator-secret-key-0001/,
];

function files(dir) {
  let out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out = out.concat(files(p));
    else if (!/\.(png|jpg)$/i.test(e.name)) out.push(p);
  }
  return out;
}

let list;
try {
  list = files(root);
} catch {
  process.stdout.write(`secret scan: 0 passed, 1 failed (no ${root}: run the suites first)\n`);
  process.exit(1);
}
const logs = list.filter((f) => f.endsWith('.log'));
const leaks = [];
for (const f of list) {
  if (statSync(f).size > 50 * 1024 * 1024) continue;
  const text = readFileSync(f, 'utf8');
  for (const s of SECRETS) if (s.test(text)) leaks.push(`${f}: ${s}`);
}
const extensionLogs = logs.filter((f) => f.endsWith('IMS Tags & Policies.log'));
const checks = [
  [`${list.length} files searched (${logs.length} logs)`, list.length > 0 && logs.length > 0],
  [`the extension's own log is among them (${extensionLogs.length})`, extensionLogs.length > 0],
  ['no secret in any of them', leaks.length === 0],
];
for (const [name, ok] of checks) process.stdout.write(`${ok ? 'ok' : 'not ok'} - ${name}\n`);
for (const l of leaks) process.stdout.write(`  leak: ${l}\n`);
const failed = checks.filter(([, ok]) => !ok).length;
process.stdout.write(`secret scan: ${checks.length - failed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
