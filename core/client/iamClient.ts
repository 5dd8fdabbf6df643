/**
 * IAM, STS and IAM Access Analyzer for the client, built from the one description of each operation
 * (iamOperations.ts): method, path, required fields and the service whose endpoint serves it. Sent as
 * Huawei's SDK sends them: AK/SK calls to IAM carry `X-Domain-Id` (the account, read once from
 * `GET /v3/auth/domains` as the SDK's GlobalCredentials do), Access Analyzer gets `X-Language`, lists
 * are read to their last page. The same signed transport as the IMS client (imsClient.ts); reads are
 * retried where safe, writes never.
 */
import { iamOperation, missingRequired, operationPath, type IamService } from './iamOperations';
import { ImsClient, type ClientOptions, type RequestDescriptor } from './imsClient';
import type {
  CallerIdentity,
  NoNewAccessResult,
  PolicyV5Json,
  PolicyVersionJson,
  RoleAssignmentJson,
  RoleJson,
  ValidationFinding,
} from './iamTypes';

/** Where each service is: IAM itself, STS, and IAM Access Analyzer (absent where the region has none). */
export interface IamEndpoints {
  iam: string;
  sts: string;
  accessAnalyzer?: string;
}

export interface IamClientOptions extends ClientOptions {
  /** Per service; by default every service is on `endpoint` (the emulator serves all three on one address). */
  endpoints?: Partial<IamEndpoints>;
  /** Access Analyzer's language of findings (X-Language): VS Code's display language. */
  language?: () => 'en-us' | 'zh-cn';
  /** The account, when known (skips `GET /v3/auth/domains`). */
  domainId?: string;
}

type Query = Record<string, string | number | boolean | undefined>;

const q = (params: Query) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

/** Lists read to their end: at most this many pages, so a misbehaving service cannot keep us reading. */
const MAX_PAGES = 100;

export class IamClient {
  private readonly transports = new Map<IamService, ImsClient>();
  private domain?: Promise<string>;

  constructor(private readonly options: IamClientOptions) {}

  get endpoint(): string {
    return this.endpointOf('iam');
  }

  /** Whether the connection offers IAM Access Analyzer (it exists in a few regions only). */
  get hasAccessAnalyzer(): boolean {
    return this.options.endpoints?.accessAnalyzer !== undefined || this.options.endpoints === undefined;
  }

  private endpointOf(service: IamService): string {
    const e = this.options.endpoints;
    const url = service === 'iam' ? e?.iam : service === 'sts' ? e?.sts : e?.accessAnalyzer;
    if (service === 'accessAnalyzer' && e && !e.accessAnalyzer)
      throw new Error('IAM Access Analyzer is not offered in this region: set imsTags.endpoint.accessAnalyzer to use it.');
    return (url ?? this.options.endpoint).replace(/\/$/, '');
  }

  private transport(service: IamService): ImsClient {
    let t = this.transports.get(service);
    if (!t) this.transports.set(service, (t = new ImsClient({ ...this.options, endpoint: this.endpointOf(service) })));
    return t;
  }

  /** The account's id for X-Domain-Id, read once (KeystoneListAuthDomains), as the SDK's GlobalCredentials do. */
  /** The account (domain) of these credentials, read once (`GET /v3/auth/domains`, as the SDK's GlobalCredentials do). */
  accountId(signal?: AbortSignal): Promise<string> {
    if (this.options.domainId) return Promise.resolve(this.options.domainId);
    this.domain ??= this.send<{ domains?: Array<{ id: string }> }>('KeystoneListAuthDomains', {}, {}, undefined, signal, false)
      .then((a) => {
        const id = a.domains?.[0]?.id;
        if (!id) throw new Error('IAM listed no domain for these credentials (GET /v3/auth/domains).');
        return id;
      })
      .catch((e: unknown) => {
        this.domain = undefined;
        throw e;
      });
    return this.domain;
  }

  /** One operation of the table: its path filled in, what it requires checked, the headers the SDK sends. */
  private async send<T>(
    id: string,
    params: Record<string, string> = {},
    query: Query = {},
    body?: unknown,
    signal?: AbortSignal,
    withDomain = true,
  ): Promise<T> {
    const o = iamOperation(id);
    const search = q(query);
    const missing = missingRequired(o, new URLSearchParams(search), body);
    if (missing) throw new Error(`${id}: ${missing} Nothing was sent.`);
    const headers: Record<string, string> = {};
    // Global AK/SK calls name the account (the SDK's GlobalCredentials add X-Domain-Id to every call).
    if (o.service === 'iam' && withDomain && this.options.credentials.kind === 'aksk')
      headers['X-Domain-Id'] = await this.accountId(signal);
    if (o.service === 'accessAnalyzer' && this.options.language) headers['X-Language'] = this.options.language();
    const desc: RequestDescriptor = {
      id: `IAM ${id}`,
      method: o.method,
      idempotent: o.method === 'GET' || o.method === 'HEAD',
      actions: [],
      contentType: 'application/json;charset=UTF-8',
      // IAM is global; STS and Access Analyzer are regional services and carry the project (BasicCredentials).
      global: o.service === 'iam',
      headers,
    };
    return this.transport(o.service).request<T>(desc, `${operationPath(o, params)}${search}`, body, signal);
  }

  /** Every page of a marker-paged list (IAM 5.0, Access Analyzer): `page_info.next_marker` until null. */
  private async eachPage<P>(
    id: string,
    params: Record<string, string>,
    query: Query,
    body: unknown,
    signal: AbortSignal | undefined,
    onPage: (page: P) => void,
  ): Promise<void> {
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const a = await this.send<P & { page_info?: { next_marker?: string | null } }>(
        id,
        params,
        { ...query, limit: 200, marker },
        body,
        signal,
      );
      onPage(a);
      marker = a.page_info?.next_marker ?? undefined;
      if (!marker) break;
    }
  }

  /** The list under `key`, over every page. */
  private async allByMarker<K extends string, T>(
    id: string,
    key: K,
    params: Record<string, string> = {},
    query: Query = {},
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const out: T[] = [];
    await this.eachPage<Partial<Record<K, T[]>>>(id, params, query, body, signal, (page) => out.push(...(page[key] ?? [])));
    return out;
  }

  /** IAM's token request as a .http file writes it (unsigned: the password is in the body). */
  exchangeTokenRequest(pathAndQuery: string, body: string | undefined, headers: Record<string, string>, signal?: AbortSignal) {
    const desc: RequestDescriptor = {
      id: 'IAM KeystoneCreateUserTokenByPassword',
      method: 'POST',
      idempotent: false,
      actions: [],
      contentType: 'application/json;charset=UTF-8',
      global: true,
    };
    return this.transport('iam').exchange(desc, pathAndQuery, body, signal, { headers, unsigned: true });
  }

  /** KeystoneListProjects, by name (a region's project). */
  async listProjects(name?: string, signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (
      (
        await this.send<{ projects?: Array<{ id: string; name: string }> }>(
          'KeystoneListProjects',
          {},
          { name },
          undefined,
          signal,
        )
      ).projects ?? []
    );
  }

  listRoles(page: number, perPage: number, signal?: AbortSignal): Promise<{ roles: RoleJson[]; total_number: number }> {
    return this.send('ListCustomPolicies', {}, { page, per_page: perPage }, undefined, signal);
  }
  async getRole(id: string, signal?: AbortSignal): Promise<RoleJson> {
    return (await this.send<{ role: RoleJson }>('ShowCustomPolicy', { role_id: id }, {}, undefined, signal)).role;
  }
  async createRole(
    role: Pick<RoleJson, 'display_name' | 'type' | 'description' | 'policy'>,
    signal?: AbortSignal,
  ): Promise<RoleJson> {
    return (await this.send<{ role: RoleJson }>('CreateCloudServiceCustomPolicy', {}, {}, { role }, signal)).role;
  }
  /**
   * UpdateCloudServiceCustomPolicy requires all four fields (display_name, type, description, policy):
   * the role as IAM holds it now, with the changes over it. Read here, just before the write, not
   * taken from the caller: a review or a prompt may have stood open for minutes, and a name changed
   * meanwhile in the console must not be put back.
   */
  async updateRole(
    id: string,
    changes: Partial<Pick<RoleJson, 'display_name' | 'type' | 'description' | 'description_cn' | 'policy'>>,
    signal?: AbortSignal,
  ): Promise<RoleJson> {
    const now = await this.getRole(id, signal);
    const role = {
      display_name: now.display_name,
      type: now.type,
      description: now.description ?? '',
      ...(now.description_cn ? { description_cn: now.description_cn } : {}),
      policy: now.policy,
      ...changes,
    };
    return (await this.send<{ role: RoleJson }>('UpdateCloudServiceCustomPolicy', { role_id: id }, {}, { role }, signal)).role;
  }
  async deleteRole(id: string, signal?: AbortSignal): Promise<void> {
    await this.send('DeleteCustomPolicy', { role_id: id }, {}, undefined, signal);
  }
  /** KeystoneListUsers: the account's users (names and ids). */
  async listUsers(signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (await this.send<{ users: Array<{ id: string; name: string }> }>('KeystoneListUsers', {}, {}, undefined, signal))
      .users;
  }
  /** CreatePermanentAccessKey for a user: the only answer that carries the secret key. */
  async createAccessKey(
    userId: string,
    description: string,
    signal?: AbortSignal,
  ): Promise<{ access: string; secret: string; user_id: string }> {
    const body = { credential: { user_id: userId, description } };
    return (
      await this.send<{ credential: { access: string; secret: string; user_id: string } }>(
        'CreatePermanentAccessKey',
        {},
        {},
        body,
        signal,
      )
    ).credential;
  }
  async deleteAccessKey(access: string, signal?: AbortSignal): Promise<void> {
    await this.send('DeletePermanentAccessKey', { access_key: access }, {}, undefined, signal);
  }
  /** STS GetCallerIdentity: who signed (a regional service of its own; the Go SDK's services/sts/v1). */
  callerIdentity(signal?: AbortSignal): Promise<CallerIdentity> {
    return this.send('GetCallerIdentity', {}, {}, undefined, signal);
  }
  async userGroups(userId: string, signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (
      await this.send<{ groups: Array<{ id: string; name: string }> }>(
        'KeystoneListGroupsForUser',
        { user_id: userId },
        {},
        undefined,
        signal,
      )
    ).groups;
  }
  async getAnyRole(id: string, signal?: AbortSignal): Promise<RoleJson> {
    return (await this.send<{ role: RoleJson }>('KeystoneShowPermission', { role_id: id }, {}, undefined, signal)).role;
  }
  /** The 5.0 policies attached to a user or a group, every page. */
  attachedPolicies(
    kind: 'users' | 'groups',
    id: string,
    signal?: AbortSignal,
  ): Promise<Array<{ policy_id: string; policy_name: string }>> {
    return kind === 'users'
      ? this.allByMarker('ListAttachedUserPoliciesV5', 'attached_policies', { user_id: id }, {}, undefined, signal)
      : this.allByMarker('ListAttachedGroupPoliciesV5', 'attached_policies', { group_id: id }, {}, undefined, signal);
  }
  /** A user's tags (ListResourceTagsV5), for g:PrincipalTag conditions. */
  async userTags(userId: string, signal?: AbortSignal): Promise<Record<string, string>> {
    const { tags } = await this.send<{ tags?: Array<{ tag_key: string; tag_value?: string }> }>(
      'ListResourceTagsV5',
      { resource_type: 'user', resource_id: userId },
      {},
      undefined,
      signal,
    );
    return Object.fromEntries((tags ?? []).map((t) => [t.tag_key, t.tag_value ?? '']));
  }
  async listGroups(signal?: AbortSignal): Promise<Array<{ id: string; name: string }>> {
    return (await this.send<{ groups: Array<{ id: string; name: string }> }>('KeystoneListGroups', {}, {}, undefined, signal))
      .groups;
  }
  /** ShowDomainRoleAssignments, every page (per_page at most 50, with page), in the account of these credentials. */
  async roleAssignments(query: Record<string, string>, signal?: AbortSignal): Promise<RoleAssignmentJson[]> {
    // domain_id is required (the SDK's ShowDomainRoleAssignmentsRequest): the account of these credentials.
    const domain_id = await this.accountId(signal);
    const out: RoleAssignmentJson[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const a = await this.send<{ role_assignments?: RoleAssignmentJson[]; total_num?: number }>(
        'ShowDomainRoleAssignments',
        {},
        { ...query, domain_id, page, per_page: 50 },
        undefined,
        signal,
      );
      out.push(...(a.role_assignments ?? []));
      if ((a.role_assignments ?? []).length < 50 || (a.total_num !== undefined && out.length >= a.total_num)) break;
    }
    return out;
  }

  /** One page of the custom 5.0 policies (policy_type=custom: the system ones would fill the view). */
  listPolicies(
    limit: number,
    marker?: string,
    signal?: AbortSignal,
  ): Promise<{ policies: PolicyV5Json[]; page_info: { next_marker?: string | null } }> {
    return this.send('ListPoliciesV5', {}, { limit, marker, policy_type: 'custom' }, undefined, signal);
  }
  async createPolicy(name: string, document: string, description?: string, signal?: AbortSignal): Promise<PolicyV5Json> {
    const body = { policy_name: name, policy_document: document, description };
    return (await this.send<{ policy: PolicyV5Json }>('CreatePolicyV5', {}, {}, body, signal)).policy;
  }
  async getPolicy(id: string, signal?: AbortSignal): Promise<PolicyV5Json> {
    return (await this.send<{ policy: PolicyV5Json }>('GetPolicyV5', { policy_id: id }, {}, undefined, signal)).policy;
  }
  async deletePolicy(id: string, signal?: AbortSignal): Promise<void> {
    await this.send('DeletePolicyV5', { policy_id: id }, {}, undefined, signal);
  }
  /** The users and groups a 5.0 policy is attached to, every page. */
  async attachedEntities(
    id: string,
    signal?: AbortSignal,
  ): Promise<{ policy_users: Array<{ user_id: string }>; policy_groups: Array<{ group_id: string }> }> {
    const users: Array<{ user_id: string }> = [];
    const groups: Array<{ group_id: string }> = [];
    type Page = { policy_users?: Array<{ user_id: string }>; policy_groups?: Array<{ group_id: string }> };
    await this.eachPage<Page>('ListEntitiesForPolicyV5', { policy_id: id }, {}, undefined, signal, (page) => {
      users.push(...(page.policy_users ?? []));
      groups.push(...(page.policy_groups ?? []));
    });
    return { policy_users: users, policy_groups: groups };
  }
  /** Every version of a 5.0 policy. */
  listVersions(id: string, signal?: AbortSignal): Promise<PolicyVersionJson[]> {
    return this.allByMarker('ListPolicyVersionsV5', 'versions', { policy_id: id }, {}, undefined, signal);
  }
  async getVersion(id: string, version: string, signal?: AbortSignal): Promise<PolicyVersionJson> {
    return (
      await this.send<{ policy_version: PolicyVersionJson }>(
        'GetPolicyVersionV5',
        { policy_id: id, version_id: version },
        {},
        undefined,
        signal,
      )
    ).policy_version;
  }
  async createVersion(id: string, document: string, setAsDefault: boolean, signal?: AbortSignal): Promise<PolicyVersionJson> {
    const body = { policy_document: document, set_as_default: setAsDefault };
    return (await this.send<{ policy_version: PolicyVersionJson }>('CreatePolicyVersionV5', { policy_id: id }, {}, body, signal))
      .policy_version;
  }
  async deleteVersion(id: string, version: string, signal?: AbortSignal): Promise<void> {
    await this.send('DeletePolicyVersionV5', { policy_id: id, version_id: version }, {}, undefined, signal);
  }
  authorizationSchema(service: string, signal?: AbortSignal): Promise<unknown> {
    return this.send('GetAuthorizationSchemaV5', { service_code: service }, {}, undefined, signal);
  }
  /** Access Analyzer's ValidatePolicy for an identity policy, every page of findings. */
  validate(document: string, signal?: AbortSignal): Promise<ValidationFinding[]> {
    const body = { policy_document: document, policy_type: 'identity_policy' };
    return this.allByMarker('ValidatePolicy', 'findings', {}, {}, body, signal);
  }
  /** Access Analyzer's CheckNoNewAccess: whether the new document grants anything the existing one does not. */
  checkNoNewAccess(existing: string, next: string, signal?: AbortSignal): Promise<NoNewAccessResult> {
    const body = { existing_policy_document: existing, new_policy_document: next, policy_type: 'identity_policy' };
    return this.send('CheckNoNewAccess', {}, {}, body, signal);
  }
}
