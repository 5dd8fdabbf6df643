/**
 * The seeded generator (core/util/random.ts) is mulberry32: the emulator's seeded accounts and images, the
 * benchmarks' documents and the property tests' inputs all follow from its exact sequence. Checked here
 * against the algorithm computed independently, in BigInt arithmetic modulo 2^32.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomInt, seededRandom } from '../../core/util/random';

const M = 0xffffffffn;
const imul = (x: bigint, y: bigint) => (x * y) & M;

/** mulberry32 as its definition reads, on unsigned 32-bit values. */
function reference(seed: number): () => number {
  let a = BigInt(seed >>> 0);
  return () => {
    a = (a + 0x6d2b79f5n) & M;
    let t = imul(a ^ (a >> 15n), a | 1n);
    t = (t ^ ((t + imul(t ^ (t >> 7n), t | 61n)) & M)) & M;
    return Number((t ^ (t >> 14n)) & M) / 2 ** 32;
  };
}

test('the sequence is mulberry32, for any seed', () => {
  for (const seed of [0, 1, 42, 0x7fffffff, 0xffffffff, -1]) {
    const ours = seededRandom(seed);
    const theirs = reference(seed);
    for (let i = 0; i < 50; i++) assert.equal(ours(), theirs(), `seed ${seed}, draw ${i}`);
  }
});

test('values lie in [0, 1), and randomInt in [0, n)', () => {
  const r = seededRandom(7);
  for (let i = 0; i < 1000; i++) {
    const n = randomInt(r, 10);
    assert.ok(Number.isInteger(n) && n >= 0 && n < 10, String(n));
  }
  assert.equal(
    randomInt(() => 0.999999, 3),
    2,
  );
  assert.equal(
    randomInt(() => 0, 3),
    0,
  );
});
