/**
 * Effective permissions gathered from the emulator's IAM (core/access/gather.ts) predict, for every IMS
 * API and several identities, exactly what the emulator answers when that identity calls it: allowed
 * means anything but 403, and a 403 names the missing actions. The emulator's enforcement
 * (emulator/iam/enforcement.ts) is a separate implementation, so each checks the other.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IMS_APIS, TAG_APIS } from '../../core/catalogue';
import { requestTags } from '../../core/tags/requestTags';
import { effectivePermissions } from '../../core/access/effective';
import { imageAccess, tagChangeImpact, tagsAfter, whoCan, type AccountUser } from '../../core/access/imageAccess';
import { AccountAccess } from '../../core/access/account';
import { gatherAccessFacts } from '../../core/access/gather';
import { ImsError } from '../../core/client/errors';
import { IamClient } from '../../core/client/iamClient';
import { ImsClient } from '../../core/client/imsClient';
import { startEmulator, type Emulator } from '../../emulator/emulator';

const AK = 'ACCESSADMINAK00001';
const SK = 'access-admin-secret';
let emu: Emulator;

before(async () => {
  emu = await startEmulator({ ak: AK, sk: SK, seed: 6, images: 2, iamFile: join(__dirname, '../../../examples/iam.json') });
});
after(async () => emu.close());

const KEYS: Record<string, [string, string]> = {
  'alice-tagger': ['ALICEACCESSKEY000001', 'alice-secret-key-for-the-emulator'],
  'bob-reader': ['BOBACCESSKEY00000001', 'bob-secret-key-for-the-emulator'],
  'dave-intern': ['DAVEACCESSKEY0000001', 'dave-secret-key-for-the-emulator'],
};

/** What the emulator answers to `user` calling each API: 'allowed' unless it is a 403. */
async function observed(ak: string, sk: string): Promise<Record<string, string>> {
  const client = new ImsClient({
    endpoint: emu.url,
    projectId: emu.projectId,
    credentials: { kind: 'aksk', ak, sk },
    maxAttempts: 1,
  });
  const image = emu.store.all()[0].id;
  const out: Record<string, string> = {};
  for (const api of IMS_APIS) {
    try {
      await client.call(api.id, { params: { image_id: image, key: 'k', tag: 'k.v' }, body: api.exampleBody });
      out[api.id] = 'allowed';
    } catch (e) {
      out[api.id] = e instanceof ImsError && e.status === 403 ? 'refused' : 'allowed';
    }
  }
  return out;
}

test('for alice, bob and dave, the predicted verdict of every API is what the emulator answers', async () => {
  const admin = new IamClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  for (const [name, [ak, sk]] of Object.entries(KEYS)) {
    const userId = emu.iam.data.users.find((u) => u.name === name)!.id;
    const predicted = Object.fromEntries(
      effectivePermissions(await gatherAccessFacts(admin, userId, emu.projectId)).map((a) => [
        a.api.id,
        a.decision === 'allowed' ? 'allowed' : 'refused',
      ]),
    );
    assert.deepEqual(predicted, await observed(ak, sk), name);
  }
});

test('the hand-written picture of examples/iam.json: who may tag, and why not', async () => {
  const admin = new IamClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  const verdict = async (name: string) => {
    const userId = emu.iam.data.users.find((u) => u.name === name)!.id;
    return effectivePermissions(await gatherAccessFacts(admin, userId, emu.projectId));
  };
  const add = (all: Awaited<ReturnType<typeof verdict>>) => all.find((a) => a.api.id === 'AddImageTag')!;
  assert.equal(add(await verdict('alice-tagger')).decision, 'allowed');
  const bob = add(await verdict('bob-reader'));
  assert.equal(bob.decision, 'notGranted');
  assert.deepEqual(
    bob.enterpriseOnly.map((g) => `${g.name} via ${g.via}`),
    ['IMS tagging via group image-readers'],
  );
  const dave = add(await verdict('dave-intern'));
  assert.equal(dave.decision, 'denied');
  assert.equal(dave.decidedBy[0].source.uri.startsWith('ims-iam:/policies/'), true);
  // The administrator is in IAM's group "admin": everything.
  const adminId = (await admin.callerIdentity()).principal_id;
  const facts = await gatherAccessFacts(admin, adminId, emu.projectId);
  assert.equal(facts.administrator, true);
});

test('IAM ReadOnlyAccess on the domain lets dave read his own grants (not change them); alice, without it, is refused', async () => {
  const iamAs = (name: string) => {
    const [ak, sk] = KEYS[name];
    return new IamClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak, sk }, maxAttempts: 1 });
  };
  const dave = iamAs('dave-intern');
  const me = await dave.callerIdentity();
  const facts = await gatherAccessFacts(dave, me.principal_id, emu.projectId);
  const add = effectivePermissions(facts).find((a) => a.api.id === 'AddImageTag')!;
  assert.equal(add.decision, 'denied', 'read by dave himself, the same verdict as read by the administrator');
  assert.ok(facts.grants.some((g) => g.policy.name === 'IAM ReadOnlyAccess' && g.scope.kind === 'domain'));
  await assert.rejects(
    dave.createRole({ display_name: 'mine', type: 'XA', description: '', policy: { Version: '1.1', Statement: [] } }),
    (e) => {
      assert.ok(e instanceof ImsError && e.status === 403);
      assert.match(e.message, /IAM changes need the account administrator/);
      return true;
    },
  );
  const alice = iamAs('alice-tagger');
  const aliceId = (await alice.callerIdentity()).principal_id;
  await assert.rejects(gatherAccessFacts(alice, aliceId, emu.projectId), (e) => {
    assert.ok(e instanceof ImsError && e.status === 403);
    assert.match(e.message, /reading IAM needs the administrator, the group "admin", or IAM ReadOnlyAccess/);
    return true;
  });
});

const ABAC: Record<string, [string, string]> = {
  'erin-blue': ['ERINACCESSKEY0000001', 'erin-secret-key-for-the-emulator'],
  'frank-owner': ['FRANKACCESSKEY000001', 'frank-secret-key-for-the-emulator'],
};

/** Each tag API's call on one image: what the emulator answers, and what the evaluator predicts from IAM's facts. */
async function abacRound(admin: IamClient, images: Array<{ id: string }>) {
  const predicted: Record<string, string> = {};
  const answered: Record<string, string> = {};
  const adminIms = new ImsClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  for (const [name, [ak, sk]] of Object.entries({ ...KEYS, ...ABAC })) {
    const user = emu.iam.data.users.find((u) => u.name === name)!;
    const facts = await gatherAccessFacts(admin, user.id, emu.projectId);
    const client = new ImsClient({
      endpoint: emu.url,
      projectId: emu.projectId,
      credentials: { kind: 'aksk', ak, sk },
      maxAttempts: 1,
    });
    for (const image of images) {
      // The image's tags as IAM would see them, read through the API (not the emulator's store).
      const tags = Object.fromEntries((await adminIms.listImageTags(image.id)).tags.map((t) => [t.key, t.value]));
      const params = { image_id: image.id, key: 'k', tag: 'k.v' };
      // The example body, about this image where it names one (CreateOrUpdateTags).
      const bodyOf = (api: (typeof TAG_APIS)[number]) =>
        api.exampleBody && typeof api.exampleBody === 'object' && 'image_id' in api.exampleBody
          ? { ...api.exampleBody, image_id: image.id }
          : api.exampleBody;
      const account: AccountUser = { id: user.id, name, tags: user.tags ?? {}, facts };
      const verdicts = imageAccess(
        account,
        { id: image.id, name: image.id, tags },
        { region: emu.iam.region, account: emu.domainId },
        TAG_APIS,
        // What each call sets, as the call below sends it.
        (api) => requestTags(api, params, JSON.stringify(bodyOf(api) ?? null)),
      );
      for (const v of verdicts)
        predicted[`${name} ${image.id.slice(0, 8)} ${v.api.id}`] = v.decision === 'allowed' ? 'allowed' : 'refused';
      for (const api of TAG_APIS) {
        let outcome = 'allowed';
        try {
          await client.call(api.id, { params, body: bodyOf(api) });
        } catch (e) {
          if (e instanceof ImsError && e.status === 403) outcome = 'refused';
        }
        answered[`${name} ${image.id.slice(0, 8)} ${api.id}`] = outcome;
        // A write that passed changed the image: put its tags back, so the next call sees the same image.
        await adminIms.batchAddOrDeleteTags(image.id, 'delete', [{ key: 'k' }, { key: 'k.v' }]).catch(() => undefined);
        const now = Object.fromEntries((await adminIms.listImageTags(image.id)).tags.map((t) => [t.key, t.value]));
        const lost = Object.entries(tags).filter(([k, v]) => now[k] !== v);
        if (lost.length)
          await adminIms.batchAddOrDeleteTags(
            image.id,
            'create',
            lost.map(([key, value]) => ({ key, value })),
          );
      }
    }
  }
  return { predicted, answered };
}

test('ABAC: for every user × image × tag API, the prediction with the image’s tags is what the emulator answers, before and after a tag change', async () => {
  const admin = new IamClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  const adminIms = new ImsClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  const [blue, red] = emu.store.all();
  await adminIms.batchAddOrDeleteTags(blue.id, 'create', [
    { key: 'team', value: 'blue' },
    { key: 'owner', value: 'frank-owner' },
  ]);
  await adminIms.batchAddOrDeleteTags(red.id, 'create', [{ key: 'team', value: 'red' }]);
  const before = await abacRound(admin, [blue, red]);
  assert.deepEqual(before.predicted, before.answered);
  // The ABAC picture: erin may tag the blue image, not the red one; frank only the image he owns.
  assert.equal(before.answered[`erin-blue ${blue.id.slice(0, 8)} AddImageTag`], 'allowed');
  assert.equal(before.answered[`erin-blue ${red.id.slice(0, 8)} AddImageTag`], 'refused');
  assert.equal(before.answered[`frank-owner ${blue.id.slice(0, 8)} AddImageTag`], 'allowed');
  assert.equal(before.answered[`frank-owner ${red.id.slice(0, 8)} AddImageTag`], 'refused');
  // A tag change moves access: the red image joins team blue, frank no longer owns the blue one.
  await adminIms.batchAddOrDeleteTags(red.id, 'create', [{ key: 'team', value: 'blue' }]);
  await adminIms.batchAddOrDeleteTags(blue.id, 'delete', [{ key: 'owner' }]);
  const after = await abacRound(admin, [blue, red]);
  assert.deepEqual(after.predicted, after.answered);
  assert.equal(after.answered[`erin-blue ${red.id.slice(0, 8)} AddImageTag`], 'allowed');
  assert.equal(after.answered[`frank-owner ${blue.id.slice(0, 8)} AddImageTag`], 'refused');
});

test('who-can and the access a tag change moves, read from the account as the extension reads it, agree with the emulator', async () => {
  const admin = new IamClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  const adminIms = new ImsClient({ endpoint: emu.url, projectId: emu.projectId, credentials: { kind: 'aksk', ak: AK, sk: SK } });
  const [one, two] = emu.store.all();
  const tagsOf = async (id: string) => Object.fromEntries((await adminIms.listImageTags(id)).tags.map((t) => [t.key, t.value]));
  await adminIms.batchAddOrDeleteTags(one.id, 'create', [
    { key: 'team', value: 'blue' },
    { key: 'owner', value: 'frank-owner' },
  ]);
  await adminIms.batchAddOrDeleteTags(two.id, 'create', [{ key: 'team', value: 'red' }]);
  const users = await new AccountAccess(admin, emu.projectId).everyone();
  // The user tags come from IAM (ListResourceTagsV5), as the extension reads them.
  assert.deepEqual(users.find((u) => u.name === 'erin-blue')?.tags, { team: 'blue' });
  const where = { region: emu.iam.region, account: emu.domainId };
  const targets = async () => Promise.all([one, two].map(async (i) => ({ id: i.id, name: i.id, tags: await tagsOf(i.id) })));
  const known = new Set([...Object.keys(KEYS), ...Object.keys(ABAC)]);
  const cells = (images: Awaited<ReturnType<typeof targets>>) => {
    const out = new Map<string, string>();
    for (const image of images)
      for (const row of whoCan(users, image, where))
        if (known.has(row.user.name))
          row.decisions.forEach((d, i) => out.set(`${row.user.name} ${image.id.slice(0, 8)} ${TAG_APIS[i].id}`, d));
    return out;
  };
  const beforeImages = await targets();
  const predictedBefore = cells(beforeImages);
  const before = await abacRound(admin, [one, two]);
  // Every verdict who-can gives outright is the emulator's answer; "depends on" only where the call's tags decide.
  let definite = 0;
  for (const [key, decision] of predictedBefore) {
    if (decision === 'dependsOn') continue;
    definite++;
    assert.equal(decision === 'allowed' ? 'allowed' : 'refused', before.answered[key], key);
  }
  assert.ok(definite > 60, `${definite} verdicts given outright`);
  // The change: the red image joins team blue, the blue one loses its owner.
  const planned = [
    { image: beforeImages[0], after: tagsAfter(beforeImages[0].tags, { owner: '' }, true) },
    { image: beforeImages[1], after: tagsAfter(beforeImages[1].tags, { team: 'blue' }, false) },
  ];
  const impact = tagChangeImpact(users, planned, where).filter((c) => known.has(c.user.name));
  await adminIms.batchAddOrDeleteTags(one.id, 'delete', [{ key: 'owner' }]);
  await adminIms.batchAddOrDeleteTags(two.id, 'create', [{ key: 'team', value: 'blue' }]);
  const after = await abacRound(admin, [one, two]);
  const observed = Object.keys(after.answered).filter((k) => after.answered[k] !== before.answered[k]);
  const predicted = impact.map((c) => `${c.user.name} ${c.image.id.slice(0, 8)} ${c.api.id}`);
  // Every access the emulator moved was foreseen; every move foreseen outright happened.
  for (const k of observed) assert.ok(predicted.includes(k), `not foreseen: ${k}`);
  for (const c of impact)
    if (c.before !== 'dependsOn' && c.after !== 'dependsOn')
      assert.ok(
        observed.includes(`${c.user.name} ${c.image.id.slice(0, 8)} ${c.api.id}`),
        `foreseen, did not happen: ${c.user.name} ${c.api.id}`,
      );
  assert.ok(
    observed.some((k) => k.startsWith('frank-owner ')),
    'frank lost access',
  );
  assert.ok(
    observed.some((k) => k.startsWith('erin-blue ')),
    'erin gained access',
  );
});
