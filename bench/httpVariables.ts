/**
 * .http variables at scale (issue [http-env]): a 5,000-request file whose requests take their host,
 * project and image from an environment of 200 variables in http-client.env.json, read by the server.
 * Completion after `{{` and hover on a variable (target: p50 under 5 ms each), and diagnostics after an
 * edit, over real LSP round trips.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { URI } from 'vscode-uri';
import { LspClient } from '../test/support/lspClient';
import { diagnosticsAfterEdits } from './editTiming';
import { percentile } from './stats';

export interface VariablesRun {
  requests: number;
  variables: number;
  sizeBytes: number;
  completion: { p50: number; p95: number; items: number };
  hover: { p50: number; p95: number; value: boolean };
  diagnosticsAfterEdit: { p50: number; p95: number; count: number };
}

export async function benchHttpVariables(serverJs: string, requests = 5000, variables = 200, rounds = 60): Promise<VariablesRun> {
  const dir = mkdtempSync(join(tmpdir(), 'ims-bench-vars-'));
  const dev: Record<string, string> = {
    host: 'ims.cn-north-4.myhuaweicloud.com',
    projectId: 'p-bench',
    token: 'bench-token-0123456789',
  };
  for (let i = 0; dev && Object.keys(dev).length < variables; i++) dev[`image${i}`] = `img-${i.toString(16).padStart(6, '0')}`;
  writeFileSync(join(dir, 'http-client.env.json'), JSON.stringify({ $shared: { region: 'cn-north-4' }, dev }, null, 2));
  const blocks: string[] = [];
  for (let i = 0; i < requests; i++) {
    const image = `{{image${i % (variables - 3)}}}`;
    blocks.push(
      i % 2 === 0
        ? `### list ${i}\nGET https://{{host}}/v2/{{projectId}}/images/${image}/tags\nX-Auth-Token: {{token}}\n`
        : `### tag ${i}\nPOST https://{{host}}/v2/{{projectId}}/images/${image}/tags\nContent-Type: application/json\nX-Auth-Token: {{token}}\n\n{"tag": {"key": "k${i}", "value": "{{region}}"}}\n`,
    );
  }
  const text = blocks.join('\n');
  const uri = URI.file(join(dir, 'requests.http')).toString();
  const client = await LspClient.start({
    command: process.execPath,
    args: [serverJs, '--stdio'],
    workspaceFolders: [URI.file(dir).toString()],
    configuration: { imsTags: { http: { environment: 'dev' } } },
  });
  try {
    await client.open(uri, 'http', text);
    await client.waitForDiagnostics(uri, () => true, 120_000);
    const lines = text.split('\n');
    const mid = lines.findIndex((l, i) => i >= lines.length / 2 && l.startsWith('GET '));
    const imageAt = lines[mid].indexOf('{{image') + 4;
    const tokenAt = lines[mid + 1].indexOf('{{') + 2;
    const cTimes: number[] = [];
    const hTimes: number[] = [];
    let items = 0;
    let value = false;
    for (let i = 0; i < rounds; i++) {
      let s = performance.now();
      const list = await client.request<{ items: unknown[] }>('textDocument/completion', {
        textDocument: { uri },
        position: { line: mid + 1, character: tokenAt },
      });
      cTimes.push(performance.now() - s);
      items = list.items.length;
      s = performance.now();
      const h = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: mid, character: imageAt },
      });
      hTimes.push(performance.now() - s);
      value = /Value: `img-/.test(h?.contents.value ?? '');
    }
    const diagnosticsAfterEdit = await diagnosticsAfterEdits(
      client,
      uri,
      { line: mid, character: lines[mid].length },
      Math.min(rounds, 30),
    );
    if (!value) throw new Error('the hover did not show the environment value: the benchmark measured the wrong thing');
    return {
      requests,
      variables: Object.keys(dev).length + 1,
      sizeBytes: text.length,
      completion: { p50: percentile(cTimes, 50), p95: percentile(cTimes, 95), items },
      hover: { p50: percentile(hTimes, 50), p95: percentile(hTimes, 95), value },
      diagnosticsAfterEdit,
    };
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void benchHttpVariables(join(__dirname, '../../dist/server.js')).then((r) =>
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`),
  );
}
