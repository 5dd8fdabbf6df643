/**
 * IAM 5.0's global condition keys (`g:`), which apply to every action (docs/sources.md §C.3, global
 * condition keys). A key with a `<tag-key>` part stands for a family (`g:ResourceTag/env`). Keys named only
 * in third-party code are listed as unconfirmed: accepted, and said to be unconfirmed.
 */
import type { ConditionValueType } from './schemaTypes';

export interface GlobalKey {
  key: string;
  value_type: ConditionValueType;
  multi_valued: boolean;
  confirmed: boolean;
  /**
   * Global in name, but a service says per action whether it supports it (the action tables' condition-key
   * column: `ims:images:list` takes only g:EnterpriseProjectId): these apply only where declared.
   */
  perAction: boolean;
  en: string;
  zh: string;
}

const key = (
  k: string,
  value_type: ConditionValueType,
  en: string,
  zh: string,
  { multi = false, confirmed = true, perAction = false } = {},
): GlobalKey => ({ key: k, value_type, multi_valued: multi, confirmed, perAction, en, zh });

export const GLOBAL_KEYS: readonly GlobalKey[] = [
  key('g:PrincipalUrn', 'string', 'The URN of the caller (iam::<account>:user:<name>, sts::…).', '调用者的 URN。'),
  key('g:PrincipalAccount', 'string', "The caller's account ID (as g:DomainId).", '调用者的账号 ID（同 g:DomainId）。'),
  key('g:DomainId', 'string', "The caller's account ID.", '调用者的账号 ID。'),
  key('g:DomainName', 'string', "The caller's account name.", '调用者的账号名。'),
  key('g:UserName', 'string', "The caller's IAM user name.", '调用者的 IAM 用户名。'),
  key(
    'g:PrincipalOrgPath',
    'string',
    "The caller's Organizations path (in an organization only).",
    '调用者的组织路径（仅在组织中）。',
  ),
  key('g:EnterpriseProjectId', 'string', 'The enterprise project of the resource.', '资源所属的企业项目。', { perAction: true }),
  key('g:ResourceTag/<tag-key>', 'string', 'A tag of the resource, by key.', '资源上的标签（按标签键）。', { perAction: true }),
  key('g:RequestTag/<tag-key>', 'string', 'A tag the request sets, by key.', '请求中携带的标签（按标签键）。', {
    perAction: true,
  }),
  key(
    'g:PrincipalTag/<tag-key>',
    'string',
    'A tag of the calling user or trust agency, by key.',
    '调用者（用户或信任委托）的标签（按标签键）。',
  ),
  key('g:TagKeys', 'string', 'The tag keys the request carries.', '请求中携带的标签键。', { multi: true, perAction: true }),
  key('g:MFAPresent', 'boolean', 'Whether the caller signed in with MFA.', '调用者是否使用了 MFA 登录。'),
  key('g:CurrentTime', 'date', 'The time of the request.', '请求的时间。'),
  key('g:SourceVpce', 'string', 'The VPC endpoint the request came through.', '请求经过的 VPC 终端节点。'),
  ...(
    [
      ['g:SourceIp', 'ip_address', "The caller's IP address.", '调用者的 IP 地址。'],
      ['g:VpcSourceIp', 'ip_address', "The caller's IP address in a VPC.", '调用者在 VPC 中的 IP 地址。'],
      ['g:SourceVpc', 'string', 'The VPC the request came from.', '请求来源的 VPC。'],
      ['g:ViaService', 'string', 'The cloud service that made the request for the caller.', '代替调用者发起请求的云服务。'],
      ['g:CalledVia', 'string', 'The services the request passed through.', '请求经过的云服务。'],
      ['g:PrincipalType', 'string', 'The kind of caller (user, assumed agency…).', '调用者的类型。'],
      ['g:PrincipalOrgId', 'string', "The caller's organization ID.", '调用者的组织 ID。'],
      ['g:RequestedRegion', 'string', 'The region the request is sent to.', '请求的目标区域。'],
      ['g:SecureTransport', 'boolean', 'Whether the request came over HTTPS.', '请求是否通过 HTTPS 发送。'],
      ['g:MFAAge', 'numeric', 'Seconds since the caller signed in with MFA.', '调用者 MFA 登录后经过的秒数。'],
      ['g:TokenIssueTime', 'date', "When the caller's token was issued.", '调用者令牌的签发时间。'],
      ['g:UserAgent', 'string', "The caller's client.", '调用者的客户端。'],
    ] as const
  ).map(([k, t, en, zh]) => key(k, t, en, zh, { multi: k === 'g:CalledVia', confirmed: false })),
];
