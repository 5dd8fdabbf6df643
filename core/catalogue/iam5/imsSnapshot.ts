/**
 * IMS's authorization schema for IAM 5.0 as the product ships it: a snapshot in exactly the shape of
 * `GET /v5/authorization-schemas/services/ims` (schemaTypes.ts), written from the documented facts
 * (docs/sources.md §B.1). IAM's own schema, read live when connected, replaces it (model.ts); the drift
 * view compares the two. Every entry says where it comes from and whether the docs confirm it
 * (`IMS_SNAPSHOT_PROVENANCE`): hovers say so, and diagnostics about unconfirmed entries are softer.
 */
import type { AccessLevel, AuthorizationSchema, SchemaAction, SchemaCondition, SchemaOperation } from './schemaTypes';

/** Where a snapshot entry comes from, and whether a page confirms it (false: only its name, or a guess). */
export interface Provenance {
  source: string;
  confirmed: boolean;
  note?: string;
}

/** `<service>:<region>:<account-id>:<type>:<path>` is IAM's URN rule; that IMS images follow it is not confirmed. */
export const IMAGE_URN_TEMPLATE = 'ims:<region>:<account-id>:image:<image-id>';

const T1109 = 'IMS API reference, IAM 5.0 actions (api-ims/ims_03_1109)';
const SCP = 'Organizations SCP table for IMS (site search, org_20_0004)';
const V11 = 'the IAM 1.1 action of the same name (docs/sources.md §B); not seen in the 5.0 table';

interface Row {
  name: string;
  level: AccessLevel;
  en: string;
  zh: string;
  /** The image resource: required, optional, or none. */
  image?: 'required' | 'optional';
  keys?: string[];
  imageKeys?: string[];
  provenance: Provenance;
}

const ROWS: Row[] = [
  {
    name: 'ims:images:list',
    level: 'list',
    en: 'List images, and query images by tag.',
    zh: '查询镜像列表，按标签查询镜像。',
    keys: ['g:EnterpriseProjectId'],
    provenance: { source: T1109, confirmed: true },
  },
  {
    name: 'ims:images:get',
    level: 'read',
    en: "Query an image's details.",
    zh: '查询镜像详情。',
    image: 'required',
    provenance: { source: T1109, confirmed: true },
  },
  {
    name: 'ims:images:setTags',
    level: 'tagging',
    en: 'Add, change or delete the tags of an image.',
    zh: '添加、修改或删除镜像标签。',
    image: 'required',
    keys: ['g:RequestTag/<tag-key>', 'g:TagKeys'],
    // IAM's tag guide describes g:ResourceTag for resources in general; for this action it is not confirmed.
    imageKeys: ['g:ResourceTag/<tag-key>'],
    provenance: { source: SCP, confirmed: true, note: 'g:ResourceTag on the image is assumed, not confirmed' },
  },
  {
    name: 'ims:images:getTags',
    level: 'read',
    en: 'Query the tags of images.',
    zh: '查询镜像标签。',
    image: 'optional',
    keys: ['g:EnterpriseProjectId', 'g:RequestTag/<tag-key>', 'g:TagKeys'],
    imageKeys: ['g:ResourceTag/<tag-key>'],
    provenance: {
      source: SCP,
      confirmed: true,
      note: 'which column each condition key belongs to, and g:ResourceTag on the image, are not confirmed',
    },
  },
  {
    name: 'ims:images:create',
    level: 'write',
    en: 'Create an image.',
    zh: '创建镜像。',
    // The IAM page lists no keys, the SCP table lists the tag keys: what IAM accepts is kept (docs/decisions.md).
    keys: ['g:RequestTag/<tag-key>', 'g:TagKeys'],
    provenance: { source: `${T1109}; ${SCP}`, confirmed: true, note: 'the two pages disagree on its condition keys' },
  },
  {
    name: 'ims:images:share',
    level: 'permission_management',
    en: 'Share an image with other accounts (for existing images IAM recommends ims:images:addMember).',
    zh: '共享镜像给其他账号（对已有镜像，IAM 建议使用 ims:images:addMember）。',
    image: 'required',
    keys: ['ims:TargetOrgPaths'],
    provenance: { source: SCP, confirmed: true },
  },
  {
    name: 'ims:images:addMember',
    level: 'write',
    en: 'Add an account an image is shared with.',
    zh: '添加镜像共享成员。',
    image: 'required',
    keys: ['g:EnterpriseProjectId'],
    imageKeys: ['g:ResourceTag/<tag-key>'],
    provenance: { source: `${T1109}; ${SCP}`, confirmed: false, note: 'its name is read from a cut-off row' },
  },
  {
    name: 'ims:images:deleteMember',
    level: 'write',
    en: 'Remove an account an image is shared with.',
    zh: '删除镜像共享成员。',
    provenance: { source: SCP, confirmed: false, note: 'only the name was read' },
  },
  {
    name: 'ims:images:copyInRegion',
    level: 'write',
    en: 'Copy an image within its region.',
    zh: '在区域内复制镜像。',
    provenance: { source: SCP, confirmed: false, note: 'only the name was read' },
  },
  ...(
    [
      ['ims:images:update', "Modify an image's metadata.", '修改镜像元数据。'],
      ['ims:images:delete', 'Delete images.', '删除镜像。'],
      ['ims:images:export', 'Export an image to OBS.', '导出镜像到OBS。'],
      ['ims:images:upload', 'Upload or register an image file.', '上传或注册镜像文件。'],
      ['ims:images:copy', 'Replicate an image across regions.', '跨区域复制镜像。'],
      ['ims:serverImages:create', 'Create system-disk images.', '创建系统盘镜像。'],
      ['ims:dataImages:create', 'Create data-disk images.', '创建数据盘镜像。'],
      ['ims:wholeImages:create', 'Create full-ECS images.', '创建整机镜像。'],
      ['ims:quotas:get', 'Read the image quota.', '查询镜像配额。'],
    ] as const
  ).map(([name, en, zh]): Row => ({
    name,
    level: name.endsWith(':get') ? 'read' : 'write',
    en,
    zh,
    provenance: { source: V11, confirmed: false, note: 'not seen in the 5.0 table' },
  })),
];

/** IMS's own keys and the global keys its actions list (docs/sources.md §B.1, global keys §C.3). */
const CONDITIONS: SchemaCondition[] = [
  ['g:EnterpriseProjectId', 'string', false, 'The enterprise project of the resource.', '资源所属的企业项目。'],
  ['g:RequestTag/<tag-key>', 'string', false, 'A tag the request sets, by key.', '请求中携带的标签（按标签键）。'],
  ['g:TagKeys', 'string', true, 'The tag keys the request carries.', '请求中携带的标签键。'],
  ['g:ResourceTag/<tag-key>', 'string', false, 'A tag of the resource, by key.', '资源上的标签（按标签键）。'],
  [
    'ims:TargetOrgPaths',
    'string',
    true,
    'Organizations paths of the accounts an image is shared with.',
    '镜像共享目标账号的组织路径。',
  ],
  ['ims:Encrypted', 'boolean', false, 'Whether the image is encrypted.', '镜像是否加密。'],
  ['ims:TargetBucketOrgPaths', 'string', true, "Organizations paths of the target bucket's owner.", '目标桶所有者的组织路径。'],
  ['ims:OriginBucketOrgPaths', 'string', true, "Organizations paths of the source bucket's owner.", '源桶所有者的组织路径。'],
].map(([key, value_type, multi_valued, en, zh]) => ({
  key: key as string,
  value_type: value_type as string,
  multi_valued: multi_valued as boolean,
  description: { en_US: en as string, zh_CN: zh as string },
}));

/**
 * Each API's 5.0 action, as the documented descriptions suggest: tag writes are `setTags`, tag queries
 * `getTags`, queries of images (by tag too) `list`. Not confirmed: IAM's schema publishes the mapping.
 */
const OPERATIONS: SchemaOperation[] = [
  ...[
    'GlanceCreateTag',
    'GlanceDeleteTag',
    'CreateOrUpdateTags',
    'BatchAddOrDeleteTags',
    'AddImageTag',
    'DeleteImageTag',
    'BatchDeleteTags',
  ].map((id) => ({ operation_id: id, operation_action: 'ims:images:setTags' })),
  ...['ListTags', 'ListImageTags', 'ListImagesTags'].map((id) => ({ operation_id: id, operation_action: 'ims:images:getTags' })),
  ...['ListImageByTags', 'ListImages'].map((id) => ({ operation_id: id, operation_action: 'ims:images:list' })),
];

function schemaAction(r: Row): SchemaAction {
  return {
    name: r.name,
    access_level: r.level,
    permission_only: false,
    description: { en_US: r.en, zh_CN: r.zh },
    resources: r.image
      ? [{ urn_template: IMAGE_URN_TEMPLATE, required: r.image === 'required', condition_keys: r.imageKeys ?? [] }]
      : [],
    condition_keys: r.keys ?? [],
  };
}

export const IMS_SCHEMA_SNAPSHOT: AuthorizationSchema = {
  version: 'snapshot',
  actions: ROWS.map(schemaAction),
  resources: [{ type_name: 'image', urn_template: IMAGE_URN_TEMPLATE }],
  conditions: CONDITIONS,
  operations: OPERATIONS,
};

/** Where each action of the snapshot, and its API mapping, comes from. */
export const IMS_SNAPSHOT_PROVENANCE: ReadonlyMap<string, Provenance> = new Map([
  ...ROWS.map((r) => [r.name, r.provenance] as const),
  ...OPERATIONS.map(
    (o) =>
      [
        `operation:${o.operation_id}`,
        { source: 'the documented action descriptions', confirmed: false, note: "IAM's schema publishes the mapping" },
      ] as const,
  ),
  [
    'resource:image',
    { source: 'IAM 5.0 URN rule (usermanual-iam5/iam_01_1275)', confirmed: false, note: 'the IMS image URN is derived' },
  ],
]);
