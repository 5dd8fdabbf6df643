/**
 * Tags deciding access at account scale (issue [abac]): who may tag one image, over 1,000 users with 10
 * policies each, and the access a tag write on a batch of 100 images moves, for all of them. Both after
 * the IAM read (the facts are built here as core/access/gather.ts builds them), pure evaluation only.
 * Targets: who-can under 200 ms, the batch's impact under 1 s.
 *
 * Three shapes of account: users in groups (what the evaluation shares across users who are alike), each
 * user a different set drawn from a pool of 200, and every user's 10 policies their own (10,000 distinct
 * documents, each parsed on first use: the worst case). Each policy has conditions on image tags (team,
 * owner, env), on the request's keys and on the caller's tags, and wildcards.
 */
import { TAG_APIS } from '../core/catalogue';
import type { GrantedPolicy } from '../core/access/effective';
import { prepareUser, tagChangeImpact, tagsAfter, whoCan, type AccountUser, type ImageTarget } from '../core/access/imageAccess';
import { seededRandom } from '../core/util/random';
import { percentile } from './stats';

export interface ImageAccessShape {
  shape: string;
  users: number;
  policiesPerUser: number;
  distinctPolicies: number;
  /** Parsing and compiling the distinct policies, as each user is read (core/access/account.ts, prepareUser). */
  parseMs: number;
  /** who-can for one image: the first run, then p50 / p95 of the rest. */
  whoCanFirstMs: number;
  whoCanMs: { p50: number; p95: number; samples: number };
  /** The impact of one tag write on 100 images. */
  impactFirstMs: number;
  impactMs: { p50: number; p95: number; samples: number };
  cells: number;
  moved: number;
}

const TEAMS = ['blue', 'red', 'green', 'gold', 'grey'];

function document(i: number): unknown {
  const team = TEAMS[i % TEAMS.length];
  return {
    Version: '5.0',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['ims:images:setTags', 'ims:images:getTags'],
        Resource: ['ims:*:*:image:*'],
        Condition: { StringEquals: { 'g:ResourceTag/team': team } },
      },
      {
        Effect: 'Allow',
        Action: ['ims:images:get*', 'ims:images:list'],
        Condition: { StringEquals: { 'g:ResourceTag/owner': `user-${i % 97}` } },
      },
      {
        Effect: 'Deny',
        Action: ['ims:images:setTags'],
        Condition: { 'ForAnyValue:StringEquals': { 'g:TagKeys': ['team', 'owner'] } },
      },
      {
        Effect: 'Allow',
        Action: ['ims:*:list*'],
        Condition: { StringEqualsIfExists: { 'g:PrincipalTag/dept': `dept-${i % 7}` } },
      },
      i % 5 === 0
        ? { Effect: 'Deny', Action: ['ims:images:*'], Condition: { StringEquals: { 'g:ResourceTag/env': 'prod' } } }
        : { Effect: 'Allow', Action: ['ims:images:getTags'], Condition: { StringLike: { 'g:ResourceTag/env': 'dev*' } } },
    ],
  };
}

const policy = (i: number, name: string): GrantedPolicy => ({
  name,
  uri: `ims-iam:/policies/${name}`,
  type: 'XA',
  policy: JSON.stringify(document(i)),
});

export type Shape = 'groups' | 'pool' | 'own';

/**
 * `groups`: users in 50 groups of 10 policies each (from a pool of 200), as accounts are usually run;
 * `pool`: each user's 10 drawn from the pool (every set different); `own`: 10 documents of the user's own.
 */
export function account(users: number, perUser: number, shape: Shape): AccountUser[] {
  const pool = Array.from({ length: 200 }, (_, i) => policy(i, `pooled-${i}`));
  const rnd = seededRandom(11);
  const draw = () => Array.from({ length: perUser }, () => pool[Math.floor(rnd() * pool.length)]);
  const groups = Array.from({ length: 50 }, draw);
  return Array.from({ length: users }, (_, u) => {
    const group = u % groups.length;
    const policies =
      shape === 'groups'
        ? groups[group]
        : shape === 'pool'
          ? draw()
          : draw().map((_, k) => policy(u * perUser + k, `own-${u}-${k}`));
    return {
      id: `u-${u}`,
      name: `user-${u}`,
      tags: { dept: `dept-${u % 9}` },
      facts: {
        projectId: 'p-1',
        grants: [],
        attached: policies.map((p, k) => ({ policy: p, via: shape === 'groups' ? `group g-${group}` : `policy ${k}` })),
      },
    };
  });
}

export function images(n: number): ImageTarget[] {
  const rnd = seededRandom(5);
  return Array.from({ length: n }, (_, i) => ({
    id: `img-${i}`,
    name: `image-${i}`,
    tags: {
      team: TEAMS[Math.floor(rnd() * TEAMS.length)],
      owner: `user-${Math.floor(rnd() * 97)}`,
      ...(rnd() < 0.5 ? { env: rnd() < 0.5 ? 'prod' : 'dev-1' } : {}),
    },
  }));
}

export const WHERE = { region: 'cn-north-4', account: 'acct-bench', now: new Date('2026-12-07T00:00:00Z') };

function timed<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

export function benchImageAccess(users = 1000, perUser = 10, samples = 10): ImageAccessShape[] {
  const out: ImageAccessShape[] = [];
  const names: Record<Shape, string> = {
    groups: 'users in 50 groups (10 policies each, from a pool of 200)',
    pool: "each user's own draw of 10 from a pool of 200",
    own: 'every policy its own',
  };
  for (const shape of ['groups', 'pool', 'own'] as const) {
    const people = account(users, perUser, shape);
    const distinct = new Set(people.flatMap((u) => u.facts.attached.map((a) => a.policy)));
    // As core/access/account.ts does when it reads each user.
    const parse = timed(() => people.forEach(prepareUser));
    const batch = images(100);
    const one = batch[0];
    const first = timed(() => whoCan(people, one, WHERE));
    const whoCanRuns = Array.from({ length: samples }, (_, i) => timed(() => whoCan(people, batch[1 + (i % 99)], WHERE)).ms);
    // The write: every image of the batch moves to team blue (a key every policy reads).
    const changes = batch.map((image) => ({ image, after: tagsAfter(image.tags, { team: 'blue' }, false) }));
    const impactFirst = timed(() => tagChangeImpact(people, changes, WHERE));
    const impactRuns = Array.from({ length: 3 }, () => timed(() => tagChangeImpact(people, changes, WHERE)).ms);
    out.push({
      shape: names[shape],
      users,
      policiesPerUser: perUser,
      distinctPolicies: distinct.size,
      parseMs: parse.ms,
      whoCanFirstMs: first.ms,
      whoCanMs: { p50: percentile(whoCanRuns, 50), p95: percentile(whoCanRuns, 95), samples: whoCanRuns.length },
      impactFirstMs: impactFirst.ms,
      impactMs: { p50: percentile(impactRuns, 50), p95: percentile(impactRuns, 95), samples: impactRuns.length },
      cells: users * TAG_APIS.length,
      moved: impactFirst.value.length,
    });
  }
  return out;
}

/** The Markdown section of the results (bench/run.ts and bench/imageAccessRun.ts). */
export function imageAccessTable(runs: readonly ImageAccessShape[]): string[] {
  const f = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
  return [
    '## Tags deciding access: who-can and the impact of a tag change',
    '',
    `${runs[0]?.users.toLocaleString('en')} users with ${runs[0]?.policiesPerUser} IAM 5.0 policies each, every policy with conditions on image tags (\`team\`, \`owner\`, \`env\`), the request's tag keys and the caller's tags, and wildcards; after the IAM read, pure evaluation. **Who-can**: every user × the ${TAG_APIS.length} tag APIs on one image (target under 200 ms). **Impact**: one tag write (\`team = blue\`) on 100 images with varied tags, every user's verdict before and after (target under 1 s). "Read": parsing and compiling the policies as each user is read from IAM, once per distinct document; "first": the first run after it.`,
    '',
    '| Account | Read | Who-can first | Who-can p50 / p95 | Impact first | Impact p50 / p95 | Verdicts moved |',
    '|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.shape} (${r.distinctPolicies.toLocaleString('en')} documents) | ${f(r.parseMs)} ms | ${f(r.whoCanFirstMs)} ms | ${f(r.whoCanMs.p50)} / ${f(r.whoCanMs.p95)} ms (${r.whoCanMs.samples} runs) | ${f(r.impactFirstMs)} ms | ${f(r.impactMs.p50)} / ${f(r.impactMs.p95)} ms (${r.impactMs.samples} runs) | ${r.moved.toLocaleString('en')} |`,
    ),
  ];
}
