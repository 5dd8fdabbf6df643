/**
 * Conditions evaluated against a request context (core/policy/conditions.ts): every documented operator
 * and qualifier, values the context does not know (never silently true or false), operators IAM does not
 * document, and the verdicts they make (a Condition that fails leaves its statement out, and says why).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaled } from '../support/mutation';
import fc from 'fast-check';
import {
  conditionKeys,
  conditionParts,
  contextValues,
  evaluateCondition,
  evaluateOne,
  keysNamingTag,
  resourceTagKeys,
  type RequestContext,
} from '../../core/policy/conditions';
import { evaluateAction } from '../../core/policy/evaluator';
import { parseJson } from '../../core/policy/policyDocument';
import { HANG_BOUND_MS } from '../support/hostile';

const image = (tags: Record<string, string>): RequestContext => ({
  principal: { name: 'alice', account: 'acc', tags: { team: 'blue' } },
  resource: { tags, enterpriseProjectId: '0' },
  request: { tags: {} },
  time: new Date('2026-12-07T00:00:00Z'),
});
const result = (op: string, key: string, expected: unknown, ctx: RequestContext) => evaluateOne(op, key, expected, ctx).result;

test('string operators: case, lists (any for positive, none for negated), prefixes, suffixes, wildcards', () => {
  const ctx = image({ team: 'Blue', env: 'prod-eu' });
  assert.equal(result('StringEquals', 'g:ResourceTag/team', 'Blue', ctx), 'holds');
  assert.equal(result('StringEquals', 'g:ResourceTag/team', 'blue', ctx), 'fails');
  assert.equal(result('StringEqualsIgnoreCase', 'g:ResourceTag/team', 'blue', ctx), 'holds');
  assert.equal(result('StringEquals', 'g:ResourceTag/team', ['red', 'Blue'], ctx), 'holds');
  assert.equal(result('StringNotEquals', 'g:ResourceTag/team', ['red', 'Blue'], ctx), 'fails');
  assert.equal(result('StringNotEquals', 'g:ResourceTag/team', ['red', 'green'], ctx), 'holds');
  assert.equal(result('StringNotEqualsIgnoreCase', 'g:ResourceTag/team', 'BLUE', ctx), 'fails');
  assert.equal(result('StringStartWith', 'g:ResourceTag/env', 'prod', ctx), 'holds');
  assert.equal(result('StringEndWith', 'g:ResourceTag/env', '-us', ctx), 'fails');
  assert.equal(result('StringNotStartWith', 'g:ResourceTag/env', 'dev', ctx), 'holds');
  assert.equal(result('StringStartWithAnyOf', 'g:ResourceTag/env', ['dev', 'prod'], ctx), 'holds');
  assert.equal(result('StringMatch', 'g:ResourceTag/env', 'prod-*', ctx), 'holds');
  assert.equal(result('StringMatch', 'g:ResourceTag/env', 'prod-?', ctx), 'fails', '? is one character');
  assert.equal(result('StringMatch', 'g:ResourceTag/env', 'prod-??', ctx), 'holds');
  assert.equal(result('StringNotMatch', 'g:ResourceTag/env', '*-eu', ctx), 'fails');
  assert.equal(result('StringLike', 'g:ResourceTag/env', 'PROD*', ctx), 'fails', 'case-sensitive');
  // A pathological wildcard stays fast (no regular expression built from it).
  const started = performance.now();
  assert.equal(result('StringMatch', 'g:ResourceTag/env', `${'*a'.repeat(500)}?b`, image({ env: 'a'.repeat(2000) })), 'fails');
  assert.ok(performance.now() - started < HANG_BOUND_MS);
});

test('numbers, dates, Bool, IP addresses, and the Null family', () => {
  const ctx = image({ size: '40', bad: 'x' });
  assert.equal(result('NumberLessThan', 'g:ResourceTag/size', '50', ctx), 'holds');
  assert.equal(result('NumberGreaterThanEquals', 'g:ResourceTag/size', 40, ctx), 'holds');
  assert.equal(result('NumberNotEquals', 'g:ResourceTag/size', ['40', '41'], ctx), 'fails');
  assert.equal(result('NumberEquals', 'g:ResourceTag/bad', '1', ctx), 'fails', 'a value that is not a number never matches');
  assert.equal(result('DateLessThan', 'g:CurrentTime', '2027-01-01T00:00:00Z', ctx), 'holds');
  assert.equal(result('DateGreaterThan', 'g:CurrentTime', '2027-01-01T00:00:00Z', ctx), 'fails');
  assert.equal(result('Bool', 'g:ResourceTag/flag', 'true', image({ flag: 'true' })), 'holds');
  assert.equal(result('Bool', 'g:ResourceTag/flag', 'true', image({ flag: 'false' })), 'fails');
  const ip = (v: string) => image({ ip: v });
  assert.equal(result('IpAddress', 'g:ResourceTag/ip', '10.0.0.0/8', ip('10.2.3.4')), 'holds');
  assert.equal(result('IpAddress', 'g:ResourceTag/ip', '10.0.0.0/8', ip('11.2.3.4')), 'fails');
  assert.equal(result('NotIpAddress', 'g:ResourceTag/ip', ['192.168.0.0/16'], ip('10.2.3.4')), 'holds');
  assert.equal(result('Null', 'g:ResourceTag/owner', 'true', ctx), 'holds', 'absent');
  assert.equal(result('Null', 'g:ResourceTag/size', 'true', ctx), 'fails');
  assert.equal(result('Null', 'g:ResourceTag/size', 'false', ctx), 'holds');
  assert.equal(result('IsNotNull', 'g:ResourceTag/size', [], ctx), 'holds');
  assert.equal(result('IsNullOrEmpty', 'g:ResourceTag/empty', [], image({ empty: '' })), 'holds');
});

test('IfExists, absent keys, and the set qualifiers on multi-valued keys', () => {
  const ctx = image({ team: 'blue' });
  assert.equal(result('StringEquals', 'g:ResourceTag/owner', 'bob', ctx), 'fails', 'absent: a positive operator fails');
  assert.equal(result('StringEqualsIfExists', 'g:ResourceTag/owner', 'bob', ctx), 'holds');
  assert.equal(result('StringNotEquals', 'g:ResourceTag/owner', 'bob', ctx), 'holds', 'absent: nothing matches');
  const setting = (tags: Record<string, string>): RequestContext => ({ ...ctx, request: { tags } });
  assert.equal(result('ForAnyValue:StringEquals', 'g:TagKeys', ['team'], setting({ env: 'a', team: 'b' })), 'holds');
  assert.equal(result('ForAnyValue:StringEquals', 'g:TagKeys', ['team'], setting({ env: 'a' })), 'fails');
  assert.equal(result('ForAllValues:StringEquals', 'g:TagKeys', ['env', 'owner'], setting({ env: 'a', owner: 'b' })), 'holds');
  assert.equal(result('ForAllValues:StringEquals', 'g:TagKeys', ['env'], setting({ env: 'a', team: 'b' })), 'fails');
  assert.equal(result('ForAllValues:StringEquals', 'g:TagKeys', ['env'], setting({})), 'holds', 'an empty set: no value fails');
  assert.equal(result('ForAnyValue:StringEquals', 'g:TagKeys', ['env'], setting({})), 'fails');
  assert.equal(result('ForAnyValue:StringNotEquals', 'g:TagKeys', ['team'], setting({ team: 'x', env: 'y' })), 'holds');
  assert.equal(result('StringEquals', 'g:RequestTag/team', 'blue', setting({ team: 'blue' })), 'holds');
  assert.equal(result('StringEquals', 'g:PrincipalTag/team', 'blue', ctx), 'holds');
  assert.equal(result('StringEquals', 'g:UserName', 'alice', ctx), 'holds');
});

test('what the context does not know is unknown, naming the keys; an undocumented operator cannot be evaluated', () => {
  const nothing: RequestContext = {};
  assert.deepEqual(evaluateOne('StringEquals', 'g:ResourceTag/team', 'blue', nothing), {
    result: 'unknown',
    missing: ['g:ResourceTag/team'],
  });
  assert.deepEqual(evaluateOne('IpAddress', 'g:SourceIp', '10.0.0.0/8', image({})), {
    result: 'unknown',
    missing: ['g:SourceIp'],
  });
  assert.equal(evaluateOne('StringSoundsLike', 'g:UserName', 'x', image({})).result, 'error');
  // AND: a part that fails decides over one that is unknown; unknown parts are all named.
  const ctx = image({ team: 'red' });
  assert.equal(evaluateCondition({ StringEquals: { 'g:ResourceTag/team': 'blue', 'g:SourceIp': 'x' } }, ctx).result, 'fails');
  assert.deepEqual(evaluateCondition({ StringEquals: { 'g:SourceVpc': 'v', 'g:SourceIp': 'x' } }, ctx), {
    result: 'unknown',
    missing: ['g:SourceVpc', 'g:SourceIp'],
  });
  assert.deepEqual(evaluateCondition({ StringEquals: { 'g:ResourceTag/team': 'red' } }, ctx), { result: 'holds' });
});

test('property: StringEquals and StringNotEquals on a resource tag follow the plain statement of the rule', () => {
  const word = fc.constantFrom('blue', 'red', 'Blue', 'green', '');
  fc.assert(
    fc.property(
      fc.option(word, { nil: undefined }),
      fc.array(word, { minLength: 1, maxLength: 4 }),
      fc.boolean(),
      (actual, expected, negated) => {
        const ctx = image(actual === undefined ? {} : { team: actual });
        const got = result(negated ? 'StringNotEquals' : 'StringEquals', 'g:ResourceTag/team', expected, ctx);
        // The rule: positive holds iff the value is present and equals one expected value; negated iff none does.
        const some = actual !== undefined && expected.includes(actual);
        assert.equal(got, (negated ? !some : some) ? 'holds' : 'fails');
      },
    ),
    { numRuns: scaled(500) },
  );
});

test('verdicts with a context: a Condition that holds applies, one that fails is left out and kept for why, unknown may apply', () => {
  const { policy } = parseJson(
    JSON.stringify({
      Version: '5.0',
      Statement: [
        { Effect: 'Allow', Action: ['ims:images:setTags'], Condition: { StringEquals: { 'g:ResourceTag/team': 'blue' } } },
        { Effect: 'Deny', Action: ['ims:images:setTags'], Condition: { 'ForAnyValue:StringEquals': { 'g:TagKeys': ['team'] } } },
      ],
    }),
  );
  const sources = [{ uri: 'p', model: policy! }];
  const blue = (tags: Record<string, string>): RequestContext => ({ ...image({ team: 'blue' }), request: { tags } });
  assert.equal(evaluateAction('ims:images:setTags', sources, undefined, blue({ env: 'x' })).decision, 'allowed');
  // Changing the team key is denied, whatever the image.
  assert.equal(evaluateAction('ims:images:setTags', sources, undefined, blue({ team: 'red' })).decision, 'denied');
  const red = evaluateAction('ims:images:setTags', sources, undefined, {
    ...image({ team: 'red' }),
    request: { tags: { env: 'x' } },
  });
  assert.equal(red.decision, 'notGranted');
  assert.equal(red.unmet[0].condition?.result, 'fails');
  // Without knowing the image: the Allow may apply, and so may the Deny (the request's keys are unknown too).
  const unknown = evaluateAction('ims:images:setTags', sources, undefined, { principal: { name: 'alice' } });
  assert.equal(unknown.decision, 'conditionallyAllowed');
  assert.equal(unknown.mayBeDeniedBy.length, 1);
  // No context at all: as before, Conditions only may apply.
  assert.equal(evaluateAction('ims:images:setTags', sources).decision, 'conditionallyAllowed');
});

test('each key of the context, by any case: known, absent ([]), or unknown (undefined)', () => {
  const ctx: RequestContext = {
    principal: { name: 'alice', urn: 'iam::acc:user:alice', account: 'acc', tags: { team: 'blue' } },
    resource: { tags: { env: 'dev' }, enterpriseProjectId: 'ep-1' },
    request: { tags: { owner: 'bob', env: 'prod' } },
    time: new Date('2026-12-07T00:00:00Z'),
  };
  const values = (key: string, c: RequestContext = ctx) => contextValues(key, c);
  assert.deepEqual(values('G:ResourceTag/env'), ['dev']);
  assert.deepEqual(values('g:ResourceTag/Env'), [], 'a tag key keeps its case');
  assert.deepEqual(values('g:RequestTag/owner'), ['bob']);
  assert.deepEqual(values('g:PrincipalTag/team'), ['blue']);
  assert.deepEqual(values('g:TagKeys'), ['owner', 'env']);
  assert.deepEqual(values('g:UserName'), ['alice']);
  assert.deepEqual(values('g:PrincipalUrn'), ['iam::acc:user:alice']);
  assert.deepEqual(values('g:PrincipalAccount'), ['acc']);
  assert.deepEqual(values('g:DomainId'), ['acc']);
  assert.deepEqual(values('g:EnterpriseProjectId'), ['ep-1']);
  assert.deepEqual(values('g:CurrentTime'), ['2026-12-07T00:00:00.000Z']);
  assert.equal(values('g:SourceIp'), undefined);
  assert.equal(values('g:ResourceTagX/env'), undefined);
  // Nothing known of the request: every key unknown; a resource without a project: none.
  for (const key of [
    'g:ResourceTag/env',
    'g:RequestTag/a',
    'g:PrincipalTag/a',
    'g:TagKeys',
    'g:UserName',
    'g:PrincipalUrn',
    'g:DomainId',
    'g:EnterpriseProjectId',
    'g:CurrentTime',
  ])
    assert.equal(values(key, {}), undefined, key);
  assert.deepEqual(values('g:EnterpriseProjectId', { resource: {} }), []);
  assert.deepEqual(values('g:UserName', { principal: {} }), undefined);
  // A tag of an object without own properties: the prototype's names are no tags.
  assert.deepEqual(values('g:ResourceTag/toString', { resource: { tags: {} } }), []);
});

test('numbers and dates at their edges; addresses and CIDR ranges; wildcards', () => {
  const on = (v: string) => image({ v });
  const r = (op: string, expected: unknown, v: string) => result(op, 'g:ResourceTag/v', expected, on(v));
  assert.equal(r('NumberEquals', '40', '40'), 'holds');
  assert.equal(r('NumberLessThan', '40', '40'), 'fails');
  assert.equal(r('NumberLessThanEquals', '40', '40'), 'holds');
  assert.equal(r('NumberLessThanEquals', '40', '41'), 'fails');
  assert.equal(r('NumberGreaterThan', '40', '40'), 'fails');
  assert.equal(r('NumberGreaterThan', '40', '41'), 'holds');
  assert.equal(r('NumberGreaterThanEquals', '40', '39'), 'fails');
  assert.equal(r('NumberEquals', '0', ' '), 'fails', 'a blank value is no number (not 0)');
  assert.equal(r('NumberEquals', ' ', '0'), 'fails');
  assert.equal(r('NumberEquals', '40', ' 40 '), 'holds');
  assert.equal(r('DateEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'), 'holds');
  assert.equal(r('DateLessThanEquals', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'), 'holds');
  assert.equal(r('DateLessThan', 'not a date', '2026-01-01T00:00:00Z'), 'fails');

  assert.equal(r('IpAddress', '10.0.0.1', '10.0.0.1'), 'holds', 'no prefix: the address itself');
  assert.equal(r('IpAddress', '10.0.0.1', '10.0.0.2'), 'fails');
  assert.equal(r('IpAddress', '10.0.0.0/0', '200.1.2.3'), 'holds', '/0: every address');
  assert.equal(r('IpAddress', '10.0.0.0/32', '10.0.0.0'), 'holds');
  assert.equal(r('IpAddress', '10.0.0.0/31', '10.0.0.1'), 'holds');
  assert.equal(r('IpAddress', '10.0.0.0/31', '10.0.0.2'), 'fails');
  assert.equal(r('IpAddress', '10.0.0.0/24', ' 10.0.0.9 '), 'holds', 'spaces around an address');
  for (const [cidr, ip] of [
    ['10.0.0.0/33', '10.0.0.1'],
    ['10.0.0.0/-1', '10.0.0.1'],
    ['10.0.0.0/8.5', '10.0.0.1'],
    ['10.0.0.0/x', '10.0.0.1'],
    ['10.0.0/8', '10.0.0.1'],
    ['10.0.0.0/8', '10.0.0.256'],
    ['10.0.0.0/8', '10.0.0.1.2'],
    ['10.0.0.0/8', 'a.b.c.d'],
    ['256.0.0.0/8', '10.0.0.1'],
    ['10.0.0.0/8', '1000.0.0.1'],
  ])
    assert.equal(r('IpAddress', cidr, ip), 'fails', `${cidr} ${ip}`);
  assert.equal(r('IpAddress', '255.255.255.255', '255.255.255.255'), 'holds');

  assert.equal(r('StringLike', 'a*c', 'abbbc'), 'holds');
  assert.equal(r('StringLike', 'a*c', 'ac'), 'holds');
  assert.equal(r('StringLike', 'a?c', 'abc'), 'holds');
  assert.equal(r('StringLike', 'a?c', 'ac'), 'fails');
  assert.equal(r('StringLike', '*', ''), 'holds');
  assert.equal(r('StringLike', '', 'x'), 'fails');
  assert.equal(r('StringLike', '**b', 'ab'), 'holds');
  assert.equal(r('StringLike', 'a*', 'ba'), 'fails');
  assert.equal(r('StringLike', '*a', 'ab'), 'fails');
  assert.equal(r('StringLike', 'a*b*c', 'axbyc'), 'holds');
  assert.equal(r('StringLike', 'a*b*c', 'axcyb'), 'fails');
  assert.equal(r('StringLike', '?', '😀'), 'holds', 'a character, not a UTF-16 unit');
  // A pattern with `?` and a value too large to compare in reasonable time: refused (no match) at once,
  // though `?*…*` would match.
  assert.equal(r('StringLike', `?${'*'.repeat(2100)}`, 'a'.repeat(2000)), 'fails');
  assert.equal(r('StringLike', `?${'*'.repeat(100)}`, 'a'.repeat(2000)), 'holds');
});

test('a block: malformed parts are errors or skipped; unknown keys once each; the parts and keys it names', () => {
  const ctx = image({ env: 'dev' });
  assert.deepEqual(evaluateCondition({ StringEquals: ['x'] }, ctx), {
    result: 'error',
    reason: 'the operator StringEquals holds no keys',
  });
  assert.deepEqual(evaluateCondition({ StringEquals: null }, ctx), {
    result: 'error',
    reason: 'the operator StringEquals holds no keys',
  });
  // The first error is the one told; a failing part still decides first.
  assert.deepEqual(evaluateCondition({ Nope: { 'g:UserName': 'a' }, StringEquals: 5 }, ctx), {
    result: 'error',
    reason: 'the operator Nope is not documented: the statement cannot be evaluated',
  });
  assert.equal(
    evaluateCondition({ Nope: { 'g:UserName': 'a' }, StringEquals: { 'g:ResourceTag/env': 'prod' } }, ctx).result,
    'fails',
  );
  assert.deepEqual(
    evaluateCondition(
      { StringEquals: { 'g:SourceVpc': 'v', 'g:ResourceTag/env': 'dev' }, StringLike: { 'g:SourceVpc': 'v*' } },
      ctx,
    ),
    { result: 'unknown', missing: ['g:SourceVpc'] },
  );
  for (const junk of [null, 'x', [1], 3]) assert.deepEqual(evaluateCondition(junk, ctx), { result: 'holds' }, String(junk));

  const block = {
    StringEquals: { 'g:ResourceTag/env': ['dev', 7, { no: 1 }], 'g:SourceVpc': 'v' },
    Bool: 'junk',
    StringLike: { 'G:RESOURCETAG/Team': 'b*' },
  };
  assert.deepEqual(conditionParts(block, ctx), [
    { operator: 'StringEquals', key: 'g:ResourceTag/env', expected: ['dev', '7'], actual: ['dev'], result: 'holds' },
    { operator: 'StringEquals', key: 'g:SourceVpc', expected: ['v'], actual: undefined, result: 'unknown' },
    { operator: 'StringLike', key: 'G:RESOURCETAG/Team', expected: ['b*'], actual: [], result: 'fails' },
  ]);
  assert.deepEqual(conditionParts([block], ctx), []);
  assert.deepEqual(conditionKeys({ StringEquals: { a: 1, b: 2 }, StringLike: { a: 3 } }), ['a', 'b']);
  assert.deepEqual(resourceTagKeys(block), ['env', 'Team']);
  assert.deepEqual(resourceTagKeys({ StringEquals: { 'x:g:ResourceTag/a': 1 } }), []);
  const tagBlock = {
    StringEquals: { 'g:ResourceTag/env': 'x', 'g:RequestTag/env': 'y', 'g:PrincipalTag/env': 'z', 'g:OtherTag/env': 'w' },
    'ForAnyValue:StringLike': { 'g:TagKeys': ['e*', 'team'] },
    StringLike: { 'g:ResourceTag/env': 'x*', 'g:TagKeys': 'nothing' },
  };
  assert.deepEqual(keysNamingTag(tagBlock, 'env'), ['g:ResourceTag/env', 'g:RequestTag/env', 'g:PrincipalTag/env', 'g:TagKeys']);
  assert.deepEqual(keysNamingTag(tagBlock, 'team'), ['g:TagKeys']);
  assert.deepEqual(keysNamingTag(tagBlock, 'Env'), []);
});

test('a value that cannot be compared never matches, and says so; one that can decides', () => {
  const ctx = image({ n: 'x' });
  const o = evaluateOne('NumberEquals', 'g:ResourceTag/n', ['1', '2'], ctx);
  assert.deepEqual(o, {
    result: 'fails',
    failure: { operator: 'NumberEquals', key: 'g:ResourceTag/n', actual: ['x'], expected: ['1', '2'] },
  });
  assert.equal(
    evaluateOne('NumberNotEquals', 'g:ResourceTag/n', '1', ctx).result,
    'holds',
    'nothing matches: the negation holds',
  );
  assert.equal(evaluateOne('Bool', 'g:ResourceTag/n', 'yes', ctx).result, 'fails');
  assert.equal(evaluateOne('Bool', 'g:ResourceTag/b', 'TRUE', image({ b: 'true' })).result, 'holds');
  assert.equal(
    evaluateOne('DateEqualsAnyOf', 'g:CurrentTime', '2026-12-07T00:00:00Z', ctx).result,
    'error',
    'no AnyOf for dates',
  );
  assert.equal(evaluateOne('NumberEqualsAnyOf', 'g:ResourceTag/v', ['1', '40'], image({ v: '40' })).result, 'holds');
  assert.equal(
    evaluateOne('ForAllValues:StringEquals', 'g:TagKeys', ['a', 'b'], { request: { tags: { a: '1', c: '2' } } }).result,
    'fails',
  );
  assert.equal(
    evaluateOne('ForAllValues:StringEquals', 'g:TagKeys', ['a', 'b'], { request: { tags: { a: '1', b: '2' } } }).result,
    'holds',
  );
  assert.equal(
    evaluateOne('ForAnyValue:StringEquals', 'g:TagKeys', ['a'], { request: { tags: { c: '1', a: '2' } } }).result,
    'holds',
  );
  assert.equal(
    evaluateOne('ForAllValues:StringEquals', 'g:TagKeys', ['a'], { request: { tags: {} } }).result,
    'holds',
    'no value fails',
  );
  assert.equal(evaluateOne('StringEquals', 'g:TagKeys', ['a'], { request: { tags: {} } }).result, 'fails');
  assert.equal(evaluateOne('StringEqualsIfExists', 'g:TagKeys', ['a'], { request: { tags: {} } }).result, 'holds');
});
