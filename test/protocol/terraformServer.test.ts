/**
 * The built server over stdio with Terraform: diagnostics inside a heredoc for an open .tf document,
 * and a policy in a .tf file of the workspace counting for a .http request's verdict, named by its
 * resource address, following the file when it changes on disk.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'vscode-uri';
import type { Hover } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const role = (actions: string[]) => `resource "huaweicloud_identity_role" "tagger" {
  name   = "tagger"
  type   = "XA"
  policy = <<EOT
{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ${JSON.stringify(actions)}}]}
EOT
}
`;
const REQUEST = 'GET https://ims.cn-north-4.myhuaweicloud.com/v2/p1/images/img-1/tags\n';

let dir: string;
let client: LspClient;
let tfPath: string;
const httpUri = 'file:///virtual/requests.http';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ims-tf-'));
  tfPath = join(dir, 'iam.tf');
  writeFileSync(tfPath, role(['ims:images:list']));
  client = await LspClient.inFolder(dir);
  await client.open(httpUri, 'http', REQUEST);
});
after(async () => {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a policy in a .tf file of the workspace grants, named by its resource address', async () => {
  // The HCL parser loads in the background: the .tf file counts once it has been read.
  const deadline = Date.now() + 20_000;
  let value = '';
  while (Date.now() < deadline && !/huaweicloud_identity_role/.test(value)) {
    const h = await client.request<Hover>('textDocument/hover', {
      textDocument: { uri: httpUri },
      position: { line: 0, character: 1 },
    });
    value = (h.contents as { value: string }).value;
    if (!/huaweicloud_identity_role/.test(value)) await new Promise((r) => setTimeout(r, 50));
  }
  assert.match(value, /✅ `ims:images:list` allowed by huaweicloud_identity_role\.tagger, statement 1/);
});

test('the .tf file changed on disk: the verdict follows', async () => {
  writeFileSync(tfPath, role(['ims:images:get']));
  await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(tfPath).toString(), type: 2 }] });
  const ds = await client.waitForDiagnostics(httpUri, (d) => d.some((x) => x.code === 'not-granted'));
  assert.match(String(ds[0].message), /No policy in the workspace grants "ims:images:list"/);
});

test('an open .tf document gets its diagnostics at the exact characters, and code actions that edit it', async () => {
  const uri = 'file:///virtual/main.tf';
  const text = role(['ims:images:lst']);
  await client.open(uri, 'terraform', text);
  const [d] = await client.waitForDiagnostics(uri, (x) => x.length > 0);
  const line = text.split('\n')[d.range.start.line];
  assert.equal(line.slice(d.range.start.character, d.range.end.character), '"ims:images:lst"');
  const actions = await client.request<Array<{ title: string; edit?: { changes: Record<string, unknown[]> } }>>(
    'textDocument/codeAction',
    {
      textDocument: { uri },
      range: d.range,
      context: { diagnostics: [d] },
    },
  );
  assert.ok(actions.some((a) => a.title === 'Replace with "ims:images:list"' && a.edit?.changes[uri]));
});

test('semantic tokens for .tf only for a client without Terraform colouring of its own (terraformTokens)', async () => {
  type Selector = Array<{ language: string }>;
  const selector = (c: LspClient) =>
    ((c.capabilities.semanticTokensProvider as { documentSelector: Selector }).documentSelector ?? []).map((d) => d.language);
  assert.deepEqual(selector(client), ['http']);
  const plain = await LspClient.inFolder(dir, { initializationOptions: { terraformTokens: true } });
  try {
    assert.deepEqual(selector(plain), ['http', 'terraform']);
    const uri = URI.file(tfPath).toString();
    await plain.open(uri, 'terraform', role(['ims:images:list']));
    const deadline = Date.now() + 20_000;
    let data: number[] = [];
    while (Date.now() < deadline && data.length === 0) {
      data = (await plain.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })).data;
      if (data.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    // `resource` first: a keyword (the legend's first type) at line 0, character 0, 8 long.
    assert.deepEqual(data.slice(0, 4), [0, 0, 8, 0]);
  } finally {
    await plain.stop();
  }
});

test('the workspace index reads .tf files in the HCL subset at once, and the others once the HCL parser is loaded', async () => {
  const ws = mkdtempSync(join(tmpdir(), 'ims-tf-index-'));
  writeFileSync(join(ws, 'plain.tf'), role(['ims:images:list']));
  // A conditional is outside the subset: this file waits for tree-sitter.
  writeFileSync(
    join(ws, 'conditional.tf'),
    'resource "huaweicloud_images_image" "i" {\n  tags = { env = var.prod ? "prod" : "dev" }\n}\n',
  );
  const c = await LspClient.inFolder(ws);
  try {
    const indexed = await c.waitForLog(/Indexed \d+ policy file/, 20_000);
    assert.match(
      indexed,
      /among 0 JSON file\(s\) and 2 Terraform file\(s\) in \d+ ms; 1 Terraform file\(s\) wait for the HCL parser\./,
    );
    // The plain file's role is indexed already: one policy.
    assert.match(indexed, /^Indexed 1 policy file/);
    assert.match(await c.waitForLog(/Read \d+ Terraform file/, 20_000), /^Read 1 Terraform file\(s\) of the workspace/);
  } finally {
    await c.stop();
    rmSync(ws, { recursive: true, force: true });
  }
});
