/** A second, independent LSP client: headless Neovim 0.7 (Debian) gets completions, hover and diagnostics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER_JS } from '../support/lspClient';

const SCRIPT = join(__dirname, '../../../test/nvim/lsp_check.lua');

function nvimOrFail(): string {
  const found = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    assert.fail(
      'Neovim is not installed: this suite needs it. Install it with `apt-get install -y neovim` (or run `npm run setup:nvim`).',
    );
  }
  return found.stdout.split('\n')[0];
}

function runNvim(env: Record<string, string>): string {
  const run = spawnSync('nvim', ['--headless', '--clean', '-u', 'NONE', '-S', SCRIPT], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE: process.execPath, LSP_SERVER: SERVER_JS, ...env },
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, output);
  return output;
}

test('Neovim 0.7 gets IMS completions, hover and pushed diagnostics from the server', () => {
  const version = nvimOrFail();
  assert.match(version, /NVIM v0\.\d+/);
  const dir = mkdtempSync(join(tmpdir(), 'ims-nvim-'));
  const file = join(dir, 'policy.json');
  writeFileSync(
    file,
    '{\n  "Version": "1.1",\n  "Statement": [\n    {"Effect": "Allow", "Action": ["ims:images:updte", "ims:images:list", "ims:"]}\n  ]\n}\n',
  );
  const line = 3;
  const text = '    {"Effect": "Allow", "Action": ["ims:images:updte", "ims:images:list", "ims:"]}';
  const output = runNvim({
    LSP_FILE: file,
    LSP_LINE: String(line),
    LSP_COL: String(text.lastIndexOf('ims:') + 4),
    HOVER_LINE: String(line),
    HOVER_COL: String(text.indexOf('ims:images:list') + 5),
  });
  assert.match(output, /COMPLETION: .*ims:images:update/);
  assert.match(output, /HOVER: \*\*ims:images:list\*\* — List and query images/);
  assert.match(output, /DIAGNOSTICS: .*unknown-action@3:35 Unknown IMS action "ims:images:updte"/);
});

test('Neovim gets the hover of an IMS request in a .http file, and its diagnostics', () => {
  nvimOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'ims-nvim-'));
  const file = join(dir, 'requests.http');
  writeFileSync(
    file,
    'POST https://ims.cn-north-4.myhuaweicloud.com/v2/p/images/i/tags\nContent-Type: application/json\n\n{"tag": {"key": "env"}}\n\n###\n\n',
  );
  const output = runNvim({ LSP_FILE: file, LSP_FILETYPE: 'http', LSP_LINE: '6', LSP_COL: '0', HOVER_LINE: '0', HOVER_COL: '2' });
  assert.match(output, /COMPLETION: .*POST \/v2\/\{project_id\}\/images\/\{image_id\}\/tags/);
  assert.match(output, /HOVER: \*\*Adding an Image Tag\*\* · 添加镜像标签/);
  assert.match(output, /DIAGNOSTICS: .*body-schema@3:8 Missing required property "value"/);
});

test('Neovim gets environment-based hover: the selected environment of http-client.env.json, sent as settings', () => {
  nvimOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'ims-nvim-'));
  writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ dev: { projectId: 'nvim-dev-project' } }));
  const file = join(dir, 'requests.http');
  const line = 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/{{projectId}}/images/{{imageId}}/tags';
  writeFileSync(file, `${line}\n\n###\n\n`);
  const output = runNvim({
    LSP_FILE: file,
    LSP_FILETYPE: 'http',
    LSP_LINE: '0',
    LSP_COL: String(line.indexOf('{{projectId}}') + 2),
    HOVER_LINE: '0',
    HOVER_COL: String(line.indexOf('{{projectId}}') + 4),
    LSP_SETTINGS: JSON.stringify({ imsTags: { http: { environment: 'dev' } } }),
  });
  assert.match(output, /HOVER: `\{\{projectId\}\}` {2}environment dev \(http-client\.env\.json\) {2}Value: `nvim-dev-project`/);
  assert.match(output, /COMPLETION: .*projectId/);
  assert.match(output, /DIAGNOSTICS: .*undefined-variable@0:\d+ \{\{imageId\}\} is defined nowhere: .*the environment "dev"/);
});

test('Neovim gets Terraform: a squiggle on the action inside a heredoc, and the hover of an action in jsonencode', () => {
  nvimOrFail();
  const dir = mkdtempSync(join(tmpdir(), 'ims-nvim-'));
  const file = join(dir, 'main.tf');
  const lines = [
    'resource "huaweicloud_identity_role" "r" {',
    '  policy = <<EOT',
    '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:updte"]}]}',
    'EOT',
    '}',
    'resource "huaweicloud_identityv5_policy" "p" {',
    '  policy_document = jsonencode({ Version = "5.0", Statement = [{ Effect = "Allow", Action = ["ims:images:list"] }] })',
    '}',
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  const output = runNvim({
    LSP_FILE: file,
    LSP_FILETYPE: 'terraform',
    LSP_LINE: '6',
    LSP_COL: String(lines[6].indexOf('ims:images:list') + 4),
    HOVER_LINE: '6',
    HOVER_COL: String(lines[6].indexOf('ims:images:list') + 5),
  });
  // A 5.0 policy (huaweicloud_identityv5_policy): IAM 5.0's model answers, with its access level.
  assert.match(output, /HOVER: \*\*ims:images:list\*\* — List images, and query images by tag\..*Access level: `list`/);
  assert.match(output, /DIAGNOSTICS: .*unknown-action@2:64 Unknown IMS action "ims:images:updte"/);
});
