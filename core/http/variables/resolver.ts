/**
 * Where a `{{variable}}` of a .http file gets its value, in REST Client's order of precedence: request
 * variables (`login.response…`), file variables, prompt variables of the request, the selected
 * environment, then `$shared`; system variables by their own rules. Used by the language features (what
 * a name is, its value and where it is defined) and by Send (the text that goes out), so both agree.
 */
import type { FileVariable, HttpFile, HttpRequest } from '../httpFile';
import type { Environment } from './environments';
import { evaluateJsonPath, isValidJsonPath } from './jsonPath';
import { isPlainName, looksSecret, variableReferences, type VariableReference } from './references';
import { isPrivateSource, secretNames } from './secrets';
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
  /** Why expanding it was stopped: it refers to itself, or grows past the size limit. */
  problem?: string;
  /**
   * Whether the value is a secret: by where it comes from ($processEnv, $dotenv, a private env file,
   * another secret) and where it goes (secrets.ts): shown masked, never in the clear.
   */
  secret?: boolean;
}

/** Variables within variables, this deep at most (cycles are caught apart from this). */
export const MAX_DEPTH = 64;
/** A value that expands past this many characters is cut off with a problem, not built. */
export const MAX_EXPANDED_LENGTH = 100_000;

/** A resolution with how deeply variables nest below it, and whether the recursion guard cut it short. */
type Walked = Resolution & { height: number; cut?: boolean };

/**
 * Resolution's memory: each name is expanded once (`@a = {{b}}{{b}}{{b}}` chains otherwise grow
 * exponentially with the depth), names being expanded are tracked to name a cycle, and the characters
 * produced by one call are counted against one budget. The language features share one per parse, per
 * request and per system (a 10,000-variable chain is then linear, whatever order it is asked in); Send,
 * with its prompts and responses, gets a fresh one.
 */
interface Walk {
  memo: Map<string, Walked | undefined>;
  active: string[];
  produced: number;
  secrets: ReadonlySet<string>;
}

const newWalk = (inputs: VariableInputs): Walk => ({
  memo: new Map(),
  active: [],
  produced: 0,
  secrets: secretNames(inputs.file, inputs.environment),
});

const shared = new WeakMap<HttpFile, WeakMap<Environment, Map<SystemEnv | undefined, Map<HttpRequest | undefined, Walk>>>>();

/** The walk a top-level call starts from: shared when nothing of the call itself (prompts, responses) is in it. */
function walkFor(inputs: VariableInputs, request: HttpRequest | undefined): Walk {
  if (inputs.prompts || inputs.responses) return newWalk(inputs);
  let byEnv = shared.get(inputs.file);
  if (!byEnv) shared.set(inputs.file, (byEnv = new WeakMap()));
  let bySystem = byEnv.get(inputs.environment);
  if (!bySystem) byEnv.set(inputs.environment, (bySystem = new Map()));
  let byRequest = bySystem.get(inputs.system);
  if (!byRequest) bySystem.set(inputs.system, (byRequest = new Map()));
  let walk = byRequest.get(request);
  if (!walk) byRequest.set(request, (walk = newWalk(inputs)));
  walk.produced = 0;
  return walk;
}

const strip = (r: Walked | undefined): Resolution | undefined => {
  if (!r) return undefined;
  const { height: _height, cut: _cut, ...resolution } = r;
  return resolution;
};

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
      ? { source: 'request', detail, location, value: hit[1], secret: looksSecret(hit[0]) }
      : { source: 'request', detail, location, error: `the response of "${ref.name}" has no header ${ref.request.path}` };
  }
  if (ref.request.path === '*') return { source: 'request', detail, location, value: response.body, secret: true };
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return { source: 'request', detail, location, error: `the response of "${ref.name}" is not JSON` };
  }
  const found = evaluateJsonPath(json, ref.request.path);
  if (found === undefined)
    return { source: 'request', detail, location, error: `${ref.request.path} finds nothing in the response of "${ref.name}"` };
  return {
    source: 'request',
    detail,
    location,
    value: typeof found === 'string' ? found : JSON.stringify(found),
    secret: looksSecret(ref.request.path),
  };
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
      return {
        source: 'request',
        detail,
        location,
        value: typeof found === 'string' ? found : JSON.stringify(found),
        secret: looksSecret(ref.expr),
      };
  } catch {
    // not JSON: no value
  }
  return { source: 'request', detail, location, error: `${path.join('.')} finds nothing in the response of "${head}"` };
}

const fileVariables = new WeakMap<HttpFile, Map<string, FileVariable>>();

/** The last definition wins, as in REST Client; looked up by name (a 10,000-variable file scanned per lookup took seconds). */
function lastFileVariable(inputs: VariableInputs, name: string): FileVariable | undefined {
  let byName = fileVariables.get(inputs.file);
  if (!byName) {
    byName = new Map();
    for (const v of inputs.file.variables) byName.set(v.name, v);
    fileVariables.set(inputs.file, byName);
  }
  return byName.get(name);
}

/** What a reference stands for, or undefined when nothing defines it. */
export function resolveReference(inputs: VariableInputs, ref: VariableReference, request?: HttpRequest): Resolution | undefined {
  return strip(resolveIn(inputs, ref, request, 0, walkFor(inputs, request)));
}

function resolveIn(
  inputs: VariableInputs,
  ref: VariableReference,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Walked | undefined {
  const leaf = (r: Resolution | undefined): Walked | undefined => r && { ...r, height: 0 };
  if (ref.kind === 'system') {
    const detail = 'system variable';
    // What the machine holds ($processEnv, $dotenv) is a secret wherever it goes.
    const secret = ref.name === '$processEnv' || ref.name === '$dotenv';
    if (!inputs.system) {
      const error = checkSystemVariable(ref.expr);
      return { source: 'system', detail, secret, height: 0, ...(error ? { error } : {}) };
    }
    const r = evaluateSystemVariable(ref.expr, inputs.system);
    return 'error' in r
      ? { source: 'system', detail, secret, height: 0, error: r.error }
      : { source: 'system', detail, secret, height: 0, value: r.value };
  }
  if (ref.kind === 'request') return leaf(requestVariable(inputs, ref));
  if (!isPlainName(ref.expr)) return leaf(httpyacExpression(inputs, ref));
  if (walk.memo.has(ref.name)) return walk.memo.get(ref.name);
  const cycleAt = walk.active.indexOf(ref.name);
  if (cycleAt >= 0) {
    const loop = [...walk.active.slice(cycleAt), ref.name].map((n) => `{{${n}}}`).join(' → ');
    return { source: 'file', detail: 'file variable', problem: `refers to itself: ${loop}`, height: 0 };
  }
  walk.active.push(ref.name);
  try {
    const r = resolvePlain(inputs, ref, request, depth, walk);
    // A result the recursion guard cut short depends on where it was asked from: not kept.
    if (!r?.cut) walk.memo.set(ref.name, r);
    return r;
  } finally {
    walk.active.pop();
  }
}

/** A definition's resolution from its value's: one level higher; nested too deep, a problem and no value. */
function defined(base: Resolution, inner: Resolved, value: boolean): Walked {
  const height = inner.height + 1;
  const problem = inner.problem ?? (height > MAX_DEPTH ? `nests variables more than ${MAX_DEPTH} deep` : undefined);
  return {
    ...base,
    height,
    ...(inner.cut ? { cut: true } : {}),
    secret: base.secret === true || inner.secret,
    ...(problem ? { problem } : {}),
    ...(value && !problem ? { value: inner.text } : {}),
  };
}

function resolvePlain(
  inputs: VariableInputs,
  ref: VariableReference,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Walked | undefined {
  if (ref.name.startsWith('%')) {
    // REST Client's {{%name}}: the value of name, percent-encoded.
    const inner = resolveIn(inputs, { ...ref, expr: ref.expr.slice(1), name: ref.name.slice(1) }, request, depth, walk);
    return inner && inner.value !== undefined ? { ...inner, value: encodeURIComponent(inner.value) } : inner;
  }
  const named = walk.secrets.has(ref.name);
  const file = lastFileVariable(inputs, ref.name);
  if (file) {
    const inner = resolveWithin(inputs, file.value, request, depth + 1, walk);
    const base: Resolution = {
      source: 'file',
      detail: 'file variable',
      location: { start: file.nameSpan.start, end: file.nameSpan.end },
      secret: named,
    };
    return defined(base, inner, inner.unresolved.length === 0 && inner.errors.length === 0);
  }
  const prompt = request?.prompts.find((p) => p.name === ref.name);
  if (prompt)
    return {
      source: 'prompt',
      detail: `prompt${prompt.description ? `: ${prompt.description}` : ''}`,
      location: prompt.span,
      value: inputs.prompts?.get(ref.name),
      secret: named,
      height: 0,
    };
  const env = inputs.environment.variables.get(ref.name);
  if (env) {
    const isShared = env.environment === '$shared';
    const inner = resolveWithin(inputs, env.value, request, depth + 1, walk);
    const base: Resolution = {
      source: isShared ? 'shared' : 'environment',
      detail: `${isShared ? '$shared' : `environment ${env.environment}`} (${env.source})`,
      ...(env.uri && env.start !== undefined && env.end !== undefined
        ? { location: { uri: env.uri, start: env.start, end: env.end, line: env.line, character: env.character } }
        : {}),
      secret: named || isPrivateSource(env.source),
    };
    return defined(base, inner, inner.unresolved.length === 0);
  }
  const connection = Object.hasOwn(CONNECTION_VARIABLES, ref.name) ? CONNECTION_VARIABLES[ref.name] : undefined;
  if (connection) return { source: 'connection', detail: connection, height: 0 };
  return undefined;
}

interface Resolved {
  text: string;
  unresolved: VariableReference[];
  errors: string[];
  /** Whether any part of the text came from a secret. */
  secret: boolean;
  /** A cycle or the size limit stopped the expansion. */
  problem?: string;
  /** How deeply variables nest below this text, and whether the recursion guard cut it short. */
  height: number;
  cut?: boolean;
}

/** The text with every reference that has a value substituted; the others are listed. */
export function resolveText(
  inputs: VariableInputs,
  text: string,
  request?: HttpRequest,
): { text: string; unresolved: VariableReference[]; errors: string[]; secret: boolean; problem?: string } {
  const { height: _height, cut: _cut, ...resolved } = resolveWithin(inputs, text, request, 0, walkFor(inputs, request));
  return resolved;
}

function resolveWithin(
  inputs: VariableInputs,
  text: string,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Resolved {
  const refs = variableReferences(text);
  if (refs.length === 0) return { text, unresolved: [], errors: [], secret: false, height: 0 };
  // The recursion guard: deeper than this, the answer is the same problem whatever lies below.
  if (depth > MAX_DEPTH)
    return {
      text,
      unresolved: refs,
      errors: [],
      secret: false,
      problem: `nests variables more than ${MAX_DEPTH} deep`,
      height: depth,
      cut: true,
    };
  const unresolved: VariableReference[] = [];
  const errors: string[] = [];
  let secret = false;
  let problem: string | undefined;
  let height = 0;
  let cut = false;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start);
    at = ref.end;
    const r = resolveIn(inputs, ref, request, depth, walk);
    if (r) {
      height = Math.max(height, r.height);
      if (r.cut) cut = true;
    }
    if (r?.secret) secret = true;
    if (r?.problem) problem ??= r.problem;
    if (r?.value !== undefined) {
      walk.produced += r.value.length;
      if (out.length + r.value.length > MAX_EXPANDED_LENGTH || walk.produced > 10 * MAX_EXPANDED_LENGTH) {
        problem ??= `expands to more than ${MAX_EXPANDED_LENGTH.toLocaleString('en')} characters`;
        out += text.slice(ref.start, ref.end);
        unresolved.push(ref);
        continue;
      }
      out += r.value;
    } else {
      out += text.slice(ref.start, ref.end);
      unresolved.push(ref);
      if (r?.error) errors.push(`{{${ref.expr}}}: ${r.error}`);
    }
  }
  return {
    text: out + text.slice(at),
    unresolved,
    errors,
    secret,
    height,
    ...(cut ? { cut } : {}),
    ...(problem ? { problem } : {}),
  };
}
