import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { patternCovers } from '../../core/policy/actionPattern';
import { randomInt, seededRandom } from '../../core/util/random';
import { doc, policy, service, textAt } from '../support/docs';

const ls = service();

function diags(text: string): Array<Diagnostic & { text: string; message: string }> {
  const d = doc(text);
  return ls.diagnostics(d).map((x) => ({ ...x, message: String(x.message), text: textAt(d, x.range) }));
}

function only(text: string, code: string) {
  return diags(text).filter((d) => d.code === code);
}

const allow = (actions: string) => policy(`      "Effect": "Allow",\n      "Action": [${actions}]`);

test('a clean policy has no diagnostics', () => {
  assert.deepEqual(diags(allow('"ims:images:list", "ims:images:get", "ims:images:update", "ecs:servers:get"')), []);
});

test('unknown IMS action: warning on the exact string, with a did-you-mean', () => {
  const [d] = only(allow('"ims:images:updte"'), 'unknown-action');
  assert.equal(d.text, '"ims:images:updte"');
  assert.equal(d.severity, DiagnosticSeverity.Warning);
  assert.match(d.message, /Did you mean 'ims:images:update'/);
  assert.equal(d.source, 'ims-tags');
});

test('unknown actions in 5.0 identity policies are information only while the snapshot stands (the 5.0 table is partial)', () => {
  const [d] = only(policy('      "Effect": "Allow",\n      "Action": ["ims:images:deleteMembr"]', '5.0'), 'unknown-action');
  assert.equal(d.severity, DiagnosticSeverity.Information);
});

test('other services are only syntax-checked', () => {
  assert.deepEqual(diags(allow('"ecs:cloudServers:whatever", "obs:bucket:*"')), []);
  const [d] = only(allow('"ecs:servers"'), 'malformed-action');
  assert.match(d.message, /three parts/);
});

test('malformed actions: segment count, empty segment, stray characters; the documented short forms are fine', () => {
  const ds = only(
    allow('"ims:images", "ims::list", "ims:images:li st", " ims:images:list", "ims:images:list:x"'),
    'malformed-action',
  );
  assert.deepEqual(
    ds.map((d) => d.text),
    ['"ims:images"', '"ims::list"', '"ims:images:li st"', '" ims:images:list"', '"ims:images:list:x"'],
  );
  assert.ok(ds.every((d) => d.severity === DiagnosticSeverity.Error));
  // `*` (everything) and `service:*` (a whole service) are pattern forms of the grammar, in every version.
  for (const version of ['1.1', '5.0']) {
    for (const action of ['"*"', '"ecs:*"', '"ims:*"']) {
      const d = doc(policy(`      "Effect": "Allow",\n      "Action": [${action}]`, version));
      assert.deepEqual(ls.diagnostics(d), [], `${action} in ${version}`);
    }
  }
  // `*` covers everything else in its statement.
  const [r] = only(allow('"*", "ecs:*"'), 'redundant-action');
  assert.equal(r.text, '"ecs:*"');
});

test('upper-case services: a warning with the reason in 1.1 and 5.0, nothing in 1.0 roles', () => {
  const [w] = only(allow('"IMS:images:list"'), 'uppercase-service');
  assert.equal(w.severity, DiagnosticSeverity.Warning);
  assert.match(w.message, /lower case \("ims:images:list"\)\. Huawei's own examples use upper case/);
  const role = doc(policy('      "Effect": "Allow",\n      "Action": ["DNS:Zone:*"]', '1.0'));
  assert.deepEqual(ls.diagnostics(role), []);
});

test('a wildcard that matches no IMS action', () => {
  const [d] = only(allow('"ims:imagez:*"'), 'wildcard-matches-nothing');
  assert.equal(d.text, '"ims:imagez:*"');
});

test('invalid Version and Effect', () => {
  const [v] = only(policy('      "Effect": "Allow", "Action": ["ims:*:*"]', '2.0'), 'invalid-version');
  assert.equal(v.text, '"2.0"');
  const [e] = only(policy('      "Effect": "allow", "Action": ["ims:*:*"]'), 'invalid-effect');
  assert.equal(e.text, '"allow"');
  assert.match(e.message, /"Allow" or "Deny"/);
});

test('structure errors from the schema: missing Effect, wrong types, Action with NotAction, keys of another version', () => {
  const missing = only(policy('      "Action": ["ims:*:*"]'), 'policy-structure');
  assert.equal(missing.length, 1);
  assert.match(missing[0].message, /Statement 1 is missing "Effect"/);
  assert.equal(missing[0].text, '{');
  const type = only(policy('      "Effect": "Allow", "Action": "ims:*:*"'), 'policy-structure');
  assert.match(type[0].message, /"Action" must be an array of strings/);
  assert.equal(type[0].text, '"ims:*:*"');
  const both = only(
    policy('      "Effect": "Allow", "Action": ["ims:*:*"], "NotAction": ["ims:images:delete"]', '5.0'),
    'action-with-notaction',
  );
  assert.equal(both[0].text, '"NotAction"');
  const sid = only(policy('      "Sid": "a", "Effect": "Allow", "Action": ["ims:*:*"]'), 'policy-structure');
  assert.match(sid[0].message, /"Sid" is allowed only in Version 5.0/);
  assert.equal(sid[0].text, '"Sid"');
  const typo = only(policy('      "Effect": "Allow", "Action": ["ims:*:*"], "Resorce": ["*"]'), 'policy-structure');
  assert.match(typo[0].message, /Did you mean "Resource"/);
  const noAction = only(policy('      "Effect": "Allow"'), 'policy-structure');
  assert.match(noAction[0].message, /has no "Action"/);
});

test('documented limits: 8 statements, 100 actions, 10 conditions, 10 resources of at most 128 characters', () => {
  const st = `{"Effect": "Allow", "Action": ["ims:images:list"]}`;
  const nine = `{"Version": "1.1", "Statement": [${Array(9).fill(st).join(',')}]}`;
  assert.equal(only(nine, 'limit-statements')[0].text, '"Statement"');
  assert.equal(only(`{"Version": "1.1", "Statement": [${Array(8).fill(st).join(',')}]}`, 'limit-statements').length, 0);
  const actions = Array.from({ length: 101 }, (_, i) => `"ecs:a${i}:get"`).join(',');
  assert.equal(only(allow(actions), 'limit-actions')[0].text, '"Action"');
  const cond = Array.from({ length: 11 }, (_, i) => `"g:K${i}": ["x"]`).join(',');
  assert.equal(
    only(policy(`      "Effect": "Allow", "Action": ["ims:*:*"], "Condition": {"StringEquals": {${cond}}}`), 'limit-conditions')
      .length,
    1,
  );
  const res = Array.from({ length: 11 }, (_, i) => `"ims:*:*:image:${i}"`).join(',');
  assert.equal(only(policy(`      "Effect": "Allow", "Action": ["ims:*:*"], "Resource": [${res}]`), 'limit-resources').length, 1);
  const long = `"ims:*:*:image:${'x'.repeat(120)}"`;
  assert.equal(
    only(policy(`      "Effect": "Allow", "Action": ["ims:*:*"], "Resource": [${long}]`), 'limit-resource-length')[0].text,
    long,
  );
  // 5.0 has its own limits, not documented here: none are enforced.
  assert.equal(only(`{"Version": "5.0", "Statement": [${Array(9).fill(st).join(',')}]}`, 'limit-statements').length, 0);
});

test('unknown condition operator, with IfExists and set prefixes accepted', () => {
  const ds = only(
    policy(
      '      "Effect": "Allow", "Action": ["ims:*:*"], "Condition": {"StringEqual": {}, "BoolIfExists": {}, "ForAnyValue:StringEquals": {}}',
    ),
    'unknown-condition-operator',
  );
  assert.equal(ds.length, 1);
  assert.equal(ds[0].text, '"StringEqual"');
  assert.match(ds[0].message, /Did you mean 'StringEquals'/);
});

test('an action covered by a wildcard in the same statement is a hint marked unnecessary', () => {
  const ds = only(
    allow('"ims:images:*", "ims:images:list", "ims:*:get*", "ims:images:get", "ims:images:list"'),
    'redundant-action',
  );
  assert.deepEqual(
    ds.map((d) => d.text),
    ['"ims:images:list"', '"ims:images:get"', '"ims:images:list"'],
  );
  assert.ok(ds.every((d) => d.severity === DiagnosticSeverity.Hint && d.tags?.includes(DiagnosticTag.Unnecessary)));
  assert.match(ds[2].message, /listed twice/);
});

test('an Allow fully overridden by a Deny in the same policy', () => {
  const text = `{"Version": "1.1", "Statement": [
    {"Effect": "Allow", "Action": ["ims:images:list", "ims:images:get"]},
    {"Effect": "Deny", "Action": ["ims:images:*"]}]}`;
  const [d] = only(text, 'allow-overridden-by-deny');
  assert.equal(d.text, '"Allow"');
  assert.match(d.message, /Deny statement 2/);
  assert.equal(d.relatedInformation?.length, 1);
  // A partial Deny, or a Deny with a Condition, does not override.
  assert.equal(only(text.replace('"ims:images:*"', '"ims:images:get"'), 'allow-overridden-by-deny').length, 0);
  assert.equal(
    only(
      text.replace('"ims:images:*"]}', '"ims:images:*"], "Condition": {"Bool": {"g:MFAPresent": ["false"]}}}'),
      'allow-overridden-by-deny',
    ).length,
    0,
  );
});

test('an Allow overridden among many Denies: the indexed lookup names the Denies a plain walk names', () => {
  // Random 5.0 policies over a small universe (plain and wildcard actions and resources, case variants,
  // every resource, empty lists, NotResource, conditional Denies), against the rule walked statement by
  // statement: an Allow is overridden when each action has a Deny covering it over the Allow's whole scope,
  // and the message names, for each action, the first such Deny.
  // A small universe, so that plain Denies, Denies with wildcards and Allows often meet on the same names.
  const actions = ['ims:images:setTags', 'ims:images:SETTAGS', 'ims:images:getTags', 'ims:images:*'];
  const urns = ['ims:cn-north-4:a:image:1', 'ims:cn-north-4:a:IMAGE:1', 'ims:*:a:image:*', '*'];
  const random = seededRandom(31);
  const pick = <T>(xs: T[]) => xs[randomInt(random, xs.length)];
  const some = <T>(xs: T[], max: number) => Array.from({ length: randomInt(random, max + 1) }, () => pick(xs));
  const covers = (p: string, v: string) => patternCovers(p, v);
  for (let round = 0; round < 600; round++) {
    type Statement = { Effect: string; Action: string[]; Resource?: string[]; NotResource?: string[]; Condition?: unknown };
    const statements = Array.from({ length: 2 + randomInt(random, 8) }, (): Statement => {
      const scopeKey = pick(['Resource', 'Resource', 'Resource', 'NotResource', undefined]);
      return {
        Effect: pick(['Allow', 'Deny', 'Deny']),
        Action: some(actions, 2),
        ...(scopeKey ? { [scopeKey]: some(urns, 2) } : {}),
        ...(randomInt(random, 5) === 0 ? { Condition: { Bool: { 'g:MFAPresent': ['false'] } } } : {}),
      };
    });
    const text = `{"Version": "5.0", "Statement": [\n${statements.map((st) => JSON.stringify(st)).join(',\n')}\n]}`;
    const scope = (st: Statement) => (st.NotResource ? null : st.Resource);
    const denies = statements
      .map((st, i) => ({ st, i }))
      .filter(({ st }) => st.Effect === 'Deny' && !st.Condition && scope(st) !== null);
    const expected = statements.flatMap((st, i) => {
      if (st.Effect !== 'Allow' || st.Action.length === 0 || scope(st) === null) return [];
      const allowScope = scope(st) ?? ['*'];
      const used = new Set<number>();
      for (const a of st.Action) {
        const d = denies.find(
          ({ st: deny }) =>
            deny.Action.some((p) => covers(p, a)) &&
            (scope(deny) === undefined || allowScope.every((r) => scope(deny)!.some((p) => covers(p, r)))),
        );
        if (!d) return [];
        used.add(d.i + 1);
      }
      return [`${i + 1}: ${[...used].join(', ')}`];
    });
    const found = only(text, 'allow-overridden-by-deny').map(
      (d) => `${d.range.start.line}: ${/Deny statement ([\d, ]+) denies/.exec(d.message)![1]}`,
    );
    assert.deepEqual(found, expected, text);
  }
});

test('update without get: information on the granting action', () => {
  const [d] = only(allow('"ims:images:update"'), 'missing-dependent-action');
  assert.equal(d.text, '"ims:images:update"');
  assert.equal(d.severity, DiagnosticSeverity.Information);
  assert.equal(only(allow('"ims:images:update", "ims:images:get"'), 'missing-dependent-action').length, 0);
  assert.equal(only(allow('"ims:*:*"'), 'missing-dependent-action').length, 0);
});

test('non-policy JSON gets no diagnostics at all', () => {
  assert.deepEqual(diags('{"Version": 7, "Action": ["ims:images:updte"]}'), []);
  assert.deepEqual(diags('[1, 2, 3]'), []);
});

test('the IAM API wrapper is checked too', () => {
  const text = `{"role": {"type": "XA", "policy": {"Version": "1.1", "Statement": [{"Effect": "Allow", "Action": ["ims:images:updte"]}]}}}`;
  assert.equal(only(text, 'unknown-action').length, 1);
});

test('past 1,000 findings the rest are counted in one last diagnostic, not listed', () => {
  const actions = Array.from({ length: 1100 }, (_, i) => `"ims:images:nope${i}"`).join(', ');
  const ds = diags(policy(`      "Effect": "Allow",\n      "Action": [${actions}]`, '5.0'));
  assert.equal(ds.length, 1001);
  const last = ds[1000];
  assert.equal(last.code, 'too-many-problems');
  assert.equal(last.severity, DiagnosticSeverity.Information);
  // 1,100 unknown actions and the statement's limit of 100 actions in 1.1 do not apply to 5.0.
  assert.equal(last.message, '100 more problems in this policy are not shown; fix the ones above first.');
  assert.equal(last.text, '{');
});
