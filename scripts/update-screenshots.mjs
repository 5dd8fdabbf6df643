#!/usr/bin/env node
// @ts-check
// Copies the screenshots the UI suite took (test-output/ui/) to docs/images/, where the README and docs/ show them.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pairs = [
  ['explorer-tag-added.png', 'explorer.png'],
  ['hover.png', 'policy-hover.png'],
  ['completion.png', 'policy-completion.png'],
  ['http-hints.png', 'http-hints.png'],
  ['filter-row.png', 'filter-row.png'],
  ['batch-overwrite.png', 'batch-overwrite.png'],
  ['response.png', 'response.png'],
  ['connect-step.png', 'connect-step.png'],
  ['policies-live.png', 'policies-live.png'],
  ['publish-review.png', 'publish-review.png'],
  ['who-can.png', 'who-can.png'],
  ['tag-change-impact.png', 'tag-change-impact.png'],
  ['lock-out.png', 'lock-out.png'],
];
mkdirSync(join(root, 'docs/images'), { recursive: true });
for (const [from, to] of pairs) {
  const src = join(root, 'test-output/ui', from);
  if (!existsSync(src)) {
    process.stderr.write(`${src} is missing: run npm run test:ui first.\n`);
    process.exit(1);
  }
  copyFileSync(src, join(root, 'docs/images', to));
}
process.stdout.write("docs/images updated from the UI suite's screenshots.\n");
