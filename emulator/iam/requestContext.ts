/**
 * What the emulator knows of an IMS call, for the Conditions of the caller's policies
 * (core/policy/conditions.ts): the caller (with the tags an `--iam` seed gave it), the image with its
 * current tags, the tags the request sets (core/tags/requestTags.ts), and the time.
 */
import type { ImsApi } from '../../core/catalogue';
import type { RequestContext } from '../../core/policy/conditions';
import { requestTags } from '../../core/tags/requestTags';
import type { ImageStore } from '../store';
import type { IamAccount } from './account';

function bodyImageId(raw: string): string | undefined {
  try {
    const id = (JSON.parse(raw) as { image_id?: unknown } | null)?.image_id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

export function imsRequestContext(
  account: IamAccount,
  store: ImageStore,
  callerId: string,
  api: ImsApi,
  params: Record<string, string>,
  raw: string,
): RequestContext {
  const name = account.userName(callerId);
  const user = account.data.users.find((u) => u.id === callerId);
  // The image a call acts on: its path's, or (CreateOrUpdateTags) its body's.
  const imageId = params.image_id ?? bodyImageId(raw);
  const image = imageId !== undefined ? store.get(imageId) : undefined;
  return {
    // The administrator is no IAM user of the data: its tags are none.
    principal: { name, account: account.domainId, urn: `iam::${account.domainId}:user:${name}`, tags: { ...(user?.tags ?? {}) } },
    // An image that does not exist has no tags (its 404 comes after the authorization); a call about no
    // image carries no resource tags at all: a g:ResourceTag condition is then absent, not unknown.
    resource: { tags: Object.fromEntries(image?.tags ?? []) },
    request: { tags: requestTags(api, params, raw) },
    time: new Date(),
  };
}
