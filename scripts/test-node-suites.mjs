#!/usr/bin/env node
// @ts-check
// `npm run test:unit`: the node:test suites of scripts/suites.mjs, on the compiled tests.
import { spawnSync } from 'node:child_process';
import { NODE_TEST_ARGS } from './suites.mjs';

process.exit(spawnSync(process.execPath, NODE_TEST_ARGS, { stdio: 'inherit' }).status ?? 1);
