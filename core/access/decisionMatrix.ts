/**
 * Decisions only, for one user on many image states at once: what who-can (1,000 users, one image) and the
 * impact of a tag write (every user, a batch of images before and after) need, each under a second
 * (issue [abac], bench/imageAccess.ts). The rules are those of effectivePermissions and evaluateApiActions
 * (core/access/effective.ts, core/policy/apiActions.ts): a Deny that applies wins; an Allow that applies
 * grants; a Condition undecided (a value not known) leaves "depends on"; with policies of both models, the
 * model that misses fewest actions speaks, plus any Deny of the other. Only nothing a person reads is built:
 * each statement gives one flag per image state, and a user's flags are ORed in typed arrays. The reasons
 * are worked out afterwards, by imageAccess, for the few verdicts someone looks at.
 * test/unit/decisionMatrix.test.ts checks every decision against imageAccess over random accounts.
 */
import type { ImsApi } from '../catalogue';
import { patternMatches } from '../catalogue/actionNames';
import type { Iam5Model } from '../catalogue/iam5/model';
import { actionsFor, familyOf, type ModelFamily } from '../policy/apiActions';
import { conditionKeys, contextValues, evaluateCondition, type RequestContext } from '../policy/conditions';
import { statementCovers, type PolicySource } from '../policy/evaluator';
import { isConditional, type PolicyStatement } from '../policy/policyDocument';
import { getNodeValue } from 'jsonc-parser';
import { countingSources, type AccessFacts, type ApiDecision } from './effective';

type Tags = Readonly<Record<string, string>>;

/** One state of one image: its id (for its URN) and its tags (before or after a write). */
export interface ImageState {
  id: string;
  tags: Tags;
}

/** The caller and the time: what is the same in every state. */
export interface Judge {
  user: { name: string; tags?: Tags; facts: AccessFacts };
  time: Date;
  /** Whether a call of the API acts on one image (its resource tags are the image's; otherwise none). */
  onImage: (api: ImsApi) => boolean;
}

/** Where the calls go: the URNs' region and account, and IAM 5.0's model in force. */
export interface Place {
  region: string;
  account: string;
  model: Iam5Model;
}

/** What a statement does in one state. */
const DENY = 1;
const MAY_DENY = 2;
const ALLOW = 4;
const ALLOW_IF = 8;

/** A Condition's outcome: holds, fails, or undecided (a value not known, an operator not documented). */
const HOLDS = 0;
const FAILED = 1;
const UNDECIDED = 2;

interface Compiled {
  statement: PolicyStatement;
  /** The flag per outcome (HOLDS, FAILED, UNDECIDED), by the statement's Effect. */
  flags: readonly [number, number, number];
  matches: Map<string, boolean>;
  /** Whether every image of an account is covered alike (its Resource values are `*` or end in `:*`). */
  anyImage: boolean;
  condition?: {
    value: unknown;
    /** The same for Conditions alike (written the same), in every policy: outcomes are shared by it. */
    id: number;
    /** `g:ResourceTag/<key>`: the tag keys whose values differ from state to state. */
    tagKeys: string[];
    /** The other keys: the same in every state. */
    fixed: string[];
  };
}

const EFFECT_FLAGS: Record<string, readonly [number, number, number]> = {
  Allow: [ALLOW, 0, ALLOW_IF],
  Deny: [DENY, 0, MAY_DENY],
};
const NO_EFFECT: readonly [number, number, number] = [0, 0, 0];

/**
 * Statements that list the same actions share one memo of which actions they match (the same lists recur
 * in every copy of a policy); bounded, as a stranger's account may hold any number of lists.
 */
const matchMemos = new Map<string, Map<string, boolean>>();
const MATCH_MEMOS = 10_000;
const MATCHES_EACH = 512;

function matchesOf(st: PolicyStatement, action: string, memo: Map<string, boolean>): boolean {
  const known = memo.get(action);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (known !== undefined) return known;
  const hit = !st.actionKey ? false : st.actions.some((a) => patternMatches(a.value, action)) === (st.actionKey === 'Action');
  // Stryker disable next-line all: bounds memory only, no answer changes (bench/mutation/survivors.md)
  if (memo.size < MATCHES_EACH) memo.set(action, hit);
  return hit;
}

/** A number for each Condition's text; bounded: past the bound, new texts get new numbers, never a taken one. */
const conditionIds = new Map<string, number>();
let nextConditionId = 0;
function conditionId(text: string): number {
  let id = conditionIds.get(text);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (id === undefined) {
    // Stryker disable next-line all: bounds memory only, no answer changes (bench/mutation/survivors.md)
    if (conditionIds.size >= 100_000) conditionIds.clear();
    // Stryker disable next-line UpdateOperator: ids need only differ, as they do counting down (bench/mutation/survivors.md)
    conditionIds.set(text, (id = ++nextConditionId));
  }
  return id;
}

/** A granted policy's statements, compiled once: granted policies are parsed once and never edited (effective.ts). */
const compiled = new WeakMap<PolicySource, Compiled[]>();
export function compile(source: PolicySource): Compiled[] {
  let out = compiled.get(source);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (out) return out;
  out = source.model.statements.map((statement): Compiled => {
    const listKey = `${statement.actionKey}\u0000${statement.actions.map((a) => a.value).join('\u0000')}`;
    let matches = matchMemos.get(listKey);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!matches) {
      // Stryker disable next-line all: bounds memory only, no answer changes (bench/mutation/survivors.md)
      if (matchMemos.size >= MATCH_MEMOS) matchMemos.clear();
      matchMemos.set(listKey, (matches = new Map()));
    }
    const values = statement.resourceKey ? statement.resources.map((r) => r.value) : [];
    const c: Compiled = {
      statement,
      flags: EFFECT_FLAGS[statement.effect ?? ''] ?? NO_EFFECT,
      matches,
      anyImage: values.every((v) => v === '*' || v.endsWith(':*')),
    };
    if (isConditional(statement)) {
      const value: unknown = getNodeValue(statement.conditionNode!);
      const keys = conditionKeys(value);
      const isTag = (k: string) => /^g:resourcetag\//i.test(k);
      c.condition = {
        value,
        id: conditionId(JSON.stringify(value)),
        tagKeys: keys.filter(isTag),
        fixed: keys.filter((k) => !isTag(k)),
      };
    }
    return c;
  });
  // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  compiled.set(source, out);
  return out;
}

/**
 * The image states of one run, and what every user judged on them shares: each action's URN in each state,
 * and Conditions' outcomes by their text and the values that do not change from state to state.
 */
export class ImageStates {
  readonly outcomes = new Map<string, Uint8Array>();
  private readonly urns = new Map<string, Array<string | null | undefined>>();
  constructor(
    readonly states: readonly ImageState[],
    readonly where: Place,
  ) {}

  urnsOf(action: string): Array<string | null | undefined> {
    let list = this.urns.get(action);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!list) {
      const { region, account, model } = this.where;
      this.urns.set(action, (list = this.states.map((s) => model.urnFor(action, { region, account, id: s.id }))));
    }
    return list;
  }
}

/** The request context of a call in one state, as core/access/imageAccess.ts's callContext builds it. */
function contextIn(judge: Judge, account: string, tags: Tags | undefined): RequestContext {
  const { user } = judge;
  return {
    principal: { name: user.name, account, urn: `iam::${account}:user:${user.name}`, tags: user.tags },
    resource: { tags: tags ?? {} },
    request: { tags: undefined },
    time: judge.time,
  };
}

const valueOf = (key: string, ctx: RequestContext) => JSON.stringify(contextValues(key, ctx) ?? '?');
/** A `g:ResourceTag/<key>`'s value in a state, as a memo key. */
const tagValue = (key: string, tags: Tags) => {
  const tag = key.slice(key.indexOf('/') + 1);
  return Object.hasOwn(tags, tag) ? `=${tags[tag]}` : '-';
};

/**
 * Each API's decision in each state, as codes (DECISIONS[code]) at `states.length × api + state`: one user,
 * every state of `run`.
 */
export function decisionMatrix(judge: Judge, run: ImageStates, apis: readonly ImsApi[]): Uint8Array {
  const { states, outcomes } = run;
  const n = states.length;
  const out = new Uint8Array(apis.length * n);
  if (judge.user.facts.administrator) return out.fill(ALLOWED);
  const { account, model } = run.where;
  const fixedContext = contextIn(judge, account, undefined);

  /** A Condition's outcome in each state (calls about no image: no resource tags, the same in all). */
  const outcomeOf = (c: NonNullable<Compiled['condition']>, onImage: boolean): Uint8Array => {
    const fixed = c.fixed.length ? c.fixed.map((k) => valueOf(k, fixedContext)).join('\u0000') : '';
    const key = `${c.id}${onImage ? '+' : '-'}${fixed}`;
    let vector = outcomes.get(key);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (vector) return vector;
    vector = new Uint8Array(n);
    const byValues = new Map<string, number>();
    for (let s = 0; s < n; s++) {
      const at = onImage ? c.tagKeys.map((k) => tagValue(k, states[s].tags)).join('\u0000') : '';
      let code = byValues.get(at);
      // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
      if (code === undefined) {
        const result = evaluateCondition(c.value, onImage ? contextIn(judge, account, states[s].tags) : fixedContext).result;
        byValues.set(at, (code = result === 'holds' ? HOLDS : result === 'fails' ? FAILED : UNDECIDED));
      }
      vector[s] = code;
    }
    // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    outcomes.set(key, vector);
    return vector;
  };

  /** The flags of one action in every state: the OR of the statements of one model's policies. */
  const flagsMemo = new Map<string, Uint8Array>();
  const flagsOf = (sources: readonly PolicySource[], family: ModelFamily, action: string, onImage: boolean, scope: string) => {
    const memoKey = `${scope}\u0000${family}\u0000${onImage}\u0000${action}`;
    let acc = flagsMemo.get(memoKey);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (acc) return acc;
    acc = new Uint8Array(n);
    const resources = family === 'iam5' && onImage ? run.urnsOf(action) : undefined;
    for (const source of sources)
      for (const c of compile(source)) {
        if (!matchesOf(c.statement, action, c.matches)) continue;
        // Covered alike in every state, unless the Resource names particular images.
        const alike = !resources || !c.statement.resourceKey || c.anyImage || n === 0;
        const coveredAll = alike ? statementCovers(c.statement, resources?.[0]) : false;
        if (alike && !coveredAll) continue;
        const outcome = c.condition ? outcomeOf(c.condition, onImage) : undefined;
        for (let s = 0; s < n; s++) {
          if (!alike && !statementCovers(c.statement, resources![s])) continue;
          acc[s] |= c.flags[outcome ? outcome[s] : HOLDS];
        }
      }
    // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    flagsMemo.set(memoKey, acc);
    return acc;
  };

  const bySources = new Map<string, Map<ModelFamily, PolicySource[]>>();
  apis.forEach((api, a) => {
    const scope = api.enterpriseProject ? 'ep' : 'project';
    let families = bySources.get(scope);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!families) {
      families = new Map();
      for (const s of countingSources(judge.user.facts, api)) {
        const f = familyOf(s);
        const list = families.get(f);
        if (list) list.push(s);
        else families.set(f, [s]);
      }
      // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
      bySources.set(scope, families);
    }
    if (families.size === 0) {
      out.fill(NOT_GRANTED, a * n, a * n + n);
      return;
    }
    const onImage = judge.onImage(api);
    const kinds = [...families].map(([family, sources]) =>
      actionsFor(api, family, model).map((action) => flagsOf(sources, family, action, onImage, scope)),
    );
    for (let s = 0; s < n; s++) out[a * n + s] = decide(kinds, s);
  });
  return out;
}

export const DECISIONS: readonly ApiDecision[] = ['allowed', 'denied', 'notGranted', 'dependsOn'];
const ALLOWED = 0;
const DENIED = 1;
const NOT_GRANTED = 2;
const DEPENDS_ON = 3;

const denied = (f: number) => (f & DENY) !== 0;
const granted = (f: number) => (f & (ALLOW | ALLOW_IF)) !== 0;
const missing = (f: number) => denied(f) || !granted(f);

/** One API's decision in state `s`, from its actions' flags under each model (evaluateApiActions, effectivePermissions). */
function decide(kinds: ReadonlyArray<readonly Uint8Array[]>, s: number): number {
  let best = kinds[0];
  if (kinds.length > 1) {
    // A Deny anywhere wins.
    if (kinds.some((k) => k.some((f) => denied(f[s])))) return DENIED;
    // The model that misses fewest actions (the first on a tie). evaluateApiActions breaks a tie by which
    // model speaks of more actions, for the explanation; a decision never hangs on it: with actions
    // missing both say "not granted", and with none missing every action is spoken of in both.
    const misses = (k: readonly Uint8Array[]) => k.filter((f) => missing(f[s])).length;
    let fewest = misses(best);
    for (const k of kinds.slice(1)) {
      const m = misses(k);
      if (m < fewest) [best, fewest] = [k, m];
    }
  }
  if (best.some((f) => denied(f[s]))) return DENIED;
  if (best.some((f) => missing(f[s]))) return NOT_GRANTED;
  // Granted, but by an Allow whose Condition is undecided, or a Deny may apply.
  if (best.some((f) => (f[s] & ALLOW) === 0 || (f[s] & MAY_DENY) !== 0)) return DEPENDS_ON;
  return ALLOWED;
}
