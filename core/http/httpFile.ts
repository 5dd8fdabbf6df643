/**
 * A parser for the common `.http` grammar of REST Client, httpyac and the JetBrains HTTP Client
 * (anchors.md §3): `###` separators with titles, `#` and `//` comments, `# @name`, file variables
 * `@name = value`, request lines with an optional method and HTTP version, query continuation lines,
 * headers, and a body up to the next separator (or `< file`). Every part keeps its offsets.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Token {
  text: string;
  span: Span;
}

export interface FileVariable {
  name: string;
  value: string;
  nameSpan: Span;
  valueSpan: Span;
}

export interface HttpHeader {
  name: Token;
  value: Token;
}

export interface HttpBody {
  text: string;
  span: Span;
  /** `< ./file` (or `<@ ./file`): the body comes from a file. */
  file?: Token;
}

export interface HttpRequest {
  index: number;
  /** The whole block, separator line excluded. */
  span: Span;
  title?: string;
  name?: string;
  /** Absent when the request line has no method (GET is implied). */
  method?: Token;
  url: Token;
  /** The URL with REST Client query continuation lines (`?a=1`, `&b=2`) joined on. */
  fullUrl: string;
  httpVersion?: Token;
  requestLine: Span;
  headers: HttpHeader[];
  body?: HttpBody;
  /** `# @prompt name [description]`: asked for when the request is sent. */
  prompts: Array<{ name: string; description?: string; span: Span }>;
  /** `# @note`: confirm before sending. */
  note: boolean;
  /**
   * JSON written right after the request line or headers, with no blank line before it (as some API
   * pages print it): no .http tool reads it as the body.
   */
  unseparatedBody?: Span;
}

export interface HttpFile {
  text: string;
  variables: FileVariable[];
  requests: HttpRequest[];
  /** Blocks (between separators) with no request line yet: where new requests get typed. */
  blocks: Span[];
  /** Comment lines (metadata included) and `###` separator lines, for highlighting and folding. */
  comments: Span[];
  separators: Span[];
}

const SEPARATOR = /^\s*#{3,}(.*)$/;
const COMMENT = /^\s*(#|\/\/)/;
const NAME_META = /^\s*(?:#|\/\/)\s*@name(?:\s*=\s*|\s+)(\S+)/;
// Every line pattern is anchored with disjoint neighbouring parts, and trailing spaces are trimmed in code:
// a lazy `(.*?)\s*$` is quadratic on a long run of spaces.
const PROMPT_META = /^\s*(?:#|\/\/)\s*@prompt\s+(\S+)(.*)$/s;
const NOTE_META = /^\s*(?:#|\/\/)\s*@note\b/;
const FILE_VARIABLE = /^\s*@([^\s=:]+)\s*:?=\s*(.*)$/s;
const METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'PATCH',
  'OPTIONS',
  'TRACE',
  'PROPFIND',
  'PROPPATCH',
  'MKCOL',
  'COPY',
  'MOVE',
  'LOCK',
  'UNLOCK',
  'GRAPHQL',
]);
const HEADER = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s?(.*)$/;
const QUERY_CONTINUATION = /^\s*[?&]/;

interface Line {
  text: string;
  start: number;
  end: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === '\n') {
      const end = i > start && text[i - 1] === '\r' ? i - 1 : i;
      lines.push({ text: text.slice(start, end), start, end });
      start = i + 1;
    }
  }
  return lines;
}

/** `HTTP/1.1` at the end of a request line after white space, and where that white space starts (a scan, not `\s+…$`). */
function versionAtEnd(rest: string): { text: string; cut: number } | undefined {
  let i = rest.length;
  while (i > 0 && !/\s/.test(rest[i - 1])) i--;
  const text = rest.slice(i);
  if (i === 0 || !/^HTTP\/\d(?:\.\d)?$/.test(text)) return undefined;
  let cut = i;
  while (cut > 0 && /\s/.test(rest[cut - 1])) cut--;
  return { text, cut };
}

function parseRequestLine(line: Line): Pick<HttpRequest, 'method' | 'url' | 'httpVersion'> {
  const lead = line.text.length - line.text.trimStart().length;
  let rest = line.text.slice(lead).trimEnd();
  let pos = line.start + lead;
  let method: Token | undefined;
  const first = /^(\S+)\s+/.exec(rest);
  if (first && METHODS.has(first[1].toUpperCase())) {
    method = { text: first[1], span: { start: pos, end: pos + first[1].length } };
    pos += first[0].length;
    rest = rest.slice(first[0].length);
  }
  let httpVersion: Token | undefined;
  const version = versionAtEnd(rest);
  if (version) {
    const vStart = pos + rest.length - version.text.length;
    httpVersion = { text: version.text, span: { start: vStart, end: vStart + version.text.length } };
    rest = rest.slice(0, version.cut);
  }
  return { method, url: { text: rest, span: { start: pos, end: pos + rest.length } }, httpVersion };
}

export function parseHttpFile(text: string): HttpFile {
  const lines = splitLines(text);
  const variables: FileVariable[] = [];
  const requests: HttpRequest[] = [];
  const blocks: Span[] = [];
  const comments: Span[] = [];
  const separators: Span[] = [];
  for (const l of lines) {
    if (SEPARATOR.test(l.text)) separators.push({ start: l.start, end: l.end });
    else if (COMMENT.test(l.text)) comments.push({ start: l.start, end: l.end });
  }
  let i = 0;
  while (i < lines.length) {
    // One block: from here to the next separator line.
    let title: string | undefined;
    const sep = SEPARATOR.exec(lines[i].text);
    if (sep) {
      title = sep[1].trim() || undefined;
      i++;
    }
    const blockStart = i < lines.length ? lines[i].start : text.length;
    let j = i;
    while (j < lines.length && !SEPARATOR.test(lines[j].text)) j++;
    const blockEnd = j > i ? lines[j - 1].end : blockStart;
    parseBlock(lines.slice(i, j), { start: blockStart, end: blockEnd }, title, variables, requests, blocks);
    i = j;
  }
  return { text, variables, requests, blocks, comments, separators };
}

function parseBlock(
  lines: Line[],
  span: Span,
  title: string | undefined,
  variables: FileVariable[],
  requests: HttpRequest[],
  blocks: Span[],
): void {
  let name: string | undefined;
  let note = false;
  const prompts: HttpRequest['prompts'] = [];
  let k = 0;
  // Before the request line: blank lines, comments (with # @name, @prompt, @note), file variables.
  for (; k < lines.length; k++) {
    const t = lines[k].text;
    if (t.trim() === '') continue;
    const meta = NAME_META.exec(t);
    if (meta) {
      name = meta[1];
      continue;
    }
    const prompt = PROMPT_META.exec(t);
    if (prompt) {
      const at = lines[k].start + t.indexOf(prompt[1], t.indexOf('@prompt') + 7);
      prompts.push({
        name: prompt[1],
        description: prompt[2].trim() || undefined,
        span: { start: at, end: at + prompt[1].length },
      });
      continue;
    }
    if (NOTE_META.test(t)) {
      note = true;
      continue;
    }
    if (COMMENT.test(t)) continue;
    const v = FILE_VARIABLE.exec(t);
    if (v) {
      const value = v[2].trimEnd();
      const nameStart = lines[k].start + t.indexOf('@') + 1;
      let after = t.indexOf('=', t.indexOf('@')) + 1;
      while (t[after] === ' ' || t[after] === '\t') after++;
      const valueStart = lines[k].start + after;
      variables.push({
        name: v[1],
        value,
        nameSpan: { start: nameStart, end: nameStart + v[1].length },
        valueSpan: { start: valueStart, end: valueStart + value.length },
      });
      continue;
    }
    break;
  }
  if (k >= lines.length) {
    blocks.push(span);
    return;
  }
  const line = lines[k];
  const { method, url, httpVersion } = parseRequestLine(line);
  let fullUrl = url.text;
  k++;
  for (; k < lines.length && QUERY_CONTINUATION.test(lines[k].text); k++) fullUrl += lines[k].text.trim();
  const headers: HttpHeader[] = [];
  let unseparatedBody: Span | undefined;
  for (; k < lines.length && lines[k].text.trim() !== ''; k++) {
    const t = lines[k].text;
    if (COMMENT.test(t)) continue;
    if (!unseparatedBody && /^\s*[{[]/.test(t)) unseparatedBody = { start: lines[k].start, end: lines[k].end };
    if (unseparatedBody) {
      unseparatedBody.end = lines[k].end;
      continue;
    }
    const h = HEADER.exec(t);
    if (!h) continue;
    const valueStart = lines[k].start + t.length - h[2].length;
    headers.push({
      name: { text: h[1], span: { start: lines[k].start, end: lines[k].start + h[1].length } },
      value: { text: h[2].trimEnd(), span: { start: valueStart, end: valueStart + h[2].trimEnd().length } },
    });
  }
  // Body: after the blank line, to the end of the block, without trailing blank or comment lines and
  // without a JetBrains response handler (`> {% … %}`, `> file.js`).
  let body: HttpBody | undefined;
  let first = k;
  while (first < lines.length && lines[first].text.trim() === '') first++;
  let last = first - 1;
  for (let m = first; m < lines.length; m++) {
    const t = lines[m].text;
    if (/^>\s/.test(t) || t.startsWith('>>')) break;
    if (t.trim() !== '' && !COMMENT.test(t)) last = m;
  }
  if (first < lines.length && last >= first) {
    const start = lines[first].start;
    const end = lines[last].end;
    const bodyText = lines
      .slice(first, last + 1)
      .map((l) => l.text)
      .join('\n');
    body = { text: bodyText, span: { start, end } };
    const fileMatch = /^<@?\w*\s+(\S.*)$/s.exec(lines[first].text);
    const file = fileMatch && [fileMatch[0], fileMatch[1].trimEnd()];
    if (file && first === last) {
      const fStart = lines[first].start + lines[first].text.indexOf(file[1]);
      body.file = { text: file[1], span: { start: fStart, end: fStart + file[1].length } };
    }
  }
  requests.push({
    index: requests.length,
    span,
    title,
    name,
    method,
    url,
    fullUrl,
    httpVersion,
    requestLine: { start: line.start, end: line.end },
    headers,
    body,
    unseparatedBody,
    prompts,
    note,
  });
}

const VARIABLE_REF = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** `{{name}}` references in a piece of text, with offsets relative to it. */
export function variableRefs(text: string): Array<{ name: string; start: number; end: number }> {
  const out: Array<{ name: string; start: number; end: number }> = [];
  for (const m of text.matchAll(VARIABLE_REF)) out.push({ name: m[1], start: m.index!, end: m.index! + m[0].length });
  return out;
}

/**
 * Substitutes file variables (which may reference each other) into text; references that cannot be
 * resolved (environment, system or request variables) are left as they are.
 */
export function resolveVariables(text: string, variables: readonly FileVariable[], depth = 0): string {
  if (depth > 10 || !text.includes('{{')) return text;
  const byName = new Map(variables.map((v) => [v.name, v.value]));
  let changed = false;
  const out = text.replace(VARIABLE_REF, (whole, name: string) => {
    const v = byName.get(name);
    if (v === undefined) return whole;
    changed = true;
    return v;
  });
  return changed ? resolveVariables(out, variables, depth + 1) : out;
}
