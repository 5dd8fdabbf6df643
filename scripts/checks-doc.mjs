// @ts-check
// Writes docs/checks.md from the checks' own declarations (server/services/checks/registry.ts), from the
// compiled tests' output (`npm run compile-tests` first; `npm run docs:checks` does both).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// A path, not a literal: out/ exists only after compile-tests, and the type check runs before it.
const registry = new URL('../out/server/services/checks/registry.js', import.meta.url).pathname;
const { checksMarkdown } = require(registry);
writeFileSync(new URL('../docs/checks.md', import.meta.url), checksMarkdown());
console.log('docs/checks.md written');
