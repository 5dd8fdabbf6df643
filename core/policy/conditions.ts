/**
 * A statement's Condition evaluated against what is known of a request (docs/sources.md §C.3, condition
 * operators; docs/decisions.md): the principal, the resource (an image's tags, its enterprise project),
 * the request (the tags it sets) and the time. Operators and keys combine with AND; a list of expected
 * values means "any matches" for a positive operator and "none matches" for a negated one; `IfExists`
 * also holds when the key is absent; `ForAnyValue:`/`ForAllValues:` compare a set of request values. A value
 * the context does not know makes the outcome `unknown`, naming the keys, never silently true or false; an
 * operator IAM does not document makes it `error` ("cannot evaluate").
 */
import { parseOperator } from '../catalogue';
import { globMatches } from '../util/glob';

export interface RequestContext {
  principal?: { name?: string; urn?: string; account?: string; tags?: Readonly<Record<string, string>> };
  resource?: { tags?: Readonly<Record<string, string>>; enterpriseProjectId?: string };
  /** The tags the request sets (a tag write), `{}` for a request that sets none. */
  request?: { tags?: Readonly<Record<string, string>> };
  time?: Date;
}

/** One comparison that did not hold, for messages ("g:ResourceTag/team is red, expected blue"). */
export interface ConditionFailure {
  operator: string;
  key: string;
  /** What the request has (empty: the key is absent). */
  actual: string[];
  expected: string[];
}

export type ConditionOutcome =
  | { result: 'holds' }
  | { result: 'fails'; failure: ConditionFailure }
  | { result: 'unknown'; missing: string[] }
  | { result: 'error'; reason: string };

type Values = string[] | undefined;

const tagOf = (tags: Readonly<Record<string, string>> | undefined, key: string): Values =>
  tags === undefined ? undefined : Object.hasOwn(tags, key) ? [tags[key]] : [];

/** The request's values of a key: undefined when the context does not know them, [] when absent. */
export function contextValues(key: string, ctx: RequestContext): Values {
  const slash = key.indexOf('/');
  const name = (slash < 0 ? key : key.slice(0, slash)).toLowerCase();
  const tag = slash < 0 ? '' : key.slice(slash + 1);
  switch (name) {
    case 'g:resourcetag':
      return tagOf(ctx.resource?.tags, tag);
    case 'g:requesttag':
      return tagOf(ctx.request?.tags, tag);
    case 'g:principaltag':
      return tagOf(ctx.principal?.tags, tag);
    case 'g:tagkeys':
      return ctx.request?.tags === undefined ? undefined : Object.keys(ctx.request.tags);
    case 'g:username':
      return ctx.principal?.name === undefined ? undefined : [ctx.principal.name];
    case 'g:principalurn':
      return ctx.principal?.urn === undefined ? undefined : [ctx.principal.urn];
    case 'g:principalaccount':
    case 'g:domainid':
      return ctx.principal?.account === undefined ? undefined : [ctx.principal.account];
    case 'g:enterpriseprojectid':
      return ctx.resource === undefined ? undefined : ctx.resource.enterpriseProjectId ? [ctx.resource.enterpriseProjectId] : [];
    case 'g:currenttime':
      return ctx.time === undefined ? undefined : [ctx.time.toISOString()];
    default:
      return undefined;
  }
}

interface Operator {
  negated: boolean;
  /** Whether one request value matches one expected value. */
  match: (actual: string, expected: string) => boolean | undefined;
}

const COMPARISONS: Record<string, (a: number, b: number) => boolean> = {
  Equals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};
const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
const date = (s: string) => Date.parse(s);
const compare = (f: (a: number, b: number) => boolean, parse: (s: string) => number) => (a: string, b: string) => {
  const x = parse(a);
  const y = parse(b);
  return Number.isNaN(x) || Number.isNaN(y) ? undefined : f(x, y);
};

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.some((p) => p > 255) ? undefined : parts.reduce((n, p) => n * 256 + p, 0);
}

function inCidr(ip: string, cidr: string): boolean | undefined {
  const [base, bits = '32'] = cidr.split('/');
  const a = ipv4(ip);
  const b = ipv4(base);
  const n = Number(bits);
  if (a === undefined || b === undefined || !Number.isInteger(n) || n < 0 || n > 32) return undefined;
  const size = 2 ** (32 - n);
  return Math.floor(a / size) === Math.floor(b / size);
}

/**
 * `*` and `?` wildcards in linear space and O(pattern × text) time, no regular expression built from a
 * stranger's text (a backtracking one hung on `*a*a*a…`, docs/reliability-and-security.md).
 */
function wildcardMatches(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  // A stranger's megabyte pattern against a megabyte value: refused (no match) rather than minutes of work.
  if (p.length * (t.length + 1) > 4_000_000) return false;
  let row = new Array<boolean>(t.length + 1).fill(false);
  row[0] = true;
  for (const c of p) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    if (c === '*') {
      next[0] = row[0];
      for (let j = 1; j <= t.length; j++) next[j] = row[j] || next[j - 1];
    } else for (let j = 1; j <= t.length; j++) next[j] = row[j - 1] && (c === '?' || c === t[j - 1]);
    row = next;
  }
  return row[t.length];
}

/** The base operator (without set prefix and IfExists), or undefined when IAM does not document it. */
function operatorOf(base: string): Operator | undefined {
  const string = /^String(Not)?(Equals|StartWith|EndWith|Like|Match)(IgnoreCase)?(AnyOf)?$/.exec(base);
  if (string) {
    const [, not, kind, ignore] = string;
    const fold = (s: string) => (ignore ? s.toLowerCase() : s);
    const match = (a: string, e: string): boolean => {
      const x = fold(a);
      const y = fold(e);
      switch (kind) {
        case 'Equals':
          return x === y;
        case 'StartWith':
          return x.startsWith(y);
        case 'EndWith':
          return x.endsWith(y);
        default:
          // Like and Match: `*` any run, `?` one character (case as the operator says).
          return y.includes('?') ? wildcardMatches(y, x) : globMatches(y, x);
      }
    };
    return { negated: Boolean(not), match };
  }
  // Numbers and dates compare the same ways, each value parsed as its type.
  const ordered = /^(Number|Date)(Not)?(Equals|LessThan|LessThanEquals|GreaterThan|GreaterThanEquals)(AnyOf)?$/.exec(base);
  if (ordered && !(ordered[1] === 'Date' && ordered[4])) {
    const [, type, not, how] = ordered;
    return { negated: Boolean(not), match: compare(COMPARISONS[how], type === 'Number' ? num : date) };
  }
  if (base === 'Bool')
    return { negated: false, match: (a, e) => (/^(true|false)$/i.test(e) ? a.toLowerCase() === e.toLowerCase() : undefined) };
  if (base === 'IpAddress') return { negated: false, match: inCidr };
  if (base === 'NotIpAddress') return { negated: true, match: inCidr };
  return undefined;
}

const asStrings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [v]).flatMap((x) =>
    typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean' ? [String(x)] : [],
  );

/** One operator on one key. */
export function evaluateOne(op: string, key: string, expectedRaw: unknown, ctx: RequestContext): ConditionOutcome {
  const { prefix, base, ifExists, known } = parseOperator(op);
  if (!known) return { result: 'error', reason: `the operator ${op} is not documented: the statement cannot be evaluated` };
  const expected = asStrings(expectedRaw);
  const actual = contextValues(key, ctx);
  if (actual === undefined) return { result: 'unknown', missing: [key] };
  const verdict = (ok: boolean): ConditionOutcome =>
    ok ? { result: 'holds' } : { result: 'fails', failure: { operator: op, key, actual, expected } };
  // The Null family asks whether the key is there at all.
  if (base === 'Null' || base === 'IsNull' || base === 'IsNotNull' || base === 'IsNullOrEmpty') {
    const absent = actual.length === 0 || (base === 'IsNullOrEmpty' && actual.every((a) => a === ''));
    const wantAbsent = base === 'IsNotNull' ? false : base === 'Null' ? expected.some((e) => e.toLowerCase() === 'true') : true;
    return verdict(absent === wantAbsent);
  }
  const operator = operatorOf(base);
  if (!operator) return { result: 'error', reason: `the operator ${op} cannot be evaluated` };
  if (actual.length === 0) {
    // Absent: IfExists holds; a negated operator holds (nothing matches); ForAllValues holds (no value fails).
    return verdict(ifExists || operator.negated || prefix === 'ForAllValues:');
  }
  let unknown = false;
  const matchesAny = (a: string) =>
    expected.some((e) => {
      const m = operator.match(a, e);
      if (m === undefined) unknown = true;
      return m === true;
    });
  // One request value against the list: positive → some expected matches; negated → none does.
  const holdsFor = (a: string) => (operator.negated ? !matchesAny(a) : matchesAny(a));
  const ok = prefix === 'ForAllValues:' ? actual.every(holdsFor) : actual.some(holdsFor);
  // A value that cannot be compared (not a number, not a date) never matches; say so through the failure.
  if (unknown && !ok) return { result: 'fails', failure: { operator: op, key, actual, expected } };
  return verdict(ok);
}

/** A whole Condition block (`{ operator: { key: value(s) } }`): every part must hold. */
export function evaluateCondition(condition: unknown, ctx: RequestContext): ConditionOutcome {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return { result: 'holds' };
  const missing: string[] = [];
  let error: string | undefined;
  for (const [op, keys] of Object.entries(condition)) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      error ??= `the operator ${op} holds no keys`;
      continue;
    }
    for (const [key, expected] of Object.entries(keys)) {
      const o = evaluateOne(op, key, expected, ctx);
      if (o.result === 'fails') return o; // AND: one part that fails decides
      if (o.result === 'unknown') missing.push(...o.missing);
      if (o.result === 'error') error ??= o.reason;
    }
  }
  if (error) return { result: 'error', reason: error };
  return missing.length ? { result: 'unknown', missing: [...new Set(missing)] } : { result: 'holds' };
}

/** One comparison of a Condition and what it came to, for explanations ("g:ResourceTag/team = blue ✓"). */
export interface ConditionPart {
  operator: string;
  key: string;
  expected: string[];
  /** What the request has; undefined when the context does not know it. */
  actual: string[] | undefined;
  result: ConditionOutcome['result'];
}

/** A Condition block's comparisons as (operator, key, expected) in the policy's order; malformed parts skipped. */
function conditionEntries(condition: unknown): Array<[operator: string, key: string, expected: unknown]> {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return [];
  return Object.entries(condition).flatMap(([op, keys]) =>
    typeof keys === 'object' && keys !== null && !Array.isArray(keys)
      ? Object.entries(keys).map(([key, expected]): [string, string, unknown] => [op, key, expected])
      : [],
  );
}

/** Every comparison of a Condition block against the context, in the policy's order. */
export function conditionParts(condition: unknown, ctx: RequestContext): ConditionPart[] {
  return conditionEntries(condition).map(([operator, key, expected]) => ({
    operator,
    key,
    expected: asStrings(expected),
    actual: contextValues(key, ctx),
    result: evaluateOne(operator, key, expected, ctx).result,
  }));
}

/** Every key a Condition block names (what its outcome depends on), once each. */
export function conditionKeys(condition: unknown): string[] {
  return [...new Set(conditionEntries(condition).map(([, key]) => key))];
}

/** The tag keys of the resource a Condition block reads (`g:ResourceTag/<key>`): what a tag change can move. */
export function resourceTagKeys(condition: unknown): string[] {
  return conditionKeys(condition).flatMap((k) => (/^g:resourcetag\//i.test(k) ? [k.slice(k.indexOf('/') + 1)] : []));
}

/**
 * The condition keys of a Condition block that name a tag key: `g:ResourceTag/<key>`, `g:RequestTag/<key>`,
 * `g:PrincipalTag/<key>`, and `g:TagKeys` when its expected values list the key (or match it with `*`).
 */
export function keysNamingTag(condition: unknown, tagKey: string): string[] {
  const out: string[] = [];
  for (const [, k, expected] of conditionEntries(condition)) {
    const slash = k.indexOf('/');
    const prefix = (slash < 0 ? k : k.slice(0, slash)).toLowerCase();
    const named =
      slash >= 0 && ['g:resourcetag', 'g:requesttag', 'g:principaltag'].includes(prefix)
        ? k.slice(slash + 1) === tagKey
        : prefix === 'g:tagkeys' && asStrings(expected).some((e) => globMatches(e, tagKey));
    if (named && !out.includes(k)) out.push(k);
  }
  return out;
}
