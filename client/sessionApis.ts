/**
 * The IMS APIs this window has called (the explorer, batch operations, "Send IMS request"), for the
 * least-privilege policy of what a person actually did. Recorded from the client's exchanges, by method
 * and path; IAM calls are not IMS APIs and are left out.
 */
import type { Exchange } from '../core/client/imsClient';
import { routeFor } from '../core/http/imsRequest';

const called = new Set<string>();

export function recordApi(e: Exchange): void {
  const hit = routeFor(e.method, e.path).hit;
  if (hit) called.add(hit.api.id);
}

export function sessionApiIds(): string[] {
  return [...called];
}
