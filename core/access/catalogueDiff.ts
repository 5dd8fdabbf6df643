/**
 * The IMS catalogue this extension ships against what IAM publishes about IMS
 * (`GET /v5/authorization-schemas/services/ims`, the SDK's GetAuthorizationSchemaV5): actions missing on either side,
 * access levels, and each operation's action and dependent actions. Shown to people side by side; the
 * shipped catalogue is never updated silently.
 */
import { IMS_ACTIONS, IMS_APIS, dependentActions } from '../catalogue';

/** What this reads of GetAuthorizationSchemaV5's answer (the SDK's Action: `name`, descriptions `en_US`/`zh_CN`). */
export interface AuthorizationSchema {
  actions?: Array<{ name: string; access_level?: string; description?: { en_US?: string; zh_CN?: string } }>;
  operations?: Array<{ operation_id: string; operation_action?: string; dependent_actions?: string[] }>;
}

export interface CatalogueDifference {
  kind: 'onlyInCloud' | 'onlyInCatalogue' | 'accessLevel' | 'operationAction' | 'dependentActions';
  subject: string;
  catalogue: string;
  cloud: string;
}

/** The access level the catalogue implies for an operation name (get → read, list → list, else write). */
export function impliedAccessLevel(action: string): string {
  const op = action.split(':')[2] ?? '';
  return op.startsWith('list') ? 'list' : op.startsWith('get') ? 'read' : 'write';
}

const set = (xs: readonly string[]) => [...new Set(xs)].sort().join(', ') || '—';

export function compareCatalogue(schema: AuthorizationSchema): CatalogueDifference[] {
  const out: CatalogueDifference[] = [];
  const cloudActions = new Map((schema.actions ?? []).map((a) => [a.name, a]));
  for (const a of IMS_ACTIONS) {
    const cloud = cloudActions.get(a.name);
    if (!cloud) out.push({ kind: 'onlyInCatalogue', subject: a.name, catalogue: 'present', cloud: 'absent' });
    else if (cloud.access_level && cloud.access_level !== impliedAccessLevel(a.name))
      out.push({ kind: 'accessLevel', subject: a.name, catalogue: impliedAccessLevel(a.name), cloud: cloud.access_level });
  }
  for (const name of cloudActions.keys())
    if (!IMS_ACTIONS.some((a) => a.name === name))
      out.push({ kind: 'onlyInCloud', subject: name, catalogue: 'absent', cloud: 'present' });
  const cloudOps = new Map((schema.operations ?? []).map((o) => [o.operation_id, o]));
  for (const api of IMS_APIS) {
    const op = cloudOps.get(api.id);
    if (!op) continue; // IAM's schema need not list every API; the actions are compared above
    if (op.operation_action && op.operation_action !== api.actions[0])
      out.push({ kind: 'operationAction', subject: api.id, catalogue: api.actions[0], cloud: op.operation_action });
    const ours = api.actions
      .slice(1)
      .concat(api.actions.flatMap(dependentActions))
      .filter((a) => a !== api.actions[0]);
    if (set(ours) !== set(op.dependent_actions ?? []))
      out.push({ kind: 'dependentActions', subject: api.id, catalogue: set(ours), cloud: set(op.dependent_actions ?? []) });
  }
  return out;
}
