/**
 * Publishing a live policy to IAM (liveDocuments.ts decides when, after the review): the steps are
 * core's (core/client/livePublish.ts); here they are worded in the person's language, and IAM's refusal
 * becomes the editor's error, which keeps the document dirty.
 */
import * as vscode from 'vscode';
import { ImsError } from '../../core/client/errors';
import type { IamClient } from '../../core/client/iamClient';
import { publishLivePolicy, type Ask, type PublishWords } from '../../core/client/livePublish';
import { log } from '../log';
import type { LiveAddress } from './address';

export type { Ask };

const WORDS: PublishWords = {
  makeRoom: (name, version) => ({
    question: vscode.l10n.t(
      '{0} already has 5 versions, the most IAM keeps. Delete its oldest version that is not the default ({1}) and publish yours as the new default?',
      name,
      version,
    ),
    yes: vscode.l10n.t('Delete {0} and Publish', version),
  }),
  restore: (name, version, refusal) => ({
    question: vscode.l10n.t(
      "{0} was deleted to make room, then IAM refused your version: {1}. Restore the deleted version's document as a new version (not the default)?",
      `${name} ${version}`,
      refusal,
    ),
    yes: vscode.l10n.t('Restore {0}', version),
  }),
};

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
    await publishLivePolicy(
      iam,
      ask,
      WORDS,
      { info: (m) => log().info(m), warn: (m) => log().warn(m) },
      a,
      value,
      name,
      makeDefault,
    );
  } catch (e) {
    if (e instanceof ImsError)
      throw vscode.FileSystemError.Unavailable(
        vscode.l10n.t('IAM refused to publish {0}: {1}', name, `${e.code ? `${e.code} ` : ''}${e.message}`),
      );
    throw e;
  }
}
