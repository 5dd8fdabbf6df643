/** Protocol robustness: cancelled requests, a burst of 1,000 edits, open/close churn, memory after closing. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import type { CompletionList, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from '../../server/languageService';
import { generatePolicy } from '../../bench/generate';
import { rssMiB } from '../../bench/stats';
import { LspClient, SERVER_JS } from '../support/lspClient';

let client: LspClient;
before(async () => {
  client = await LspClient.start({ command: process.execPath, args: [SERVER_JS, '--stdio'] });
});
after(async () => client.stop());

const POLICY = '{"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:list", ""]}]}';

test('cancelled requests are answered (a result or a cancellation), and the server goes on', async () => {
  const uri = 'file:///cancel/p.json';
  await client.open(uri, 'json', POLICY);
  const outcomes = await Promise.allSettled(
    Array.from({ length: 50 }, () => {
      const source = new CancellationTokenSource();
      const p = client.connection.sendRequest(
        'textDocument/completion',
        { textDocument: { uri }, position: { line: 0, character: 78 } },
        source.token,
      );
      source.cancel();
      return p;
    }),
  );
  assert.equal(outcomes.length, 50);
  for (const o of outcomes) if (o.status === 'rejected') assert.match(String((o.reason as Error).message), /cancel/i);
  // A request cancelled while it waits is handed a cancelled token: the server must stop there (an empty
  // answer or a cancellation), not compute it anyway. Sent back to back, most of the 50 are cancelled
  // before they run; a server that ignored its tokens would answer every one in full.
  const stopped = outcomes.filter((o) => o.status === 'rejected' || (o.value as CompletionList).items.length === 0).length;
  assert.ok(stopped > 0, `all ${outcomes.length} cancelled requests were computed in full`);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: 78 },
  });
  assert.ok(list.items.length > 0, 'still answering');
});

test('1,000 edits in a burst: the diagnostics that end up published are those of the final text', async () => {
  const uri = 'file:///burst/p.json';
  let text = POLICY;
  await client.open(uri, 'json', text);
  let doc = TextDocument.create(uri, 'json', 1, text);
  let version = 1;
  for (let i = 0; i < 1000; i++) {
    const at = text.indexOf('""') + 1;
    const insert = 'ims:images:updte,'[i % 17];
    const range = { start: doc.positionAt(at), end: doc.positionAt(at) };
    version = await client.edit(uri, range, insert);
    doc = TextDocument.update(doc, [{ range, text: insert }], version);
    text = doc.getText();
  }
  const expected = getLanguageService().diagnostics(TextDocument.create(uri, 'json', version, text));
  const got = await client.waitForDiagnostics(uri, (_d, p) => p.version === version, 30_000);
  assert.deepEqual(got, JSON.parse(JSON.stringify(expected)));
});

test('open/close churn: 300 documents opened and closed; each close clears its diagnostics', async () => {
  for (let i = 0; i < 300; i++) {
    const uri = `file:///churn/${i}.${i % 2 ? 'json' : 'http'}`;
    await client.open(
      uri,
      i % 2 ? 'json' : 'http',
      i % 2 ? POLICY : 'PUT https://ims.cn-north-4.myhuaweicloud.com/v2/images/a/tags/b\n',
    );
    if (i % 3 === 0)
      await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 2 } });
    await client.close(uri);
  }
  await client.waitForDiagnostics('file:///churn/299.json', (d) => d.length === 0);
  const list = await client.request<CompletionList>('textDocument/completion', {
    textDocument: { uri: 'file:///cancel/p.json' },
    position: { line: 0, character: 78 },
  });
  assert.ok(list.items.length > 0, 'alive after the churn');
});

test('memory returns near its baseline after 20 large documents are closed', async () => {
  const idle = () => new Promise((r) => setTimeout(r, 2500));
  await idle();
  const baseline = rssMiB(client.process.pid!);
  const big = generatePolicy(1_000_000);
  for (let i = 0; i < 20; i++) {
    const uri = `file:///big/${i}.json`;
    await client.open(uri, 'json', big);
    await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 10, character: 12 } });
    await client.waitForDiagnostics(uri, () => true, 30_000);
  }
  const loaded = rssMiB(client.process.pid!);
  for (let i = 0; i < 20; i++) await client.close(`file:///big/${i}.json`);
  await idle();
  const after = rssMiB(client.process.pid!);
  // Twenty open 1 MB policies hold far more than this margin; a leak of them would show.
  process.stdout.write(
    `# memory: ${baseline.toFixed(0)} MiB idle, ${loaded.toFixed(0)} MiB with 20 large documents, ${after.toFixed(0)} MiB after closing them\n`,
  );
  assert.ok(
    after < baseline + 80,
    `RSS ${baseline.toFixed(0)} MiB before, ${loaded.toFixed(0)} MiB with 20 large documents open, ${after.toFixed(0)} MiB after closing`,
  );
});
