/**
 * Where a `{{variable}}` of a .http file gets its value, in REST Client's order of precedence: request
 * variables (`login.response…`), file variables, prompt variables of the request, the selected
 * environment, then `$shared`; system variables by their own rules. Used by the language features (what
 * a name is, its value and where it is defined) and by Send (the text that goes out), so both agree.
 */
import type { HttpFile, HttpRequest } from '../httpFile';
import type { Environment } from './environments';
import { evaluateJsonPath, isValidJsonPath } from './jsonPath';
import { isPlainName, variableReferences, type VariableReference } from './references';
import { checkSystemVariable, evaluateSystemVariable, type SystemEnv } from './systemVariables';

export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface VariableInputs {
  file: HttpFile;
  environment: Environment;
  /** Answers to `# @prompt` (at send time). */
  prompts?: ReadonlyMap<string, string>;
  /** The last response of each named request sent in this window. */
  responses?: ReadonlyMap<string, StoredResponse>;
  /** Clock, randomness, process environment and `.env`: evaluates system variables when given. */
  system?: SystemEnv;
}

export type VariableSource = 'request' | 'file' | 'prompt' | 'environment' | 'shared' | 'system' | 'connection';

/** Send IMS request fills these from the connection where no source defines them (requestTarget.ts). */
export const CONNECTION_VARIABLES: Record<string, string> = {
  projectId: "the connection's project, when sent with Send IMS request",
  region: "the connection's region, when sent with Send IMS request",
};

export interface Resolution {
  source: VariableSource;
  /** The value, when it is known now (a prompt's or a response's may not be). */
  value?: string;
  /** Where it comes from, for people: "file variable", "environment dev (http-client.env.json)". */
  detail: string;
  /** Where it is defined: a file (uri) or this document (no uri), with offsets of the name. */
  location?: { uri?: string; start: number; end: number; line?: number; character?: number };
  /** Why it has no value (a bad system variable, a JSONPath that finds nothing…). */
  error?: string;
}

const MAX_DEPTH = 10;

function requestVariable(inputs: VariableInputs, ref: VariableReference): Resolution | undefined {
  const named = inputs.file.requests.find((r) => r.name === ref.name);
  if (!named) return undefined;
  const location = { start: named.requestLine.start, end: named.requestLine.end };
  const detail = `request variable: the response of "${ref.name}"`;
  if (!ref.request || 'error' in ref.request) return { source: 'request', detail, location, error: ref.request?.error };
  if (ref.request.part === 'body' && ref.request.path.startsWith('/'))
    return { source: 'request', detail: `${detail} (XPath, for XML bodies: not evaluated by this extension)`, location };
  if (ref.request.part === 'body' && ref.request.path !== '*' && !isValidJsonPath(ref.request.path))
    return {
      source: 'request',
      detail,
      location,
      error: `"${ref.request.path}" is not a JSONPath this reads ($.a.b, $.list[0], $['a b'])`,
    };
  const response = inputs.responses?.get(ref.name);
  if (!response) return { source: 'request', detail, location };
  if (ref.request.part === 'headers') {
    const wanted = ref.request.path.toLowerCase();
    const hit = Object.entries(response.headers).find(([k]) => k.toLowerCase() === wanted);
    return hit
      ? { source: 'request', detail, location, value: hit[1] }
      : { source: 'request', detail, location, error: `the response of "${ref.name}" has no header ${ref.request.path}` };
  }
  if (ref.request.path === '*') return { source: 'request', detail, location, value: response.body };
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return { source: 'request', detail, location, error: `the response of "${ref.name}" is not JSON` };
  }
  const found = evaluateJsonPath(json, ref.request.path);
  if (found === undefined)
    return { source: 'request', detail, location, error: `${ref.request.path} finds nothing in the response of "${ref.name}"` };
  return { source: 'request', detail, location, value: typeof found === 'string' ? found : JSON.stringify(found) };
}

/**
 * An httpyac expression: `{{json.args.id}}` reads the response of the request named json (httpyac's
 * form of a request variable); any other expression is JavaScript that httpyac evaluates, which this
 * extension neither evaluates nor judges (it counts as defined, without a value).
 */
function httpyacExpression(inputs: VariableInputs, ref: VariableReference): Resolution {
  const [head, ...path] = ref.expr.split('.');
  const named = /^[A-Za-z_]\w*$/.test(head) && path.length > 0 ? inputs.file.requests.find((r) => r.name === head) : undefined;
  if (!named) return { source: 'system', detail: 'an httpyac expression (JavaScript): evaluated by httpyac, not here' };
  const response = inputs.responses?.get(head);
  const detail = `request variable (httpyac): the response of "${head}"`;
  const location = { start: named.requestLine.start, end: named.requestLine.end };
  if (!response) return { source: 'request', detail, location };
  try {
    const found = evaluateJsonPath(JSON.parse(response.body), `$.${path.join('.')}`);
    if (found !== undefined)
      return { source: 'request', detail, location, value: typeof found === 'string' ? found : JSON.stringify(found) };
  } catch {
    // not JSON: no value
  }
  return { source: 'request', detail, location, error: `${path.join('.')} finds nothing in the response of "${head}"` };
}

/** The last definition wins, as in REST Client. */
function lastFileVariable(inputs: VariableInputs, name: string) {
  const vars = inputs.file.variables;
  for (let i = vars.length - 1; i >= 0; i--) if (vars[i].name === name) return vars[i];
  return undefined;
}

/** What a reference stands for, or undefined when nothing defines it. */
export function resolveReference(
  inputs: VariableInputs,
  ref: VariableReference,
  request?: HttpRequest,
  depth = 0,
): Resolution | undefined {
  if (ref.kind === 'system') {
    const detail = 'system variable';
    if (!inputs.system) {
      const error = checkSystemVariable(ref.expr);
      return { source: 'system', detail, ...(error ? { error } : {}) };
    }
    const r = evaluateSystemVariable(ref.expr, inputs.system);
    return 'error' in r ? { source: 'system', detail, error: r.error } : { source: 'system', detail, value: r.value };
  }
  if (ref.kind === 'request') return requestVariable(inputs, ref);
  if (!isPlainName(ref.expr)) return httpyacExpression(inputs, ref);
  if (ref.name.startsWith('%')) {
    // REST Client's {{%name}}: the value of name, percent-encoded.
    const inner = resolveReference(inputs, { ...ref, expr: ref.expr.slice(1), name: ref.name.slice(1) }, request, depth);
    return inner && inner.value !== undefined ? { ...inner, value: encodeURIComponent(inner.value) } : inner;
  }
  const file = lastFileVariable(inputs, ref.name);
  if (file) {
    const inner = depth < MAX_DEPTH ? resolveText(inputs, file.value, request, depth + 1) : undefined;
    return {
      source: 'file',
      detail: 'file variable',
      location: { start: file.nameSpan.start, end: file.nameSpan.end },
      ...(inner && inner.unresolved.length === 0 && inner.errors.length === 0 ? { value: inner.text } : {}),
    };
  }
  const prompt = request?.prompts.find((p) => p.name === ref.name);
  if (prompt)
    return {
      source: 'prompt',
      detail: `prompt${prompt.description ? `: ${prompt.description}` : ''}`,
      location: prompt.span,
      value: inputs.prompts?.get(ref.name),
    };
  const env = inputs.environment.variables.get(ref.name);
  if (env) {
    const shared = env.environment === '$shared';
    const inner = depth < MAX_DEPTH ? resolveText(inputs, env.value, request, depth + 1) : undefined;
    return {
      source: shared ? 'shared' : 'environment',
      detail: `${shared ? '$shared' : `environment ${env.environment}`} (${env.source})`,
      ...(env.uri && env.start !== undefined && env.end !== undefined
        ? { location: { uri: env.uri, start: env.start, end: env.end, line: env.line, character: env.character } }
        : {}),
      ...(inner && inner.unresolved.length === 0 ? { value: inner.text } : {}),
    };
  }
  const connection = CONNECTION_VARIABLES[ref.name];
  if (connection) return { source: 'connection', detail: connection };
  return undefined;
}

/** The text with every reference that has a value substituted; the others are listed. */
export function resolveText(
  inputs: VariableInputs,
  text: string,
  request?: HttpRequest,
  depth = 0,
): { text: string; unresolved: VariableReference[]; errors: string[] } {
  const refs = variableReferences(text);
  if (refs.length === 0) return { text, unresolved: [], errors: [] };
  const unresolved: VariableReference[] = [];
  const errors: string[] = [];
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start);
    at = ref.end;
    const r = resolveReference(inputs, ref, request, depth);
    if (r?.value !== undefined) out += r.value;
    else {
      out += text.slice(ref.start, ref.end);
      unresolved.push(ref);
      if (r?.error) errors.push(`{{${ref.expr}}}: ${r.error}`);
    }
  }
  return { text: out + text.slice(at), unresolved, errors };
}
