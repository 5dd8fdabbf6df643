/**
 * `*` wildcards as IAM reads them (any run of characters, `?` and everything else literal), matched in
 * linear time. A regular expression built from a policy's text backtracks: `ims:*a*a*a*a*a*b` against a
 * long action took minutes. Here the pattern is cut at its stars; the first piece must start the text,
 * the last must end it, and each piece between is found at its leftmost place after the one before —
 * taking the leftmost place never loses a match, because a star absorbs whatever lies between.
 */

/** Whether `text` matches `pattern`; both are compared as given (lower-case them for a case-blind match). */
export function globMatches(pattern: string, text: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === text;
  const pieces = pattern.split('*');
  const head = pieces[0];
  const tail = pieces[pieces.length - 1];
  if (head.length + tail.length > text.length) return false;
  if (!text.startsWith(head) || !text.endsWith(tail)) return false;
  let at = head.length;
  const end = text.length - tail.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    // An empty piece (`**`) is found where it is looked for, which is at most `end`: it needs no case.
    const piece = pieces[i];
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
