/**
 * Publishing a 5.0 policy when IAM answers something other than "done" (core/client/livePublish.ts), with
 * a scripted IAM: room is made only for IAM's "too many versions" conflict, never for another refusal,
 * and with nothing deletable the conflict itself is what the editor is told. The emulator suite
 * (test/emulator/iamClient.test.ts) runs the whole story against a loopback IAM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ImsError } from '../../core/client/errors';
import type { IamClient } from '../../core/client/iamClient';
import { oldestDeletableVersion, publishLivePolicy, type PublishWords } from '../../core/client/livePublish';

const WORDS: PublishWords = {
  makeRoom: (name, version) => ({ question: `delete ${version} of ${name}?`, yes: 'Delete' }),
  restore: (name, version) => ({ question: `restore ${version} of ${name}?`, yes: 'Restore' }),
};
const LOG = { info: () => undefined, warn: () => undefined };
const FULL = () =>
  new ImsError('IAM CreatePolicyV5Version failed: 409 — the policy has too many versions', 409, 'IAM.0001', undefined, undefined);

/** An IAM whose createVersion fails with `first`, then succeeds; the calls it got, in order. */
function scripted(first: unknown, versions: Array<{ version_id: string; is_default: boolean }>, answer?: string) {
  const calls: string[] = [];
  let creates = 0;
  const iam = {
    createVersion: async (_id: string, _doc: string, _def: boolean) => {
      calls.push('create');
      if (creates++ === 0) throw first;
      return { version_id: 'v9', document: '{}', is_default: true };
    },
    listVersions: async () => (calls.push('list'), versions.map((v) => ({ ...v, document: '{}' }))),
    getVersion: async (_p: string, v: string) => (
      calls.push(`get ${v}`),
      { version_id: v, document: '{"kept":1}', is_default: false }
    ),
    deleteVersion: async (_p: string, v: string) => void calls.push(`delete ${v}`),
  } as unknown as IamClient;
  const asked: string[] = [];
  const ask = async (question: string, yes: string) => (asked.push(question), answer ?? yes);
  const publish = () =>
    publishLivePolicy(iam, ask, WORDS, LOG, { kind: 'policy', policyId: 'p1' }, { Version: '5.0' }, 'tags', true);
  return { calls, asked, publish };
}
const FIVE = ['v1', 'v2', 'v3', 'v4', 'v5'].map((version_id) => ({ version_id, is_default: version_id === 'v2' }));

test('room is made only for IAM’s conflict over versions: the oldest that is not the default, after asking', async () => {
  const full = scripted(FULL(), FIVE);
  await full.publish();
  assert.deepEqual(full.asked, ['delete v1 of tags?']);
  assert.deepEqual(full.calls, ['create', 'list', 'get v1', 'delete v1', 'create']);
});

test('another refusal is the editor’s to show, and nothing is deleted', async () => {
  for (const refusal of [
    new ImsError('IAM CreatePolicyV5Version failed: 400 — bad versions document', 400, undefined, undefined, undefined),
    new ImsError('IAM CreatePolicyV5Version failed: 409 — name taken', 409, undefined, undefined, undefined),
    Object.assign(new Error('409 too many versions'), { status: 409 }),
  ]) {
    const s = scripted(refusal, FIVE);
    await assert.rejects(s.publish(), (e: unknown) => e === refusal);
    assert.deepEqual(s.asked, [], refusal.message);
    assert.deepEqual(s.calls, ['create'], refusal.message);
  }
});

test('with nothing IAM lets us delete, the conflict itself is the answer; a person who says no keeps every version', async () => {
  const conflict = FULL();
  const onlyDefault = scripted(conflict, [{ version_id: 'v1', is_default: true }]);
  await assert.rejects(onlyDefault.publish(), (e: unknown) => e === conflict);
  assert.deepEqual(onlyDefault.calls, ['create', 'list']);
  assert.deepEqual(onlyDefault.asked, []);
  const declined = FULL();
  const no = scripted(declined, FIVE, 'Cancel');
  await assert.rejects(no.publish(), (e: unknown) => e === declined);
  assert.deepEqual(no.calls, ['create', 'list']);
  assert.deepEqual(no.asked, ['delete v1 of tags?']);
  assert.equal(
    oldestDeletableVersion([
      { version_id: 'v10', is_default: false },
      { version_id: 'v9', is_default: false },
    ])?.version_id,
    'v9',
    'by number, not by text',
  );
  assert.equal(oldestDeletableVersion([]), undefined);
});
