/**
 * Before a tag write the extension makes (add, edit, delete, a batch, Send of a `.http` tag request): the
 * access it moves, for every user of the account on each image (one read of IAM, then pure evaluation,
 * core/access/imageAccess.ts), shown in the confirmation. When the writer locks themselves out, the
 * dialog's first button, which Enter presses, keeps things as they are.
 */
import * as vscode from 'vscode';
import { tagChangeImpactInSlices, type AccessChange, type ImageTarget, type TagChange } from '../../core/access/imageAccess';
import { anyoneReads, tagsAfter } from '../../core/access/imageAccess';
import { ImsError } from '../../core/client/errors';
import type { ConnectionManager } from '../connection';
import { log } from '../log';
import { escapeMarkdown } from '../../core/util/markdown';
import type { TagChangeImpactParams, TagChangeImpactResult } from '../../core/protocol';
import { imageTarget } from './account';
import type { AccountTracker } from './account';
import { changeLines, locksOut } from './describe';

/** A modal question; the first choice is the default (Enter). Tests answer it instead of a person. */
export type AskChange = (message: string, detail: string, ...choices: string[]) => Thenable<string | undefined>;

export interface PlannedWrite {
  image: ImageTarget;
  tags: Record<string, string>;
  removes: boolean;
}

const MAX_LINES = 12;

/** The person cancelled working out the access a change moves: the change is not made. */
class CancelledChange extends Error {
  constructor() {
    super('cancelled');
  }
}

export class TagChangeGuard {
  ask: AskChange = (message, detail, ...choices) =>
    vscode.window.showWarningMessage(message, { modal: true, detail: detail || undefined }, ...choices);
  /** IAM refused this connection its reads: not asked again until the connection changes. */
  private refusedFor?: { connection: object; reason: string };
  /** The last impact computed (for tests and the log), with the writer's user id. */
  last?: { changes: AccessChange[]; writerId?: string };

  constructor(
    private readonly accounts: AccountTracker,
    private readonly connections: ConnectionManager,
    /** An image's name, where the explorer knows it. */
    private readonly names: (imageId: string) => string = (id) => id,
  ) {}

  /**
   * The access writes of these tag keys move, or a reason it is not known (IAM refused its reads). The
   * writes (which read the images' tags) are asked for only when some policy reads one of the keys.
   */
  async impact(
    keys: readonly string[],
    planned: () => Promise<readonly PlannedWrite[]>,
    /** `quiet`: no progress shown (a hover); `signal`: stop working it out. */
    options: { quiet?: boolean; signal?: AbortSignal } = {},
  ): Promise<{ changes: AccessChange[]; writerId?: string } | { unknown: string }> {
    const c = this.connections.connection;
    if (!c || !vscode.workspace.isTrusted || keys.length === 0) return { changes: [] };
    if (this.refusedFor?.connection === c) return { unknown: this.refusedFor.reason };
    const ac = new AbortController();
    let counted = '';
    const work = (async () => {
      try {
        const { account, where } = this.accounts.current();
        const [users, at, me] = await Promise.all([account.everyone(ac.signal), where, c.iam.callerIdentity()]);
        if (!anyoneReads(users, keys)) return (this.last = { changes: [], writerId: me.principal_id });
        const writes = await planned();
        const changes: TagChange[] = writes.map((w) => ({ image: w.image, after: tagsAfter(w.image.tags, w.tags, w.removes) }));
        const moved = await tagChangeImpactInSlices(users, changes, at, {
          signal: ac.signal,
          onProgress: (done, total) => (counted = `${done}/${total}`),
        });
        const found = { changes: moved, writerId: me.principal_id };
        this.last = found;
        return found;
      } catch (e) {
        if (!(e instanceof ImsError && (e.status === 403 || e.status === 401))) throw e;
        log().info(`The access a tag change moves is not known: ${e.message}`);
        const reason = vscode.l10n.t(
          'IAM does not let this identity read the account: the access this change moves is not known.',
        );
        this.refusedFor = { connection: c, reason };
        return { unknown: reason };
      }
    })();
    if (options.signal) options.signal.addEventListener('abort', () => ac.abort(options.signal!.reason), { once: true });
    if (options.quiet) return work;
    // Quick on most accounts; past a second, a notification shows the progress and can cancel the write.
    const quick = await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      new Promise<false>((r) => setTimeout(() => r(false), 1000)),
    ]);
    if (quick) return work;
    return vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Working out whose access this tag change moves…'),
        cancellable: true,
      },
      async (progress, token) => {
        token.onCancellationRequested(() => ac.abort(new CancelledChange()));
        const timer = setInterval(
          () => counted && progress.report({ message: vscode.l10n.t('{0} kinds of user', counted) }),
          500,
        );
        try {
          return await work;
        } finally {
          clearInterval(timer);
        }
      },
    );
  }

  /** The `.http` hover's section for a tag write (core/protocol.ts, imsTags/tagChangeImpact). */
  async hoverMarkdown(p: TagChangeImpactParams): Promise<TagChangeImpactResult> {
    const c = this.connections.connection;
    if (!c || !vscode.workspace.isTrusted || typeof p?.imageId !== 'string' || typeof p.tags !== 'object' || p.tags === null)
      return null;
    const tags = Object.fromEntries(Object.entries(p.tags).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const name = this.names(p.imageId);
    const found = await this.impact(
      Object.keys(tags),
      async () => [{ image: await imageTarget(c.client, { id: p.imageId, name }), tags, removes: p.removes === true }],
      // The server waits 2.5 s for a hover; a long account is not worked out in the background for nothing.
      { quiet: true, signal: AbortSignal.timeout(10_000) },
    );
    const heading = `**${vscode.l10n.t('If sent now')}** · ${escapeMarkdown(name)}`;
    if ('unknown' in found) return { markdown: `${heading}: ${escapeMarkdown(found.unknown)}` };
    const { lines, more } = changeLines(found.changes, found.writerId, MAX_LINES);
    if (lines.length === 0) return { markdown: `${heading}: ${vscode.l10n.t("this change moves nobody's access.")}` };
    const rest = more ? [vscode.l10n.t('…and {0} more.', more)] : [];
    return { markdown: [heading, ...[...lines, ...rest].map((l) => `- ${escapeMarkdown(l)}`)].join('\n') };
  }

  /**
   * Whether to go on. `question`/`yes`: the write's own confirmation (a delete, a Send), asked in the same
   * dialog; without one, a write that moves nobody's access goes ahead unasked.
   */
  async confirm(
    keys: readonly string[],
    planned: () => Promise<readonly PlannedWrite[]>,
    own?: { question: string; yes: string; detail?: string },
  ): Promise<boolean> {
    let found: Awaited<ReturnType<TagChangeGuard['impact']>>;
    try {
      found = await this.impact(keys, planned);
    } catch (e) {
      // Cancel in the progress notification cancels the write, as Escape does a question.
      if (e instanceof CancelledChange) return false;
      throw e;
    }
    const { lines, more } =
      'unknown' in found ? { lines: [found.unknown], more: 0 } : changeLines(found.changes, found.writerId, MAX_LINES);
    const lost = 'unknown' in found ? [] : locksOut(found.changes, found.writerId);
    const moved = !('unknown' in found) && found.changes.length > 0;
    if (!moved && !own) return true;
    const shown = more ? [...lines, vscode.l10n.t('…and {0} more.', more)] : lines;
    const detail = [lost.length ? own?.question : undefined, own?.detail, ...(moved || 'unknown' in found ? shown : [])]
      .filter(Boolean)
      .join('\n');
    const message = lost.length
      ? vscode.l10n.t('After this change you can no longer tag {0}.', [...new Set(lost.map((l) => l.image.name))].join(', '))
      : moved
        ? (own?.question ?? vscode.l10n.t('This tag change moves access to images.'))
        : own!.question;
    const go = own?.yes ?? vscode.l10n.t('Change Tags');
    if (lost.length) {
      // Locking oneself out: the first button, the default, changes nothing.
      const keep = vscode.l10n.t('Keep My Access');
      const anyway = vscode.l10n.t('{0} Anyway', go);
      return (await this.ask(message, detail, keep, anyway)) === anyway;
    }
    return (await this.ask(message, detail, go)) === go;
  }
}
