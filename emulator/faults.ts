/**
 * Fault injection (`--fail-rate`): 500, 503 or 429 (with Retry-After) before a change, or "drop": the
 * change is applied and the connection dies before the answer. Seeded, so a run can be repeated.
 */
import { seededRandom } from '../core/util/random';

export type Fault = '500' | '503' | '429' | 'drop';

export class Faults {
  private readonly random: () => number;
  readonly counts: Record<string, number> = {};

  constructor(
    private readonly rate: number | undefined,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  /** The fault to inject into this request, if any. */
  next(): Fault | undefined {
    if (!this.rate || this.random() >= this.rate) return undefined;
    return (['500', '503', '429', 'drop'] as const)[Math.floor(this.random() * 4)];
  }

  /** Counted when it happens: a drop only once the change is applied. */
  count(fault: Fault): void {
    this.counts[fault] = (this.counts[fault] ?? 0) + 1;
  }

  /** The error answer of an injected status. */
  static answer(
    fault: Exclude<Fault, 'drop'>,
    retryAfter: number,
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const status = Number(fault);
    const throttled = status === 429;
    return {
      status,
      body: {
        error: { code: throttled ? 'APIGW.0308' : 'IMG.0500', message: throttled ? 'Too many requests' : 'injected fault' },
      },
      headers: throttled ? { 'retry-after': String(retryAfter) } : {},
    };
  }
}
