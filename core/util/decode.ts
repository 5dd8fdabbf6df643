/** Percent-decoding that never throws: text that is not valid percent-encoding (`%t`) is kept as written. */
export function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
