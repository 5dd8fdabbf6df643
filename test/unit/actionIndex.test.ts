/**
 * The evaluator's index of a policy list (core/policy/actionIndex.ts): the second time a list is judged,
 * only the statements that can match an action are tried. The verdicts must be those of a full scan, in
 * the same order, for every kind of pattern: checked on random policies against a fresh copy of the list
 * (which is always scanned).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findApi } from '../../core/catalogue';
import { INDEX_FROM, candidatesFor } from '../../core/policy/actionIndex';
import { evaluateApiActions } from '../../core/policy/apiActions';
import { evaluateAction, type PolicySource, type Verdict } from '../../core/policy/evaluator';
import { randomInt, seededRandom } from '../../core/util/random';
import { policySource as fromText } from '../support/policies';

let made = 0;
const policySource = (doc: object, uri = `file:///made-${made++}.json`) => fromText(uri, JSON.stringify(doc));

const NAMES = ['ims:images:list', 'ims:images:update', 'ims:images:get', 'IMS:images:list', 'ims:Images:LIST', 'obs:bucket:get'];
const PATTERNS = [...NAMES, 'ims:*:*', 'ims:images:*', '*', 'ims:*:list*', 'i*:images:get', 'ims', 'ims:images:upd?te'];

function randomPolicies(seed: number, count: number): PolicySource[] {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[randomInt(random, xs.length)];
  return Array.from({ length: count }, (_, i) => {
    const statements = Array.from({ length: 1 + randomInt(random, 3) }, () => {
      const actions = Array.from({ length: 1 + randomInt(random, 3) }, () => pick(PATTERNS));
      const st: Record<string, unknown> = { Effect: pick(['Allow', 'Allow', 'Deny']) };
      const kind = randomInt(random, 10);
      if (kind === 0) st.NotAction = actions;
      else if (kind !== 1) st.Action = actions; // kind 1: neither, so it matches nothing
      if (randomInt(random, 5) === 0) st.Condition = { StringEquals: { 'g:ResourceTag/team': 'blue' } };
      return st;
    });
    return policySource({ Version: pick(['1.1', '5.0']), Statement: statements }, `file:///p${i}.json`);
  });
}

/** A verdict with its references named by policy and statement, so two lists' verdicts compare. */
function named(v: Verdict, sources: readonly PolicySource[]) {
  const ref = (r: Verdict['allowedBy'][number]) =>
    `${sources.indexOf(r.source)}.${r.source.model.statements.indexOf(r.statement)}${r.conditional ? '?' : ''}`;
  return {
    decision: v.decision,
    allowedBy: v.allowedBy.map(ref),
    deniedBy: v.deniedBy.map(ref),
    mayBeDeniedBy: v.mayBeDeniedBy.map(ref),
    unmet: v.unmet.map(ref),
  };
}

test('judged again, a list gives the verdicts of a full scan, for plain names, wildcards, NotAction and case', () => {
  for (let seed = 1; seed <= 30; seed++) {
    // Long enough to be indexed, and a short one, which is always scanned.
    const sources = randomPolicies(seed, seed % 5 === 0 ? 12 : INDEX_FROM + 20);
    for (const action of [...NAMES, 'ims:images:upd?te', 'ims', 'ecs:server:list']) {
      // The first judgement of a list scans it; every later one reads its index.
      evaluateAction(action, sources);
      const indexed = named(evaluateAction(action, sources), sources);
      const scanned = named(evaluateAction(action, [...sources]), sources);
      assert.deepEqual(indexed, scanned, `seed ${seed}, ${action}`);
    }
  }
});

test('a list judged once is scanned; from the second time its candidates are the statements that can match', () => {
  const filler = () => policySource({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['evs:volume:get'] }] });
  const sources = [
    policySource({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['ims:images:list', 'ims:images:list'] }] }),
    policySource({
      Version: '1.1',
      Statement: [
        { Effect: 'Allow', Action: ['ims:images:get'] },
        { Effect: 'Deny', Action: ['ims:*:*'] },
      ],
    }),
    policySource({ Version: '1.1', Statement: [{ Effect: 'Allow', NotAction: ['ims:images:get'] }, { Effect: 'Allow' }] }),
    ...Array.from({ length: INDEX_FROM }, filler),
  ];
  assert.equal(candidatesFor(sources, 'ims:images:list'), undefined, 'the first time: scanned');
  const place = (c: { source: PolicySource; order: number }) => `${sources.indexOf(c.source)}@${c.order}`;
  // The repeated name is one candidate; the wildcard and the NotAction are tried for every action, in order.
  assert.deepEqual(candidatesFor(sources, 'ims:images:LIST')?.map(place), ['0@0', '1@2', '2@3']);
  assert.deepEqual(candidatesFor(sources, 'ims:images:get')?.map(place), ['1@1', '1@2', '2@3']);
  assert.deepEqual(candidatesFor(sources, 'obs:bucket:get')?.map(place), ['1@2', '2@3']);
  assert.equal(candidatesFor(sources, 'evs:volume:get')?.length, INDEX_FROM + 2);
  // The list grew: its index is built again, and the new policy is a candidate.
  const more = [...sources];
  candidatesFor(more, 'x');
  more.push(policySource({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['obs:bucket:get'] }] }));
  candidatesFor(more, 'x');
  const last = 5 + INDEX_FROM;
  assert.deepEqual(candidatesFor(more, 'obs:bucket:get')?.map(place), ['1@2', '2@3', `-1@${last}`]);
  more.push(policySource({ Version: '1.1', Statement: [{ Effect: 'Deny', Action: ['obs:bucket:get'] }] }));
  assert.deepEqual(candidatesFor(more, 'obs:bucket:get')?.length, 4);
  assert.equal(evaluateAction('obs:bucket:get', more).decision, 'denied');
  // A short list is always scanned.
  const short = sources.slice(0, INDEX_FROM - 1);
  candidatesFor(short, 'x');
  assert.equal(candidatesFor(short, 'x'), undefined);
});

test('a long list judged again, then grown by a 5.0 policy: the API is judged by the new policy too', () => {
  const api = findApi('AddImageTag')!;
  const list = Array.from({ length: INDEX_FROM }, () =>
    policySource({ Version: '1.1', Statement: [{ Effect: 'Allow', Action: ['evs:volume:get'] }] }),
  );
  for (let i = 0; i < 2; i++)
    assert.deepEqual(
      evaluateApiActions(api, list).map((v) => v.decision),
      api.actions.map(() => 'notGranted'),
    );
  list.push(policySource({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:*:*'] }] }));
  const after = evaluateApiActions(api, list);
  assert.ok(after.length > 0 && after.every((v) => v.decision === 'allowed'), JSON.stringify(after.map((v) => v.decision)));
});
