// @ts-check
// A fresh copy of examples/ for `npm start`, outside the work tree (trying the quick fixes never edits
// the repository), with emulator.http naming the emulator that runs now.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freshExamples(examples, emulator) {
  const dir = mkdtempSync(join(tmpdir(), 'ims-examples-'));
  cpSync(examples, dir, { recursive: true });
  const file = join(dir, 'emulator.http');
  const text = readFileSync(file, 'utf8')
    .replace(/^@host = .*$/m, `@host = ${emulator.url}`)
    .replace(/^@projectId = .*$/m, `@projectId = ${emulator.projectId}`);
  writeFileSync(file, text);
  return dir;
}
