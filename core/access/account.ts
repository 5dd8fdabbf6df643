/**
 * The account's users and what IAM grants each, read for the who-can view and the impact of tag changes
 * (core/access/imageAccess.ts judges them). Users are listed once; each user's grants are read when first
 * needed (a page of the view, a confirmation), at most 8 reads at a time, and what many users share (a
 * role, a 5.0 policy's version, a group's attachments) is read once for all of them.
 */
import { mapLimit } from '../client/concurrency';
import { gatherAccessFacts, type IamReader } from './gather';
import type { GrantedPolicy } from './effective';
import { prepareUser, type AccountUser } from './imageAccess';

export interface AccountReader extends IamReader {
  listUsers(): Promise<Array<{ id: string; name: string }>>;
  userTags(userId: string): Promise<Record<string, string>>;
}

/** Reads that many users share, each read once (a failed read is not kept: the next asks again). */
function sharedReads(iam: AccountReader): IamReader {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      memo.set(key, p);
      p.catch(() => memo.delete(key));
    }
    return p;
  };
  return {
    userGroups: (id) => iam.userGroups(id),
    roleAssignments: (q) => iam.roleAssignments(q),
    getAnyRole: (id) => once(`role ${id}`, () => iam.getAnyRole(id)),
    attachedPolicies: (kind, id) =>
      kind === 'groups' ? once(`group ${id}`, () => iam.attachedPolicies(kind, id)) : iam.attachedPolicies(kind, id),
    getPolicy: (id) => once(`policy ${id}`, () => iam.getPolicy(id)),
    getVersion: (id, v) => once(`version ${id} ${v}`, () => iam.getVersion(id, v)),
  };
}

export class AccountAccess {
  private listing?: Promise<Array<{ id: string; name: string }>>;
  private readonly users = new Map<string, Promise<AccountUser>>();
  private readonly reads: IamReader;
  private readonly policies = new Map<string, GrantedPolicy>();

  constructor(
    private readonly iam: AccountReader,
    readonly projectId: string,
  ) {
    this.reads = sharedReads(iam);
  }

  /** The account's users, by name. */
  list(): Promise<Array<{ id: string; name: string }>> {
    this.listing ??= this.iam.listUsers().then((us) => [...us].sort((a, b) => a.name.localeCompare(b.name)));
    this.listing.catch(() => (this.listing = undefined));
    return this.listing;
  }

  /** One user's grants and tags (read once; tags stay unknown where IAM will not say them). */
  user(u: { id: string; name: string }): Promise<AccountUser> {
    let p = this.users.get(u.id);
    if (!p) {
      p = (async () => {
        const [facts, tags] = await Promise.all([
          gatherAccessFacts(this.reads, u.id, this.projectId, this.policies),
          this.iam.userTags(u.id).catch(() => undefined),
        ]);
        const user: AccountUser = { id: u.id, name: u.name, tags, facts };
        prepareUser(user);
        return user;
      })();
      this.users.set(u.id, p);
      p.catch(() => this.users.delete(u.id));
    }
    return p;
  }

  /** Users `from` to `from + count` of the list, read; the first failure is thrown (a 403 says what is missing). */
  async page(from: number, count: number, signal?: AbortSignal): Promise<{ users: AccountUser[]; total: number }> {
    const all = await this.list();
    const outcomes = await mapLimit(all.slice(from, from + count), (u) => this.user(u), { signal });
    const failed = outcomes.find((o) => !o.ok);
    if (failed && !failed.ok) throw failed.error;
    return { users: outcomes.map((o) => (o.ok ? o.value : (undefined as never))), total: all.length };
  }

  /** Every user, read (for the impact of a tag change: everyone's access may move). */
  async everyone(signal?: AbortSignal): Promise<AccountUser[]> {
    return (await this.page(0, Number.MAX_SAFE_INTEGER, signal)).users;
  }
}
