/** Percent-decoding that never throws (core/util/decode.ts), and the variant that says the text was malformed. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeOrUndefined, decodeSafely } from '../../core/util/decode';

test('valid escapes are decoded by both', () => {
  assert.equal(decodeSafely('a%20b%2Fc'), 'a b/c');
  assert.equal(decodeOrUndefined('%E4%B8%AD'), '中');
});

test('a malformed escape is kept as written, or undefined', () => {
  for (const bad of ['%', '%zz', 'a%2', '%E4%B8']) {
    assert.equal(decodeSafely(bad), bad);
    assert.equal(decodeOrUndefined(bad), undefined);
  }
});
