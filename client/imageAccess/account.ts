/**
 * The account's users and grants for the connection in use (core/access/account.ts reads them), kept
 * until the connection changes or "Refresh" asks again; with where the calls go (region, account, IAM
 * 5.0's model), everything the who-can view and the impact of a tag change need besides the images.
 */
import * as vscode from 'vscode';
import { DEFAULT_REGION } from '../../core/catalogue';
import { AccountAccess } from '../../core/access/account';
import type { ImageTarget, Whereabouts } from '../../core/access/imageAccess';
import type { Iam5Model } from '../../core/catalogue/iam5/model';
import type { ImsClient } from '../../core/client/imsClient';
import type { ConnectionManager } from '../connection';

export class AccountTracker implements vscode.Disposable {
  private value?: { account: AccountAccess; where: Promise<Whereabouts> };
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly model: () => Iam5Model | undefined,
  ) {
    this.subscription = connections.onDidChange(() => (this.value = undefined));
  }

  /** The account of the connection in use (read lazily); throws when not connected. */
  current(): { account: AccountAccess; where: Promise<Whereabouts> } {
    const c = this.connections.connection;
    if (!c) throw new Error(vscode.l10n.t('Not connected to IMS: open the Sandbox or connect to Huawei Cloud first.'));
    if (!vscode.workspace.isTrusted)
      throw new Error(vscode.l10n.t('This workspace is not trusted: IMS requests are not sent from restricted mode.'));
    if (!this.value) {
      const where = c.iam.accountId().then((account) => ({
        region: c.kind === 'cloud' ? c.region : DEFAULT_REGION,
        account,
        model: this.model(),
      }));
      where.catch(() => (this.value = undefined));
      this.value = { account: new AccountAccess(c.iam, c.projectId), where };
    }
    return this.value;
  }

  /** Forgets what was read (IAM changed): the next use reads again. */
  refresh(): void {
    this.value = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** An image with its tags as IMS says them now. */
export async function imageTarget(client: ImsClient, image: { id: string; name: string }): Promise<ImageTarget> {
  const { tags } = await client.listImageTags(image.id);
  return { id: image.id, name: image.name, tags: Object.fromEntries(tags.map((t) => [t.key, t.value])) };
}
