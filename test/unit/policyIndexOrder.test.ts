/**
 * The workspace index's list of policies (server/policyIndex.ts): sorted by URI, with open documents in
 * place of their files, kept sorted across edits of open documents and changes on disk. The disk's part is
 * sorted once per change on disk and the open documents merged in, so every case is checked against the
 * plain definition: every source, sorted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { DocumentCache } from '../../server/documentCache';
import { nodeFiles } from '../../server/node/nodeFiles';
import { PolicyIndex } from '../../server/policyIndex';
import { randomInt, seededRandom } from '../../core/util/random';

const policy = (action: string) => JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: [action] }] });
const actionOf = (s: { text?: string }) =>
  (JSON.parse(s.text ?? '') as { Statement: Array<{ Action: string[] }> }).Statement[0].Action[0];

test('open documents replace their files and join the list in URI order, through edits and changes on disk', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-index-order-'));
  try {
    const names = ['m.json', 'b.json', 'z.json', 'a.json', 'k.json', 'B2.json', 'c.json'];
    for (const n of names) writeFileSync(join(dir, n), policy(`ims:images:disk-${n}`));
    const open: TextDocument[] = [];
    const documents = {
      all: () => open,
      get: (u: string) => open.find((d) => d.uri === u),
    } as unknown as TextDocuments<TextDocument>;
    const index = new PolicyIndex(documents, new DocumentCache(), nodeFiles);
    const uri = (n: string) => URI.file(join(dir, n)).toString();
    await index.scan([URI.file(dir).toString()]);
    const expected = () => {
      const openUris = new Set(open.map((d) => d.uri));
      const fromDisk = names.filter((n) => !openUris.has(uri(n))).map((n) => ({ uri: uri(n), action: `ims:images:disk-${n}` }));
      const fromOpen = open.map((d) => ({ uri: d.uri, action: actionOf({ text: d.getText() }) }));
      return [...fromOpen, ...fromDisk].sort((x, y) => x.uri.localeCompare(y.uri));
    };
    const actual = () => index.sources().map((s) => ({ uri: s.uri, action: actionOf(s) }));
    assert.deepEqual(actual(), expected());
    // Open documents, edited in turn (each edit invalidates the list), including one outside the folder.
    const random = seededRandom(5);
    const outside = 'file:///elsewhere/open.json';
    for (let step = 0; step < 40; step++) {
      const n = names[randomInt(random, names.length)];
      const at = open.findIndex((d) => d.uri === uri(n));
      const text = policy(`ims:images:open-${n}-${step}`);
      if (at >= 0 && randomInt(random, 3) === 0) open.splice(at, 1);
      else if (at >= 0) open[at] = TextDocument.create(uri(n), 'json', step, text);
      else open.push(TextDocument.create(uri(n), 'json', step, text));
      if (step === 10) open.push(TextDocument.create(outside, 'json', 1, policy('ims:images:outside')));
      index.invalidate();
      assert.deepEqual(actual(), expected(), `step ${step}`);
    }
    // A change on disk: a new file joins in its place, a deleted one leaves.
    writeFileSync(join(dir, 'd.json'), policy('ims:images:disk-d.json'));
    names.push('d.json');
    await index.fileChanged(uri('d.json'));
    assert.deepEqual(actual(), expected());
    // a.json open (as in an editor) when its file is deleted.
    if (!open.some((d) => d.uri === uri('a.json')))
      open.push(TextDocument.create(uri('a.json'), 'json', 99, policy('ims:images:open-a')));
    index.invalidate();
    assert.ok(
      actual().some((s) => s.uri === uri('a.json')),
      'open, it grants',
    );
    rmSync(join(dir, 'a.json'));
    names.splice(names.indexOf('a.json'), 1);
    await index.fileChanged(uri('a.json'), true);
    assert.equal(
      actual().some((s) => s.uri === uri('a.json')),
      false,
      'a deleted file grants nothing, even while its document is open',
    );
    const withoutDeleted = expected().filter((s) => s.uri !== uri('a.json'));
    assert.deepEqual(actual(), withoutDeleted);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
