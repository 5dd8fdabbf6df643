/** The IMS client against the local emulator: every operation, paging, errors, auth, policies, faults. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner';
import { ImsClient, type ClientOptions } from '../../core/client/imsClient';
import { ImsError, ImsValidationError } from '../../core/client/errors';
import { mapLimit } from '../../core/client/concurrency';
import { lookupProjectId, tokenProvider } from '../../core/client/iam';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { findApi } from '../../core/catalogue';
import { scaled } from '../support/mutation';

const AK = 'EMULATORAK000001';
const SK = 'emulator-secret-key-0001';
let emu: Emulator;

/** A client of an emulator (the shared one by default), signing with the test AK/SK. */
function clientOf(target: Emulator, extra: Partial<ClientOptions> = {}): ImsClient {
  return new ImsClient({
    endpoint: target.url,
    projectId: target.projectId,
    credentials: { kind: 'aksk', ak: AK, sk: SK },
    ...extra,
  });
}

function client(extra: Partial<ClientOptions> = {}): ImsClient {
  return clientOf(emu, { baseDelayMs: 5, maxDelayMs: 50, ...extra });
}

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 42, images: 120 });
  assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only');
});
after(async () => emu.close());

test('AddImageTag, ListImageTags, DeleteImageTag (404 when missing), idempotent AddImageTag', async () => {
  const c = client();
  const id = emu.store.all()[0].id;
  await c.addImageTag(id, { key: 'stage', value: 'blue' });
  await c.addImageTag(id, { key: 'stage', value: 'blue' });
  await c.addImageTag(id, { key: 'stage', value: 'green' });
  assert.deepEqual(
    (await c.listImageTags(id)).tags.filter((t) => t.key === 'stage'),
    [{ key: 'stage', value: 'green' }],
  );
  await c.deleteImageTag(id, 'stage');
  await assert.rejects(
    c.deleteImageTag(id, 'stage'),
    (e: unknown) => e instanceof ImsError && e.status === 404 && e.code === 'IMG.0404',
  );
});

test('BatchAddOrDeleteTags create/delete (missing deletes succeed), BatchDeleteTags, ListImagesTags aggregation', async () => {
  const c = client();
  const id = emu.store.all()[1].id;
  await c.batchAddOrDeleteTags(id, 'create', [
    { key: 'k1', value: 'v1' },
    { key: 'k2', value: '' },
  ]);
  await c.batchAddOrDeleteTags(id, 'delete', [{ key: 'k1' }, { key: 'nope' }]);
  await c.batchDeleteTags(id, [{ key: 'k2' }, { key: 'absent' }]);
  const tags = (await c.listImageTags(id)).tags.map((t) => t.key);
  assert.ok(!tags.includes('k1') && !tags.includes('k2'));
  await c.batchAddOrDeleteTags(id, 'create', [{ key: 'agg', value: 'x' }]);
  await c.batchAddOrDeleteTags(emu.store.all()[2].id, 'create', [{ key: 'agg', value: 'y' }]);
  const agg = (await c.listImagesTags()).tags.find((t) => t.key === 'agg');
  assert.deepEqual(agg, { key: 'agg', values: ['x', 'y'] });
});

test('CreateOrUpdateTags: key.value split at the first dot; OpenStack-native key-only tags; ListTags', async () => {
  const c = client();
  const id = emu.store.all()[3].id;
  await c.createOrUpdateTags({ image_id: id, tag: 'ver.1.2.3' });
  await c.createOrUpdateTags({ image_id: id, image_tag: { key: 'tier', value: 'gold' } });
  await c.glanceCreateTag(id, 'legacy');
  const tags = Object.fromEntries((await c.listImageTags(id)).tags.map((t) => [t.key, t.value]));
  assert.equal(tags.ver, '1.2.3');
  assert.equal(tags.tier, 'gold');
  assert.equal(tags.legacy, '');
  assert.ok((await c.listImagesTags()).tags.find((t) => t.key === 'legacy')!.values.includes(''));
  assert.ok((await c.listTags()).tags.includes('ver=1.2.3'));
  await c.glanceDeleteTag(id, 'legacy');
  await assert.rejects(c.glanceCreateTag(id, 'a=b'), (e: unknown) => e instanceof ImsError && e.code === 'IMG.0115');
});

test('ListImageByTags: tags, tags_any, not_tags, not_tags_any, without_any_tag, matches, count, paging by string offset', async () => {
  const c = client();
  const all = emu.store.all();
  const prod = all.filter((i) => i.tags.get('env') === 'prod');
  const count = await c.listImageByTags({ action: 'count', tags: [{ key: 'env', values: ['prod'] }] });
  assert.equal(count.total_count, prod.length);
  assert.equal(count.resources, undefined);
  const ids: string[] = [];
  for await (const r of c.imagesByTags({ tags: [{ key: 'env', values: ['prod'] }] }, 7)) ids.push(r.resource_id);
  assert.deepEqual(ids.sort(), prod.map((i) => i.id).sort());
  const untagged = await c.listImageByTags({ action: 'count', without_any_tag: true });
  assert.equal(untagged.total_count, all.filter((i) => i.tags.size === 0).length);
  const any = await c.listImageByTags({
    action: 'count',
    tags_any: [
      { key: 'env', values: ['prod'] },
      { key: 'team', values: [] },
    ],
  });
  assert.equal(any.total_count, all.filter((i) => i.tags.get('env') === 'prod' || i.tags.has('team')).length);
  const notAny = await c.listImageByTags({ action: 'count', not_tags_any: [{ key: 'env', values: [] }] });
  assert.equal(notAny.total_count, all.filter((i) => !i.tags.has('env')).length);
  const notAll = await c.listImageByTags({
    action: 'count',
    not_tags: [
      { key: 'env', values: [] },
      { key: 'team', values: [] },
    ],
  });
  assert.equal(notAll.total_count, all.filter((i) => !(i.tags.has('env') && i.tags.has('team'))).length);
  const byName = await c.listImageByTags({
    action: 'filter',
    matches: [{ key: 'resource_name', value: all[5].name.slice(0, -2) }],
    limit: '1000',
  });
  assert.ok(byName.resources!.some((r) => r.resource_id === all[5].id));
  const byId = await c.listImageByTags({ action: 'filter', matches: [{ key: 'resource_id', value: all[6].id }] });
  assert.deepEqual(
    byId.resources!.map((r) => r.resource_id),
    [all[6].id],
  );
});

test('ListImages pages by marker, filters by type and name', async () => {
  const c = client();
  const seen: string[] = [];
  for await (const image of c.images({ __imagetype: 'private' }, 25)) seen.push(image.id);
  assert.equal(seen.length, emu.store.all().filter((i) => i.__imagetype === 'private').length);
  assert.equal(new Set(seen).size, seen.length, 'no image twice across pages');
  const one = emu.store.all()[9];
  assert.deepEqual(
    (await c.listImages({ name: one.name })).images.map((i) => i.id),
    [one.id],
  );
});

test('errors: tag rules checked before sending, the tag quota (IMG.0116), a wrong secret key (401)', async () => {
  const c = client();
  const id = emu.store.all()[10].id;
  const before = emu.stats.requests;
  await assert.rejects(
    c.addImageTag(id, { key: ' bad', value: 'x' }),
    (e: unknown) => e instanceof ImsValidationError && /tag\/key/.test(e.message),
  );
  assert.equal(emu.stats.requests, before, 'nothing was sent');
  const many = Array.from({ length: 21 }, (_, i) => ({ key: `q${i}`, value: '' }));
  await assert.rejects(
    c
      .batchAddOrDeleteTags(id, 'create', many.slice(0, 20).concat([]))
      .then(() => c.addImageTag(id, { key: 'one-more', value: '' })),
    (e: unknown) => e instanceof ImsError && e.status === 400 && e.code === 'IMG.0116',
  );
  const wrong = client({ credentials: { kind: 'aksk', ak: AK, sk: 'not-the-secret' } });
  await assert.rejects(
    wrong.listImagesTags(),
    (e: unknown) => e instanceof ImsError && e.status === 401 && e.neededActions.includes('ims:images:list'),
  );
});

test('the emulator accepts requests signed by the official SDK signer and rejects tampered ones', async () => {
  const id = emu.store.all()[11].id;
  const path = `/v2/${emu.projectId}/images/${id}/tags`;
  const data = { tag: { key: 'signed', value: 'by-sdk' } };
  const headers = AKSKSigner.sign(
    {
      endpoint: `${emu.url}${path}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      queryParams: {},
      data,
    } as never,
    { getAk: () => AK, getSk: () => SK } as never,
  ) as Record<string, string>;
  const ok = await fetch(`${emu.url}${path}`, { method: 'POST', headers, body: JSON.stringify(data) });
  assert.equal(ok.status, 204);
  const tampered = await fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ tag: { key: 'signed', value: 'tampered' } }),
  });
  assert.equal(tampered.status, 401);
  assert.match(((await tampered.json()) as { error: { message: string } }).error.message, /signature does not match/);
  const unsigned = await fetch(`${emu.url}${path}`, { method: 'POST', body: JSON.stringify(data) });
  assert.equal(unsigned.status, 401);
});

test("token authentication and the project lookup through the emulator's IAM endpoints", async () => {
  assert.equal(await lookupProjectId({ iamEndpoint: emu.url, region: 'cn-north-4', ak: AK, sk: SK }), emu.projectId);
  const token = tokenProvider({ iamEndpoint: emu.url, domain: 'acme', user: 'dev', password: SK, projectName: 'cn-north-4' });
  const t1 = await token();
  assert.equal(await token(), t1, 'cached');
  assert.equal(await token.projectId(), emu.projectId, 'the token names its project');
  const c = client({ credentials: { kind: 'token', token } });
  assert.ok((await c.listImagesTags()).tags.length > 0);
  const bad = tokenProvider({ iamEndpoint: emu.url, domain: 'acme', user: 'dev', password: 'wrong', projectName: 'cn-north-4' });
  await assert.rejects(bad(), /IAM refused the sign-in: 401/);
});

test('--policy: a call the policy does not grant answers 403 naming the missing action', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-pol-'));
  const file = join(dir, 'policy.json');
  writeFileSync(file, JSON.stringify({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list'] }] }));
  const guarded = await startEmulator({ ak: AK, sk: SK, seed: 1, images: 3, policyFile: file });
  try {
    const c = clientOf(guarded);
    assert.ok((await c.listImagesTags()).tags);
    await assert.rejects(c.addImageTag(guarded.store.all()[0].id, { key: 'a', value: 'b' }), (e: unknown) => {
      assert.ok(e instanceof ImsError);
      assert.equal(e.status, 403);
      assert.match(e.message, /Policy doesn't allow ims:images:update to be performed/);
      assert.deepEqual(e.neededActions, ['ims:images:update']);
      return true;
    });
  } finally {
    await guarded.close();
  }
});

test('--policy: an explicit Deny wins over an Allow of every IMS action', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-pol-'));
  const file = join(dir, 'policy.json');
  const policy = {
    Version: '1.1',
    Statement: [
      { Effect: 'Allow', Action: ['ims:*:*'] },
      { Effect: 'Deny', Action: ['ims:images:update'] },
    ],
  };
  writeFileSync(file, JSON.stringify(policy));
  const guarded = await startEmulator({ ak: AK, sk: SK, seed: 1, images: 3, policyFile: file });
  try {
    const c = clientOf(guarded);
    assert.ok((await c.listImagesTags()).tags, 'reads are allowed');
    await assert.rejects(c.addImageTag(guarded.store.all()[0].id, { key: 'a', value: 'b' }), (e: unknown) => {
      assert.ok(e instanceof ImsError);
      assert.equal(e.status, 403);
      assert.match(e.message, /ims:images:update/);
      return true;
    });
  } finally {
    await guarded.close();
  }
});

test('DELETE …/tags/action is DeleteImageTag of the key "action": 404 when missing, 204 when there', async () => {
  const c = client();
  const id = emu.store.all()[1].id;
  const del = () => c.exchange(findApi('DeleteImageTag')!, `/v2/${emu.projectId}/images/${id}/tags/action`, undefined);
  assert.equal((await del()).status, 404);
  await c.addImageTag(id, { key: 'action', value: 'x' });
  assert.equal((await del()).status, 204);
  assert.ok(!(await c.listImageTags(id)).tags.some((t) => t.key === 'action'));
});

test('faults: 500 images batch-tagged under --fail-rate 0.2 end in exactly the intended state', async () => {
  const images = scaled(500);
  const faulty = await startEmulator({ ak: AK, sk: SK, seed: 5, images, failRate: 0.2, faultSeed: 11, retryAfter: 0 });
  try {
    const c = clientOf(faulty, { baseDelayMs: 2, maxDelayMs: 20, maxAttempts: 8 });
    const ids = faulty.store.all().map((i) => i.id);
    const before = new Map(faulty.store.all().map((i) => [i.id, new Map(i.tags)]));
    const add = await mapLimit(ids, (id) => c.batchAddOrDeleteTags(id, 'create', [{ key: 'batch', value: 'run-1' }]), {
      limit: 8,
    });
    const removeEnv = await mapLimit(
      ids,
      (id) => (before.get(id)!.has('env') ? c.deleteImageTag(id, 'env') : Promise.resolve()),
      { limit: 8 },
    );
    const failures = [...add, ...removeEnv].filter((o) => !o.ok);
    assert.deepEqual(
      failures.map((f) => String((f as { error: unknown }).error)),
      [],
      'every image done after retries',
    );
    const faults = Object.values(faulty.stats.faults).reduce((a, b) => a + b, 0);
    process.stdout.write(`# faults injected while tagging ${images} images: ${JSON.stringify(faulty.stats.faults)}\n`);
    assert.ok(faults > images / 5, `faults injected: ${JSON.stringify(faulty.stats.faults)}`);
    // Dropped answers: more than 9 for 500 images (about 40 are), at least one for the 50 under mutation.
    assert.ok((faulty.stats.faults.drop ?? 0) > images / 50 - 1, 'dropped connections after the change was applied');
    // Check by listing afterwards, through the API.
    const check = clientOf(faulty, { maxAttempts: 20, baseDelayMs: 1 });
    const outcomes = await mapLimit(
      ids,
      async (id) => {
        const tags = Object.fromEntries((await check.listImageTags(id)).tags.map((t) => [t.key, t.value]));
        const expected = Object.fromEntries([...before.get(id)!].filter(([k]) => k !== 'env'));
        expected.batch = 'run-1';
        assert.deepEqual(tags, expected, `image ${id}`);
      },
      { limit: 8 },
    );
    assert.deepEqual(
      outcomes
        .filter((o) => !o.ok)
        .map((o) => String((o as { error: unknown }).error))
        .slice(0, 3),
      [],
    );
  } finally {
    await faulty.close();
  }
});

test('--state: changes persist atomically and come back on restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ims-state-'));
  const file = join(dir, 'state.json');
  const first = await startEmulator({ ak: AK, sk: SK, seed: 9, images: 4, stateFile: file });
  const id = first.store.all()[0].id;
  try {
    await clientOf(first).addImageTag(id, { key: 'kept', value: 'yes' });
  } finally {
    await first.close();
  }
  assert.ok(JSON.parse(readFileSync(file, 'utf8')).images.length === 4);
  const second = await startEmulator({ ak: AK, sk: SK, seed: 9, stateFile: file });
  try {
    assert.equal(second.store.get(id)?.tags.get('kept'), 'yes');
  } finally {
    await second.close();
  }
});

test('the command line: the two contract lines, and a clear error for bad options', async () => {
  const bin = join(__dirname, '../../../dist/emulator.js');
  const child = spawn(process.execPath, [bin, '--port', '0', '--ak', AK, '--sk', SK, '--seed', '3']);
  const lines = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
      if (out.includes('project_id:')) resolve(out);
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  child.kill();
  assert.match(lines, /^IMS emulator listening on http:\/\/127\.0\.0\.1:\d+\nproject_id: [0-9a-f]{32}\n/);
  const exposed = spawn(process.execPath, [bin, '--ak', AK, '--sk', SK, '--host', '0.0.0.0']);
  let refusal = '';
  exposed.stderr.on('data', (b) => {
    refusal += b;
  });
  assert.equal(await new Promise((r) => exposed.on('exit', r)), 2);
  assert.match(refusal, /listens on 127\.0\.0\.1 only/);
  const bad = spawn(process.execPath, [bin, '--ak', AK, '--sk', SK, '--fail-rate', '2']);
  let err = '';
  bad.stderr.on('data', (b) => {
    err += b;
  });
  const code = await new Promise((r) => bad.on('exit', r));
  assert.equal(code, 2);
  assert.match(err, /--fail-rate must be a number from 0 to 1/);
});

test('faults without retries: the batch reports exactly which images were not done, and retrying those finishes the job', async () => {
  const faulty = await startEmulator({ ak: AK, sk: SK, seed: 6, images: 300, failRate: 0.5, faultSeed: 3, retryAfter: 0 });
  try {
    // One attempt each: a 429 storm and 5xx answers and drops are all reported, none hidden.
    const once = clientOf(faulty, { maxAttempts: 1 });
    const before = new Map(faulty.store.all().map((i) => [i.id, new Map(i.tags)]));
    let todo = [...before.keys()];
    const rounds: number[] = [];
    for (let round = 0; round < 30 && todo.length; round++) {
      const results = await mapLimit(todo, (id) => once.batchAddOrDeleteTags(id, 'create', [{ key: 'fixed', value: 'yes' }]), {
        limit: 8,
      });
      const failed = results.filter((r) => !r.ok).map((r) => r.item);
      // What is reported done is done (a dropped answer may hide a change that was made: it is reported as not done and repeated, harmlessly).
      for (const r of results) if (r.ok) assert.equal(faulty.store.get(r.item)!.tags.get('fixed'), 'yes');
      rounds.push(failed.length);
      todo = failed;
    }
    assert.deepEqual(todo, [], `not done after retries: ${rounds.join(' → ')}`);
    assert.ok(rounds[0] > 100, `a storm: ${rounds[0]} of 300 failed at first`);
    for (const image of faulty.store.all()) {
      const expected = new Map(before.get(image.id)!);
      expected.set('fixed', 'yes');
      assert.deepEqual([...image.tags].sort(), [...expected].sort(), `image ${image.id}`);
    }
  } finally {
    await faulty.close();
  }
});

test('a DeleteImageTag batch under dropped connections: retries that find the tag gone count as done, nothing fails twice', async () => {
  const faulty = await startEmulator({ ak: AK, sk: SK, seed: 7, images: 200, failRate: 0.3, faultSeed: 9, retryAfter: 0 });
  try {
    const c = clientOf(faulty, { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 });
    const ids = faulty.store.all().map((i) => i.id);
    await mapLimit(ids, (id) => c.addImageTag(id, { key: 'temp', value: '1' }), { limit: 8 });
    const results = await mapLimit(ids, (id) => c.deleteImageTag(id, 'temp'), { limit: 8 });
    assert.deepEqual(
      results.filter((r) => !r.ok).map((r) => String((r as { error: unknown }).error)),
      [],
    );
    assert.ok((faulty.stats.faults.drop ?? 0) > 5, 'some deletes were applied and then their answer dropped');
    assert.ok(faulty.store.all().every((i) => !i.tags.has('temp')));
  } finally {
    await faulty.close();
  }
});

test('a timeout is reported as a network error, and a slow emulator within the timeout works', async () => {
  const slow = await startEmulator({ ak: AK, sk: SK, seed: 1, images: 2, latencyMs: 300 });
  try {
    const impatient = clientOf(slow, { timeoutMs: 100, maxAttempts: 2, baseDelayMs: 1 });
    await assert.rejects(impatient.listImagesTags(), /no answer within 0\.1 s/);
    const patient = clientOf(slow, { timeoutMs: 2000 });
    assert.ok(Array.isArray((await patient.listImagesTags()).tags));
  } finally {
    await slow.close();
  }
});
