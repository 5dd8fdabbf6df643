/** Entry point of the in-editor suite (extensionTestsPath): loads every *.itest file beside it, then runs them. */
import { readdirSync } from 'node:fs';
import { runAll } from './harness';

export async function run(): Promise<void> {
  // Discovered, not listed: a new *.itest.ts file joins the suite by being there.
  for (const file of readdirSync(__dirname)
    .filter((f) => f.endsWith('.itest.js'))
    .sort())
    require(`./${file}`);
  await runAll();
}
