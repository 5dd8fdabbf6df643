/** Percent-decoding that never throws: text that is not valid percent-encoding (`%t`) is kept as written. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Percent-decoding, or undefined for a malformed escape (`%zz`, a lone `%`): where that is the caller's 400. */
export function decodeOrUndefined(text: string): string | undefined {
  let decoded: string | undefined;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // malformed: undefined
  }
  return decoded;
}
