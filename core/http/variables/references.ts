/**
 * `{{…}}` references in .http text, classified as REST Client reads them: system variables (`$guid`,
 * `$randomInt 1 10`), request variables (`login.response.headers.X-Subject-Token`,
 * `login.response.body.$.token.project.id`) and plain names (file, prompt, environment variables).
 */

export type ReferenceKind = 'system' | 'request' | 'plain';

export interface VariableReference {
  kind: ReferenceKind;
  /** The text between the braces, trimmed. */
  expr: string;
  /** The variable's name: `$randomInt`, the request's name, or the plain name. */
  name: string;
  /** Offsets of `{{` and after `}}`, relative to the text given. */
  start: number;
  end: number;
  /** Offsets of the expression itself. */
  exprStart: number;
  exprEnd: number;
  /** Request variables: what of the named request's response. */
  request?: { part: 'headers' | 'body' | 'cookies'; path: string } | { error: string };
}

function requestPart(rest: string): VariableReference['request'] {
  // kulala's forms: a header by index (`response.headers['Date']`) and a cookie (`response.cookies.NAME.value`).
  const bracket = /^response\.headers\[(['"])(.+)\1\]$/.exec(rest);
  if (bracket) return { part: 'headers', path: bracket[2] };
  const cookie = /^response\.cookies\.([^.\s]+)(?:\.(?:value|domain|path|expires|secure|httpOnly))?$/.exec(rest);
  if (cookie) return { part: 'cookies', path: cookie[1] };
  const m = /^response\.(headers|body)(?:\.(.*))?$/.exec(rest);
  if (!m) return { error: 'a request variable reads "response.headers.NAME" or "response.body.*" / "response.body.$.json.path"' };
  const part = m[1] as 'headers' | 'body';
  const path = m[2] ?? '';
  if (part === 'headers' && !path) return { error: 'name the header: response.headers.X-Subject-Token' };
  // XPath (`//reply[1]/@id`) reads XML bodies in REST Client: accepted, not evaluated here.
  if (part === 'body' && path !== '*' && !path.startsWith('$') && !path.startsWith('/'))
    return { error: 'after body. comes * (the whole body), a JSONPath such as $.token.id, or an XPath for XML' };
  return { part, path };
}

/** Every `{{…}}` with no brace inside, found by scanning (a regular expression with lazy parts was the hot spot). */
export function variableReferences(text: string): VariableReference[] {
  const out: VariableReference[] = [];
  let from = text.indexOf('{{');
  while (from >= 0) {
    const close = text.indexOf('}}', from + 2);
    if (close < 0) break;
    // The innermost {{ before the }}: "{{a {{b}}" holds the reference {{b}}.
    const inner = text.lastIndexOf('{{', close);
    const start = inner > from ? inner : from;
    let a = start + 2;
    let b = close;
    const body = text.slice(a, b);
    if (body.includes('{') || body.includes('}')) {
      from = text.indexOf('{{', close + 2);
      continue;
    }
    while (a < b && /\s/.test(text[a])) a++;
    while (b > a && /\s/.test(text[b - 1])) b--;
    out.push(classify(text.slice(a, b), start, close + 2, a));
    from = text.indexOf('{{', close + 2);
  }
  return out;
}

function classify(expr: string, start: number, end: number, exprStart: number): VariableReference {
  // One object shape for every kind: this runs for every reference of a large file on each edit.
  let kind: ReferenceKind = 'plain';
  let name = expr;
  let request: VariableReference['request'] = undefined;
  if (expr.charCodeAt(0) === 36 /* $ */) {
    kind = 'system';
    const space = expr.search(/\s/);
    name = space < 0 ? expr : expr.slice(0, space);
  } else {
    const dot = expr.indexOf('.');
    if (dot > 0 && expr.startsWith('response', dot + 1) && !/\w/.test(expr[dot + 9] ?? '')) {
      kind = 'request';
      name = expr.slice(0, dot);
      request = requestPart(expr.slice(dot + 1));
    }
  }
  return { kind, expr, name, start, end, exprStart, exprEnd: exprStart + expr.length, request };
}

/** The reference `{{name}}` would be, for asking where a name (not one written in the text) comes from. */
export function referenceTo(name: string): VariableReference | undefined {
  // A file variable's name may be anything a stranger typed (`@}x = 1`): then it is no reference at all.
  return variableReferences(`{{${name}}}`)[0];
}

/** A plain variable name (with REST Client's `%` for percent-encoding): anything else is an httpyac expression. */
export function isPlainName(expr: string): boolean {
  return /^%?[A-Za-z_][\w-]*$/.test(expr);
}

/** The reference whose braces hold the offset (inclusive at both ends). */
export function referenceAt(text: string, offset: number): VariableReference | undefined {
  return variableReferences(text).find((r) => offset >= r.start && offset <= r.end);
}

/** Names that look secret: their values are masked in hovers and completion. */
export function looksSecret(name: string): boolean {
  return (
    /(^|[^a-z])(sk|secret|password|passwd|pwd|token|apikey|api_key|credential)s?($|[^a-z])/i.test(name) ||
    /secret|password|token/i.test(name)
  );
}

/** A secret as shown: its length, and its first two characters only when it is long enough to spare them. */
export function mask(value: string): string {
  return value.length < 12 ? '••••' : `${value.slice(0, 2)}•••• (${value.length} characters)`;
}

/**
 * A JSON body with every `{{variable}}` that stands for a whole value (outside strings, as in
 * `"limit": {{limit}}`) replaced by a string of the same length, so the body parses and keeps its
 * offsets; `holes` are the offsets of those strings, whose values are not judged.
 */
export function maskBareReferences(text: string): { text: string; holes: Set<number> } {
  const holes = new Set<number>();
  if (!text.includes('{{')) return { text, holes };
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') {
        out += text[i + 1] ?? '';
        i++;
      } else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
      continue;
    }
    if (text.startsWith('{{', i)) {
      const close = text.indexOf('}}', i + 2);
      if (close > 0 && !text.slice(i + 2, close).includes('\n')) {
        const length = close + 2 - i;
        holes.add(i);
        out += `"${'_'.repeat(length - 2)}"`;
        i = close + 1;
        continue;
      }
    }
    out += ch;
  }
  return { text: out, holes };
}
