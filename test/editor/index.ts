/** Entry point of the in-editor suite (extensionTestsPath): loads every *.itest file beside it, then runs them. */
import { readdirSync } from 'node:fs';
import { runAll } from './harness';

export async function run(): Promise<void> {
  // Discovered, not listed: a new *.itest.ts file joins the suite by being there. IMS_ITEST_ONLY (set
  // by `test-in-editor.mjs --only <name>`) runs the files whose name contains it, alone: a file must not
  // need another to run first.
  const only = process.env.IMS_ITEST_ONLY;
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.itest.js') && (!only || f.includes(only)))
    .sort())
    require(`./${file}`);
  await runAll();
}
