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
  request?: { part: 'headers' | 'body'; path: string } | { error: string };
}

const REF = /\{\{(\s*)([^{}]*?)\s*\}\}/g;

function requestPart(rest: string): VariableReference['request'] {
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

export function variableReferences(text: string): VariableReference[] {
  if (!text.includes('{{')) return [];
  const out: VariableReference[] = [];
  for (const m of text.matchAll(REF)) {
    const expr = m[2];
    const start = m.index!;
    const exprStart = start + 2 + m[1].length;
    const base = { expr, start, end: start + m[0].length, exprStart, exprEnd: exprStart + expr.length };
    if (expr.startsWith('$')) {
      out.push({ ...base, kind: 'system', name: expr.split(/\s+/)[0] });
      continue;
    }
    const dot = expr.indexOf('.');
    if (dot > 0 && /^response\b/.test(expr.slice(dot + 1))) {
      out.push({ ...base, kind: 'request', name: expr.slice(0, dot), request: requestPart(expr.slice(dot + 1)) });
      continue;
    }
    out.push({ ...base, kind: 'plain', name: expr });
  }
  return out;
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

export function mask(value: string): string {
  return value.length <= 4 ? '••••' : `${value.slice(0, 2)}•••• (${value.length} characters)`;
}
