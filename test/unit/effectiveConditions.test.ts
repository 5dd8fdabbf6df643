/**
 * Effective permissions with a request context and at their edges (core/access/effective.ts): which
 * statement is named as deciding, the Conditions that failed and the keys not known, enterprise-project
 * grants that would have helped, grants whose text is not a policy, and each call's own context.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectivePermissions, type AccessFacts, type CallContext, type GrantedPolicy } from '../../core/access/effective';
import type { RequestContext } from '../../core/policy/conditions';

const P = 'project-1';
const project = { kind: 'project' as const, projectId: P };
const ep = { kind: 'enterpriseProject' as const, enterpriseProjectId: 'ep-7' };
type Statement = { Effect: 'Allow' | 'Deny'; Action: string[]; Condition?: unknown };
const v5 = (name: string, ...Statement: Statement[]): GrantedPolicy => ({
  name,
  uri: `ims-iam:/test/${name}.json`,
  type: 'XA',
  policy: { Version: '5.0', Statement },
});
const v11 = (name: string, ...Statement: Statement[]): GrantedPolicy => ({
  ...v5(name, ...Statement),
  policy: { Version: '1.1', Statement },
});
const team = (value: string) => ({ StringEquals: { 'g:ResourceTag/team': value } });
const onImage = (tags: Record<string, string> | undefined): RequestContext => ({
  principal: { name: 'alice', account: 'acc' },
  resource: tags ? { tags } : {},
  request: { tags: {} },
});

function access(facts: Partial<AccessFacts>, id: string, on?: (id: string) => CallContext | undefined) {
  const all = effectivePermissions(
    { projectId: P, grants: [], attached: [], ...facts },
    undefined,
    undefined,
    on && ((api) => on(api.id) ?? {}),
  );
  return all.find((a) => a.api.id === id)!;
}
const names = (refs: ReadonlyArray<{ source: { label?: string } }>) => refs.map((r) => r.source.label);

test('deciding statements: an unconditional Allow is named over a conditional one; a statement is named once', () => {
  const conditional = v5('conditional', { Effect: 'Allow', Action: ['ims:images:getTags'], Condition: team('blue') });
  const plain = v5('plain', { Effect: 'Allow', Action: ['ims:images:getTags', 'ims:images:list', 'ims:images:get'] });
  const a = access(
    {
      attached: [
        { policy: conditional, via: 'user' },
        { policy: plain, via: 'user' },
      ],
    },
    'ListImageTags',
  );
  assert.equal(a.decision, 'allowed');
  assert.deepEqual(names(a.decidedBy), ['plain'], 'the Allow no Condition holds back, once for every action it grants');
  const only = access({ attached: [{ policy: conditional, via: 'user' }] }, 'ListImageTags');
  assert.deepEqual(
    [only.decision, names(only.decidedBy)],
    ['allowed', ['conditional']],
    'without a context a Condition counts as holding',
  );
  assert.equal('unmet' in only, false, 'no context, no "why not"');
});

test('with a context: a Condition that holds allows, one that fails says which, one that cannot be known depends on it', () => {
  const conditional = v5('blue-only', { Effect: 'Allow', Action: ['ims:images:getTags'], Condition: team('blue') });
  const facts = { attached: [{ policy: conditional, via: 'user' }] };
  const blue = access(facts, 'ListImageTags', () => ({ context: onImage({ team: 'blue' }) }));
  assert.deepEqual([blue.decision, blue.unmet, blue.unknown], ['allowed', [], []]);
  const red = access(facts, 'ListImageTags', () => ({ context: onImage({ team: 'red' }) }));
  assert.deepEqual([red.decision, names(red.unmet ?? []), red.unknown, red.decidedBy], ['notGranted', ['blue-only'], [], []]);
  const unknown = access(facts, 'ListImageTags', () => ({ context: onImage(undefined) }));
  assert.equal(unknown.decision, 'dependsOn');
  assert.deepEqual(unknown.unknown, ['g:ResourceTag/team']);
  assert.deepEqual(names(unknown.decidedBy), ['blue-only']);
  assert.deepEqual(unknown.unmet, []);
});

test('with a context: a Deny whose Condition cannot be known makes an allowed call depend on it', () => {
  const allow = v5('allow', { Effect: 'Allow', Action: ['ims:images:getTags'] });
  const deny = v5('deny-red', { Effect: 'Deny', Action: ['ims:images:getTags'], Condition: team('red') });
  const facts = {
    attached: [
      { policy: allow, via: 'user' },
      { policy: deny, via: 'user' },
    ],
  };
  const unknown = access(facts, 'ListImageTags', () => ({ context: onImage(undefined) }));
  assert.equal(unknown.decision, 'dependsOn');
  assert.deepEqual(names(unknown.decidedBy), ['deny-red']);
  assert.deepEqual(unknown.unknown, ['g:ResourceTag/team']);
  assert.equal(access(facts, 'ListImageTags', () => ({ context: onImage({ team: 'red' }) })).decision, 'denied');
  assert.equal(access(facts, 'ListImageTags', () => ({ context: onImage({ team: 'blue' }) })).decision, 'allowed');
});

test('why not lists at most eight failed statements', () => {
  const many = Array.from({ length: 12 }, (_, i) =>
    v5(`p${i}`, { Effect: 'Allow', Action: ['ims:images:getTags'], Condition: team(`t${i}`) }),
  );
  const a = access({ attached: many.map((policy) => ({ policy, via: 'user' })) }, 'ListImageTags', () => ({
    context: onImage({ team: 'none' }),
  }));
  assert.equal(a.decision, 'notGranted');
  assert.deepEqual(names(a.unmet ?? []), ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
});

test('each call is judged in its own context, even when the APIs need the same action', () => {
  const conditional = v5('blue-only', { Effect: 'Allow', Action: ['ims:images:getTags'], Condition: team('blue') });
  const contexts: Record<string, RequestContext> = {
    ListImageTags: onImage({ team: 'blue' }),
    ListTags: onImage({ team: 'red' }),
  };
  const all = effectivePermissions(
    { projectId: P, grants: [], attached: [{ policy: conditional, via: 'user' }] },
    undefined,
    undefined,
    (api) => ({ context: contexts[api.id] }),
  );
  const decision = (id: string) => all.find((a) => a.api.id === id)?.decision;
  assert.deepEqual([decision('ListImageTags'), decision('ListTags')], ['allowed', 'notGranted']);
  // The same context object for both: one answer.
  const same = onImage({ team: 'blue' });
  const both = effectivePermissions(
    { projectId: P, grants: [], attached: [{ policy: conditional, via: 'user' }] },
    undefined,
    undefined,
    () => ({ context: same }),
  );
  assert.deepEqual(
    ['ListImageTags', 'ListTags'].map((id) => both.find((a) => a.api.id === id)?.decision),
    ['allowed', 'allowed'],
  );
});

test('enterprise-project grants: named when they would grant a missing action, not when they grant nothing of it', () => {
  const tag = v11('tagger', { Effect: 'Allow', Action: ['ims:images:list', 'ims:images:get', 'ims:images:update'] });
  const unrelated = v11('other', { Effect: 'Allow', Action: ['ecs:servers:list'] });
  const a = access(
    {
      grants: [
        { policy: tag, scope: ep, via: 'group-a' },
        { policy: unrelated, scope: ep, via: 'group-b' },
      ],
    },
    'AddImageTag',
  );
  assert.equal(a.decision, 'notGranted');
  assert.deepEqual(a.enterpriseOnly, [{ name: 'tagger', via: 'group-a', enterpriseProjectId: 'ep-7' }]);
  // Granted on the project as well: nothing is missing, so nothing is said of the enterprise project.
  const both = access(
    {
      grants: [
        { policy: tag, scope: ep, via: 'group-a' },
        { policy: tag, scope: project, via: 'g' },
      ],
    },
    'AddImageTag',
  );
  assert.deepEqual([both.decision, both.enterpriseOnly], ['allowed', []]);
  // ListImages may be granted on an enterprise project: there the grant counts and is no "only".
  const list = access({ grants: [{ policy: tag, scope: ep, via: 'group-a' }] }, 'ListImages');
  assert.deepEqual([list.decision, list.enterpriseOnly], ['allowed', []]);
  // A 5.0 policy on an enterprise project is judged in 5.0's actions.
  const v5tags = v5('v5-tags', { Effect: 'Allow', Action: ['ims:images:setTags'] });
  assert.deepEqual(access({ grants: [{ policy: v5tags, scope: ep, via: 'g5' }] }, 'AddImageTag').enterpriseOnly, [
    { name: 'v5-tags', via: 'g5', enterpriseProjectId: 'ep-7' },
  ]);
});

test('a granted text that is not a policy counts for nothing, wherever it is granted or attached', () => {
  const junk: GrantedPolicy = { name: 'junk', uri: 'ims-iam:/test/junk.json', type: 'XA', policy: '{ not json' };
  for (const facts of [
    { grants: [{ policy: junk, scope: project, via: 'g' }] },
    { grants: [{ policy: junk, scope: ep, via: 'g' }] },
    { attached: [{ policy: junk, via: 'user' }] },
  ]) {
    const a = access(facts, 'ListImageTags');
    assert.deepEqual([a.decision, a.enterpriseOnly, a.decidedBy], ['notGranted', [], []], JSON.stringify(facts));
  }
  const admin = access(
    { administrator: true, attached: [{ policy: v5('deny', { Effect: 'Deny', Action: ['ims:*'] }), via: 'u' }] },
    'AddImageTag',
  );
  assert.deepEqual(admin, { api: admin.api, decision: 'allowed', missing: [], decidedBy: [], enterpriseOnly: [] });
});

test('calls with a context and calls without one in the same run never share a verdict', () => {
  const blue = v5('blue-only', { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: team('blue') });
  const contexts: Record<string, RequestContext | undefined> = {
    AddImageTag: onImage({ team: 'blue' }),
    DeleteImageTag: onImage({ team: 'red' }),
  };
  const all = effectivePermissions(
    { projectId: P, grants: [], attached: [{ policy: blue, via: 'user' }] },
    undefined,
    undefined,
    (api) => (contexts[api.id] ? { context: contexts[api.id] } : {}),
  );
  const decision = (id: string) => all.find((a) => a.api.id === id)?.decision;
  // Without a context a conditional Allow counts, as IAM would when it holds.
  assert.deepEqual(['AddImageTag', 'DeleteImageTag', 'BatchAddOrDeleteTags', 'GlanceCreateTag'].map(decision), [
    'allowed',
    'notGranted',
    'allowed',
    'allowed',
  ]);
});

test('why not names only the failed statements of the actions missing, and only when not granted', () => {
  // GlanceCreateTag needs ims:images:get and ims:images:update in 1.1: get is granted outright (a failed
  // Condition on it too), update only under a Condition that fails.
  const get = v11('get', { Effect: 'Allow', Action: ['ims:images:get'] });
  const getIfRed = v11('get-if-red', { Effect: 'Allow', Action: ['ims:images:get'], Condition: team('red') });
  const updateIfRed = v11('update-if-red', { Effect: 'Allow', Action: ['ims:images:update'], Condition: team('red') });
  const grants = [get, getIfRed, updateIfRed].map((policy) => ({ policy, scope: project, via: 'g' }));
  const blue = () => ({ context: onImage({ team: 'blue' }) });
  const a = access({ grants }, 'GlanceCreateTag', blue);
  assert.equal(a.decision, 'notGranted');
  assert.deepEqual(a.missing, ['ims:images:update']);
  assert.deepEqual(names(a.unmet ?? []), ['update-if-red']);
  // Granted: nothing to explain, though a Condition failed on the way.
  const granted = access(
    {
      grants: [
        ...grants,
        { policy: v11('update', { Effect: 'Allow', Action: ['ims:images:update'] }), scope: project, via: 'g' },
      ],
    },
    'GlanceCreateTag',
    blue,
  );
  assert.deepEqual([granted.decision, granted.unmet, granted.unknown], ['allowed', [], []]);
  // Denied: the Deny says why, not the failed Allows.
  const deny = v11('deny-get', { Effect: 'Deny', Action: ['ims:images:get'] });
  const denied = access({ grants: [...grants, { policy: deny, scope: project, via: 'g' }] }, 'GlanceCreateTag', blue);
  assert.deepEqual([denied.decision, denied.unmet, names(denied.decidedBy)], ['denied', [], ['deny-get']]);
});

test('an enterprise-project grant is named when it would grant one of the missing actions, or would under a Condition', () => {
  // GlanceCreateTag needs get and update (1.1): a policy granting update alone would still help.
  const updateOnly = v11('update-only', { Effect: 'Allow', Action: ['ims:images:update'] });
  assert.deepEqual(access({ grants: [{ policy: updateOnly, scope: ep, via: 'g' }] }, 'GlanceCreateTag').enterpriseOnly, [
    { name: 'update-only', via: 'g', enterpriseProjectId: 'ep-7' },
  ]);
  const conditional = v5('if-blue', { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: team('blue') });
  assert.deepEqual(access({ grants: [{ policy: conditional, scope: ep, via: 'g5' }] }, 'AddImageTag').enterpriseOnly, [
    { name: 'if-blue', via: 'g5', enterpriseProjectId: 'ep-7' },
  ]);
  const denyOnly = v5('deny', { Effect: 'Deny', Action: ['ims:images:setTags'] });
  assert.deepEqual(access({ grants: [{ policy: denyOnly, scope: ep, via: 'g' }] }, 'AddImageTag').enterpriseOnly, []);
});
