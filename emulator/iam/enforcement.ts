/**
 * Whether the identity that signed an IMS request may perform it: the custom and system policies granted
 * to the user's groups (or, on enterprise projects, to the user) at a scope that covers the request,
 * plus the 5.0 identity policies attached to the user and their groups (default versions). An explicit
 * Deny anywhere wins; without an Allow the action is missing. A grant on an enterprise project covers
 * only APIs the catalogue marks as authorizable there, which no tag API is (the seed's table). A grant
 * on the domain covers global services (type AX) only, and IMS is a project-level service.
 */
import type { ImsApi } from '../../core/catalogue';
import type { Iam5Model } from '../../core/catalogue/iam5/model';
import { emulatorModel } from './authorizationSchema';
import { evaluateApiActions } from '../../core/policy/apiActions';
import type { ConditionFailure, RequestContext } from '../../core/policy/conditions';
import type { PolicySource, StatementRef, Verdict } from '../../core/policy/evaluator';
import { parseJson } from '../../core/policy/policyDocument';
import type { IamAccount } from './account';
import type { Grant, Role } from './model';

function grantCovers(grant: Grant, role: Role, api: ImsApi, projectId: string): boolean {
  switch (grant.scope.kind) {
    case 'project':
      return grant.scope.projectId === projectId;
    case 'allProjects':
      return true;
    case 'domain':
      return role.type === 'AX';
    case 'enterpriseProject':
      return api.enterpriseProject;
  }
}

/** The policies that apply to `userId` calling `api` in `projectId`. */
export function applicablePolicies(account: IamAccount, userId: string, api: ImsApi, projectId: string): PolicySource[] {
  const groupIds = new Set(account.groupsOf(userId).map((g) => g.id));
  const mine = (g: Grant) => ('group' in g.subject ? groupIds.has(g.subject.group) : g.subject.user === userId);
  const sources: PolicySource[] = [];
  const add = (uri: string, text: string, label: string) => {
    const model = parseJson(text).policy;
    if (model) sources.push({ uri, model, label });
  };
  for (const grant of account.data.grants) {
    if (!mine(grant)) continue;
    const role = account.role(grant.roleId);
    if (grantCovers(grant, role, api, projectId))
      add(`iam:role:${role.id}`, JSON.stringify(role.policy), `custom policy "${role.displayName}"`);
  }
  for (const p of account.data.policies) {
    if (!p.attachedUsers.includes(userId) && !p.attachedGroups.some((g) => groupIds.has(g))) continue;
    const version = p.versions.find((v) => v.versionId === p.defaultVersionId);
    if (version) add(`iam:policy:${p.id}`, version.document, `policy "${p.name}"`);
  }
  return sources;
}

/** Why an action is refused, in the words of the 403 (explainable, as LocalStack's IAM is). */
export function refusalReasons(verdicts: readonly Verdict[]): string[] {
  const name = (r: StatementRef) => `${r.source.label ?? r.source.uri}, statement ${r.statement.index + 1}`;
  return verdicts.flatMap((v) => {
    if (v.decision === 'denied') return [`${v.action} is denied explicitly by ${v.deniedBy.map(name).join('; ')}.`];
    if (v.decision !== 'notGranted') return [];
    const unmet = v.unmet.filter((r) => r.statement.effect === 'Allow' && r.condition?.result === 'fails');
    if (unmet.length === 0) return [`No statement allows ${v.action} (implicit deny).`];
    return unmet.map((r) => {
      const f = (r.condition as { failure: ConditionFailure }).failure;
      const has = f.actual.length ? f.actual.join(', ') : 'no value';
      return `${name(r)} allows ${v.action} only if ${f.key} ${f.operator} ${f.expected.join(' or ')}; the request has ${has}.`;
    });
  });
}

/**
 * The actions of `api` that `userId` may not perform (empty: allowed), and why. The administrator may do
 * everything. 1.1 policies are judged in the catalogue's actions, 5.0 policies in the schema's (the same
 * schema the emulator serves: core/policy/apiActions.ts), on the image's URN, and with their Conditions
 * evaluated against what the call carries (`context`: the caller, the image's tags, the tags it sets).
 */
export function refusal(
  account: IamAccount,
  userId: string,
  api: ImsApi,
  projectId: string,
  imageId?: string,
  context?: RequestContext,
  model: Iam5Model = emulatorModel(account.data),
): { missing: string[]; reasons: string[] } {
  if (account.isAdministrator(userId)) return { missing: [], reasons: [] };
  return judgeCall(account, applicablePolicies(account, userId, api, projectId), api, imageId, context, model);
}

/** What a call may not do under these policies, and why (also the `--policy` shorthand's answer). */
export function judgeCall(
  account: IamAccount,
  sources: readonly PolicySource[],
  api: ImsApi,
  imageId?: string,
  context?: RequestContext,
  model: Iam5Model = emulatorModel(account.data),
): { missing: string[]; reasons: string[] } {
  // 5.0 statements are matched against the image's URN (an action without a resource type: only `*`).
  const resourceOf = (action: string) => model.urnFor(action, { region: account.region, account: account.domainId, id: imageId });
  // A Condition that depends on what the emulator cannot know (a principal's tags) may apply: an Allow counts.
  const refused = evaluateApiActions(api, sources, model, resourceOf, context).filter(
    (v) => v.decision === 'notGranted' || v.decision === 'denied',
  );
  return { missing: refused.map((v) => v.action), reasons: refusalReasons(refused) };
}
