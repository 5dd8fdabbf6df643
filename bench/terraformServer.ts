/**
 * Terraform at scale (issue [terraform]): a 1 MB .tf file of custom policies in heredocs, 5.0 policies in
 * jsonencode and image resources with tags, over real LSP round trips: completion and hover inside an
 * embedded policy (target: p50 under 5 ms), diagnostics after an edit (target: under 200 ms), and the
 * first diagnostics after opening (the HCL parser's load included).
 */
import { performance } from 'node:perf_hooks';
import { LspClient } from '../test/support/lspClient';
import { diagnosticsAfterEdits } from './editTiming';
import { percentile } from './stats';

export interface TerraformRun {
  sizeBytes: number;
  policies: number;
  firstDiagnosticsMs: number;
  completion: { p50: number; p95: number; items: number };
  hover: { p50: number; p95: number };
  diagnosticsAfterEdit: { p50: number; p95: number; count: number };
}

export function generateTerraform(targetBytes: number): { text: string; policies: number } {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < targetBytes) {
    const block =
      i % 3 === 0
        ? `resource "huaweicloud_identity_role" "role_${i}" {\n  name   = "role-${i}"\n  type   = "XA"\n  policy = <<EOT\n{\n  "Version": "1.1",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": ["ims:images:list", "ims:images:get", "ims:images:update"${i % 30 === 0 ? ', "ims:images:updte"' : ''}]\n    }\n  ]\n}\nEOT\n}\n`
        : i % 3 === 1
          ? `resource "huaweicloud_identityv5_policy" "policy_${i}" {\n  name = "policy-${i}"\n  policy_document = jsonencode({\n    Version = "5.0"\n    Statement = [\n      { Effect = "Allow", Action = ["ims:images:list", "ims:images:get", var.extra_${i}] },\n      { Effect = "Deny", Action = ["ims:images:delete"] }\n    ]\n  })\n}\n`
          : `resource "huaweicloud_images_image" "image_${i}" {\n  name = "image-${i}"\n  tags = {\n    env   = "prod"\n    team  = "t${i}"\n    owner = var.owner\n  }\n}\n`;
    parts.push(block);
    size += block.length + 1;
    i++;
  }
  return { text: parts.join('\n'), policies: Math.ceil((2 * i) / 3) };
}

export async function benchTerraform(serverJs: string, targetBytes = 1_000_000, rounds = 60): Promise<TerraformRun> {
  const { text, policies } = generateTerraform(targetBytes);
  const uri = 'file:///bench/main.tf';
  const client = await LspClient.start({ command: process.execPath, args: [serverJs, '--stdio'] });
  try {
    const t0 = performance.now();
    await client.open(uri, 'terraform', text);
    await client.waitForDiagnostics(uri, (d) => d.length > 0, 120_000);
    const firstDiagnosticsMs = performance.now() - t0;
    const lines = text.split('\n');
    const mid = lines.findIndex((l, n) => n > lines.length / 2 && l.includes('"Action": ["ims:images:list"'));
    const col = lines[mid].indexOf('ims:images:get') + 4;
    const cTimes: number[] = [];
    const hTimes: number[] = [];
    let items = 0;
    for (let r = 0; r < rounds; r++) {
      let s = performance.now();
      const list = await client.request<{ items: unknown[] }>('textDocument/completion', {
        textDocument: { uri },
        position: { line: mid, character: col },
      });
      cTimes.push(performance.now() - s);
      items = list.items.length;
      s = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri }, position: { line: mid, character: col } });
      hTimes.push(performance.now() - s);
    }
    if (items === 0) throw new Error('no completion inside the embedded policy: the benchmark measured the wrong thing');
    const diagnosticsAfterEdit = await diagnosticsAfterEdits(client, uri, { line: mid, character: col }, Math.min(rounds, 30));
    return {
      sizeBytes: text.length,
      policies,
      firstDiagnosticsMs,
      completion: { p50: percentile(cTimes, 50), p95: percentile(cTimes, 95), items },
      hover: { p50: percentile(hTimes, 50), p95: percentile(hTimes, 95) },
      diagnosticsAfterEdit,
    };
  } finally {
    await client.stop();
  }
}

if (require.main === module) {
  void benchTerraform(require('node:path').join(__dirname, '../../dist/server.js')).then((r) =>
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
  );
}
