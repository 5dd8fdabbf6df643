/**
 * How a failed command is told: a refusal by the cloud names the actions the call needs and offers a
 * policy that grants them (or, when IAM says a Deny of the connected identity applies, opens that policy);
 * "not connected" offers the ways to connect; anything else offers the log.
 * Nothing here waits for the person's answer, so the command that failed ends at once.
 */
import * as vscode from 'vscode';
import { ImsError } from '../core/client/errors';
import { refusalText, type IdentityAccessTracker } from './access';
import { NotConnectedError } from './context';
import { log } from './log';
import { createPolicyFor } from './commands/permissions';

export async function explainFailure(e: unknown, access?: IdentityAccessTracker): Promise<void> {
  const message = e instanceof Error ? e.message : String(e);
  log().error(message);
  const showLog = vscode.l10n.t('Show log');
  if (e instanceof NotConnectedError) {
    const sandbox = vscode.l10n.t('Open Sandbox');
    const connect = vscode.l10n.t('Connect to Huawei Cloud');
    void vscode.window.showErrorMessage(message, sandbox, connect).then((c) => {
      if (c === sandbox) void vscode.commands.executeCommand('imsTags.openSandbox');
      else if (c === connect) void vscode.commands.executeCommand('imsTags.connect');
    });
    return;
  }
  if (!(e instanceof ImsError) || (e.status !== 401 && e.status !== 403) || e.neededActions.length === 0) {
    void vscode.window.showErrorMessage(message, showLog).then((c) => c && log().show());
    return;
  }
  const create = vscode.l10n.t('Create policy');
  // What IAM says about the identity explains the refusal: the Deny to open, or the grant to create.
  const verdict = e.api && access?.verdict(e.api.id);
  const deny = verdict?.decision === 'denied' ? verdict.decidedBy[0] : undefined;
  const openDeny = deny && vscode.l10n.t('Open {0}', deny.policy);
  const reason = verdict && verdict.decision !== 'allowed' && access?.current ? ` ${refusalText(access.current, verdict)}` : '';
  const choices = [openDeny ?? create, showLog];
  void vscode.window
    .showErrorMessage(
      vscode.l10n.t(
        '{0} was refused ({1}). This call needs {2}.',
        e.api?.id ?? 'The call',
        e.status,
        e.neededActions.join(', '),
      ) + reason,
      ...choices,
    )
    .then(async (choice) => {
      if (choice === create) await createPolicyFor(e.neededActions);
      else if (deny && choice === openDeny) await vscode.window.showTextDocument(vscode.Uri.parse(deny.uri));
      else if (choice) log().show();
    });
}
