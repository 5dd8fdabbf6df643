/**
 * A policy written inside a .tf file becomes a JSON document of its own (the "virtual" document) that
 * every policy feature reads. The map says which parts of it were copied from the .tf source, so ranges
 * go both ways: a squiggle lands on the characters it is about, an edit on the HCL it changes.
 */

export interface Segment {
  /** Offsets in the virtual JSON. */
  vStart: number;
  vEnd: number;
  /** Where the copied text starts in the .tf source. */
  tStart: number;
}

export class SourceMap {
  constructor(readonly segments: readonly Segment[]) {}

  /**
   * The .tf offset of a virtual offset. One in generated text (a quote added around an unquoted key, a
   * comma) goes to the next copied character when it starts a range, to the previous one when it ends it.
   */
  toSource(v: number, bias: 'start' | 'end' = 'start'): number {
    let before: Segment | undefined;
    for (const s of this.segments) {
      if (v >= s.vStart && v <= s.vEnd) return s.tStart + (v - s.vStart);
      if (s.vStart <= v) before = s;
      else if (bias === 'start' || !before) return s.tStart;
      else break;
    }
    if (before) return before.tStart + (before.vEnd - before.vStart);
    return this.segments[0]?.tStart ?? 0;
  }

  /** The same map for text that moved by `delta` in the .tf source. */
  shifted(delta: number): SourceMap {
    return delta === 0 ? this : new SourceMap(this.segments.map((s) => ({ ...s, tStart: s.tStart + delta })));
  }

  /** The virtual offset of a .tf offset, when that character was copied. */
  toVirtual(t: number): number | undefined {
    for (const s of this.segments) if (t >= s.tStart && t <= s.tStart + (s.vEnd - s.vStart)) return s.vStart + (t - s.tStart);
    return undefined;
  }
}
