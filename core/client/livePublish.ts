/**
 * Publishing a live policy to IAM, free of the editor (client/policies/publish.ts words it and turns IAM's
 * refusals into the editor's errors): a custom policy is updated; a 5.0 policy gets a new version, and at
 * IAM's 5 versions the oldest one that is not the default is deleted only with the person's consent, with
 * a way back if IAM then refuses the new one. Every failure rejects, so the editor keeps the document dirty.
 */
import { ImsError } from './errors';
import type { IamClient } from './iamClient';
import type { LiveAddress } from './liveAddress';

/** A question with the one choice that goes ahead; anything else (Escape included) does not. */
export type Ask = (message: string, ...choices: string[]) => Thenable<string | undefined>;

/** The questions a publish may ask, in the person's language (the client translates them). */
export interface PublishWords {
  makeRoom(name: string, version: string): { question: string; yes: string };
  restore(name: string, version: string, refusal: string): { question: string; yes: string };
}

/** Where a publish reports what it did to versions it was not asked to touch (the extension's log). */
export interface PublishLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Whether IAM's copy changed since the one the edit started from (the stamps read then and now); with no
 * known base (never read, or forgotten), nothing can be compared and the publish goes ahead.
 */
export function changedInIam(baseStamp: string | undefined, currentStamp: string): boolean {
  return baseStamp !== undefined && currentStamp !== baseStamp;
}

/** The version to delete to make room: the oldest by number that is not the default (IAM refuses to delete that one). */
export function oldestDeletableVersion<V extends { version_id: string; is_default: boolean }>(
  versions: readonly V[],
): V | undefined {
  return versions.filter((v) => !v.is_default).sort((x, y) => Number(x.version_id.slice(1)) - Number(y.version_id.slice(1)))[0];
}

/** Publishes a live policy: a role is updated, a 5.0 policy gets a new version (the default, or not). */
export async function publishLivePolicy(
  iam: IamClient,
  ask: Ask,
  words: PublishWords,
  log: PublishLog,
  a: LiveAddress,
  value: unknown,
  name: string,
  makeDefault: boolean,
): Promise<void> {
  if (a.kind === 'role') {
    await iam.updateRole(a.roleId, { policy: value });
    return;
  }
  const document = JSON.stringify(value);
  try {
    await iam.createVersion(a.policyId, document, makeDefault);
  } catch (e) {
    if (!(e instanceof ImsError && e.status === 409 && /versions/.test(e.message))) throw e;
    await makeRoomAndCreate(iam, ask, words, log, a.policyId, name, document, makeDefault, e);
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
  words: PublishWords,
  log: PublishLog,
  policyId: string,
  name: string,
  document: string,
  makeDefault: boolean,
  full: ImsError,
): Promise<void> {
  const oldest = oldestDeletableVersion(await iam.listVersions(policyId));
  if (!oldest) throw full;
  const room = words.makeRoom(name, oldest.version_id);
  if ((await ask(room.question, room.yes)) !== room.yes) throw full;
  const kept = await iam.getVersion(policyId, oldest.version_id);
  await iam.deleteVersion(policyId, oldest.version_id);
  try {
    await iam.createVersion(policyId, document, makeDefault);
  } catch (e) {
    const restore = words.restore(name, oldest.version_id, (e as Error).message);
    if ((await ask(restore.question, restore.yes)) === restore.yes) {
      const restored = await iam.createVersion(policyId, kept.document, false);
      log.info(`Restored the document of ${oldest.version_id} of ${name} as ${restored.version_id}.`);
    } else log.warn(`${oldest.version_id} of ${name} was deleted and not restored; its document was: ${kept.document}`);
    throw e;
  }
}
