/** Policy checks: a status set against the predicted verdict (hand-written cases). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSummary, judge, type CheckRow } from '../../core/access/policyCheck';

test('a 403 agrees with a refusal and is a finding for an allowed call; every other status got past authorization', () => {
  assert.deepEqual(judge('allowed', 204), { outcome: 'agrees' });
  assert.deepEqual(judge('allowed', 404), { outcome: 'agrees' }, 'a missing image still means IAM let the call through');
  assert.deepEqual(judge('allowed', 403), { outcome: 'finding', finding: 'refusedThoughAllowed' });
  assert.deepEqual(judge('denied', 403), { outcome: 'agrees' });
  assert.deepEqual(judge('notGranted', 403), { outcome: 'agrees' });
  assert.deepEqual(judge('notGranted', 200), { outcome: 'finding', finding: 'passedThoughRefused' });
  assert.deepEqual(judge('denied', 400), { outcome: 'finding', finding: 'passedThoughRefused' });
  assert.deepEqual(judge('allowed', 401), { outcome: 'finding', finding: 'unauthenticated' });
  assert.deepEqual(judge('denied', 401), { outcome: 'finding', finding: 'unauthenticated' });
});

test('the summary counts each outcome', () => {
  const row = (outcome: CheckRow['outcome']): CheckRow => ({
    index: 1,
    line: 1,
    api: 'A',
    request: 'GET /',
    predicted: 'allowed',
    outcome,
  });
  assert.deepEqual(checkSummary([row('agrees'), row('agrees'), row('finding'), row('notSent')]), {
    agrees: 2,
    findings: 1,
    notSent: 1,
  });
});
