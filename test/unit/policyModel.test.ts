/** The policy model and its structure schema: what is read from a document, and which shapes are refused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, isConditional, isPolicyTree, parseJson, propertyValue } from '../../core/policy/policyDocument';
import { validatePolicyStructure } from '../../core/policy/structureValidation';

const model = (text: string) => parseJson(text).policy;

test('recognition: Statement at the top, or the role.policy wrapper; the kind from Version and Principal', () => {
  assert.equal(model('{"Statement": []}')?.wrapped, false);
  const wrapped = model('{"role": {"display_name": "x", "policy": {"Version": "1.1", "Statement": []}}}');
  assert.equal(wrapped?.wrapped, true);
  assert.equal(wrapped?.version, '1.1');
  assert.equal(model('{"role": {"policy": []}}'), undefined, 'role.policy must be an object');
  assert.equal(model('{"role": {}}'), undefined);
  assert.equal(model('[{"Statement": []}]'), undefined);
  assert.equal(model('{"Statements": []}'), undefined);
  assert.equal(isPolicyTree(parseJson('{"Statement": 1}').tree), true);
  assert.equal(isPolicyTree(parseJson('"x"').tree), false);
  // Dated versions are another grammar; a Version that only looks like one is not.
  assert.equal(model('{"Version": "2012-10-17", "Statement": []}'), undefined);
  assert.equal(model('{"Version": "2012-10-1", "Statement": []}')?.kind, 'identity');
  assert.equal(model('{"Version": "v2012-10-17", "Statement": []}')?.kind, 'identity');
  assert.equal(model('{"Version": "2012-10-17x", "Statement": []}')?.kind, 'identity');
  // Principal: a 5.0 resource policy, or (elsewhere, or without a Version) another grammar.
  assert.equal(model('{"Version": "5.0", "Statement": [{"Principal": "*"}]}')?.kind, 'resource');
  assert.equal(model('{"Version": "5.0", "Statement": [{"NotPrincipal": "*"}]}')?.kind, 'resource');
  assert.equal(model('{"Version": "1.1", "Statement": [{"Principal": "*"}]}'), undefined);
  assert.equal(model('{"Statement": [{"Principal": "*"}]}'), undefined);
  assert.equal(model('{"Version": "5.0", "Statement": [{"Effect": "Allow"}]}')?.kind, 'identity');
});

test('statements: effect, actions or not-actions, resources (a string too), conditions; items that are not strings skipped', () => {
  const m = model(`{"Version": "1.1", "Statement": [
    {"Effect": "Allow", "Action": ["a:b:c", 5, "d:e:f"], "Resource": "*"},
    "junk",
    {"Effect": 3, "NotAction": ["x:y:z"], "NotResource": ["r"], "Condition": {"Bool": {"g:MFAPresent": ["true"]}}},
    {"Effect": "Deny", "Action": "one:string:action", "Condition": {}}
  ]}`)!;
  assert.equal(m.statements.length, 3);
  const [a, b, c] = m.statements;
  assert.deepEqual([a.index, b.index, c.index], [0, 2, 3]);
  assert.deepEqual(
    a.actions.map((x) => x.value),
    ['a:b:c', 'd:e:f'],
  );
  assert.equal(a.effect, 'Allow');
  assert.equal(a.actionKey, 'Action');
  assert.ok(a.hasAction && !a.hasNotAction);
  assert.deepEqual(
    a.resources.map((r) => r.value),
    ['*'],
  );
  assert.equal(a.resourceKey, 'Resource');
  assert.equal(b.effect, undefined, 'a non-string Effect is no effect');
  assert.equal(b.actionKey, 'NotAction');
  assert.ok(b.hasNotAction && !b.hasAction);
  assert.equal(b.resourceKey, 'NotResource');
  assert.equal(isConditional(b), true);
  assert.equal(isConditional(c), false, 'an empty Condition does not make a statement conditional');
  assert.equal(isConditional(a), false);
  assert.deepEqual(
    c.actions.map((x) => x.value),
    ['one:string:action'],
  );
  // The last of a repeated key wins, as JSON.parse decides.
  const dup = parseJson('{"a": 1, "a": 2}').tree!;
  assert.equal(propertyValue(dup, 'a')?.value, 2);
  assert.equal(propertyValue(dup, 'b'), undefined);
  assert.equal(propertyValue(undefined, 'a'), undefined);
});

test(`nesting: ${MAX_JSON_DEPTH} levels are read, one more is treated as unparseable`, () => {
  // Depth counts every node: the object, its property, then each array.
  const nested = (depth: number) => `{"Statement": ${'['.repeat(depth - 2)}${']'.repeat(depth - 2)}}`;
  assert.ok(parseJson(nested(MAX_JSON_DEPTH)).policy);
  assert.equal(parseJson(nested(MAX_JSON_DEPTH + 1)).tree, undefined);
  assert.equal(parseJson(nested(MAX_JSON_DEPTH + 1)).policy, undefined);
});

test('structure: each key takes its documented type, by version and kind', () => {
  const errs = (policy: unknown, version?: '1.0' | '1.1' | '5.0', kind: 'identity' | 'resource' = 'identity') =>
    validatePolicyStructure(policy, version, kind).map((e) => `${e.instancePath} ${e.keyword}`);
  const st = (statement: Record<string, unknown>, version = '1.1') => ({ Version: version, Statement: [statement] });
  const ok = { Effect: 'Allow', Action: ['a:b:c'] };
  assert.deepEqual(errs(st(ok), '1.1'), []);
  assert.deepEqual(errs({ Statement: [ok] }, '1.1'), [' required']);
  assert.deepEqual(errs({ Version: '1.1' }, '1.1'), [' required']);
  assert.deepEqual(errs({ Version: 1, Statement: [ok] }, '1.1'), ['/Version type']);
  assert.deepEqual(errs({ Version: '1.1', Statement: {} }, '1.1'), ['/Statement type']);
  assert.deepEqual(errs(st({ Effect: 1, Action: ['a:b:c'] }), '1.1'), ['/Statement/0/Effect type']);
  assert.deepEqual(errs(st({ Action: ['a:b:c'] }), '1.1'), ['/Statement/0 required']);
  assert.deepEqual(errs(st({ Effect: 'Allow', Action: 'a:b:c' }), '1.1'), ['/Statement/0/Action type']);
  assert.deepEqual(errs(st({ Effect: 'Allow', Action: [1] }), '1.1'), ['/Statement/0/Action/0 type']);
  assert.ok(errs(st({ Effect: 'Allow' }), '1.1').includes('/Statement/0 anyOf'));
  assert.ok(errs(st({ Effect: 'Allow', Action: ['a'], NotAction: ['b'] }, '5.0'), '5.0').includes('/Statement/0 not'));
  // Keys of another version.
  assert.ok(errs(st({ ...ok, Sid: 'x' }), '1.1').includes('/Statement/0 additionalProperties'));
  assert.deepEqual(errs(st({ ...ok, Sid: 'x' }, '5.0'), '5.0'), []);
  assert.ok(errs(st({ ...ok, Sid: 1 }, '5.0'), '5.0').includes('/Statement/0/Sid type'));
  // Resource and NotResource: a list, one string, or {"uri": [...]}; not both in 5.0.
  for (const r of [['*'], '*', { uri: ['/iam/agencies/x'] }])
    assert.deepEqual(errs(st({ ...ok, Resource: r }), '1.1'), [], JSON.stringify(r));
  for (const r of [5, [1], { uri: 'x' }, { uri: [1] }])
    assert.ok(errs(st({ ...ok, Resource: r }), '1.1').includes('/Statement/0/Resource anyOf'), JSON.stringify(r));
  assert.ok(errs(st({ ...ok, NotResource: 5 }, '5.0'), '5.0').includes('/Statement/0/NotResource anyOf'));
  assert.ok(errs(st({ ...ok, Resource: ['a'], NotResource: ['b'] }, '5.0'), '5.0').includes('/Statement/0 not'));
  // Condition: operator → key → list or single value.
  assert.deepEqual(errs(st({ ...ok, Condition: { Bool: { 'g:MFAPresent': ['true'] } } }), '1.1'), []);
  assert.deepEqual(errs(st({ ...ok, Condition: { Bool: { 'g:MFAPresent': true } } }), '1.1'), []);
  assert.deepEqual(errs(st({ ...ok, Condition: { NumberEquals: { 'x:n': [1, 2] } } }), '1.1'), []);
  assert.ok(errs(st({ ...ok, Condition: [] }), '1.1').includes('/Statement/0/Condition type'));
  assert.ok(errs(st({ ...ok, Condition: { Bool: 'x' } }), '1.1').includes('/Statement/0/Condition/Bool type'));
  assert.ok(errs(st({ ...ok, Condition: { Bool: { k: [{}] } } }), '1.1').includes('/Statement/0/Condition/Bool/k/0 type'));
  assert.ok(errs(st({ ...ok, Condition: { Bool: { k: null } } }), '1.1').includes('/Statement/0/Condition/Bool/k type'));
  // Principal only in 5.0 resource-based policies: "*" or an object of lists (or strings).
  assert.ok(errs(st({ ...ok, Principal: '*' }, '5.0'), '5.0', 'identity').includes('/Statement/0 additionalProperties'));
  assert.deepEqual(errs(st({ ...ok, Principal: '*' }, '5.0'), '5.0', 'resource'), []);
  assert.deepEqual(errs(st({ ...ok, Principal: { IAM: ['a'], Service: 's' } }, '5.0'), '5.0', 'resource'), []);
  assert.ok(errs(st({ ...ok, Principal: 5 }, '5.0'), '5.0', 'resource').includes('/Statement/0/Principal anyOf'));
  assert.ok(errs(st({ ...ok, Principal: { IAM: [1] } }, '5.0'), '5.0', 'resource').includes('/Statement/0/Principal anyOf'));
  // Depends: only 1.0 roles describe it, as a list of {catalog, display_name}.
  const role = { Version: '1.0', Statement: [ok], Depends: [{ catalog: 'BASE', display_name: 'Tenant Guest' }] };
  assert.deepEqual(errs(role, '1.0'), []);
  assert.ok(errs({ ...role, Depends: {} }, '1.0').includes('/Depends type'));
  assert.ok(errs({ ...role, Depends: [{ catalog: 1 }] }, '1.0').includes('/Depends/0/catalog type'));
  assert.ok(errs({ ...role, Depends: [{ display_name: 1 }] }, '1.0').includes('/Depends/0/display_name type'));
  assert.ok(errs({ ...role, Depends: ['x'] }, '1.0').includes('/Depends/0 type'));
});

test('the parse accepts comments and trailing commas (.jsonc, Terraform heredocs); the JSON rules are a check of their own', () => {
  const p = parseJson(
    '{\n  // notes\n  "Version": "1.1",\n  "Statement": [{"Effect": "Allow", "Action": ["ims:images:list",],},],\n}\n',
  );
  assert.deepEqual(p.errors, []);
  assert.deepEqual(
    p.policy?.statements[0].actions.map((a) => a.value),
    ['ims:images:list'],
  );
});
