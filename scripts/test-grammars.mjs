#!/usr/bin/env node
// @ts-check
// `npm run test:grammars`: the TextMate injection grammars of syntaxes/ (registered through package.json)
// against the annotated files of test/grammars/, with vscode-tmgrammar-test. The base grammars there are
// minimal stand-ins for VS Code's JSON grammar and REST Client's http grammar. Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const cases = readdirSync(join(root, 'test/grammars')).filter((f) => f.includes('.test.'));
const bin = join(root, 'node_modules/vscode-tmgrammar-test/dist/unit.js');
const run = spawnSync(
  process.execPath,
  [
    bin,
    '-g',
    'test/grammars/json-base.tmLanguage.json',
    '-g',
    'test/grammars/http-base.tmLanguage.json',
    ...cases.map((c) => `test/grammars/${c}`),
  ],
  { cwd: root, encoding: 'utf8' },
);
const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
process.stdout.write(output);
if (run.error) {
  process.stdout.write(`vscode-tmgrammar-test could not run (${run.error.message}): run npm ci first.\n`);
  process.exit(1);
}
const passed = (output.match(/run successfuly/g) ?? []).length;
const failed = cases.length - passed;
process.stdout.write(`grammars: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
