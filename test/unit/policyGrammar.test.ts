// The policy grammar the checks, completion and hovers read (core/catalogue/policyGrammar.ts) and the
// catalogue's own helpers (core/catalogue/index.ts), held to the documented facts (docs/sources.md §C):
// a text lost, a version or a limit changed, an operator dropped fails here, first, before any suite that
// only uses them on the way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CATALOGUE_AS_OF,
  CONDITION_OPERATORS,
  EFFECTS,
  EFFECT_DOCS,
  GLOBAL_CONDITION_KEYS,
  IMS_APIS,
  OPERATOR_SET_PREFIXES,
  OPERATOR_SUFFIX,
  POLICY_LIMITS,
  POLICY_VERSIONS,
  STATEMENT_KEYS,
  TAG_KEY_RULE_TEXT,
  TAG_RULES,
  TAG_VALUE_RULE_TEXT,
  VERSION_DOCS,
  apisForPattern,
  apisNeedingBoth,
  dependentActions,
  isKnownOperator,
  langOf,
  parseOperator,
  tr,
} from '../../core/catalogue';
import type { Localized } from '../../core/catalogue';

const CJK = /[\u4E00-\u9FFF]/;

/** A text of both languages: English words without Chinese, Chinese with some. */
function assertLocalized(text: Localized, what: string) {
  assert.match(text.en, /[A-Za-z]{2}/, `${what}: English text`);
  assert.doesNotMatch(text.en, CJK, `${what}: English text without Chinese`);
  assert.match(text.zh, CJK, `${what}: Chinese text`);
}

/** A VS Code snippet with each placeholder replaced by its default (a choice's first, `$1` by nothing). */
const expand = (snippet: string) =>
  snippet
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');

test('the three policy versions, each described in both languages', () => {
  assert.deepEqual([...POLICY_VERSIONS], ['1.0', '1.1', '5.0']);
  for (const v of POLICY_VERSIONS) assertLocalized(VERSION_DOCS[v], `version ${v}`);
  assert.match(VERSION_DOCS['5.0'].en, /Sid.*NotAction.*NotResource/);
  assert.match(VERSION_DOCS['1.1'].en, /custom policies/);
});

test('Allow and Deny, and what each does (Deny wins)', () => {
  assert.deepEqual([...EFFECTS], ['Allow', 'Deny']);
  for (const e of EFFECTS) assertLocalized(EFFECT_DOCS[e], e);
  assert.match(EFFECT_DOCS.Allow.en, /Deny still wins/);
  assert.match(EFFECT_DOCS.Deny.en, /Deny wins/);
});

test('statement keys: four in every version, Sid, NotAction and NotResource in 5.0 only', () => {
  assert.deepEqual(
    STATEMENT_KEYS.map((k) => `${k.name} ${k.versions.join(',')}`),
    [
      'Effect 1.0,1.1,5.0',
      'Action 1.0,1.1,5.0',
      'Resource 1.0,1.1,5.0',
      'Condition 1.0,1.1,5.0',
      'Sid 5.0',
      'NotAction 5.0',
      'NotResource 5.0',
    ],
  );
  for (const k of STATEMENT_KEYS) assertLocalized(k.doc, k.name);
});

test("each statement key's snippet expands to the JSON value that key takes", () => {
  const values = Object.fromEntries(STATEMENT_KEYS.map((k) => [k.name, JSON.parse(expand(k.valueSnippet))]));
  assert.deepEqual(values, {
    Effect: 'Allow',
    Action: [''],
    Resource: [''],
    Condition: { StringEquals: { 'g:UserName': [''] } },
    Sid: '',
    NotAction: [''],
    NotResource: [''],
  });
  // The Effect choice offers both effects, Allow first.
  assert.match(STATEMENT_KEYS[0].valueSnippet, /\|Allow,Deny\|/);
});

test('the documented v3 limits, enforced for 1.0 and 1.1 only', () => {
  assert.deepEqual(
    { ...POLICY_LIMITS, versions: [...POLICY_LIMITS.versions] },
    {
      statements: 8,
      actions: 100,
      conditions: 10,
      resources: 10,
      resourceLength: 128,
      versions: ['1.0', '1.1'],
      source: 'https://support.huaweicloud.com/api-iam/iam_02_0013.md',
    },
  );
});

test('condition operators: the policy-syntax page’s table, StringMatch, Null; DateEquals only probable', () => {
  const confirmed = CONDITION_OPERATORS.filter((o) => o.confirmed).map((o) => o.name);
  // Table 4 of the policy-syntax page, read operator by operator.
  for (const family of [
    'String{Not,}Equals',
    'String{Not,}EqualsIgnoreCase',
    'String{Not,}Like',
    'String{Not,}StartWith',
    'String{Not,}EndWith',
    'Number{Not,}Equals',
  ])
    for (const form of [family.replace('{Not,}', 'Not'), family.replace('{Not,}', '')]) {
      assert.ok(confirmed.includes(form), form);
      assert.ok(confirmed.includes(`${form}AnyOf`), `${form}AnyOf`);
    }
  // Comparisons of numbers and dates, then the operators of their own.
  const compared = ['Number', 'Date'].flatMap((t) => ['LessThan', 'GreaterThan'].flatMap((c) => [t + c, `${t + c}Equals`]));
  const own = 'StringMatch StringNotMatch Bool IpAddress NotIpAddress IsNullOrEmpty IsNull IsNotNull Null'.split(' ');
  for (const name of [...compared, ...own]) assert.ok(confirmed.includes(name), name);
  assert.equal(confirmed.length, 41);
  assert.equal(new Set(confirmed).size, confirmed.length, 'no operator twice');
  assert.deepEqual(
    CONDITION_OPERATORS.filter((o) => !o.confirmed).map((o) => o.name),
    ['DateEquals', 'DateNotEquals'],
  );
  for (const o of CONDITION_OPERATORS) assert.match(o.name, /^[A-Z][A-Za-z]+$/, o.name);
});

test('an operator as written: its set prefix, its base and IfExists, and whether IAM knows it', () => {
  assert.equal(OPERATOR_SUFFIX, 'IfExists');
  assert.deepEqual(OPERATOR_SET_PREFIXES, ['ForAllValues:', 'ForAnyValue:']);
  const parsed = (op: string) => {
    const p = parseOperator(op);
    return [p.prefix, p.base, p.ifExists, p.known?.name, p.known?.confirmed];
  };
  assert.deepEqual(parsed('StringEquals'), [undefined, 'StringEquals', false, 'StringEquals', true]);
  assert.deepEqual(parsed('ForAnyValue:StringLikeIfExists'), ['ForAnyValue:', 'StringLike', true, 'StringLike', true]);
  assert.deepEqual(parsed('ForAllValues:NumberEquals'), ['ForAllValues:', 'NumberEquals', false, 'NumberEquals', true]);
  assert.deepEqual(parsed('DateEqualsIfExists'), [undefined, 'DateEquals', true, 'DateEquals', false]);
  // The suffix alone is a name, not an empty operator with IfExists.
  assert.deepEqual(parsed('IfExists'), [undefined, 'IfExists', false, undefined, undefined]);
  assert.deepEqual(parsed('ForAnyValue:IfExists'), ['ForAnyValue:', 'IfExists', false, undefined, undefined]);
  // A prefix is matched whole and at the start only.
  assert.deepEqual(parsed('ForAnyValueStringEquals'), [undefined, 'ForAnyValueStringEquals', false, undefined, undefined]);
  assert.deepEqual(parsed('xForAnyValue:Bool'), [undefined, 'xForAnyValue:Bool', false, undefined, undefined]);
  assert.deepEqual(parsed('StringEqualsIfExistsIfExists'), [undefined, 'StringEqualsIfExists', true, undefined, undefined]);

  for (const op of ['Bool', 'NullIfExists', 'ForAllValues:StringNotEqualsAnyOf', 'DateNotEquals'])
    assert.ok(isKnownOperator(op), op);
  for (const op of ['', 'IfExists', 'stringequals', 'StringEquals ', 'ForSomeValues:Bool', 'Exists'])
    assert.equal(isKnownOperator(op), false, op);
});

test('the global condition keys of a 1.1 policy, with their documented types', () => {
  assert.deepEqual(
    GLOBAL_CONDITION_KEYS.map((k) => [k.name, k.type, k.confirmed]),
    [
      ['g:DomainName', 'String', true],
      ['g:UserName', 'String', true],
      ['g:EnterpriseProjectId', 'String', true],
      ['g:MFAPresent', 'Boolean', true],
      ['g:CurrentTime', 'Date', true],
    ],
  );
  for (const k of GLOBAL_CONDITION_KEYS) assertLocalized(k.doc, k.name);
});

test('languages: zh-* speaks Chinese, anything else English; a text in the language asked for', () => {
  for (const locale of ['zh', 'zh-cn', 'ZH-TW', 'zh-Hans']) assert.equal(langOf(locale), 'zh', locale);
  for (const locale of [undefined, '', 'en', 'en-US', 'ja', 'xzh', 'cn']) assert.equal(langOf(locale), 'en', String(locale));
  assert.equal(tr({ en: 'one', zh: '一' }, 'en'), 'one');
  assert.equal(tr({ en: 'one', zh: '一' }, 'zh'), '一');
  assertLocalized(CATALOGUE_AS_OF, 'catalogue date');
  assert.match(CATALOGUE_AS_OF.en, /2026-08/);
});

test('tag rule texts quote the enforced bounds and the stricter per-API ones', () => {
  assertLocalized(TAG_KEY_RULE_TEXT, 'key rule');
  assertLocalized(TAG_VALUE_RULE_TEXT, 'value rule');
  assert.match(TAG_KEY_RULE_TEXT.en, new RegExp(`^1–${TAG_RULES.key.max} .*at most ${TAG_RULES.key.stricterMax}\\)$`));
  assert.match(TAG_VALUE_RULE_TEXT.en, new RegExp(`^0–${TAG_RULES.value.max} .*at most ${TAG_RULES.value.stricterMax}\\)$`));
  assert.match(TAG_KEY_RULE_TEXT.zh, /^1–128 .*最多 36 个）$/);
  assert.match(TAG_VALUE_RULE_TEXT.zh, /^0–255 .*最多 43 个）$/);
});

test('a pattern authorizes an API fully when it matches every action the API needs, partly when some', () => {
  const ids = (pattern: string) => {
    const { full, partial } = apisForPattern(pattern);
    return { full: full.map((a) => a.id), partial: partial.map((a) => a.id) };
  };
  const everything = ids('ims:*:*');
  assert.deepEqual(
    everything.full,
    IMS_APIS.map((a) => a.id),
  );
  assert.deepEqual(everything.partial, []);
  // The OpenStack-native tag APIs and CreateOrUpdateTags need update and get: get alone is a part of each.
  assert.deepEqual(ids('ims:*:get*'), { full: [], partial: ['GlanceCreateTag', 'GlanceDeleteTag', 'CreateOrUpdateTags'] });
  const lists = ids('ims:*:list*');
  assert.deepEqual(
    lists.full,
    IMS_APIS.filter((a) => a.actions.every((x) => x === 'ims:images:list')).map((a) => a.id),
  );
  assert.ok(lists.full.includes('ListImageByTags') && lists.full.includes('ListImages'));
  assert.deepEqual(lists.partial, []);
  assert.deepEqual(ids('ims:images:update').full.length + ids('ims:images:update').partial.length > 0, true);
  assert.ok(ids('ims:images:update').partial.includes('CreateOrUpdateTags'));
  assert.ok(!ids('ims:images:update').full.includes('CreateOrUpdateTags'));
  assert.deepEqual(ids('ecs:*:*'), { full: [], partial: [] });
});

test('a write depends on the reads its APIs also need, named with the APIs that need both', () => {
  const writes = IMS_APIS.filter((api) => api.actions.length > 1);
  assert.ok(writes.length > 0, 'some API needs two actions');
  for (const api of writes) {
    const write = api.actions.find((a) => !/:(get|list)/i.test(a))!;
    const read = api.actions.find((a) => /:(get|list)/i.test(a))!;
    assert.ok(dependentActions(write).includes(read), `${api.id}: ${write} needs ${read}`);
    assert.deepEqual(dependentActions(read), [], `${read} depends on nothing`);
    assert.ok(
      apisNeedingBoth(write, read).some((a) => a.id === api.id),
      api.id,
    );
    // Case does not split an action from itself.
    assert.ok(dependentActions(write.toUpperCase().replace('IMS:', 'ims:')).includes(read));
  }
  // An action no API needs depends on nothing, and an action is never its own dependency.
  assert.deepEqual(dependentActions('ims:images:nothing'), []);
  for (const api of IMS_APIS) for (const a of api.actions) assert.ok(!dependentActions(a).includes(a), a);
  assert.deepEqual(apisNeedingBoth('ims:images:get', 'ecs:servers:get'), []);
});

test('dependencies over a table of APIs: a read (get…, list… at the start of the operation) depends on nothing', () => {
  const api = (id: string, actions: string[]) => ({ ...IMS_APIS[0], id, actions });
  const table = [
    api('A', ['svc:things:get', 'svc:things:list']),
    api('B', ['svc:things:update', 'svc:things:get', 'svc:things:forget']),
  ];
  assert.deepEqual(dependentActions('svc:things:get', table), [], 'a read, though its API needs another read');
  assert.deepEqual(dependentActions('svc:things:list', table), []);
  // `forget` is a write: `get` is not at the start of its operation.
  assert.deepEqual(dependentActions('svc:things:update', table), ['svc:things:get']);
  assert.deepEqual(dependentActions('svc:things:forget', table), ['svc:things:get']);
  assert.deepEqual(dependentActions('svc:THINGS:Update', table), ['svc:things:get']);
  assert.deepEqual(dependentActions('svc:things:update', []), []);
});
