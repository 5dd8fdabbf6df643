/**
 * IAM's policy APIs for the client (iam-apis.md §1–2, bodies from the SDK models): custom policies
 * ("roles", Version 1.1), 5.0 identity policies and their versions, grants, and validation. The same
 * signed transport as the IMS client (imsClient.ts), pointed at the IAM endpoint (the Sandbox serves
 * both on one address); reads are retried where safe, writes never.
 */
import { ImsClient, type ClientOptions, type RequestDescriptor } from './imsClient';

export interface RoleJson {
  id: string;
  name: string;
  display_name: string;
  type: 'AX' | 'XA';
  description: string;
  description_cn?: string | null;
  domain_id?: string | null;
  references?: number;
  created_time?: string;
  updated_time?: string;
  policy: unknown;
}

export interface PolicyV5Json {
  policy_id: string;
  policy_name: string;
  default_version_id: string;
  attachment_count: number;
  description?: string;
  urn?: string;
  created_at?: string;
  updated_at?: string;
}

export interface PolicyVersionJson {
  version_id: string;
  document: string;
  is_default: boolean;
  created_at?: string;
}

export interface RoleAssignmentJson {
  role: { id: string };
  group?: { id: string };
  user?: { id: string };
  scope: { project?: { id: string }; domain?: { id: string }; enterprise_project?: { id: string } };
  is_inherited?: boolean;
}

export interface ValidationFinding {
  finding_type: string;
  issue_code: string;
  finding_details: string;
  locations?: Array<{ path: string }>;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};
const enc = encodeURIComponent;

export class IamClient {
  private readonly transport: ImsClient;

  constructor(private readonly options: ClientOptions) {
    this.transport = new ImsClient(options);
  }

  get endpoint(): string {
    return this.options.endpoint.replace(/\/$/, '');
  }

  private call<T>(method: string, template: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const desc: RequestDescriptor = {
      id: `IAM ${method} ${template}`,
      method,
      idempotent: method === 'GET' || method === 'HEAD',
      actions: [],
      contentType: 'application/json;charset=UTF-8',
      global: true,
    };
    return this.transport.request<T>(desc, path, body, signal);
  }

  /** IAM's token request as a .http file writes it (unsigned: the password is in the body). */
  exchangeTokenRequest(pathAndQuery: string, body: string | undefined, headers: Record<string, string>, signal?: AbortSignal) {
    const desc: RequestDescriptor = {
      id: 'IAM POST /v3/auth/tokens',
      method: 'POST',
      idempotent: false,
      actions: [],
      contentType: 'application/json;charset=UTF-8',
      global: true,
    };
    return this.transport.exchange(desc, pathAndQuery, body, signal, { headers, unsigned: true });
  }

  listRoles(page: number, perPage: number, signal?: AbortSignal): Promise<{ roles: RoleJson[]; total_number: number }> {
    return this.call('GET', '/v3.0/OS-ROLE/roles', `/v3.0/OS-ROLE/roles${q({ page, per_page: perPage })}`, undefined, signal);
  }
  async getRole(id: string, signal?: AbortSignal): Promise<RoleJson> {
    return (
      await this.call<{ role: RoleJson }>(
        'GET',
        '/v3.0/OS-ROLE/roles/{role_id}',
        `/v3.0/OS-ROLE/roles/${enc(id)}`,
        undefined,
        signal,
      )
    ).role;
  }
  async createRole(
    role: Pick<RoleJson, 'display_name' | 'type' | 'description' | 'policy'>,
    signal?: AbortSignal,
  ): Promise<RoleJson> {
    return (await this.call<{ role: RoleJson }>('POST', '/v3.0/OS-ROLE/roles', '/v3.0/OS-ROLE/roles', { role }, signal)).role;
  }
  async updateRole(id: string, role: Partial<RoleJson>, signal?: AbortSignal): Promise<RoleJson> {
    const path = `/v3.0/OS-ROLE/roles/${enc(id)}`;
    return (await this.call<{ role: RoleJson }>('PATCH', '/v3.0/OS-ROLE/roles/{role_id}', path, { role }, signal)).role;
  }
  async deleteRole(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', '/v3.0/OS-ROLE/roles/{role_id}', `/v3.0/OS-ROLE/roles/${enc(id)}`, undefined, signal);
  }
  /** KeystoneListUsers: the account's users (names and ids). */
  async listUsers(signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (await this.call<{ users: Array<{ id: string; name: string }> }>('GET', '/v3/users', '/v3/users', undefined, signal))
      .users;
  }
  /** CreatePermanentAccessKey for a user: the only answer that carries the secret key. */
  async createAccessKey(
    userId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<{ access: string; secret: string; user_id: string }> {
    const path = '/v3.0/OS-CREDENTIAL/credentials';
    const body = { credential: { user_id: userId, description } };
    return (
      await this.call<{ credential: { access: string; secret: string; user_id: string } }>('POST', path, path, body, signal)
    ).credential;
  }
  async deleteAccessKey(access: string, signal?: AbortSignal): Promise<void> {
    const path = `/v3.0/OS-CREDENTIAL/credentials/${enc(access)}`;
    await this.call('DELETE', '/v3.0/OS-CREDENTIAL/credentials/{access_key}', path, undefined, signal);
  }
  callerIdentity(signal?: AbortSignal): Promise<{ principal_id: string; principal_name?: string; account_id?: string }> {
    return this.call('GET', '/v5/caller-identity', '/v5/caller-identity', undefined, signal);
  }
  async userGroups(userId: string, signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    const path = `/v3/users/${enc(userId)}/groups`;
    return (
      await this.call<{ groups: Array<{ id: string; name: string }> }>(
        'GET',
        '/v3/users/{user_id}/groups',
        path,
        undefined,
        signal,
      )
    ).groups;
  }
  async getAnyRole(id: string, signal?: AbortSignal): Promise<RoleJson> {
    return (await this.call<{ role: RoleJson }>('GET', '/v3/roles/{role_id}', `/v3/roles/${enc(id)}`, undefined, signal)).role;
  }
  async attachedPolicies(
    kind: 'users' | 'groups',
    id: string,
    signal?: AbortSignal,
  ): Promise<Array<{ policy_id: string; policy_name: string }>> {
    const path = `/v5/${kind}/${enc(id)}/attached-policies`;
    return (
      await this.call<{ attached_policies: Array<{ policy_id: string; policy_name: string }> }>(
        'GET',
        `/v5/${kind}/{id}/attached-policies`,
        path,
        undefined,
        signal,
      )
    ).attached_policies;
  }
  async listGroups(signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (
      await this.call<{ groups: Array<{ id: string; name: string }> }>('GET', '/v3/groups', '/v3/groups', undefined, signal)
    ).groups;
  }
  async roleAssignments(query: Record<string, string>, signal?: AbortSignal): Promise<RoleAssignmentJson[]> {
    const path = `/v3.0/OS-PERMISSION/role-assignments${q(query)}`;
    return (
      await this.call<{ role_assignments: RoleAssignmentJson[] }>(
        'GET',
        '/v3.0/OS-PERMISSION/role-assignments',
        path,
        undefined,
        signal,
      )
    ).role_assignments;
  }

  listPolicies(
    limit: number,
    marker?: string,
    signal?: AbortSignal,
  ): Promise<{ policies: PolicyV5Json[]; page_info: { next_marker: string | null } }> {
    return this.call('GET', '/v5/policies', `/v5/policies${q({ limit, marker })}`, undefined, signal);
  }
  async createPolicy(name: string, document: string, description?: string, signal?: AbortSignal): Promise<PolicyV5Json> {
    const body = { policy_name: name, policy_document: document, description };
    return (await this.call<{ policy: PolicyV5Json }>('POST', '/v5/policies', '/v5/policies', body, signal)).policy;
  }
  async getPolicy(id: string, signal?: AbortSignal): Promise<PolicyV5Json> {
    return (
      await this.call<{ policy: PolicyV5Json }>('GET', '/v5/policies/{policy_id}', `/v5/policies/${enc(id)}`, undefined, signal)
    ).policy;
  }
  async deletePolicy(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', '/v5/policies/{policy_id}', `/v5/policies/${enc(id)}`, undefined, signal);
  }
  attachedEntities(
    id: string,
    signal?: AbortSignal,
  ): Promise<{ policy_users: Array<{ user_id: string }>; policy_groups: Array<{ group_id: string }> }> {
    const path = `/v5/policies/${enc(id)}/attached-entities`;
    return this.call('GET', '/v5/policies/{policy_id}/attached-entities', path, undefined, signal);
  }
  async listVersions(id: string, signal?: AbortSignal): Promise<PolicyVersionJson[]> {
    const path = `/v5/policies/${enc(id)}/versions`;
    return (
      await this.call<{ versions: PolicyVersionJson[] }>('GET', '/v5/policies/{policy_id}/versions', path, undefined, signal)
    ).versions;
  }
  async getVersion(id: string, version: string, signal?: AbortSignal): Promise<PolicyVersionJson> {
    const path = `/v5/policies/${enc(id)}/versions/${enc(version)}`;
    return (
      await this.call<{ policy_version: PolicyVersionJson }>(
        'GET',
        '/v5/policies/{policy_id}/versions/{version_id}',
        path,
        undefined,
        signal,
      )
    ).policy_version;
  }
  async createVersion(id: string, document: string, setAsDefault: boolean, signal?: AbortSignal): Promise<PolicyVersionJson> {
    const path = `/v5/policies/${enc(id)}/versions`;
    const body = { policy_document: document, set_as_default: setAsDefault };
    return (
      await this.call<{ policy_version: PolicyVersionJson }>('POST', '/v5/policies/{policy_id}/versions', path, body, signal)
    ).policy_version;
  }
  async deleteVersion(id: string, version: string, signal?: AbortSignal): Promise<void> {
    const path = `/v5/policies/${enc(id)}/versions/${enc(version)}`;
    await this.call('DELETE', '/v5/policies/{policy_id}/versions/{version_id}', path, undefined, signal);
  }
  authorizationSchema(service: string, signal?: AbortSignal): Promise<unknown> {
    const path = `/v5/authorization-schemas/services/${enc(service)}`;
    return this.call('GET', '/v5/authorization-schemas/services/{service_code}', path, undefined, signal);
  }
  async validate(document: string, signal?: AbortSignal): Promise<ValidationFinding[]> {
    const body = { policy_document: document, policy_type: 'identity_policy' };
    return (
      await this.call<{ findings: ValidationFinding[] }>('POST', '/v5/policies/validate', '/v5/policies/validate', body, signal)
    ).findings;
  }
}
