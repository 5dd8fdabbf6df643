/**
 * What the emulator knows of an IMS call, for the Conditions of the caller's policies
 * (core/policy/conditions.ts): the caller (with the tags an `--iam` seed gave it), the image with its
 * current tags, the tags the request sets (core/tags/requestTags.ts), and the time.
 */
import type { ImsApi } from '../../core/catalogue';
import type { RequestContext } from '../../core/policy/conditions';
import { callContext } from '../../core/access/imageAccess';
import { callImageId, requestTags } from '../../core/tags/requestTags';
import type { ImageStore } from '../store';
import type { IamAccount } from './account';

export function imsRequestContext(
  account: IamAccount,
  store: ImageStore,
  callerId: string,
  api: ImsApi,
  params: Record<string, string>,
  raw: string,
): RequestContext {
  const imageId = callImageId(params, raw);
  const image = imageId !== undefined ? store.get(imageId) : undefined;
  // The same context the extension's predictions build (core/access/imageAccess.ts). The emulator knows
  // the whole call: an image that does not exist (its 404 comes after the authorization), or none named,
  // has no tags; the administrator is no IAM user of the data, so its tags are none.
  return callContext(
    api,
    { tags: Object.fromEntries(image?.tags ?? []) },
    { name: account.userName(callerId), tags: { ...(account.data.users.find((u) => u.id === callerId)?.tags ?? {}) } },
    { region: account.region, account: account.domainId },
    requestTags(api, params, raw),
  );
}
