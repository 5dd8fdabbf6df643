/** The connected identity's verdict in .http hovers and diagnostics (sent by the client as imsTags/identityAccess). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectivePermissions, type AccessFacts } from '../../core/access/effective';
import { identityVerdict, isIdentityAccess, toIdentityAccess, type IdentityAccess } from '../../core/access/identityAccess';
import { getLanguageService } from '../../server/languageService';
import { withCursor } from '../support/docs';
import { ADD, HOST, http } from '../support/http';

const tagging = { Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:get', 'ims:images:update'] }] };
const denyTags = {
  Version: '5.0',
  Statement: [
    { Effect: 'Allow', Action: ['ims:images:list'] },
    { Effect: 'Deny', Action: ['ims:images:setTags'] },
  ],
};
const role = (name: string, policy: unknown) => ({ name, uri: `ims-iam:/roles/${name}.json`, type: 'XA' as const, policy });

function identity(facts: Omit<AccessFacts, 'projectId'>, who = 'alice'): IdentityAccess {
  const f = { projectId: 'p1', ...facts };
  return toIdentityAccess({ identity: who, connection: 'the Sandbox' }, f, effectivePermissions(f));
}

function serviceAs(id: IdentityAccess | undefined, lang: 'en' | 'zh' = 'en') {
  return getLanguageService({ lang: () => lang, identity: () => id });
}

function hoverAs(id: IdentityAccess | undefined, lang: 'en' | 'zh' = 'en'): string {
  const { doc, position } = withCursor(`PO|ST ${HOST}/v2/p1/images/img-1/tags\n`, 'http');
  return (serviceAs(id, lang).hover(doc, position)!.contents as { value: string }).value;
}

const identityDiags = (id: IdentityAccess | undefined) =>
  serviceAs(id)
    .diagnostics(http(ADD))
    .filter((d) => d.code === 'identity-refused');

test('denied by a 5.0 statement: the hover and a warning name the policy and the statement, with a link to it', () => {
  const dave = identity(
    {
      grants: [{ policy: role('IMS tagging', tagging), scope: { kind: 'project', projectId: 'p1' }, via: 'group taggers' }],
      attached: [{ policy: { ...role('interns', denyTags), uri: 'ims-iam:/policies/pol-1.json' }, via: 'user' }],
    },
    'dave',
  );
  assert.match(hoverAs(dave), /\*\*You, as dave\*\* \(the Sandbox\): ⛔ denied by "interns", statement 2/);
  const [d] = identityDiags(dave);
  assert.equal(d.message, 'You, as dave, may not call AddImageTag: denied by "interns", statement 2.');
  assert.equal(d.severity, 2);
  assert.deepEqual(
    d.relatedInformation?.map((r) => r.location.uri),
    ['ims-iam:/policies/pol-1.json'],
  );
});

test('granted on another project only: not granted, naming the missing actions', () => {
  const bob = identity({
    grants: [{ policy: role('IMS tagging', tagging), scope: { kind: 'project', projectId: 'p2' }, via: 'group taggers' }],
    attached: [],
  });
  assert.match(hoverAs(bob), /❌ not granted: no policy granted to you on this project allows ims:images:update/);
  assert.equal(identityDiags(bob).length, 1);
  assert.equal(identityDiags(bob)[0].relatedInformation, undefined);
});

test('a grant on an enterprise project is named as authorizing no tag API', () => {
  const bob = identity({
    grants: [
      {
        policy: role('IMS tagging', tagging),
        scope: { kind: 'enterpriseProject', enterpriseProjectId: 'ep-9' },
        via: 'group readers',
      },
    ],
    attached: [],
  });
  assert.match(
    hoverAs(bob),
    /⚠️ "IMS tagging" \(through group readers\) is granted in enterprise project ep-9, which cannot authorize IMS tag APIs\./,
  );
});

test('allowed: the hover names the granting statement and no warning is given; the administrator is said to be one', () => {
  const alice = identity({
    grants: [{ policy: role('IMS tagging', tagging), scope: { kind: 'allProjects' }, via: 'group taggers' }],
    attached: [],
  });
  assert.match(hoverAs(alice), /✅ allowed by "IMS tagging", statement 1\n/);
  assert.deepEqual(identityDiags(alice), []);
  const admin = identity({ administrator: true, grants: [], attached: [] }, 'root');
  assert.match(hoverAs(admin), /\*\*You, as root\*\* \(the Sandbox\): ✅ allowed: a member of the admin group may do everything/);
});

test('IAM refused the reads: the hover says so and no warning is guessed; no identity: no section at all', () => {
  const unreadable: IdentityAccess = {
    identity: 'alice',
    connection: 'a local emulator',
    projectId: 'p1',
    administrator: false,
    apis: [],
    unreadable: 'IAM does not let alice read its own grants: ask an administrator for IAM read access.',
  };
  assert.match(hoverAs(unreadable), /\*\*You, as alice\*\* \(a local emulator\): IAM does not let alice read its own grants/);
  assert.deepEqual(identityDiags(unreadable), []);
  assert.doesNotMatch(hoverAs(undefined), /You, as/);
  assert.deepEqual(identityDiags(undefined), []);
});

test('in Chinese', () => {
  const bob = identity({ grants: [], attached: [] }, 'bob');
  assert.match(hoverAs(bob, 'zh'), /\*\*当前身份 bob\*\*（the Sandbox）：❌ 未授权/);
});

test('the notification payload is checked: junk means "not known"', () => {
  assert.equal(isIdentityAccess(null), false);
  assert.equal(isIdentityAccess({ identity: 'a', projectId: 'p', apis: [{ api: 1 }] }), false);
  assert.equal(isIdentityAccess(identity({ grants: [], attached: [] })), true);
  // Each field in turn missing or of the wrong type, on a payload that is otherwise whole.
  const api = { api: 'AddImageTag', decision: 'allowed', missing: [], decidedBy: [], enterpriseOnly: [] };
  const whole = { identity: 'a', connection: 'c', projectId: 'p', administrator: false, apis: [api, api] };
  assert.equal(isIdentityAccess(whole), true);
  assert.equal(isIdentityAccess({ ...whole, apis: [] }), true, 'no APIs is a payload');
  for (const [field, bad] of [
    ['identity', undefined],
    ['identity', 7],
    ['projectId', undefined],
    ['projectId', null],
    ['apis', undefined],
    ['apis', { 0: api }],
  ] as const)
    assert.equal(isIdentityAccess({ ...whole, [field]: bad }), false, `${field}: ${JSON.stringify(bad)}`);
  for (const [field, bad] of [
    ['api', 3],
    ['missing', 'ims:images:list'],
    ['missing', undefined],
    ['decidedBy', undefined],
    ['decidedBy', {}],
  ] as const)
    assert.equal(
      isIdentityAccess({ ...whole, apis: [api, { ...api, [field]: bad }] }),
      false,
      `an API's ${field}: ${JSON.stringify(bad)}`,
    );
  assert.equal(isIdentityAccess({ ...whole, apis: [api, null] }), false, 'a null API');
  assert.equal(isIdentityAccess('{"identity":"a"}'), false, 'text');
  assert.equal(isIdentityAccess(undefined), false);
  // A verdict is read only from a payload IAM answered.
  assert.equal(identityVerdict(whole as IdentityAccess, 'AddImageTag')?.decision, 'allowed');
  assert.equal(identityVerdict(whole as IdentityAccess, 'ListTags'), undefined);
  assert.equal(identityVerdict({ ...(whole as IdentityAccess), unreadable: 'IAM refused: 403' }, 'AddImageTag'), undefined);
  assert.equal(identityVerdict(undefined, 'AddImageTag'), undefined);
});
