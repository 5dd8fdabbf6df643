/**
 * Where the top-level items of a Terraform file start, found without a parser. HCL ends an item at a
 * newline outside brackets (the HCL native syntax spec: "newlines are significant" at the body level),
 * so a line that starts while no bracket, string, heredoc or comment is open starts an item. Reading a
 * .tf file item by item lets the server parse only the items that can hold what it reads, keep what it
 * read of an item by the item's text across edits, and hand the parser small texts: one parse of a 1 MB
 * file grows the parser's WebAssembly memory to some 85 MB, where item by item it stays at a few.
 *
 * A bracket left open while typing would make the rest of the file one item; a line that starts at
 * column 0 with a top-level block keyword and a label or brace (`resource "`, `locals {`) starts an item
 * again, as `terraform fmt` indents every nested block.
 */

const KEYWORD_LINE = /(?:resource|data|variable|output|module|provider|locals|terraform|moved|import|check|removed)[ \t]*["{]/y;
const HEREDOC = /<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/y;

type Frame = { code: true; depth: number } | { code: false };

/** The offsets at which the top-level items start: 0 first, then increasing; an item runs to the next. */
export function topLevelStarts(text: string): number[] {
  const starts = [0];
  const stack: Frame[] = [{ code: true, depth: 0 }];
  const top = () => stack[stack.length - 1];
  const atTopLevel = () => stack.length === 1 && (stack[0] as { depth: number }).depth === 0;
  let i = 0;
  let lineStart = true;
  while (i < text.length) {
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (j < text.length && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r')) j++;
      const content = j < text.length && text[j] !== '\n';
      if (content && !atTopLevel() && j === i) {
        KEYWORD_LINE.lastIndex = i;
        if (KEYWORD_LINE.test(text)) stack.splice(0, stack.length, { code: true, depth: 0 });
      }
      if (content && atTopLevel() && i > 0 && starts[starts.length - 1] !== i) starts.push(i);
    }
    const c = text[i];
    const frame = top();
    if (c === '\n') {
      // A quoted string cannot span lines: a newline ends one left open (as the parser recovers).
      if (!frame.code) stack.pop();
      lineStart = true;
      i++;
      continue;
    }
    if (!frame.code) {
      if (c === '\\') i += 2;
      else if (c === '"') {
        stack.pop();
        i++;
      } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') i += 3;
      else if ((c === '$' || c === '%') && text[i + 1] === '{') {
        stack.push({ code: true, depth: 0 });
        i += 2;
      } else i++;
      continue;
    }
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else if (c === '"') {
      stack.push({ code: false });
      i++;
    } else if (c === '<' && text[i + 1] === '<') {
      // A heredoc's lines are its own, up to the one that holds only its identifier.
      const end = heredocEnd(text, i);
      lineStart = end !== undefined;
      i = end ?? i + 2;
    } else if (c === '{' || c === '[' || c === '(') {
      frame.depth++;
      i++;
    } else if (c === '}' || c === ']' || c === ')') {
      // The `}` that closes `${` ends the interpolation: back into its string.
      if (frame.depth === 0 && stack.length > 1) stack.pop();
      else if (frame.depth > 0) frame.depth--;
      i++;
    } else i++;
  }
  return starts;
}

/**
 * The heredoc that opens at `at` (`<<EOT` or `<<-EOT`, then a newline): its identifier, where that starts,
 * and where its body starts; undefined if none opens there.
 */
export function heredocOpening(text: string, at: number): { id: string; idStart: number; body: number } | undefined {
  HEREDOC.lastIndex = at;
  const m = HEREDOC.exec(text);
  return m ? { id: m[2], idStart: at + 2 + m[1].length, body: HEREDOC.lastIndex } : undefined;
}

/** Past the heredoc that opens at `at`: the start of the line after its end. */
function heredocEnd(text: string, at: number): number | undefined {
  const open = heredocOpening(text, at);
  if (!open) return undefined;
  const closing = heredocClosing(text, open.body, open.id);
  const nl = closing < 0 ? -1 : text.indexOf('\n', closing);
  return nl < 0 ? text.length : nl + 1;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13;

/**
 * Where a heredoc's closing identifier starts: on the first line from `from` that holds only `id` and
 * blanks (indented or not, as tree-sitter's HCL grammar reads both forms); -1 if no line does.
 */
export function heredocClosing(text: string, from: number, id: string): number {
  for (let line = from; line <= text.length;) {
    const nl = text.indexOf('\n', line);
    const end = nl < 0 ? text.length : nl;
    let first = line;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    let last = end;
    while (last > first && isBlank(text.charCodeAt(last - 1))) last--;
    if (last - first === id.length && text.startsWith(id, first)) return first;
    if (nl < 0) break;
    line = nl + 1;
  }
  return -1;
}

export interface TopLevelItem {
  start: number;
  text: string;
}

/**
 * The top-level items: where each starts and its text, without the blank space that ends it (so an item
 * keeps its text when lines are added or removed after it). Empty items are left out.
 */
export function topLevelItems(text: string): TopLevelItem[] {
  const starts = topLevelStarts(text);
  const items: TopLevelItem[] = [];
  for (let k = 0; k < starts.length; k++) {
    let end = k + 1 < starts.length ? starts[k + 1] : text.length;
    while (end > starts[k] && (isBlank(text.charCodeAt(end - 1)) || text.charCodeAt(end - 1) === 10)) end--;
    if (end > starts[k]) items.push({ start: starts[k], text: text.slice(starts[k], end) });
  }
  return items;
}
