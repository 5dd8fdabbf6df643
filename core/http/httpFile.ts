/**
 * A parser for the common `.http` grammar of REST Client, httpyac and the JetBrains HTTP Client
 * (anchors.md §3): `###` separators with titles, `#` and `//` comments, `# @name`, file variables
 * `@name = value` (anywhere in the file, as REST Client reads them), request lines with an optional
 * method and HTTP version, query continuation lines, headers, and a body up to the next separator (or
 * `< file`). The dialects' scripts (dialects.ts) are skipped as code, with the variables they set:
 * JetBrains' pre-request scripts (`< {% … %}`, `< ./before.js`) and response handlers (`> {% … %}`,
 * `> ./after.js`), httpyac's script blocks (`{{` … `}}` on lines of their own) and assertions (`?? …`).
 * A request is named by `# @name` or `// @name`, else by a one-word `### title` (httpyac, JetBrains,
 * kulala). Every part keeps its offsets.
 */
import { accepts, scriptVariables, type DialectSetting, type HttpScript, type ScriptVariable } from './dialects';

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
  /** `# @name` or `// @name`. */
  name?: string;
  /** A one-word `### title`: the name httpyac, JetBrains and kulala give the request when `# @name` does not. */
  titleName?: string;
  /** Absent when the request line has no method (GET is implied). */
  method?: Token;
  url: Token;
  /** The URL with REST Client query continuation lines (`?a=1`, `&b=2`) joined on. */
  fullUrl: string;
  httpVersion?: Token;
  requestLine: Span;
  /** REST Client's query continuation lines (`?a=1`, `&b=2`) below the request line. */
  continuation: Span[];
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
  /** Scripts and assertions, skipped as code. */
  scripts: HttpScript[];
  /** Variables the scripts set (never "defined nowhere"). */
  scriptVariables: ScriptVariable[];
}

/** A request's name: `# @name`, else (httpyac, JetBrains, kulala; not REST Client) its one-word `### title`. */
export function requestName(request: HttpRequest, dialect: DialectSetting = 'any'): string | undefined {
  return request.name ?? (accepts(dialect, 'httpyac', 'jetbrains') ? request.titleName : undefined);
}

/** The request a name refers to: by `# @name` first, then by a title the dialect counts as a name. */
export function requestNamed(file: HttpFile, name: string, dialect: DialectSetting = 'any'): HttpRequest | undefined {
  return file.requests.find((r) => r.name === name) ?? file.requests.find((r) => requestName(r, dialect) === name);
}

const SEPARATOR = /^\s*#{3,}(.*)/s;
const COMMENT = /^\s*(#|\/\/)/;
const NAME_META = /^\s*(?:#|\/\/)\s*@name(?:\s*=\s*|\s+)(\S+)/;
// Every line pattern is anchored with disjoint neighbouring parts, and trailing spaces are trimmed in code:
// a lazy `(.*?)\s*$` is quadratic on a long run of spaces. A line's rest is `(.*)` with the `s` flag, so a
// U+2028 inside a line (no line break for the editor) is part of it, as any other character.
const PROMPT_META = /^\s*(?:#|\/\/)\s*@prompt\s+(\S+)(.*)/s;
const NOTE_META = /^\s*(?:#|\/\/)\s*@note\b/;
const LOOP_META = /^\s*(?:#|\/\/)\s*@loop\s+for\s+(?:(?:const|let|var)\s+)?([A-Za-z_$][\w$]*)\s+(?:of|in)\s/;
const FILE_VARIABLE = /^\s*@([^\s=:]+)\s*:?=\s*(.*)/s;
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
const HEADER = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s?(.*)/s;
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
  const scripts: HttpScript[] = [];
  const setBy: ScriptVariable[] = [];
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
    parseBlock(lines.slice(i, j), { start: blockStart, end: blockEnd }, title, { variables, requests, blocks, scripts, setBy });
    i = j;
  }
  return { text, variables, requests, blocks, comments, separators, scripts, scriptVariables: setBy };
}

interface Found {
  variables: FileVariable[];
  requests: HttpRequest[];
  blocks: Span[];
  scripts: HttpScript[];
  setBy: ScriptVariable[];
}

const JETBRAINS_SCRIPT = /^\s*([<>])\s*\{%/;
const SCRIPT_FILE = /^\s*([<>])\s+(\S.*)/s;
const HTTPYAC_SCRIPT_OPEN = /^\s*\{\{(?:@\w+)?\s*$/;
const HTTPYAC_SCRIPT_CLOSE = /^\s*\}\}\s*$/;
const ASSERTION = /^\s*\?\?\s/;
/** A response handler (`> {% … %}`, `> ./after.js`) or an output redirect (`>> file`): `>x` is body text. */
const HANDLER_START = /^(?:>\s|>>|>\{%)/;
const TITLE_NAME = /^[A-Za-z_][\w.-]*$/;

/**
 * A script starting at line `k` (JetBrains `< {% … %}` / `> {% … %}`, httpyac `{{` … `}}`), or a script
 * file line (`< ./a.js`, `> ./b.js`): the index of its last line, after recording it. Undefined when the
 * line starts none. `before` says whether the request line is still to come (`<` scripts) or not (`>`).
 */
function scriptAt(lines: Line[], k: number, before: boolean, found: Found): number | undefined {
  const t = lines[k].text;
  const jb = JETBRAINS_SCRIPT.exec(t);
  // httpyac runs a `{{ … }}` block before the request (above the request line) or after it (below).
  const yac = HTTPYAC_SCRIPT_OPEN.test(t);
  if ((jb && (jb[1] === '<') === before) || yac) {
    const close = yac
      ? (l: string, first: boolean) => !first && HTTPYAC_SCRIPT_CLOSE.test(l)
      : (l: string, first: boolean) => l.indexOf('%}', first ? l.indexOf('{%') + 2 : 0) >= 0;
    let end = k;
    while (end < lines.length && !close(lines[end].text, end === k)) end++;
    if (end >= lines.length) end = lines.length - 1; // unterminated: the rest of the block is script
    const kind: HttpScript['kind'] = yac ? 'script block' : before ? 'pre-request script' : 'response handler';
    const start = lines[k].start;
    found.scripts.push({ start, end: lines[end].end, kind, dialect: yac ? 'httpyac' : 'jetbrains' });
    // Line by line, so offsets stay the document's whatever the line ends (\r\n).
    for (let m = k; m <= end; m++) found.setBy.push(...scriptVariables(lines[m].text, lines[m].start, kind));
    return end;
  }
  const file = SCRIPT_FILE.exec(t);
  if (file && (file[1] === '<') === before && /\.(m?js|ts)\s*$/.test(file[2])) {
    found.scripts.push({
      start: lines[k].start,
      end: lines[k].end,
      kind: before ? 'pre-request script' : 'response handler',
      dialect: 'jetbrains',
      file: file[2].trim(),
    });
    return k;
  }
  return undefined;
}

function fileVariable(line: Line): FileVariable | undefined {
  const t = line.text;
  const v = FILE_VARIABLE.exec(t);
  if (!v) return undefined;
  const value = v[2].trimEnd();
  const nameStart = line.start + t.indexOf('@') + 1;
  let after = t.indexOf('=', t.indexOf('@')) + 1;
  while (t[after] === ' ' || t[after] === '\t') after++;
  const valueStart = line.start + after;
  return {
    name: v[1],
    value,
    nameSpan: { start: nameStart, end: nameStart + v[1].length },
    valueSpan: { start: valueStart, end: valueStart + value.length },
  };
}

function parseBlock(lines: Line[], span: Span, title: string | undefined, found: Found): void {
  const { variables, requests, blocks } = found;
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
    // httpyac's `# @loop for item of list`: the request runs once per item, with `item` set.
    const loop = LOOP_META.exec(t);
    if (loop) {
      const at = lines[k].start + t.indexOf(loop[1], t.indexOf('for') + 3);
      found.setBy.push({ name: loop[1], start: at, end: at + loop[1].length, via: '@loop', dialect: 'httpyac', kind: 'loop' });
      continue;
    }
    if (COMMENT.test(t)) continue;
    const script = scriptAt(lines, k, true, found);
    if (script !== undefined) {
      k = script;
      continue;
    }
    const v = fileVariable(lines[k]);
    if (v) {
      variables.push(v);
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
  const continuation: Span[] = [];
  for (; k < lines.length && QUERY_CONTINUATION.test(lines[k].text); k++) {
    fullUrl += lines[k].text.trim();
    continuation.push({ start: lines[k].start, end: lines[k].end });
  }
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
  // Body: after the blank line, up to a response handler (`> {% … %}`, `> file.js`), an output
  // redirect (`>>`) or an assertion (`?? …`); without leading or trailing blank, comment or file-variable
  // lines (REST Client reads `@name = value` anywhere). What follows the body is read for scripts and
  // file variables.
  let body: HttpBody | undefined;
  const bodyLine = (t: string) => t.trim() !== '' && !COMMENT.test(t) && !FILE_VARIABLE.test(t);
  let first = k;
  while (
    first < lines.length &&
    !bodyLine(lines[first].text) &&
    !HANDLER_START.test(lines[first].text) &&
    !ASSERTION.test(lines[first].text)
  ) {
    const v = fileVariable(lines[first]);
    if (v) variables.push(v);
    first++;
  }
  const bodyEnds = (t: string) => HANDLER_START.test(t) || ASSERTION.test(t) || HTTPYAC_SCRIPT_OPEN.test(t);
  let stop = first;
  while (stop < lines.length && !bodyEnds(lines[stop].text)) stop++;
  let last = stop - 1;
  while (last >= first && !bodyLine(lines[last].text)) last--;
  for (let m = last + 1; m < stop; m++) {
    const v = fileVariable(lines[m]);
    if (v) variables.push(v);
  }
  // After the body: handlers, assertions, and file variables.
  for (let m = stop; m < lines.length; m++) {
    const script = scriptAt(lines, m, false, found);
    if (script !== undefined) {
      m = script;
      continue;
    }
    if (ASSERTION.test(lines[m].text)) {
      found.scripts.push({ start: lines[m].start, end: lines[m].end, kind: 'assertion', dialect: 'httpyac' });
      continue;
    }
    const v = fileVariable(lines[m]);
    if (v) variables.push(v);
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
    ...(title && TITLE_NAME.test(title) ? { titleName: title } : {}),
    method,
    url,
    fullUrl,
    httpVersion,
    requestLine: { start: line.start, end: line.end },
    continuation,
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
