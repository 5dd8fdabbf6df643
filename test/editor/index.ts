/** Entry point of the in-editor suite (extensionTestsPath): loads every *.itest file, then runs them. */
import './policy.itest';
import './http.itest';
import './explorer.itest';
import { runAll } from './harness';

export async function run(): Promise<void> {
  await runAll();
}
