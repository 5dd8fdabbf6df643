/**
 * Where a `{{variable}}` of a .http file gets its value, in REST Client's order of precedence: request
 * variables (`login.response…`), file variables, prompt variables of the request, the selected
 * environment, then `$shared`; system variables by their own rules. Used by the language features (what
 * a name is, its value and where it is defined) and by Send (the text that goes out), so both agree.
 */
import { DIALECT_LABEL, accepts, otherDynamicVariable, type DialectSetting } from '../dialects';
import { requestNamed, type FileVariable, type HttpFile, type HttpRequest } from '../httpFile';
import type { DotenvEntry } from './dotenv';
import type { Environment } from './environments';
import { evaluateJsonPath, isValidJsonPath } from './jsonPath';
import { isPlainName, looksSecret, variableReferences, type VariableReference } from './references';
import { MAX_NESTING_OF_VARIABLES, variableShapes, type VariableShape } from './graph';
import { isPrivateSource, secretNames } from './secrets';
import { RESTRICTED_MODE_ERROR, checkSystemVariable, evaluateSystemVariable, type SystemEnv } from './systemVariables';

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
  /** httpyac's `.env` files, whose names are plain `{{NAME}}` variables (sources.ts). */
  dotenvVariables?: ReadonlyArray<{ uri: string; label: string; entries: readonly DotenvEntry[] }>;
  /** `imsTags.http.dialect` (default `any`). */
  dialect?: DialectSetting;
  /** Restricted Mode: `.env` values are not read (a name found there is defined, without a value). */
  restricted?: boolean;
}

export type VariableSource =
  | 'request'
  | 'file'
  | 'prompt'
  | 'environment'
  | 'shared'
  | 'system'
  | 'connection'
  /** Set by a script of the file (JetBrains `client.global.set`, httpyac `$global`/`exports`): no value here. */
  | 'script'
  /** httpyac: a name of `.env`, `.env.<environment>` or `<environment>.env`. */
  | 'dotenv';

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
   * The named requests whose responses would give it a value, not sent yet (`{{login.response…}}`, or a
   * file variable built on one): Send offers to send them first, the policy checks send them first.
   */
  awaits?: string[];
  /**
   * Whether the value is a secret: by where it comes from ($processEnv, $dotenv, a private env file,
   * another secret) and where it goes (secrets.ts): shown masked, never in the clear.
   */
  secret?: boolean;
}

/** Variables within variables, this deep at most (graph.ts says which names nest deeper, or loop). */
export const MAX_DEPTH = MAX_NESTING_OF_VARIABLES;
/** A value that expands past this many characters is cut off with a problem, not built. */
export const MAX_EXPANDED_LENGTH = 100_000;

/**
 * Resolution's memory: each name is expanded once (`@a = {{b}}{{b}}{{b}}` chains otherwise grow
 * exponentially with the depth), and the characters produced by one call are counted against one
 * budget. Cycles and nesting are known before anything is expanded (graph.ts), so what is kept does
 * not depend on the order names are asked in. The language features share one walk per parse, per
 * request and per system; Send, with its prompts and responses, gets a fresh one.
 */
interface Walk {
  memo: Map<string, Resolution | undefined>;
  produced: number;
  secrets: ReadonlySet<string>;
  shapes: ReadonlyMap<string, VariableShape>;
  /** The inputs besides file, environment, system and request that the memo depends on. */
  dotenvVariables: VariableInputs['dotenvVariables'];
  dialect: VariableInputs['dialect'];
  restricted: VariableInputs['restricted'];
}

const newWalk = (inputs: VariableInputs): Walk => ({
  memo: new Map(),
  produced: 0,
  secrets: secretNames(inputs.file, inputs.environment),
  shapes: variableShapes(inputs.file, inputs.environment),
  dotenvVariables: inputs.dotenvVariables,
  dialect: inputs.dialect,
  restricted: inputs.restricted,
});

const shared = new WeakMap<HttpFile, WeakMap<Environment, Map<SystemEnv | undefined, Map<HttpRequest | undefined, Walk>>>>();

/**
 * The walk a top-level call starts from: shared when nothing of the call itself (prompts, responses) is in
 * it. A walk remembers the other inputs that change a resolution and is replaced when they differ, so a
 * value read before Restricted Mode (or under another dialect, or other .env files) is never answered
 * from memory after it.
 */
function walkFor(inputs: VariableInputs, request: HttpRequest | undefined): Walk {
  // Stryker disable next-line ConditionalExpression: a memo: a new walk computes the same answers (bench/mutation/survivors.md)
  if (inputs.prompts || inputs.responses) return newWalk(inputs);
  let byEnv = shared.get(inputs.file);
  // Stryker disable next-line ConditionalExpression: as above
  if (!byEnv) shared.set(inputs.file, (byEnv = new WeakMap()));
  let bySystem = byEnv.get(inputs.environment);
  // Stryker disable next-line ConditionalExpression: as above
  if (!bySystem) byEnv.set(inputs.environment, (bySystem = new Map()));
  let byRequest = bySystem.get(inputs.system);
  // Stryker disable next-line ConditionalExpression: as above
  if (!byRequest) bySystem.set(inputs.system, (byRequest = new Map()));
  let walk = byRequest.get(request);
  if (
    // Stryker disable next-line ConditionalExpression: as above (the other inputs' tests are not ignored)
    !walk ||
    walk.dotenvVariables !== inputs.dotenvVariables ||
    walk.dialect !== inputs.dialect ||
    walk.restricted !== inputs.restricted
  )
    byRequest.set(request, (walk = newWalk(inputs)));
  walk.produced = 0;
  return walk;
}

function requestVariable(inputs: VariableInputs, ref: VariableReference): Resolution | undefined {
  const named = requestNamed(inputs.file, ref.name, inputs.dialect);
  if (!named) return undefined;
  const location = { start: named.requestLine.start, end: named.requestLine.end };
  const detail = `request variable: the response of "${ref.name}"`;
  // A request reference always has its part (references.ts); `!ref.request` narrows the type.
  // Stryker disable next-line OptionalChaining: as the comment above says (bench/mutation/survivors.md)
  if (!ref.request || 'error' in ref.request) return { source: 'request', detail, location, error: ref.request?.error };
  if (ref.request.part === 'cookies')
    return {
      source: 'request',
      detail: `${detail}, its cookie ${ref.request.path} (kulala: not evaluated by this extension)`,
      location,
    };
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
  if (!response) return { source: 'request', detail, location, awaits: [ref.name] };
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
  // Only a dotted expression comes here: an identifier alone is a plain name, resolved before this.
  const named = /^[A-Za-z_]\w*$/.test(head) ? requestNamed(inputs.file, head, inputs.dialect) : undefined;
  if (!named) return { source: 'system', detail: 'an httpyac expression (JavaScript): evaluated by httpyac, not here' };
  const response = inputs.responses?.get(head);
  const detail = `request variable (httpyac): the response of "${head}"`;
  const location = { start: named.requestLine.start, end: named.requestLine.end };
  if (!response) return { source: 'request', detail, location, awaits: [head] };
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

const indexes = new WeakMap<object, Map<string, unknown[]>>();

/**
 * A list's items by name, in order, built once per list (the list object is the key: a parse's variables,
 * its script variables, a document's .env files). A lookup that scanned the list took seconds on a
 * 10,000-variable file, and a stranger's file can hold that many.
 */
function byName<T>(list: object, items: () => Iterable<readonly [string, T]>): Map<string, T[]> {
  let index = indexes.get(list) as Map<string, T[]> | undefined;
  if (!index) {
    index = new Map();
    for (const [name, item] of items()) {
      const found = index.get(name);
      if (found) found.push(item);
      else index.set(name, [item]);
    }
    indexes.set(list, index);
  }
  return index;
}

/** The last definition wins, as in REST Client. */
function lastFileVariable(inputs: VariableInputs, name: string): FileVariable | undefined {
  const vars = inputs.file.variables;
  return byName(vars, () => vars.map((v) => [v.name, v] as const))
    .get(name)
    ?.at(-1);
}

/** What a reference stands for, or undefined when nothing defines it. */
export function resolveReference(inputs: VariableInputs, ref: VariableReference, request?: HttpRequest): Resolution | undefined {
  return resolveIn(inputs, ref, request, 0, walkFor(inputs, request));
}

function resolveIn(
  inputs: VariableInputs,
  ref: VariableReference,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Resolution | undefined {
  if (ref.kind === 'system') {
    const dialect = inputs.dialect ?? 'any';
    const other = otherDynamicVariable(ref.name);
    if (other && accepts(dialect, other.dialect))
      return {
        source: 'system',
        detail: `${DIALECT_LABEL[other.dialect]} dynamic variable: ${other.doc}; its value comes from that tool when it sends`,
      };
    // `{{$randomInt}}` alone: an integer from 0 to 1000 in the JetBrains client and httpyac (REST Client needs bounds).
    if (ref.expr === '$randomInt' && accepts(dialect, 'httpyac', 'jetbrains'))
      return {
        source: 'system',
        detail: 'system variable ($randomInt without bounds: httpyac, JetBrains HTTP Client)',
        ...(inputs.system ? { value: String(Math.floor(inputs.system.random() * 1000)) } : {}),
      };
    const detail = 'system variable';
    // What the machine holds ($processEnv, $dotenv) is a secret wherever it goes.
    const secret = ref.name === '$processEnv' || ref.name === '$dotenv';
    if (!inputs.system) {
      const error = checkSystemVariable(ref.expr);
      return { source: 'system', detail, secret, ...(error ? { error } : {}) };
    }
    const r = evaluateSystemVariable(ref.expr, inputs.system);
    return 'error' in r
      ? { source: 'system', detail, secret, error: r.error }
      : { source: 'system', detail, secret, value: r.value };
  }
  if (ref.kind === 'request') return requestVariable(inputs, ref);
  if (!isPlainName(ref.expr)) return httpyacExpression(inputs, ref);
  if (walk.memo.has(ref.name)) return walk.memo.get(ref.name);
  const r = resolvePlain(inputs, ref, request, depth, walk);
  walk.memo.set(ref.name, r);
  return r;
}

/**
 * A definition's resolution: its value's, unless the graph says it loops or nests too deep. `base` is a
 * fresh object of the caller's, completed in place: this runs once per name of a large file.
 */
function defined(
  inputs: VariableInputs,
  name: string,
  text: string,
  base: Resolution,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Resolution {
  const shape = walk.shapes.get(name);
  // The shapes hold every name of the file and the environment, the only ones defined here.
  // Stryker disable next-line OptionalChaining: as the comment above says (bench/mutation/survivors.md)
  if (shape?.problem) {
    base.problem = shape.problem;
    return base;
  }
  // Only the guard in resolveWithin reads the depth, and the shapes stop every walk before it.
  // Stryker disable next-line ArithmeticOperator: as the comment above says (bench/mutation/survivors.md)
  const inner = resolveWithin(inputs, text, request, depth + 1, walk);
  if (inner.secret) base.secret = true;
  if (inner.problem) base.problem = inner.problem;
  // A reference that failed is also unresolved: no value while any is.
  else if (inner.unresolved.length === 0) base.value = inner.text;
  // Waiting means unresolved, so never with a value.
  if (inner.awaits.length) base.awaits = inner.awaits;
  return base;
}

function resolvePlain(
  inputs: VariableInputs,
  ref: VariableReference,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Resolution | undefined {
  if (ref.name.startsWith('%')) {
    // REST Client's {{%name}}: the value of name, percent-encoded.
    // Stryker disable next-line MethodExpression: `%name` and `name` are both plain names; the name is what is looked up (bench/mutation/survivors.md)
    const inner = resolveIn(inputs, { ...ref, expr: ref.expr.slice(1), name: ref.name.slice(1) }, request, depth, walk);
    return inner && inner.value !== undefined ? { ...inner, value: encodeURIComponent(inner.value) } : inner;
  }
  const named = walk.secrets.has(ref.name);
  const file = lastFileVariable(inputs, ref.name);
  if (file) {
    const location = { start: file.nameSpan.start, end: file.nameSpan.end };
    const base: Resolution = { source: 'file', detail: 'file variable', location, secret: named };
    return defined(inputs, ref.name, file.value, base, request, depth, walk);
  }
  const prompt = request?.prompts.find((p) => p.name === ref.name);
  if (prompt)
    return {
      source: 'prompt',
      detail: `prompt${prompt.description ? `: ${prompt.description}` : ''}`,
      location: prompt.span,
      value: inputs.prompts?.get(ref.name),
      secret: named,
    };
  const env = inputs.environment.variables.get(ref.name);
  if (env) {
    const isShared = env.environment === '$shared';
    const base: Resolution = {
      source: isShared ? 'shared' : 'environment',
      detail: `${isShared ? '$shared' : `environment ${env.environment}`} (${env.source})`,
      // A value has a place exactly when its source is a file with a uri.
      // Stryker disable next-line ConditionalExpression,LogicalOperator: as the comment above says (bench/mutation/survivors.md)
      ...(env.uri && env.start !== undefined && env.end !== undefined
        ? { location: { uri: env.uri, start: env.start, end: env.end, line: env.line, character: env.character } }
        : {}),
      secret: named || isPrivateSource(env.source),
    };
    return defined(inputs, ref.name, env.value, base, request, depth, walk);
  }
  const dialect = inputs.dialect ?? 'any';
  const fromDotenv = accepts(dialect, 'httpyac') ? lastDotenvEntry(inputs.dotenvVariables ?? [], ref.name) : undefined;
  if (fromDotenv) {
    const { file: f, entry: e } = fromDotenv;
    return {
      source: 'dotenv',
      detail: `${f.label} (httpyac reads .env files as variables)`,
      location: { uri: f.uri, start: e.start, end: e.end, line: e.line, character: e.character },
      // A .env holds secrets: masked wherever it shows, and not read at all in Restricted Mode.
      secret: true,
      ...(inputs.restricted ? { error: RESTRICTED_MODE_ERROR } : { value: e.value }),
    };
  }
  const setters = inputs.file.scriptVariables;
  const set = byName(setters, () => setters.map((v) => [v.name, v] as const))
    .get(ref.name)
    ?.find((v) => accepts(dialect, v.dialect));
  if (set)
    return {
      source: 'script',
      detail: `set by a ${set.kind} of this file (${set.via}, ${DIALECT_LABEL[set.dialect]}): its value exists once that script has run`,
      location: { start: set.start, end: set.end },
      secret: named,
    };
  const connection = Object.hasOwn(CONNECTION_VARIABLES, ref.name) ? CONNECTION_VARIABLES[ref.name] : undefined;
  if (connection) return { source: 'connection', detail: connection };
  return undefined;
}

/** The last definition of a name in httpyac's .env files (later files, and later lines, win). */
function lastDotenvEntry(
  files: NonNullable<VariableInputs['dotenvVariables']>,
  name: string,
): { file: (typeof files)[number]; entry: DotenvEntry } | undefined {
  return byName(files, () => files.flatMap((file) => file.entries.map((entry) => [entry.name, { file, entry }] as const)))
    .get(name)
    ?.at(-1);
}

export interface Resolved {
  text: string;
  unresolved: VariableReference[];
  errors: string[];
  /** Whether any part of the text came from a secret. */
  secret: boolean;
  /** A cycle, the nesting or the size limit stopped the expansion. */
  problem?: string;
  /** Named requests not sent yet whose responses the unresolved references wait for (Resolution.awaits). */
  awaits: string[];
}

/** The text with every reference that has a value substituted; the others are listed. */
export function resolveText(inputs: VariableInputs, text: string, request?: HttpRequest): Resolved {
  return resolveWithin(inputs, text, request, 0, walkFor(inputs, request));
}

function resolveWithin(
  inputs: VariableInputs,
  text: string,
  request: HttpRequest | undefined,
  depth: number,
  walk: Walk,
): Resolved {
  const refs = variableReferences(text);
  // A fast path: the loop below gives the same for a text without references.
  // Stryker disable next-line ConditionalExpression: as the comment above says (bench/mutation/survivors.md)
  if (refs.length === 0) return { text, unresolved: [], errors: [], secret: false, awaits: [] };
  // graph.ts keeps expansion within MAX_DEPTH; this guard only matters if that ever failed, so no test
  // reaches it (bench/mutation/survivors.md).
  // Stryker disable all
  if (depth > MAX_DEPTH + 1)
    return {
      text,
      unresolved: refs,
      errors: [],
      secret: false,
      awaits: [],
      problem: `nests variables more than ${MAX_DEPTH} deep`,
    };
  // Stryker restore all
  const unresolved: VariableReference[] = [];
  const errors: string[] = [];
  const awaits = new Set<string>();
  let secret = false;
  let problem: string | undefined;
  let out = '';
  let at = 0;
  for (const ref of refs) {
    out += text.slice(at, ref.start);
    at = ref.end;
    const r = resolveIn(inputs, ref, request, depth, walk);
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
      for (const name of r?.awaits ?? []) awaits.add(name);
    }
  }
  return { text: out + text.slice(at), unresolved, errors, secret, awaits: [...awaits], ...(problem ? { problem } : {}) };
}
