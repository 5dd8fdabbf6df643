/** Addresses of live IAM policies: named forms (tabs read as the policy is called) and the bare forms, both ways. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { addressPath, addressUri, documentText, parseAddress, type LiveAddress } from '../../core/client/liveAddress';

test('every address reads back from its path, with or without a name; names never add a segment', () => {
  const addresses: LiveAddress[] = [
    { kind: 'role', roleId: 'r1' },
    { kind: 'policy', policyId: 'p1' },
    { kind: 'version', policyId: 'p1', versionId: 'v3' },
  ];
  for (const a of addresses)
    for (const name of [undefined, 'IMS tagging', 'v2', 'default', 'a/b\\c', '运维 策略', '', '.json'])
      assert.deepEqual(parseAddress(addressPath(a, name)), a, `${JSON.stringify(a)} named ${JSON.stringify(name)}`);
  assert.equal(addressPath({ kind: 'role', roleId: 'r1' }, 'IMS tagging'), '/roles/r1/IMS tagging.json');
  assert.equal(addressPath({ kind: 'policy', policyId: 'p1' }, 'v2'), '/policies/p1/default/v2.json');
  assert.equal(addressPath({ kind: 'version', policyId: 'p1', versionId: 'v3' }, 'a/b'), '/policies/p1/v3/a_b.json');
  for (const bad of ['/roles/r1', '/roles/r1/a/b.json', '/policies/p1/v2', '/policies/p1/x2/n.json', '/elsewhere/r1.json'])
    assert.equal(parseAddress(bad), undefined, bad);
});

test('addressUri: a name with a space, #, ?, % or ] stays in the path, and the URI parses back to the address', () => {
  const a: LiveAddress = { kind: 'role', roleId: 'r1' };
  for (const name of ['IMS tagging', 'a#b', 'why?', '100% ims', 'x](https://host/)', '运维 策略']) {
    const uri = addressUri(a, name);
    assert.match(uri, /^ims-iam:\/roles\/r1\/[^\s#?()]+\.json$/, uri);
    const parsed = URI.parse(uri);
    assert.equal(parsed.scheme, 'ims-iam');
    assert.equal(parsed.fragment, '', `${name}: nothing becomes a fragment`);
    assert.equal(parsed.query, '', `${name}: nothing becomes a query`);
    assert.deepEqual(parseAddress(parsed.path), a, name);
    assert.equal(parsed.path, addressPath(a, name));
  }
});

test('a name as one segment: separators and control characters become _, spaces at the ends go, nothing is _', () => {
  const role = (name: string) => addressPath({ kind: 'role', roleId: 'r' }, name);
  assert.equal(role('a\\b/c'), '/roles/r/a_b_c.json');
  assert.equal(role('tab\there\u0000\u001f'), '/roles/r/tab_here__.json');
  assert.equal(role('  padded  '), '/roles/r/padded.json');
  assert.equal(role('   '), '/roles/r/_.json');
  assert.equal(role(''), '/roles/r/_.json');
  assert.equal(role(' \u0020'), '/roles/r/_.json');
  assert.equal(role('é ü'), '/roles/r/é ü.json', 'only control characters are replaced');
  // The parentheses and the like are escaped with upper-case hex, as encodeURIComponent does the rest.
  assert.equal(addressUri({ kind: 'role', roleId: 'r' }, "(it's)*!"), 'ims-iam:/roles/r/%28it%27s%29%2A%21.json');
});

test('the document as the editor shows it: two spaces, one newline at the end, from an object or IAM’s string', () => {
  const policy = { Version: '1.1', Statement: [] };
  assert.equal(documentText(policy), '{\n  "Version": "1.1",\n  "Statement": []\n}\n');
  assert.equal(documentText(JSON.stringify(policy)), documentText(policy));
  assert.equal(documentText('"text"'), '"text"\n');
  assert.throws(() => documentText('{ not json'), SyntaxError);
});
