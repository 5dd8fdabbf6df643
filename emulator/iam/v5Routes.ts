/** IAM 5.0: identity policies with versions and attachments, caller identity, validation, authorization schemas (docs/sources.md §I.2). */
import { QUOTAS, newId, now, type IamAccount } from './account';
import { imsAuthorizationSchema } from './authorizationSchema';
import { IamFailure, badRequest, conflict, notFoundIam } from './errors';
import { policyJson, versionJson } from './format';
import type { PolicyV5 } from './model';
import { policyFindings } from './policyChecks';
import { operation, type Route } from './router';

type Body = Record<string, unknown> | undefined;

/** Marker paging: the marker is the id of the last item of the previous page. */
function markerPage<T>(items: T[], idOf: (t: T) => string, query: URLSearchParams) {
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 100) || 100, 1), 200);
  const marker = query.get('marker');
  const start = marker ? items.findIndex((t) => idOf(t) === marker) + 1 : 0;
  if (marker && start === 0) throw badRequest(`marker ${marker} is not an item of this list.`);
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { slice, page_info: { next_marker: more ? idOf(slice[slice.length - 1]) : null, current_count: slice.length } };
}

export function v5Routes(a: IamAccount): Route[] {
  const d = a.data;
  const document = (body: unknown): string => {
    const text = (body as Body)?.policy_document;
    if (typeof text !== 'string') throw badRequest('policy_document must be the policy as a JSON string.');
    if (text.length > QUOTAS.documentChars)
      throw badRequest(`policy_document has ${text.length} characters; at most ${QUOTAS.documentChars}.`);
    const errors = policyFindings(text, '5.0').filter((f) => f.findingType === 'ERROR');
    if (errors.length) throw badRequest(`policy_document is not a valid 5.0 policy: ${errors[0].message} (${errors[0].path})`);
    return text;
  };
  /** A policy that may be changed: system-defined ones are read and attached only, as in IAM. */
  const changeable = (id: string): PolicyV5 => {
    const p = a.policy(id);
    if (p.system) throw new IamFailure(403, 'IAM.0003', `${p.name} is a system-defined policy: it cannot be changed.`);
    return p;
  };
  const attachTarget = (body: unknown, key: 'user_id' | 'group_id') => {
    const id = (body as Body)?.[key];
    if (typeof id !== 'string') throw badRequest(`${key} is required.`);
    return key === 'user_id' ? a.user(id).id : a.group(id).id;
  };
  const attached = (p: PolicyV5, kind: 'attachedUsers' | 'attachedGroups', id: string, attach: boolean) => {
    const has = p[kind].includes(id);
    if (attach) {
      const count = d.policies.filter((x) => x[kind].includes(id)).length;
      const max = kind === 'attachedUsers' ? QUOTAS.userPolicies : QUOTAS.groupPolicies;
      if (!has && count >= max)
        throw badRequest(
          `At most ${max} identity policies can be attached to one ${kind === 'attachedUsers' ? 'user' : 'group'}.`,
        );
      if (!has) p[kind].push(id);
    } else {
      if (!has) throw notFoundIam(`Attachment of ${p.name} to ${id}`);
      p[kind] = p[kind].filter((x) => x !== id);
    }
    return { status: 204 };
  };
  const attachedTo = (kind: 'attachedUsers' | 'attachedGroups', id: string) =>
    d.policies
      .filter((p) => p[kind].includes(id))
      .map((p) => ({ policy_id: p.id, policy_name: p.name, urn: policyJson(a, p).urn, attached_at: p.updatedAt }));
  return [
    operation('CreatePolicyV5', ({ body }) => {
      const b = (body ?? {}) as Record<string, unknown>;
      const name = a.checkPolicyName(b.policy_name);
      const text = document(body);
      if (b.path !== undefined && (typeof b.path !== 'string' || !/^([A-Za-z0-9.,+@=_-]+\/)*$/.test(b.path)))
        throw badRequest('path must be segments each ending with "/", such as "foo/bar/".');
      const at = now();
      const policy: PolicyV5 = {
        id: newId(),
        name,
        path: (b.path as string | undefined) ?? '',
        description: typeof b.description === 'string' ? b.description : '',
        defaultVersionId: 'v1',
        versions: [{ versionId: 'v1', document: text, createdAt: at }],
        nextVersion: 2,
        attachedUsers: [],
        attachedGroups: [],
        createdAt: at,
        updatedAt: at,
      };
      d.policies.push(policy);
      return { status: 200, body: { policy: policyJson(a, policy) } };
    }),
    operation('ListPoliciesV5', ({ query }) => {
      const type = query.get('policy_type');
      if (type !== null && type !== 'custom' && type !== 'system') throw badRequest('policy_type must be custom or system.');
      const listed = d.policies.filter((p) => type === null || (type === 'system') === (p.system === true));
      const { slice, page_info } = markerPage(listed, (p) => p.id, query);
      return { status: 200, body: { policies: slice.map((p) => policyJson(a, p)), page_info } };
    }),
    operation('GetPolicyV5', ({ params }) => ({
      status: 200,
      body: { policy: policyJson(a, a.policy(params.policy_id)) },
    })),
    operation('DeletePolicyV5', ({ params }) => {
      const p = changeable(params.policy_id);
      if (p.attachedUsers.length + p.attachedGroups.length > 0)
        throw conflict(`The policy ${p.name} is still attached: detach it first.`);
      d.policies = d.policies.filter((x) => x !== p);
      return { status: 204 };
    }),
    operation('ListPolicyVersionsV5', ({ params, query }) => {
      const p = a.policy(params.policy_id);
      const { slice, page_info } = markerPage(p.versions, (v) => v.versionId, query);
      return { status: 200, body: { versions: slice.map((v) => versionJson(p, v)), page_info } };
    }),
    operation('CreatePolicyVersionV5', ({ params, body }) => {
      const p = changeable(params.policy_id);
      const text = document(body);
      if (p.versions.length >= QUOTAS.versions)
        throw conflict(`A policy has at most ${QUOTAS.versions} versions: delete a version that is not the default first.`);
      const v = { versionId: `v${p.nextVersion}`, document: text, createdAt: now() };
      p.versions.push(v);
      p.nextVersion++;
      if ((body as Body)?.set_as_default === true) Object.assign(p, { defaultVersionId: v.versionId, updatedAt: v.createdAt });
      return { status: 200, body: { policy_version: versionJson(p, v) } };
    }),
    operation('GetPolicyVersionV5', ({ params }) => {
      const p = a.policy(params.policy_id);
      const v = p.versions.find((x) => x.versionId === params.version_id);
      if (!v) throw notFoundIam(`Version ${params.version_id} of ${p.name}`);
      return { status: 200, body: { policy_version: versionJson(p, v) } };
    }),
    operation('DeletePolicyVersionV5', ({ params }) => {
      const p = changeable(params.policy_id);
      if (!p.versions.some((x) => x.versionId === params.version_id))
        throw notFoundIam(`Version ${params.version_id} of ${p.name}`);
      if (p.defaultVersionId === params.version_id)
        throw conflict('The default version cannot be deleted: set another version as the default first.');
      p.versions = p.versions.filter((x) => x.versionId !== params.version_id);
      return { status: 204 };
    }),
    operation('SetDefaultPolicyVersionV5', ({ params }) => {
      const p = changeable(params.policy_id);
      if (!p.versions.some((x) => x.versionId === params.version_id))
        throw notFoundIam(`Version ${params.version_id} of ${p.name}`);
      Object.assign(p, { defaultVersionId: params.version_id, updatedAt: now() });
      return { status: 204 };
    }),
    operation('AttachUserPolicyV5', ({ params, body }) =>
      attached(a.policy(params.policy_id), 'attachedUsers', attachTarget(body, 'user_id'), true),
    ),
    operation('DetachUserPolicyV5', ({ params, body }) =>
      attached(a.policy(params.policy_id), 'attachedUsers', attachTarget(body, 'user_id'), false),
    ),
    operation('AttachGroupPolicyV5', ({ params, body }) =>
      attached(a.policy(params.policy_id), 'attachedGroups', attachTarget(body, 'group_id'), true),
    ),
    operation('DetachGroupPolicyV5', ({ params, body }) =>
      attached(a.policy(params.policy_id), 'attachedGroups', attachTarget(body, 'group_id'), false),
    ),
    operation('ListAttachedUserPoliciesV5', ({ params }) => {
      const items = attachedTo('attachedUsers', a.user(params.user_id).id);
      return { status: 200, body: { attached_policies: items, page_info: { next_marker: null, current_count: items.length } } };
    }),
    operation('ListAttachedGroupPoliciesV5', ({ params }) => {
      const items = attachedTo('attachedGroups', a.group(params.group_id).id);
      return { status: 200, body: { attached_policies: items, page_info: { next_marker: null, current_count: items.length } } };
    }),
    // A user's tags, for g:PrincipalTag (the SDK's ListResourceTagsV5: resource_type user or agency).
    operation('ListResourceTagsV5', ({ params }) => {
      if (params.resource_type !== 'user')
        throw notFoundIam(`${params.resource_type} ${params.resource_id} (the emulator has users only)`);
      const tags = Object.entries(a.user(params.resource_id).tags ?? {}).map(([tag_key, tag_value]) => ({ tag_key, tag_value }));
      return { status: 200, body: { tags } };
    }),
    operation('ListEntitiesForPolicyV5', ({ params }) => {
      const p = a.policy(params.policy_id);
      return {
        status: 200,
        body: {
          policy_users: p.attachedUsers.map((id) => ({ user_id: id, attached_at: p.updatedAt })),
          policy_groups: p.attachedGroups.map((id) => ({ group_id: id, attached_at: p.updatedAt })),
          policy_agencies: [],
          page_info: { next_marker: null, current_count: p.attachedUsers.length + p.attachedGroups.length },
        },
      };
    }),
    operation(
      'GetAuthorizationSchemaV5',
      ({ params }) => {
        if (params.service_code !== 'ims')
          throw notFoundIam(`The authorization schema of ${params.service_code} (the emulator serves ims only)`);
        return { status: 200, body: imsAuthorizationSchema(a.data) };
      },
      false,
    ),
  ];
}
