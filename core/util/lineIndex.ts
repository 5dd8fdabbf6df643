/**
 * Line and column of offsets in one text, its line starts found once: the env-file reader places every
 * variable, the emulator's ValidatePolicy every finding, each with a binary search instead of a scan.
 */
export function lineIndex(text: string): (offset: number) => { line: number; character: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    // Past the last start is undefined, never <= offset, so the search ends the same.
    // Stryker disable next-line ArithmeticOperator: as the comment above says (bench/mutation/survivors.md)
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  };
}
