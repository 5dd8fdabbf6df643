/**
 * Effective permissions (core/access/effective.ts) against expectations written by hand from the seed
 * table (which actions each API needs; every tag API "enterprise project ✗", ListImages ✓) and IAM's
 * rules (Deny wins; domain grants reach global services only). The evaluator is not its own judge here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectivePermissions, type AccessFacts, type GrantedPolicy } from '../../core/access/effective';

const P = 'project-1';
const policy = (
  name: string,
  version: '1.1' | '5.0',
  effect: 'Allow' | 'Deny',
  actions: string[],
  type: 'AX' | 'XA' = 'XA',
): GrantedPolicy => ({
  name,
  uri: `ims-iam:/test/${name}.json`,
  type,
  policy: { Version: version, Statement: [{ Effect: effect, Action: actions }] },
});
const LIST = policy('list', '1.1', 'Allow', ['ims:images:list']);
const TAG = policy('tag', '1.1', 'Allow', ['ims:images:list', 'ims:images:get', 'ims:images:update']);
const UPDATE_ONLY = policy('update-only', '1.1', 'Allow', ['ims:images:update']);
const READ = policy('read', '1.1', 'Allow', ['ims:*:get*', 'ims:*:list*']);
const DENY_UPDATE = policy('deny-update', '5.0', 'Deny', ['ims:images:setTags']);
const ALLOW_V5 = policy('allow-v5', '5.0', 'Allow', ['ims:images:*']);
const GLOBAL = policy('global', '1.1', 'Allow', ['ims:*:*'], 'AX');
const XA_ALL = policy('xa-all', '1.1', 'Allow', ['ims:*:*']);

const project = { kind: 'project' as const, projectId: P };
const ep = { kind: 'enterpriseProject' as const, enterpriseProjectId: 'ep-1' };

/** The decision for each API id, as "Id:decision" strings (only the ones asked for). */
function decisions(facts: Partial<AccessFacts>, ids: string[]): string[] {
  const all = effectivePermissions({ projectId: P, grants: [], attached: [], ...facts });
  return ids.map((id) => `${id}:${all.find((a) => a.api.id === id)!.decision}`);
}

test('1. nothing granted: every API is not granted', () => {
  const all = effectivePermissions({ projectId: P, grants: [], attached: [] });
  assert.equal(all.length, 12);
  assert.ok(all.every((a) => a.decision === 'notGranted' && a.missing.length > 0));
});

test('2. list granted on the project: the list APIs only', () => {
  assert.deepEqual(
    decisions({ grants: [{ policy: LIST, scope: project, via: 'g' }] }, [
      'ListImageTags',
      'ListTags',
      'AddImageTag',
      'GlanceCreateTag',
    ]),
    ['ListImageTags:allowed', 'ListTags:allowed', 'AddImageTag:notGranted', 'GlanceCreateTag:notGranted'],
  );
});

test('3. a grant on another project counts for nothing here', () => {
  const other = { kind: 'project' as const, projectId: 'project-2' };
  assert.deepEqual(decisions({ grants: [{ policy: TAG, scope: other, via: 'g' }] }, ['AddImageTag']), ['AddImageTag:notGranted']);
});

test('4. all projects (inherited) counts on this project', () => {
  assert.deepEqual(
    decisions({ grants: [{ policy: TAG, scope: { kind: 'allProjects' }, via: 'g' }] }, ['AddImageTag', 'GlanceCreateTag']),
    ['AddImageTag:allowed', 'GlanceCreateTag:allowed'],
  );
});

test('5. update alone: the native APIs also need get, so they stay not granted, with get missing', () => {
  const all = effectivePermissions({ projectId: P, grants: [{ policy: UPDATE_ONLY, scope: project, via: 'g' }], attached: [] });
  const glance = all.find((a) => a.api.id === 'GlanceCreateTag')!;
  assert.equal(glance.decision, 'notGranted');
  assert.deepEqual(glance.missing, ['ims:images:get']);
  assert.equal(all.find((a) => a.api.id === 'AddImageTag')!.decision, 'allowed');
});

test('6. enterprise-project grants never authorize a tag API, and are reported as the reason', () => {
  const all = effectivePermissions({ projectId: P, grants: [{ policy: TAG, scope: ep, via: 'group taggers' }], attached: [] });
  const add = all.find((a) => a.api.id === 'AddImageTag')!;
  assert.equal(add.decision, 'notGranted');
  assert.deepEqual(add.enterpriseOnly, [{ name: 'tag', via: 'group taggers', enterpriseProjectId: 'ep-1' }]);
  // ListImages can be authorized on an enterprise project (seed table ✓).
  assert.equal(all.find((a) => a.api.id === 'ListImages')!.decision, 'allowed');
});

test('7. a 5.0 Deny attached to the user wins over a project grant', () => {
  const all = effectivePermissions({
    projectId: P,
    grants: [{ policy: TAG, scope: project, via: 'g' }],
    attached: [{ policy: DENY_UPDATE, via: 'user' }],
  });
  const add = all.find((a) => a.api.id === 'AddImageTag')!;
  assert.equal(add.decision, 'denied');
  assert.equal(add.decidedBy[0].source.uri, 'ims-iam:/test/deny-update.json');
  assert.equal(all.find((a) => a.api.id === 'ListImageTags')!.decision, 'allowed');
});

test('8. a 5.0 Allow attached to a group grants on its own, whatever the project', () => {
  assert.deepEqual(decisions({ attached: [{ policy: ALLOW_V5, via: 'group g' }] }, ['AddImageTag', 'ListTags']), [
    'AddImageTag:allowed',
    'ListTags:allowed',
  ]);
});

test('9. domain grants: an AX policy reaches IMS, an XA one does not', () => {
  assert.deepEqual(decisions({ grants: [{ policy: XA_ALL, scope: { kind: 'domain' }, via: 'g' }] }, ['AddImageTag']), [
    'AddImageTag:notGranted',
  ]);
  assert.deepEqual(decisions({ grants: [{ policy: GLOBAL, scope: { kind: 'domain' }, via: 'g' }] }, ['AddImageTag']), [
    'AddImageTag:allowed',
  ]);
});

test('10. wildcards: read access allows every list and get API, no write', () => {
  assert.deepEqual(
    decisions({ grants: [{ policy: READ, scope: project, via: 'g' }] }, ['ListImageTags', 'ListImages', 'BatchDeleteTags']),
    ['ListImageTags:allowed', 'ListImages:allowed', 'BatchDeleteTags:notGranted'],
  );
});

test('11. the administrator may do everything, whatever denies', () => {
  const all = effectivePermissions({
    projectId: P,
    administrator: true,
    grants: [],
    attached: [{ policy: DENY_UPDATE, via: 'user' }],
  });
  assert.ok(all.every((a) => a.decision === 'allowed'));
});

test('12. grants of several groups add up; a Deny in any of them wins', () => {
  assert.deepEqual(
    decisions(
      {
        grants: [
          { policy: LIST, scope: project, via: 'readers' },
          { policy: UPDATE_ONLY, scope: project, via: 'writers' },
          { policy: policy('deny-list', '1.1', 'Deny', ['ims:images:list']), scope: { kind: 'allProjects' }, via: 'auditors' },
        ],
      },
      ['AddImageTag', 'ListImageTags'],
    ),
    ['AddImageTag:allowed', 'ListImageTags:denied'],
  );
});

test('each policy is judged in its own model: 5.0 tag writes are setTags, tag reads getTags; 1.1 keeps update and list', () => {
  const v5 = (effect: 'Allow' | 'Deny', actions: string[]) => policy(`v5-${actions.join('-')}`, '5.0', effect, actions);
  const apis = ['AddImageTag', 'ListImageTags', 'ListImages'];
  // A 5.0 Allow of setTags grants the tag writes its operations map to, nothing else.
  assert.deepEqual(decisions({ attached: [{ policy: v5('Allow', ['ims:images:setTags']), via: 'user' }] }, apis), [
    'AddImageTag:allowed',
    'ListImageTags:notGranted',
    'ListImages:notGranted',
  ]);
  assert.deepEqual(
    decisions({ attached: [{ policy: v5('Allow', ['ims:images:getTags', 'ims:images:list']), via: 'user' }] }, apis),
    ['AddImageTag:notGranted', 'ListImageTags:allowed', 'ListImages:allowed'],
  );
  // The 1.1 name in a 5.0 policy does not stand for setTags (aliases are not documented for IMS).
  assert.deepEqual(decisions({ attached: [{ policy: v5('Allow', ['ims:images:update']), via: 'user' }] }, ['AddImageTag']), [
    'AddImageTag:notGranted',
  ]);
  // A 1.1 grant and a 5.0 Deny together: the Deny, in its own words, wins.
  assert.deepEqual(
    decisions(
      {
        grants: [{ policy: TAG, scope: project, via: 'g' }],
        attached: [{ policy: v5('Deny', ['ims:images:setTags']), via: 'user' }],
      },
      ['AddImageTag', 'ListImageTags'],
    ),
    ['AddImageTag:denied', 'ListImageTags:allowed'],
  );
});
