/**
 * IMS's IAM 5.0 model as this extension ships it (the snapshot, core/catalogue/iam5/imsSnapshot.ts) against
 * what IAM publishes (`GET /v5/authorization-schemas/services/ims`, the SDK's GetAuthorizationSchemaV5):
 * actions missing on either side, access levels, and each operation's action and dependent actions.
 * Shown to people side by side; IAM's own schema, once read, is what the features use (the drift is why).
 */
import { IMS_SCHEMA_SNAPSHOT } from '../catalogue/iam5/imsSnapshot';
import type { AuthorizationSchema } from '../catalogue/iam5/schemaTypes';

export interface CatalogueDifference {
  kind: 'onlyInCloud' | 'onlyInCatalogue' | 'accessLevel' | 'operationAction' | 'dependentActions';
  subject: string;
  catalogue: string;
  cloud: string;
}

const set = (xs: readonly string[]) => [...new Set(xs)].sort().join(', ') || '—';

export function compareCatalogue(
  cloud: AuthorizationSchema,
  shipped: AuthorizationSchema = IMS_SCHEMA_SNAPSHOT,
): CatalogueDifference[] {
  const out: CatalogueDifference[] = [];
  const cloudActions = new Map(cloud.actions.map((a) => [a.name, a]));
  for (const a of shipped.actions) {
    const c = cloudActions.get(a.name);
    if (!c) out.push({ kind: 'onlyInCatalogue', subject: a.name, catalogue: 'present', cloud: 'absent' });
    else if (c.access_level !== a.access_level)
      out.push({ kind: 'accessLevel', subject: a.name, catalogue: a.access_level, cloud: c.access_level });
  }
  for (const name of cloudActions.keys())
    if (!shipped.actions.some((a) => a.name === name))
      out.push({ kind: 'onlyInCloud', subject: name, catalogue: 'absent', cloud: 'present' });
  const cloudOps = new Map(cloud.operations.map((o) => [o.operation_id, o]));
  for (const op of shipped.operations) {
    const c = cloudOps.get(op.operation_id);
    if (!c) continue; // IAM's schema need not list every API; the actions are compared above
    if (c.operation_action !== op.operation_action)
      out.push({ kind: 'operationAction', subject: op.operation_id, catalogue: op.operation_action, cloud: c.operation_action });
    if (set(op.dependent_actions ?? []) !== set(c.dependent_actions ?? []))
      out.push({
        kind: 'dependentActions',
        subject: op.operation_id,
        catalogue: set(op.dependent_actions ?? []),
        cloud: set(c.dependent_actions ?? []),
      });
  }
  return out;
}
