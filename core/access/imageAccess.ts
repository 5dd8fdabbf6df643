/**
 * Access to one image, for everyone in the account: who may call each tag API on it (the who-can view,
 * "view as"), and what a tag change does to that (the confirmations of tag writes, `.http` hovers). The
 * image's tags go into the request context of every call about it (`g:ResourceTag/<key>`), the user's
 * name and tags are the principal (`g:UserName`, `g:PrincipalTag/<key>`); the tags a future call would
 * set are not known, so a Condition on them leaves the verdict "depends on" (docs/abac.md). Pure: the
 * client reads IAM and the image (core/access/gather.ts), this judges.
 */
import { TAG_APIS, type ImsApi } from '../catalogue';
import { SNAPSHOT_MODEL, type Iam5Model } from '../catalogue/iam5/model';
import type { RequestContext } from '../policy/conditions';
import type { PolicySource } from '../policy/evaluator';
import { effectivePermissions, grantedSource, type AccessFacts, type ApiAccess, type ApiDecision } from './effective';
import { DECISIONS, ImageStates, compile, decisionMatrix, type Judge, type Place } from './decisionMatrix';

type Tags = Readonly<Record<string, string>>;

export interface AccountUser {
  id: string;
  name: string;
  /** The user's tags (IAM 5.0's ListResourceTagsV5); undefined when IAM did not say. */
  tags?: Tags;
  facts: AccessFacts;
}

export interface ImageTarget {
  id: string;
  name: string;
  tags: Tags;
}

/** Where the calls go: the URNs' region and account, IAM 5.0's model in force, and the time. */
export interface Whereabouts {
  region: string;
  account: string;
  model?: Iam5Model;
  now?: Date;
}

/** One tag API on one image, as one user would call it, with the context it was judged in. */
export interface ImageApiAccess extends ApiAccess {
  context: RequestContext;
}

/** Whether a call of `api` acts on one image: its path names one, or (CreateOrUpdateTags) its body does. */
export function actsOnImage(api: ImsApi): boolean {
  return api.pathParams.some((p) => p.name === 'image_id') || api.id === 'CreateOrUpdateTags';
}

/** The request context of one call of `api` on `image` by `user`; `requestTags` when the call is known. */
export function callContext(
  api: ImsApi,
  image: { tags: Tags } | undefined,
  user: { name: string; tags?: Tags },
  where: Whereabouts,
  requestTags?: Tags,
): RequestContext {
  return {
    principal: { name: user.name, account: where.account, urn: `iam::${where.account}:user:${user.name}`, tags: user.tags },
    // A call about no image (ListTags) has no resource tags: its g:ResourceTag keys are absent, as the
    // emulator (emulator/iam/requestContext.ts) and IAM read them; an image not known leaves them unknown.
    resource: !actsOnImage(api) ? { tags: {} } : image ? { tags: image.tags } : undefined,
    request: { tags: requestTags },
    time: where.now ?? new Date(),
  };
}

/** Each action's URN on one image, filled once (who-can asks it for every user). */
const urnCache = new WeakMap<Iam5Model, Map<string, Map<string, string | null | undefined>>>();
function urnsOf(model: Iam5Model, where: Whereabouts, imageId: string): (action: string) => string | null | undefined {
  let byImage = urnCache.get(model);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (!byImage) urnCache.set(model, (byImage = new Map()));
  const at = `${where.region}\u0000${where.account}\u0000${imageId}`;
  let byAction = byImage.get(at);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (!byAction) {
    // Stryker disable next-line all: bounds memory only, no answer changes (bench/mutation/survivors.md)
    if (byImage.size > 1000) byImage.clear();
    byImage.set(at, (byAction = new Map()));
  }
  const urns = byAction;
  return (action) => {
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!urns.has(action)) urns.set(action, model.urnFor(action, { region: where.region, account: where.account, id: imageId }));
    return urns.get(action);
  };
}

/** Each tag API's verdict for `user` on `image` (`requestTags`: what each call would set, when known). */
export function imageAccess(
  user: AccountUser,
  image: ImageTarget,
  where: Whereabouts,
  apis: readonly ImsApi[] = TAG_APIS,
  requestTags?: (api: ImsApi) => Tags | undefined,
): ImageApiAccess[] {
  const model = where.model ?? SNAPSHOT_MODEL;
  // One context per kind of call (about the image or not, with the same request tags), not per API.
  const contexts = new Map<string, RequestContext>();
  const contextOf = (api: ImsApi) => {
    const tags = requestTags?.(api);
    const key = `${actsOnImage(api)}${tags ? JSON.stringify(tags) : ''}`;
    let c = contexts.get(key);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!c) contexts.set(key, (c = callContext(api, image, user, where, tags)));
    return c;
  };
  const urnOf = urnsOf(model, where, image.id);
  return effectivePermissions(user.facts, apis, model, (api) => ({
    context: contextOf(api),
    resourceOf: actsOnImage(api) ? urnOf : undefined,
  })).map((a) => Object.assign(a, { context: contextOf(a.api) }));
}

/** One user's decisions on one image, an entry per API (in the order asked); the reasons: imageAccess. */
export interface UserDecisions {
  user: AccountUser;
  decisions: ApiDecision[];
}

/** What decisionMatrix needs of a user and the place. */
function judgeOf(user: AccountUser, where: Whereabouts): Judge {
  return { user, time: where.now ?? new Date(), onImage: actsOnImage };
}
const place = (where: Whereabouts): Place => ({
  region: where.region,
  account: where.account,
  model: where.model ?? SNAPSHOT_MODEL,
});

/**
 * Who may do what on one image: every user's decisions, in the users' order. Decisions only (a page of the
 * who-can view shows them; the reasons of one user are imageAccess's when the user is opened), each kind of
 * user judged once.
 */
export function whoCan(
  users: readonly AccountUser[],
  image: ImageTarget,
  where: Whereabouts,
  apis: readonly ImsApi[] = TAG_APIS,
): UserDecisions[] {
  const judged = new Map<string, ApiDecision[]>();
  const run = new ImageStates([image], place(where));
  return users.map((user) => {
    // Users alike (the same policies, the same values of the principal keys they read) are judged once.
    const alike = signature(user);
    let decisions = judged.get(alike);
    // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    if (!decisions) {
      const codes = decisionMatrix(judgeOf(user, where), run, apis);
      judged.set(alike, (decisions = [...codes].map((c) => DECISIONS[c])));
    }
    return { user, decisions };
  });
}

/** An identity for each granted policy object (the same object: the same document, as gather.ts shares them). */
const policyIds = new WeakMap<object, number>();
let nextPolicyId = 0;
const idOf = (o: object) => {
  let id = policyIds.get(o);
  // Stryker disable next-line UpdateOperator: ids need only differ, as they do counting down (bench/mutation/survivors.md)
  if (id === undefined) policyIds.set(o, (id = ++nextPolicyId));
  return id;
};

/**
 * What a user's verdicts depend on besides the image and the request: the policies that count (with their
 * scopes) and the values of the principal keys they read. Users with the same signature get the same
 * verdicts, so who-can and the impact of a change judge each kind of user once (users in the same groups).
 */
function signature(user: AccountUser): string {
  const f = user.facts;
  if (f.administrator) return 'administrator';
  // Stryker disable next-line MethodExpression: sorting only lets alike users meet (bench/mutation/survivors.md)
  const grants = f.grants.map((g) => `${idOf(g.policy)}:${JSON.stringify(g.scope)}`).sort();
  // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: sorting only lets alike users meet (bench/mutation/survivors.md)
  const attached = f.attached.map((a) => idOf(a.policy)).sort((a, b) => a - b);
  const principal = readsOf(f).principal.map((k) =>
    k === 'name' ? user.name : Object.hasOwn(user.tags ?? {}, k) ? `=${user.tags![k]}` : user.tags ? '-' : '?',
  );
  return JSON.stringify([f.projectId, grants, attached, principal]);
}

/** The `g:ResourceTag` keys any of a user's policies read: the only tags whose change can move the user's access. */
interface Reads {
  keys: Set<string>;
  /** The principal's values the Conditions read: tag keys (g:PrincipalTag/<key>), and 'name' for g:UserName or g:PrincipalUrn. */
  principal: string[];
}
const readsCache = new WeakMap<AccessFacts, Reads>();
function readsOf(facts: AccessFacts): Reads {
  let reads = readsCache.get(facts);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (!reads) {
    // Stryker disable next-line ArrayDeclaration: the list is replaced below (bench/mutation/survivors.md)
    reads = { keys: new Set(), principal: [] };
    const principal = new Set<string>();
    for (const g of [...facts.grants, ...facts.attached]) {
      const source = grantedSource(g.policy);
      if (!source) continue;
      const own = policyReads(source);
      for (const k of own.keys) reads.keys.add(k);
      for (const k of own.principal) principal.add(k);
    }
    // Stryker disable next-line MethodExpression: sorting only lets alike users meet (bench/mutation/survivors.md)
    reads.principal = [...principal].sort();
    // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    readsCache.set(facts, reads);
  }
  return reads;
}

/** What one policy's Conditions read, from its compiled statements (each Condition's keys read once). */
const policyReadsCache = new WeakMap<PolicySource, Reads>();
function policyReads(source: PolicySource): Reads {
  let reads = policyReadsCache.get(source);
  // Stryker disable next-line ConditionalExpression: a memo: computing again gives the same answer (bench/mutation/survivors.md)
  if (!reads) {
    // Stryker disable next-line ArrayDeclaration: an entry every policy would share tells no user apart (bench/mutation/survivors.md)
    reads = { keys: new Set(), principal: [] };
    for (const { condition } of compile(source)) {
      if (!condition) continue;
      for (const k of condition.tagKeys) reads.keys.add(k.slice(k.indexOf('/') + 1));
      for (const k of condition.fixed) {
        const lower = k.toLowerCase();
        if (lower.startsWith('g:principaltag/')) reads.principal.push(k.slice(k.indexOf('/') + 1));
        else if (lower === 'g:username' || lower === 'g:principalurn') reads.principal.push('name');
      }
    }
    // Stryker disable next-line all: a memo: computing again gives the same answer (bench/mutation/survivors.md)
    policyReadsCache.set(source, reads);
  }
  return reads;
}

/**
 * A user's policies parsed, compiled and their reads noted, as the user is read from IAM
 * (core/access/account.ts): work done once per policy, between reads, not when someone waits for who-can.
 */
// Stryker disable next-line BlockStatement: work done ahead, done again when needed (bench/mutation/survivors.md)
export function prepareUser(user: AccountUser): void {
  // Stryker disable next-line all: work done ahead, done again when needed (bench/mutation/survivors.md)
  readsOf(user.facts);
}

/** Whether any of these users' policies read one of the keys in a `g:ResourceTag` condition. */
export function anyoneReads(users: readonly AccountUser[], keys: readonly string[]): boolean {
  return users.some((u) => !u.facts.administrator && keys.some((k) => readsOf(u.facts).keys.has(k)));
}

const projection = (tags: Tags, keys: Set<string>) =>
  // Stryker disable next-line MethodExpression: both sides of a comparison read the keys in the same order (bench/mutation/survivors.md)
  JSON.stringify([...keys].sort().map((k) => (Object.hasOwn(tags, k) ? tags[k] : null)));

export interface TagChange {
  image: ImageTarget;
  /** The image's tags after the write. */
  after: Tags;
}

export interface AccessChange {
  user: AccountUser;
  image: ImageTarget;
  api: ImsApi;
  before: ApiDecision;
  after: ApiDecision;
  /** The verdicts with their reasons, worked out when asked (a dialog words a few of thousands). */
  explain(): { before: ImageApiAccess; after: ImageApiAccess };
}

/**
 * Every (user, image, tag API) whose verdict a tag change moves. Only users whose policies read one of the
 * changed keys are judged, each kind of user once, every image before and after in one pass
 * (core/access/decisionMatrix.ts): one read of IAM, then pure work.
 */
export function tagChangeImpact(
  users: readonly AccountUser[],
  changes: readonly TagChange[],
  where: Whereabouts,
  apis: readonly ImsApi[] = TAG_APIS,
): AccessChange[] {
  const out: AccessChange[] = [];
  const plan = planOf(changes, where);
  for (const group of alikeGroups(users)) out.push(...groupImpact(group, plan, where, apis));
  return inUsersOrder(out, users);
}

/**
 * tagChangeImpact in slices of about 20 ms, yielding between them, so a large account does not stall the
 * extension host; `signal` stops it (the promise rejects with the signal's reason), `onProgress` counts
 * the kinds of user judged.
 */
export async function tagChangeImpactInSlices(
  users: readonly AccountUser[],
  changes: readonly TagChange[],
  where: Whereabouts,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  apis: readonly ImsApi[] = TAG_APIS,
): Promise<AccessChange[]> {
  const groups = alikeGroups(users);
  const plan = planOf(changes, where);
  const out: AccessChange[] = [];
  let slice = Date.now();
  for (let i = 0; i < groups.length; i++) {
    options.signal?.throwIfAborted();
    out.push(...groupImpact(groups[i], plan, where, apis));
    if (Date.now() - slice > 20) {
      options.onProgress?.(i + 1, groups.length);
      await new Promise((r) => setTimeout(r, 0));
      slice = Date.now();
    }
  }
  options.signal?.throwIfAborted();
  return inUsersOrder(out, users);
}

/** Users alike (same policies, same values of the principal keys they read), among those a change can move. */
function alikeGroups(users: readonly AccountUser[]): AccountUser[][] {
  const groups = new Map<string, AccountUser[]>();
  for (const user of users) {
    if (user.facts.administrator || readsOf(user.facts).keys.size === 0) continue;
    const alike = signature(user);
    const group = groups.get(alike);
    if (group) group.push(user);
    else groups.set(alike, [user]);
  }
  return [...groups.values()];
}

/** The first of a group judged; each of the others gets the same moves. */
function groupImpact(group: AccountUser[], plan: Plan, where: Whereabouts, apis: readonly ImsApi[]) {
  const [first, ...others] = group;
  const moves = userImpact(first, plan, where, apis);
  return [...moves, ...others.flatMap((user) => moves.map((m) => moved(user, m.image, m.api, m.before, m.after, m.tags, where)))];
}

/** In the users' order, as people read it. */
function inUsersOrder(out: AccessChange[], users: readonly AccountUser[]): AccessChange[] {
  const order = new Map(users.map((u, i) => [u, i]));
  return out.sort((a, b) => order.get(a.user)! - order.get(b.user)!);
}

/** One move, its reasons worked out on the first ask (the whole API list of the image, before and after). */
function moved(
  user: AccountUser,
  image: ImageTarget,
  api: ImsApi,
  before: ApiDecision,
  after: ApiDecision,
  tags: Tags,
  where: Whereabouts,
): AccessChange & { tags: Tags } {
  let reasons: { before: ImageApiAccess; after: ImageApiAccess } | undefined;
  return {
    user,
    image,
    api,
    before,
    after,
    tags,
    explain: () =>
      (reasons ??= {
        before: imageAccess(user, image, where, [api])[0],
        after: imageAccess(user, { ...image, tags }, where, [api])[0],
      }),
  };
}

/** The changes that change something, each image before and after as two states every user is judged on. */
interface Plan {
  changes: readonly TagChange[];
  run: ImageStates;
}
function planOf(all: readonly TagChange[], where: Whereabouts): Plan {
  const changes = all.filter(({ image, after }) => JSON.stringify(image.tags) !== JSON.stringify(after));
  const states = changes.flatMap(({ image, after }) => [image, { id: image.id, tags: after }]);
  return { changes, run: new ImageStates(states, place(where)) };
}

/** The moves of one user's decisions: every changed image before and after, judged in one pass. */
function userImpact(
  user: AccountUser,
  plan: Plan,
  where: Whereabouts,
  apis: readonly ImsApi[],
): Array<AccessChange & { tags: Tags }> {
  const { keys } = readsOf(user.facts);
  const codes = decisionMatrix(judgeOf(user, where), plan.run, apis);
  const n = plan.run.states.length;
  const out: Array<AccessChange & { tags: Tags }> = [];
  plan.changes.forEach(({ image, after }, i) => {
    // Only the read keys' values move a decision.
    if (projection(image.tags, keys) === projection(after, keys)) return;
    apis.forEach((api, a) => {
      const b = codes[a * n + 2 * i];
      const c = codes[a * n + 2 * i + 1];
      if (b !== c) out.push(moved(user, image, api, DECISIONS[b], DECISIONS[c], after, where));
    });
  });
  return out;
}

/** The tags of an image after a write of `api` with `tags` (a delete removes the keys; anything else sets them). */
export function tagsAfter(before: Tags, tags: Tags, removes: boolean): Record<string, string> {
  const next: Record<string, string> = { ...before };
  for (const [k, v] of Object.entries(tags)) {
    if (removes) delete next[k];
    else next[k] = v;
  }
  return next;
}
