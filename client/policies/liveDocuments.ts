/**
 * Live IAM policies as documents (scheme `ims-iam`, address.ts): reading fetches the policy from IAM and
 * shows it pretty-printed, so every policy feature of the language server works on it as on a file; saving
 * it by hand (Ctrl+S, or the Publish action) publishes it. **Auto-save never publishes**: VS Code says why
 * a document is saved (`TextDocumentSaveReason`, from onWillSaveTextDocument), and a save after a delay,
 * on focus change or on window change is refused, so the document stays dirty and the status bar says it
 * has unpublished changes (unpublished.ts) — in code-server auto-save is on by default. A custom policy is
 * PATCHed; a 5.0 policy gets a new version set as the default (at 5 versions, the oldest non-default one
 * may be deleted first, with confirmation).
 *
 * Never lose an edit: before publishing, the cloud copy is read again; if it changed since the document
 * was opened, the person chooses to overwrite it, reload it (the edit is dropped, the document shows the
 * cloud copy) or compare the two (nothing is sent, the document stays dirty). Errors our diagnostics
 * report block the save with their list, since IAM would refuse the policy anyway; any failure keeps the
 * document dirty, and the message carries IAM's code and text.
 */
import * as vscode from 'vscode';
import { ImsError } from '../../core/client/errors';
import type { IamClient } from '../../core/client/iamClient';
import type { ConnectionManager } from '../connection';
import { log } from '../log';
import { IAM_SCHEME, addressPath, documentText, parseAddress, type LiveAddress } from './address';
import { changedInIam } from '../../core/client/livePublish';
import { publishPolicy, type Ask } from './publish';
import { buildReview, ourFindings, showReview, type Reviewer } from './review';
import { readOnlyDocuments } from '../readOnlyDocuments';

interface Copy {
  text: string;
  /** What identifies this state of the cloud copy: a role's update time, a 5.0 policy's default version. */
  stamp: string;
  mtime: number;
}

export class LiveDocuments implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly published = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidPublish = this.published.event;
  /** The cloud copy each open document was read from, by URI. */
  private readonly copies = new Map<string, Copy>();
  /** Why each document is being saved, from onWillSaveTextDocument, until its writeFile reads it. */
  private readonly saveReasons = new Map<string, vscode.TextDocumentSaveReason>();
  private readonly willSave: vscode.Disposable;
  private readonly closed: vscode.Disposable;
  ask: Ask = (message, ...choices) => vscode.window.showWarningMessage(message, { modal: true }, ...choices);
  /** The review before every publish (review.ts); Cancel is its default. */
  review: Reviewer = showReview;

  constructor(
    private readonly connections: ConnectionManager,
    /**
     * Where the stamp each open document was read at outlives the window (workspaceState): after a reload
     * or a hot exit, the restored edit is still compared with the copy it was made on, never with the
     * cloud copy of the moment. Forgotten when the document is closed.
     */
    private readonly state?: vscode.Memento,
  ) {
    this.willSave = vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document.uri.scheme === IAM_SCHEME) this.saveReasons.set(e.document.uri.toString(), e.reason);
    });
    this.closed = vscode.workspace.onDidCloseTextDocument((d) => {
      if (d.uri.scheme !== IAM_SCHEME) return;
      this.copies.delete(d.uri.toString());
      void this.state?.update(this.stampKey(d.uri.toString()), undefined);
    });
  }

  /** The copy a document was read from, remembered for the next session too. */
  private setCopy(key: string, copy: Copy): void {
    this.copies.set(key, copy);
    void this.state?.update(this.stampKey(key), copy.stamp);
  }

  /** What this session lost in a reload (tests): the copies held in memory. */
  forgetSession(): void {
    this.copies.clear();
  }

  /**
   * Where the base copy's stamp is remembered across a window reload: per IAM endpoint and document, so a
   * stamp of another connection (a Sandbox started again, whose policies have the same ids) is never
   * taken for this one's and never raises a conflict that is not there.
   */
  private stampKey(uri: string): string {
    return `imsTags.liveBase:${this.connections.connection?.iam.endpoint ?? ''}|${uri}`;
  }

  private iam(): IamClient {
    const c = this.connections.connection;
    if (!c)
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('Not connected to IMS: open the Sandbox or connect to Huawei Cloud first.'),
      );
    if (!vscode.workspace.isTrusted)
      throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Restricted mode: trust this workspace to send IMS requests.'));
    return c.iam;
  }

  private address(uri: vscode.Uri): LiveAddress {
    const a = parseAddress(uri.path);
    if (!a) throw vscode.FileSystemError.FileNotFound(uri);
    return a;
  }

  /** The cloud copy now. */
  private async fetch(a: LiveAddress): Promise<Omit<Copy, 'mtime'> & { name?: string; changedAt?: string }> {
    const iam = this.iam();
    try {
      if (a.kind === 'role') {
        const role = await iam.getRole(a.roleId);
        return {
          text: documentText(role.policy),
          stamp: role.updated_time ?? '',
          name: `"${role.display_name}"`,
          changedAt: role.updated_time,
        };
      }
      const policy = await iam.getPolicy(a.policyId);
      const version = await iam.getVersion(a.policyId, a.kind === 'version' ? a.versionId : policy.default_version_id);
      return {
        text: documentText(version.document),
        stamp: `${policy.default_version_id}@${policy.updated_at ?? ''}`,
        name: `"${policy.policy_name}"${a.kind === 'version' ? ` ${a.versionId}` : ''}`,
        changedAt: policy.updated_at,
      };
    } catch (e) {
      if (e instanceof ImsError && e.status === 404) throw vscode.FileSystemError.FileNotFound(addressLabel(a));
      throw e;
    }
  }

  private async read(uri: vscode.Uri): Promise<Copy> {
    const key = uri.toString();
    const fetched = await this.fetch(this.address(uri));
    const previous = this.copies.get(key);
    // The first read of this session of a document open before a reload: its edit was made on the
    // remembered copy, so that stays the base (the text shown is IAM's, as always).
    const remembered = previous ? undefined : this.state?.get<string>(this.stampKey(key));
    const stamp = remembered ?? fetched.stamp;
    const copy = { ...fetched, stamp, mtime: previous?.stamp === fetched.stamp ? previous.mtime : Date.now() };
    this.setCopy(key, copy);
    return copy;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    return plainErrors(() => this.statOf(uri));
  }

  private async statOf(uri: vscode.Uri): Promise<vscode.FileStat> {
    // The copy of the last read: the cloud is checked once, when saving, by writeFile.
    const copy = this.copies.get(uri.toString()) ?? (await this.read(uri));
    return { type: vscode.FileType.File, ctime: copy.mtime, mtime: copy.mtime, size: Buffer.byteLength(copy.text) };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return plainErrors(() => this.readBytes(uri));
  }

  private async readBytes(uri: vscode.Uri): Promise<Uint8Array> {
    return Buffer.from((await this.read(uri)).text, 'utf8');
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    try {
      return await plainErrors(() => this.write(uri, content));
    } catch (e) {
      // The editor shows why in its save error; the log keeps it for later (and for a failing test).
      log().info(`${uri.path}: ${(e as Error).message}`);
      throw e;
    }
  }

  private async write(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const a = this.address(uri);
    const reason = this.saveReasons.get(uri.toString());
    this.saveReasons.delete(uri.toString());
    if (reason !== undefined && reason !== vscode.TextDocumentSaveReason.Manual)
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t(
          'Not published: auto-save never publishes a live IAM policy. Press Ctrl+S or choose Publish to IAM in the editor title when you mean to.',
        ),
      );
    const text = Buffer.from(content).toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('Not published: the document is not JSON ({0}).', (e as Error).message),
      );
    }
    const errors = ourFindings(uri, vscode.DiagnosticSeverity.Error);
    if (errors.length > 0)
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('Not published: IAM would refuse this policy. {0}', errors.join('; ')),
      );
    // In memory, or (after a reload that restored the edit without reading the file) remembered.
    const remembered = this.state?.get<string>(this.stampKey(uri.toString()));
    const base = this.copies.get(uri.toString()) ?? (remembered === undefined ? undefined : { stamp: remembered });
    const current = await this.fetch(a);
    if (changedInIam(base?.stamp, current.stamp)) {
      const overwrite = vscode.l10n.t('Overwrite');
      const reload = vscode.l10n.t('Reload');
      const compare = vscode.l10n.t('Compare');
      // Compare comes first, so Enter compares: nobody's change is ever discarded by a reflex.
      // IAM says when (a custom policy's updated_time, in epoch milliseconds; a 5.0 policy's updated_at), not who.
      const when = when_(current.changedAt);
      const choice = await this.ask(
        vscode.l10n.t(
          '{0} changed in IAM since you opened it{1}. Compare the cloud copy with your edit, reload the cloud copy (your edit is dropped), or overwrite it with your edit?',
          current.name ?? addressLabel(a),
          when ? vscode.l10n.t(' (last changed {0})', when) : '',
        ),
        compare,
        reload,
        overwrite,
      );
      if (choice === reload) {
        // Saved as far as the editor knows, then re-read at once: the document shows the cloud copy.
        const key = uri.toString();
        this.setCopy(key, { ...current, mtime: Date.now() });
        // Then, once the editor has finished this save, a newer copy is announced so that it reads it (an
        // unchanged stat would be skipped; announced during the save it would be lost on a slow machine).
        let announced = false;
        const announce = () => {
          if (announced) return;
          announced = true;
          saved.dispose();
          this.copies.set(key, { ...current, mtime: Date.now() + 1 });
          this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
        };
        const saved = vscode.workspace.onDidSaveTextDocument((d) => {
          if (d.uri.toString() === key) setTimeout(announce, 0);
        });
        setTimeout(announce, 2000);
        return;
      }
      if (choice !== overwrite) {
        if (choice === compare) await this.compare(uri, current.text);
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not published: the cloud copy changed. Save again to choose.'));
      }
    }
    const name = current.name ?? addressLabel(a);
    // Asked first, because the answer decides what the review compares: only a new default changes access.
    const { makeDefault, inForce } = await this.versionChoice(a, current.text);
    if (makeDefault) {
      // The review: what this adds to and takes from the text in force, whom it reaches; nothing is sent
      // unless Publish is chosen. A version that is not made the default changes nobody's access.
      const warnings = ourFindings(uri, vscode.DiagnosticSeverity.Warning);
      const target =
        a.kind === 'role' ? { kind: 'role' as const, id: a.roleId, name } : { kind: 'policy' as const, id: a.policyId, name };
      const review = await buildReview(this.iam(), target, inForce, text, warnings);
      if (!(await this.review(review)))
        throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not published: the review of {0} was cancelled.', name));
    }
    await publishPolicy(this.iam(), this.ask, a, value, name, makeDefault);
    // Published: from here on nothing may fail the save, or saving again would publish a second time. A
    // re-read that fails leaves the base unknown, so the next save compares with IAM before sending.
    let fresh: Awaited<ReturnType<LiveDocuments['fetch']>> | undefined;
    try {
      fresh = await this.fetch(a);
    } catch (e) {
      log().warn(`Published ${addressLabel(a)}, then could not read it back: ${(e as Error).message}`);
    }
    const version = a.kind === 'role' || !fresh ? '' : ` (${fresh.stamp.split('@')[0]} ${vscode.l10n.t('is the default')})`;
    void vscode.window.showInformationMessage(vscode.l10n.t('Published {0} to IAM{1}.', name, version));
    if (fresh) this.setCopy(uri.toString(), { ...fresh, mtime: Date.now() });
    else this.setCopy(uri.toString(), { text, stamp: '(unknown: not read back after publishing)', mtime: Date.now() });
    log().info(`Published ${addressLabel(a)} to IAM.`);
    this.published.fire(uri);
  }

  /**
   * Whether the edit becomes the policy in force, and the text in force now. Only a version that is not
   * the default asks: publish the edit as the new default (IAM then applies it), or as a version only.
   */
  private async versionChoice(a: LiveAddress, shown: string): Promise<{ makeDefault: boolean; inForce: string }> {
    if (a.kind !== 'version') return { makeDefault: true, inForce: shown };
    const iam = this.iam();
    const policy = await iam.getPolicy(a.policyId);
    if (policy.default_version_id === a.versionId) return { makeDefault: true, inForce: shown };
    const asDefault = vscode.l10n.t('Publish as the New Default');
    const asVersion = vscode.l10n.t('Publish as a Version, Not the Default');
    const choice = await this.ask(
      vscode.l10n.t(
        '{0} is not the default version of {1} (the default is {2}). Publish your edit as a new version that becomes the default (IAM then applies it), or as a new version only?',
        a.versionId,
        `"${policy.policy_name}"`,
        policy.default_version_id,
      ),
      asVersion,
      asDefault,
    );
    if (choice === undefined) throw vscode.FileSystemError.Unavailable(vscode.l10n.t('Not published: no choice was made.'));
    if (choice === asVersion) return { makeDefault: false, inForce: shown };
    const inForce = await iam.getVersion(a.policyId, policy.default_version_id);
    return { makeDefault: true, inForce: documentText(inForce.document) };
  }

  /**
   * A diff of the cloud copy against the document; the copy is read from IAM unless given. The copy is a
   * read-only document (readOnlyDocuments.ts), never an Untitled one that asks to be saved.
   */
  async compare(uri: vscode.Uri, cloudText?: string): Promise<vscode.Uri> {
    const fetched = cloudText === undefined ? await this.fetch(this.address(uri)) : undefined;
    const text = cloudText ?? fetched!.text;
    const cloud = readOnlyDocuments.add(`cloud copy of ${uri.path.split('/').pop()}`, text);
    const name = fetched?.name ?? uri.path;
    await vscode.commands.executeCommand('vscode.diff', cloud, uri, vscode.l10n.t('{0}: cloud copy ↔ your edit', name));
    return cloud;
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    // The editor makes the folder of a file whose stat failed: when that was for want of a connection, say so.
    if (!this.connections.connection) this.iam();
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Policies are created in IAM, not as files here.'));
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Policies are deleted in IAM, not as files here.'));
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions(vscode.l10n.t('Policies are renamed in IAM, not here.'));
  }

  dispose(): void {
    this.willSave.dispose();
    this.closed.dispose();
    this.changed.dispose();
    this.published.dispose();
  }
}

/** A live policy's URI, named after the policy when its name is known (tabs and titles then read well). */
export function liveUri(a: LiveAddress, name?: string): vscode.Uri {
  return vscode.Uri.from({ scheme: IAM_SCHEME, path: addressPath(a, name) });
}

function addressLabel(a: LiveAddress): string {
  return a.kind === 'role'
    ? `role ${a.roleId}`
    : a.kind === 'policy'
      ? `policy ${a.policyId}`
      : `policy ${a.policyId} ${a.versionId}`;
}

/**
 * Errors as the editor shows them: a FileSystemError as it is, anything else (a network error, IAM's
 * answer) as one with the same message, never prefixed with an internal class name such as "ImsError:".
 */
async function plainErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof vscode.FileSystemError) throw e;
    throw vscode.FileSystemError.Unavailable(e instanceof Error ? e.message : String(e));
  }
}

/** A time IAM gives (epoch milliseconds as a string, or ISO 8601) for people, or undefined. */
function when_(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toLocaleString() : undefined;
}
