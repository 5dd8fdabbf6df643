/**
 * Publishing a live policy to IAM (liveDocuments.ts decides when, after the review): a custom policy is
 * updated; a 5.0 policy gets a new version, and at IAM's 5 versions the oldest non-default one is deleted
 * only with the person's consent, with a way back if IAM then refuses the new one.
 */
import * as vscode from 'vscode';
import { ImsError } from '../../core/client/errors';
import type { IamClient } from '../../core/client/iamClient';
import { log } from '../log';
import type { LiveAddress } from './address';

/** The questions a save may ask; tests answer them through the extension's API. */
export type Ask = (message: string, ...choices: string[]) => Thenable<string | undefined>;

/** Publishes a live policy: a role is updated, a 5.0 policy gets a new version (the default, or not). */
export async function publishPolicy(
  iam: IamClient,
  ask: Ask,
  a: LiveAddress,
  value: unknown,
  name: string,
  makeDefault: boolean,
): Promise<void> {
  try {
    if (a.kind === 'role') {
      await iam.updateRole(a.roleId, { policy: value });
      return;
    }
    const document = JSON.stringify(value);
    try {
      await iam.createVersion(a.policyId, document, makeDefault);
    } catch (e) {
      if (!(e instanceof ImsError && e.status === 409 && /versions/.test(e.message))) throw e;
      await makeRoomAndCreate(iam, ask, a.policyId, name, document, makeDefault, e);
    }
  } catch (e) {
    if (e instanceof ImsError)
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('IAM refused to publish {0}: {1}', name, `${e.code ? `${e.code} ` : ''}${e.message}`),
      );
    throw e;
  }
}

/**
 * IAM keeps 5 versions: the oldest one that is not the default is deleted only after the person agrees,
 * its document read first; if the new version then cannot be made, the message says exactly what was
 * deleted and offers to restore it from that document, so nothing is silently lost.
 */
async function makeRoomAndCreate(
  iam: IamClient,
  ask: Ask,
  policyId: string,
  name: string,
  document: string,
  makeDefault: boolean,
  full: ImsError,
): Promise<void> {
  const versions = await iam.listVersions(policyId);
  const oldest = versions
    .filter((v) => !v.is_default)
    .sort((x, y) => Number(x.version_id.slice(1)) - Number(y.version_id.slice(1)))[0];
  if (!oldest) throw full;
  const remove = vscode.l10n.t('Delete {0} and Publish', oldest.version_id);
  const choice = await ask(
    vscode.l10n.t(
      '{0} already has 5 versions, the most IAM keeps. Delete its oldest version that is not the default ({1}) and publish yours as the new default?',
      name,
      oldest.version_id,
    ),
    remove,
  );
  if (choice !== remove) throw full;
  const kept = await iam.getVersion(policyId, oldest.version_id);
  await iam.deleteVersion(policyId, oldest.version_id);
  try {
    await iam.createVersion(policyId, document, makeDefault);
  } catch (e) {
    const restore = vscode.l10n.t('Restore {0}', oldest.version_id);
    const answer = await ask(
      vscode.l10n.t(
        "{0} was deleted to make room, then IAM refused your version: {1}. Restore the deleted version's document as a new version (not the default)?",
        `${name} ${oldest.version_id}`,
        (e as Error).message,
      ),
      restore,
    );
    if (answer === restore) {
      const restored = await iam.createVersion(policyId, kept.document, false);
      log().info(`Restored the document of ${oldest.version_id} of ${name} as ${restored.version_id}.`);
    } else log().warn(`${oldest.version_id} of ${name} was deleted and not restored; its document was: ${kept.document}`);
    throw e;
  }
}
