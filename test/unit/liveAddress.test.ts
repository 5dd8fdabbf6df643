/** Addresses of live IAM policies: named forms (tabs read as the policy is called) and the bare forms, both ways. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { URI } from 'vscode-uri';
import { addressPath, addressUri, parseAddress, type LiveAddress } from '../../core/client/liveAddress';

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
