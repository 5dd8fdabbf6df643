/**
 * The decisions-only evaluator (core/access/decisionMatrix.ts) against the evaluator that explains
 * (imageAccess, effectivePermissions): over random accounts — 1.1 policies granted on every kind of scope
 * and 5.0 policies attached, Action and NotAction with wildcards, Resource and NotResource naming one image
 * or all, Conditions on image, request and caller tags, the user's name, the time, a key no request has and
 * an operator IAM does not document — every API's decision in every image state is the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMS_APIS } from '../../core/catalogue';
import { SNAPSHOT_MODEL } from '../../core/catalogue/iam5/model';
import { DECISIONS, ImageStates, decisionMatrix } from '../../core/access/decisionMatrix';
import type { AccessFacts, GrantScope, GrantedPolicy } from '../../core/access/effective';
import { actsOnImage, imageAccess, type AccountUser } from '../../core/access/imageAccess';
import { seededRandom } from '../../core/util/random';
import { scaled } from '../support/mutation';

const WHERE = { region: 'cn-north-4', account: 'acct-1', now: new Date('2026-12-07T00:00:00Z') };

function randomAccount(rnd: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const some = <T>(xs: readonly T[], p = 0.4): T[] => {
    const chosen = xs.filter(() => rnd() < p);
    return chosen.length ? chosen : [pick(xs)];
  };
  const values = ['blue', 'red', 'frank', 'b*', '1', ''];
  const condition = () => {
    const key = pick([
      'g:ResourceTag/team',
      'g:ResourceTag/owner',
      'g:RequestTag/team',
      'g:PrincipalTag/dept',
      'g:UserName',
      'g:EnterpriseProjectId',
      'g:SourceIp',
    ]);
    const operator = pick([
      'StringEquals',
      'StringNotEquals',
      'StringLike',
      'StringMatch',
      'StringEqualsIfExists',
      'StringNotEqualsIfExists',
      'StringEqualsIgnoreCase',
      'NumberGreaterThan',
      'Null',
      'StringWhatever',
    ]);
    const one: Record<string, unknown> = {
      [operator]: { [key]: operator === 'Null' ? pick(['true', 'false']) : some(values, 0.3) },
    };
    if (rnd() < 0.3) one['ForAnyValue:StringEquals'] = { 'g:TagKeys': some(['team', 'owner', 'env']) };
    if (rnd() < 0.2) one.DateLessThan = { 'g:CurrentTime': pick(['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z']) };
    return one;
  };
  const statement = (version: '1.1' | '5.0') => {
    const actions =
      version === '5.0'
        ? ['ims:images:setTags', 'ims:images:getTags', 'ims:images:list', 'ims:*:list*', 'ims:images:get*', 'ims:*', '*']
        : ['ims:images:update', 'ims:images:get', 'ims:images:list', 'ims:*:get*', 'ims:*:*', 'ims:images:*'];
    const st: Record<string, unknown> = {
      Effect: rnd() < 0.02 ? 'Perhaps' : rnd() < 0.7 ? 'Allow' : 'Deny',
      [rnd() < 0.85 ? 'Action' : 'NotAction']: some(actions, 0.3),
    };
    if (version === '5.0') {
      if (rnd() < 0.5)
        st[rnd() < 0.8 ? 'Resource' : 'NotResource'] = some(
          ['*', 'ims:*:*:image:*', 'ims:cn-north-4:acct-1:image:img-1', 'ims:cn-north-4:other:image:*'],
          0.4,
        );
      if (rnd() < 0.6) st.Condition = condition();
    }
    return st;
  };
  const policies: GrantedPolicy[] = Array.from({ length: 8 }, (_, i) => {
    const version = rnd() < 0.35 ? '1.1' : '5.0';
    return {
      name: `p${i}`,
      uri: `ims-iam:/policies/p${i}`,
      type: rnd() < 0.8 ? 'XA' : 'AX',
      policy: { Version: version, Statement: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => statement(version)) },
    };
  });
  const scopes: GrantScope[] = [
    { kind: 'project', projectId: 'p-1' },
    { kind: 'project', projectId: 'p-2' },
    { kind: 'allProjects' },
    { kind: 'domain' },
    { kind: 'enterpriseProject', enterpriseProjectId: 'ep-1' },
  ];
  const users: AccountUser[] = Array.from({ length: 6 }, (_, u) => {
    const chosen = policies.filter(() => rnd() < 0.35);
    const facts: AccessFacts = {
      projectId: 'p-1',
      administrator: rnd() < 0.05,
      grants: chosen
        .filter((p) => (p.policy as { Version: string }).Version === '1.1')
        .map((policy) => ({ policy, scope: pick(scopes), via: 'group g' })),
      attached: chosen
        .filter((p) => (p.policy as { Version: string }).Version === '5.0')
        .map((policy) => ({ policy, via: 'user' })),
    };
    const tags: Record<string, string> | undefined = rnd() < 0.2 ? undefined : rnd() < 0.5 ? { dept: pick(values) } : {};
    return { id: `u${u}`, name: pick(['frank', 'erin', `user-${u}`]), tags, facts };
  });
  const randomTags = () => Object.fromEntries(['team', 'owner', 'env'].filter(() => rnd() < 0.6).map((k) => [k, pick(values)]));
  const states = Array.from({ length: 5 }, () => ({ id: pick(['img-1', 'img-2']), name: 'image', tags: randomTags() }));
  return { users, states };
}

test('decisionMatrix decides every API in every image state as imageAccess does (random accounts)', () => {
  const rnd = seededRandom(23);
  const seen = new Map<string, number>();
  const rounds = scaled(300);
  for (let round = 0; round < rounds; round++) {
    const { users, states } = randomAccount(rnd);
    const run = new ImageStates(states, { ...WHERE, model: SNAPSHOT_MODEL });
    for (const user of users) {
      const codes = decisionMatrix({ user, time: WHERE.now, onImage: actsOnImage }, run, IMS_APIS);
      states.forEach((state, s) => {
        const slow = imageAccess(user, state, WHERE, IMS_APIS);
        IMS_APIS.forEach((api, a) => {
          const fast = DECISIONS[codes[a * states.length + s]];
          assert.equal(
            fast,
            slow[a].decision,
            `round ${round}, ${user.id} on ${state.id} ${JSON.stringify(state.tags)}: ${api.id}`,
          );
          seen.set(fast, (seen.get(fast) ?? 0) + 1);
        });
      });
    }
  }
  // Every decision came up often: the rounds tried each way a verdict can go.
  for (const d of DECISIONS) assert.ok((seen.get(d) ?? 0) > (2 * rounds) / 3, `${d}: ${seen.get(d) ?? 0}`);
});
