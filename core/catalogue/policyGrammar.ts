/**
 * Huawei Cloud IAM policy grammar: versions, statement keys, limits, condition operators and global
 * condition keys. Facts: docs/sources.md §C.
 */
import type { Localized } from './types';
import { GLOBAL_KEYS } from './iam5/globalKeys';

export const POLICY_VERSIONS = ['1.0', '1.1', '5.0'] as const;
export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

export const VERSION_DOCS: Record<PolicyVersion, Localized> = {
  '1.0': { en: 'RBAC system role (service-granular).', zh: 'RBAC 系统角色（服务级）。' },
  '1.1': {
    en: 'Fine-grained policy (IAM v3): custom policies are written in this version.',
    zh: '细粒度策略（IAM v3）：自定义策略使用此版本。',
  },
  '5.0': {
    en: 'Identity policy (IAM new edition): adds Sid, NotAction and NotResource.',
    zh: '身份策略（新版IAM）：增加 Sid、NotAction 和 NotResource。',
  },
};

export const EFFECTS = ['Allow', 'Deny'] as const;
export const EFFECT_DOCS: Record<(typeof EFFECTS)[number], Localized> = {
  Allow: { en: 'Grant the listed actions. A matching Deny still wins.', zh: '授予所列授权项。若有匹配的 Deny，则以 Deny 为准。' },
  Deny: {
    en: 'Refuse the listed actions, whatever any Allow says (Deny wins).',
    zh: '拒绝所列授权项，优先于任何 Allow（Deny 优先）。',
  },
};

export interface StatementKey {
  name: string;
  versions: readonly PolicyVersion[];
  doc: Localized;
  /** Snippet body inserted after the key, e.g. `[$1]`. */
  valueSnippet: string;
}

const ALL: readonly PolicyVersion[] = POLICY_VERSIONS;
export const STATEMENT_KEYS: readonly StatementKey[] = [
  {
    name: 'Effect',
    versions: ALL,
    valueSnippet: '"${1|Allow,Deny|}"',
    doc: { en: 'Allow or Deny. Required.', zh: 'Allow 或 Deny。必填。' },
  },
  {
    name: 'Action',
    versions: ALL,
    valueSnippet: '["$1"]',
    doc: {
      en: 'Actions as service:resourceType:operation; `*` wildcards allowed; at most 100.',
      zh: '授权项，格式为 服务:资源类型:操作；可用 `*` 通配；最多 100 个。',
    },
  },
  {
    name: 'Resource',
    versions: ALL,
    valueSnippet: '["$1"]',
    doc: {
      en: 'Resources as service:region:account-id:resource-type:resource-path; at most 10, each ≤ 128 characters.',
      zh: '资源，格式为 服务:区域:账号ID:资源类型:资源路径；最多 10 个，每个不超过 128 个字符。',
    },
  },
  {
    name: 'Condition',
    versions: ALL,
    valueSnippet: '{\n\t"${1:StringEquals}": {\n\t\t"${2:g:UserName}": ["$3"]\n\t}\n}',
    doc: {
      en: 'Conditions under which the statement applies: { operator: { key: [values] } }; all must hold; at most 10.',
      zh: '语句生效的条件：{ 运算符: { 条件键: [值] } }；须全部满足；最多 10 个。',
    },
  },
  {
    name: 'Sid',
    versions: ['5.0'],
    valueSnippet: '"$1"',
    doc: { en: 'Optional statement identifier (5.0).', zh: '可选的语句标识（5.0）。' },
  },
  {
    name: 'NotAction',
    versions: ['5.0'],
    valueSnippet: '["$1"]',
    doc: {
      en: 'Every action except these (5.0). Not together with Action.',
      zh: '除所列之外的所有授权项（5.0）。不能与 Action 同时使用。',
    },
  },
  {
    name: 'NotResource',
    versions: ['5.0'],
    valueSnippet: '["$1"]',
    doc: {
      en: 'Every resource except these (5.0). Not together with Resource.',
      zh: '除所列之外的所有资源（5.0）。不能与 Resource 同时使用。',
    },
  },
];

/** Limits documented for policies created through the IAM v3 API (docs/sources.md §C.1). */
export const POLICY_LIMITS = {
  statements: 8,
  actions: 100,
  conditions: 10,
  resources: 10,
  resourceLength: 128,
  /** The limits are documented for v3 (1.0/1.1); 5.0 has its own, unknown here, so none are enforced there. */
  versions: ['1.0', '1.1'] as readonly PolicyVersion[],
  source: 'https://support.huaweicloud.com/api-iam/iam_02_0013.md',
};

export interface ConditionOperator {
  name: string;
  /** False where the facts name the operator as likely but could not confirm it. */
  confirmed: boolean;
}

/**
 * The operators of the IAM policy-syntax page (huaweicloudDocs/iam, 用户指南/策略语法.md, table 4 "运算符",
 * read 2026-11 at commit 3e78d902), StringMatch/StringNotMatch of the SCP and 5.0 list (docs/sources.md §C.1),
 * and Null, which the same page's Null example uses (corpus hwdocs-iam-syntax-null.json).
 */
const confirmedOps = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'StringStartWith',
  'StringEndWith',
  'StringNotStartWith',
  'StringNotEndWith',
  'StringEqualsAnyOf',
  'StringNotEqualsAnyOf',
  'StringEqualsIgnoreCaseAnyOf',
  'StringNotEqualsIgnoreCaseAnyOf',
  'StringLikeAnyOf',
  'StringNotLikeAnyOf',
  'StringStartWithAnyOf',
  'StringEndWithAnyOf',
  'StringNotStartWithAnyOf',
  'StringNotEndWithAnyOf',
  'StringMatch',
  'StringNotMatch',
  'NumberEquals',
  'NumberNotEquals',
  'NumberLessThan',
  'NumberLessThanEquals',
  'NumberGreaterThan',
  'NumberGreaterThanEquals',
  'NumberEqualsAnyOf',
  'NumberNotEqualsAnyOf',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'IpAddress',
  'NotIpAddress',
  'IsNullOrEmpty',
  'IsNull',
  'IsNotNull',
  'Null',
];
/** Named in the facts as probable, and on no page read: accepted, marked as probable in hovers. */
const probableOps = ['DateEquals', 'DateNotEquals'];

export const CONDITION_OPERATORS: readonly ConditionOperator[] = [
  ...confirmedOps.map((name) => ({ name, confirmed: true })),
  ...probableOps.map((name) => ({ name, confirmed: false })),
];
export const OPERATOR_SUFFIX = 'IfExists';
export const OPERATOR_SET_PREFIXES = ['ForAllValues:', 'ForAnyValue:'];

const operatorsByName = new Map(CONDITION_OPERATORS.map((o) => [o.name, o]));

/** An operator as written, taken apart: its set prefix (`ForAnyValue:`), its base name, and `IfExists`. */
export interface ParsedOperator {
  prefix?: string;
  base: string;
  ifExists: boolean;
  /** The documented operator of that base name, if any. */
  known?: ConditionOperator;
}

/** The one reading of an operator's name, for checks, hovers and the evaluator. */
export function parseOperator(op: string): ParsedOperator {
  const prefix = OPERATOR_SET_PREFIXES.find((p) => op.startsWith(p));
  let base = prefix ? op.slice(prefix.length) : op;
  const ifExists = base.endsWith(OPERATOR_SUFFIX) && base !== OPERATOR_SUFFIX;
  if (ifExists) base = base.slice(0, -OPERATOR_SUFFIX.length);
  return { prefix, base, ifExists, known: operatorsByName.get(base) };
}

/** Whether IAM may accept this operator: a known name, optionally with the IfExists suffix or a set prefix. */
export function isKnownOperator(op: string): boolean {
  return parseOperator(op).known !== undefined;
}

export interface ConditionKey {
  name: string;
  type: string;
  confirmed: boolean;
  doc: Localized;
}

/** The global keys a Version 1.1 policy documents; one list of keys for both models (iam5/globalKeys.ts). */
const CLASSIC_GLOBAL_KEYS = ['g:CurrentTime', 'g:DomainName', 'g:MFAPresent', 'g:UserName', 'g:EnterpriseProjectId'];
/** The value types of those keys, as the 1.1 pages name them (no classic key is a number or an address). */
const TYPE_NAMES: Record<string, string> = {
  string: 'String',
  date: 'Date',
  boolean: 'Boolean',
};

export const GLOBAL_CONDITION_KEYS: readonly ConditionKey[] = GLOBAL_KEYS.filter((k) => CLASSIC_GLOBAL_KEYS.includes(k.key)).map(
  (k) => ({
    name: k.key,
    type: TYPE_NAMES[k.value_type] ?? k.value_type,
    confirmed: k.confirmed,
    doc: { en: k.en, zh: k.zh },
  }),
);
