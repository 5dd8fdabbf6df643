/**
 * The connected identity's effective permissions, read from IAM once per connection (and again on
 * "Refresh"), for everything that needs them: My permissions in the Policies view, the language server's
 * `.http` hovers and diagnostics, the batch pre-check and the explanation of a 403. An identity IAM
 * will not describe gets a clear "unreadable" answer instead of verdicts.
 */
import * as vscode from 'vscode';
import { effectivePermissions } from '../core/access/effective';
import { gatherAccessFacts } from '../core/access/gather';
import { identityVerdict, toIdentityAccess, type IdentityAccess, type IdentityApiVerdict } from '../core/access/identityAccess';
import { ImsError } from '../core/client/errors';
import type { Connection, ConnectionManager } from './connection';
import { log } from './log';
import { principalName } from '../core/client/iamTypes';
import type { Iam5Model } from '../core/catalogue/iam5/model';

export function connectionLabel(c: Connection): string {
  return c.kind === 'sandbox' ? vscode.l10n.t('the Sandbox') : c.local ? vscode.l10n.t('a local emulator') : c.region;
}

/** Reads the identity's grants and judges every IMS API; a 403 on the reads becomes `unreadable`. */
export async function readIdentityAccess(c: Connection, model?: Iam5Model): Promise<IdentityAccess> {
  let identity = '';
  const connection = connectionLabel(c);
  try {
    const me = await c.iam.callerIdentity();
    identity = principalName(me.principal_urn) ?? me.principal_id;
    const facts = await gatherAccessFacts(c.iam, me.principal_id, c.projectId);
    return toIdentityAccess({ identity, connection }, facts, effectivePermissions(facts, undefined, model));
  } catch (e) {
    if (!(e instanceof ImsError && e.status === 403)) throw e;
    const who = identity || vscode.l10n.t('this identity');
    return {
      identity: who,
      connection,
      projectId: c.projectId,
      administrator: false,
      apis: [],
      unreadable: vscode.l10n.t('IAM does not let {0} read its own grants: ask an administrator for IAM read access.', who),
    };
  }
}

/** Why the identity may not call an API, in one sentence ("You, as dave: denied by …, statement 1."). */
export function refusalText(access: IdentityAccess, v: IdentityApiVerdict): string {
  const why =
    v.decision === 'denied'
      ? vscode.l10n.t(
          'denied by {0}',
          v.decidedBy.map((r) => vscode.l10n.t('"{0}", statement {1}', r.policy, r.statement)).join('; '),
        )
      : vscode.l10n.t('no policy granted to you on this project allows {0}', v.missing.join(', '));
  const ep = v.enterpriseOnly.map((e) =>
    vscode.l10n.t(
      '"{0}" is granted on enterprise project {1}, which cannot authorize IMS tag APIs.',
      e.policy,
      e.enterpriseProjectId,
    ),
  );
  return [vscode.l10n.t('You, as {0}: {1}.', access.identity, why), ...ep].join(' ');
}

export class IdentityAccessTracker implements vscode.Disposable {
  private value?: IdentityAccess;
  private reading?: Promise<IdentityAccess>;
  private generation = 0;
  private readonly changed = new vscode.EventEmitter<IdentityAccess | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connections: ConnectionManager,
    /** IAM 5.0's model in force (IAM's schema once read): 5.0 policies are judged by it. */
    private readonly model: () => Iam5Model | undefined = () => undefined,
  ) {
    this.subscription = connections.onDidChange(() => {
      this.generation++;
      this.reading = undefined;
      this.set(undefined);
      // Read in the background, so the first hover after connecting already knows; failures only go to the log.
      if (connections.connection && vscode.workspace.isTrusted)
        this.refresh().catch((e: Error) => log().warn(`Could not read the identity's permissions: ${e.message}`));
    });
  }

  /** What is known now (undefined while not connected or not yet read). */
  get current(): IdentityAccess | undefined {
    return this.value;
  }

  verdict(apiId: string): IdentityApiVerdict | undefined {
    return identityVerdict(this.value, apiId);
  }

  /** Reads IAM again (one read at a time; a connection change discards a read under way). */
  refresh(): Promise<IdentityAccess> {
    const c = this.connections.connection;
    if (!c)
      return Promise.reject(new Error(vscode.l10n.t('Not connected to IMS: open the Sandbox or connect to Huawei Cloud first.')));
    if (this.reading) return this.reading;
    const generation = this.generation;
    const reading = readIdentityAccess(c, this.model()).then((access) => {
      if (generation === this.generation) this.set(access);
      return access;
    });
    this.reading = reading;
    const done = () => {
      if (this.reading === reading) this.reading = undefined;
    };
    reading.then(done, done);
    return reading;
  }

  private set(value: IdentityAccess | undefined): void {
    this.value = value;
    this.changed.fire(value);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
