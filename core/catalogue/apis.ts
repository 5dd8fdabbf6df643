/**
 * The ten IMS tag APIs plus BatchDeleteTags and ListImages. Facts: docs/sources.md §A
 * (methods and paths from the Go SDK meta; actions from the permissions appendices; success codes
 * from the per-API pages).
 */
import type { ImsApi, PathParam } from './types';
import {
  ADD_IMAGE_TAG_BODY,
  BATCH_ADD_OR_DELETE_TAGS_BODY,
  BATCH_DELETE_TAGS_BODY,
  CREATE_OR_UPDATE_TAGS_BODY,
  LIST_IMAGE_BY_TAGS_BODY,
} from './schemas';
import { TAG_RULES } from './tagRules';

const DOCS = 'https://support.huaweicloud.com/api-ims/';
const JSON_UTF8 = 'application/json;charset=UTF-8';
const JSON = 'application/json';

const projectId: PathParam = {
  name: 'project_id',
  variable: 'projectId',
  description: { en: 'Project ID of the region', zh: '区域的项目ID' },
};
const imageId: PathParam = { name: 'image_id', variable: 'imageId', description: { en: 'Image ID', zh: '镜像ID' } };
const nativeTag: PathParam = {
  name: 'tag',
  variable: 'tag',
  description: { en: 'Tag (a key only, no value)', zh: '标签（只有键，没有值）' },
  maxLength: TAG_RULES.nativeTagMax,
  forbidden: [...TAG_RULES.nativeTagForbidden],
};
const tagKey: PathParam = { name: 'key', variable: 'tagKey', description: { en: 'Tag key to delete', zh: '要删除的标签键' } };

const IMAGE_LIST_QUERY = [
  '__imagetype',
  '__isregistered',
  '__os_bit',
  '__os_type',
  '__platform',
  '__support_diskintensive',
  '__support_highperformance',
  '__support_kvm',
  '__support_kvm_gpu_type',
  '__support_kvm_infiniband',
  '__support_largememory',
  '__support_xen',
  '__support_xen_gpu_type',
  '__support_xen_hana',
  'container_format',
  'disk_format',
  'enterprise_project_id',
  'id',
  'limit',
  'marker',
  'member_status',
  'min_disk',
  'min_ram',
  'name',
  'owner',
  'protected',
  'sort_dir',
  'sort_key',
  'status',
  'tag',
  'virtual_env_type',
  'visibility',
  'flavor_id',
  'created_at',
  'updated_at',
  'architecture',
];

const NATIVE_NOTE = {
  en: 'OpenStack-native API: errors come back as XML, and the fine-grained "no permission" JSON body is not supported.',
  zh: 'OpenStack原生接口：错误以XML返回，不支持细粒度策略的“无权限”JSON格式。',
};

export const IMS_APIS: readonly ImsApi[] = [
  {
    id: 'GlanceCreateTag',
    method: 'PUT',
    path: '/v2/images/{image_id}/tags/{tag}',
    title: { en: 'Adding a Tag (Native OpenStack API)', zh: '增加标签（OpenStack原生）' },
    actions: ['ims:images:get', 'ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: true,
    deprecated: { replacements: ['AddImageTag', 'CreateOrUpdateTags'] },
    successStatus: 204,
    contentType: JSON,
    pathParams: [imageId, nativeTag],
    queryParams: [],
    idempotent: true,
    readOnly: false,
    notes: [NATIVE_NOTE],
    docUrl: `${DOCS}ims_03_0712.html`,
  },
  {
    id: 'GlanceDeleteTag',
    method: 'DELETE',
    path: '/v2/images/{image_id}/tags/{tag}',
    title: { en: 'Deleting a Tag (Native OpenStack API)', zh: '删除标签（OpenStack原生）' },
    actions: ['ims:images:get', 'ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: true,
    deprecated: { replacements: ['DeleteImageTag', 'BatchAddOrDeleteTags'] },
    successStatus: 204,
    contentType: JSON,
    pathParams: [imageId, nativeTag],
    queryParams: [],
    idempotent: false,
    readOnly: false,
    notes: [NATIVE_NOTE],
    docUrl: `${DOCS}ims_03_0713.html`,
  },
  {
    id: 'CreateOrUpdateTags',
    method: 'PUT',
    path: '/v1/cloudimages/tags',
    title: { en: 'Adding or Modifying a Tag', zh: '增加或修改标签' },
    actions: ['ims:images:get', 'ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 204,
    contentType: JSON_UTF8,
    pathParams: [],
    queryParams: [],
    bodySchema: CREATE_OR_UPDATE_TAGS_BODY,
    exampleBody: { image_id: '{{imageId}}', image_tag: { key: 'env', value: 'prod' } },
    idempotent: true,
    readOnly: false,
    notes: [
      {
        en: 'No project ID in the path: with AK/SK the project comes from the X-Project-Id header.',
        zh: '路径中没有项目ID：使用AK/SK时项目来自 X-Project-Id 请求头。',
      },
    ],
    docUrl: `${DOCS}ims_03_0612.html`,
  },
  {
    id: 'ListTags',
    method: 'GET',
    path: '/v1/cloudimages/tags',
    title: { en: 'Querying Tags', zh: '查询租户镜像标签列表' },
    actions: ['ims:images:list'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 200,
    contentType: JSON,
    pathParams: [],
    idempotent: true,
    readOnly: true,
    queryParams: ['limit', 'page', ...IMAGE_LIST_QUERY.filter((q) => q !== 'limit')],
    notes: [
      { en: 'Tags written as key.value are queried as tag=key=value.', zh: '以 key.value 形式创建的标签按 tag=key=value 查询。' },
    ],
    docUrl: `${DOCS}ims_03_0613.html`,
  },
  {
    id: 'ListImageByTags',
    method: 'POST',
    path: '/v2/{project_id}/images/resource_instances/action',
    title: { en: 'Querying Images by Tag', zh: '按标签查询镜像' },
    actions: ['ims:images:list'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 200,
    contentType: JSON_UTF8,
    pathParams: [projectId],
    queryParams: [],
    bodySchema: LIST_IMAGE_BY_TAGS_BODY,
    exampleBody: { action: 'filter', tags: [{ key: 'env', values: ['prod'] }], limit: '10', offset: '0' },
    idempotent: true,
    readOnly: true,
    notes: [
      {
        en: 'limit and offset are strings. Key and value charsets in the tag filters are not checked.',
        zh: 'limit 和 offset 是字符串。标签过滤条件中的键和值不校验字符集。',
      },
    ],
    docUrl: `${DOCS}ims_03_0616.html`,
  },
  {
    id: 'BatchAddOrDeleteTags',
    method: 'POST',
    path: '/v2/{project_id}/images/{image_id}/tags/action',
    title: { en: 'Adding or Deleting Image Tags in a Batch', zh: '批量添加删除镜像标签' },
    actions: ['ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 204,
    contentType: JSON_UTF8,
    pathParams: [projectId, imageId],
    queryParams: [],
    bodySchema: BATCH_ADD_OR_DELETE_TAGS_BODY,
    exampleBody: { action: 'create', tags: [{ key: 'env', value: 'prod' }] },
    idempotent: true,
    readOnly: false,
    notes: [
      {
        en: 'Idempotent: an existing key gets the new value; deleting a missing tag succeeds.',
        zh: '幂等：已存在的键会更新值；删除不存在的标签也算成功。',
      },
    ],
    docUrl: `${DOCS}ims_03_0617.html`,
  },
  {
    id: 'AddImageTag',
    method: 'POST',
    path: '/v2/{project_id}/images/{image_id}/tags',
    title: { en: 'Adding an Image Tag', zh: '添加镜像标签' },
    actions: ['ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 204,
    contentType: JSON_UTF8,
    pathParams: [projectId, imageId],
    queryParams: [],
    bodySchema: ADD_IMAGE_TAG_BODY,
    exampleBody: { tag: { key: 'env', value: 'prod' } },
    idempotent: true,
    readOnly: false,
    notes: [
      {
        en: 'Idempotent: the same key and value succeeds; the same key with a new value updates it.',
        zh: '幂等：相同的键和值返回成功；相同的键、不同的值会更新。',
      },
    ],
    docUrl: `${DOCS}ims_03_0618.html`,
  },
  {
    id: 'DeleteImageTag',
    method: 'DELETE',
    path: '/v2/{project_id}/images/{image_id}/tags/{key}',
    title: { en: 'Deleting an Image Tag', zh: '删除镜像标签' },
    actions: ['ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 204,
    contentType: JSON,
    pathParams: [projectId, imageId, tagKey],
    queryParams: [],
    idempotent: false,
    readOnly: false,
    notes: [{ en: 'Not idempotent: a key that is not there answers 404.', zh: '非幂等：键不存在时返回 404。' }],
    docUrl: `${DOCS}ims_03_0619.html`,
  },
  {
    id: 'ListImageTags',
    method: 'GET',
    path: '/v2/{project_id}/images/{image_id}/tags',
    title: { en: 'Querying Tags of an Image', zh: '查询镜像标签' },
    actions: ['ims:images:list'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 200,
    contentType: JSON,
    pathParams: [projectId, imageId],
    queryParams: [],
    idempotent: true,
    readOnly: true,
    notes: [],
    docUrl: `${DOCS}ims_03_0620.html`,
  },
  {
    id: 'ListImagesTags',
    method: 'GET',
    path: '/v2/{project_id}/images/tags',
    title: { en: 'Querying All Image Tags', zh: '查询租户所有镜像标签' },
    actions: ['ims:images:list'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: true,
    openstackNative: false,
    successStatus: 200,
    contentType: JSON,
    pathParams: [projectId],
    queryParams: [],
    idempotent: true,
    readOnly: true,
    notes: [
      {
        en: 'Tags aggregated per key: {"tags": [{"key", "values": [...]}]}.',
        zh: '按键汇总标签：{"tags": [{"key", "values": [...]}]}。',
      },
    ],
    docUrl: `${DOCS}ims_03_0621.html`,
  },
  {
    id: 'BatchDeleteTags',
    method: 'DELETE',
    path: '/v1/{project_id}/cloudimages/{image_id}/tags/delete',
    title: { en: 'Deleting Image Tags in a Batch', zh: '批量删除镜像标签' },
    actions: ['ims:images:update'],
    iamProject: true,
    enterpriseProject: false,
    tagApi: false,
    openstackNative: false,
    successStatus: 204,
    contentType: JSON_UTF8,
    pathParams: [projectId, imageId],
    queryParams: [],
    bodySchema: BATCH_DELETE_TAGS_BODY,
    exampleBody: { tags: [{ key: 'env' }] },
    idempotent: true,
    readOnly: false,
    notes: [{ en: 'A JSON body on a DELETE request. Idempotent.', zh: 'DELETE 请求带 JSON 请求体。幂等。' }],
    docUrl: `${DOCS}ims_03_0662.html`,
  },
  {
    id: 'ListImages',
    method: 'GET',
    path: '/v2/cloudimages',
    title: { en: 'Querying Images', zh: '查询镜像列表' },
    actions: ['ims:images:list'],
    iamProject: true,
    enterpriseProject: true,
    tagApi: false,
    openstackNative: false,
    successStatus: 200,
    contentType: JSON,
    pathParams: [],
    queryParams: IMAGE_LIST_QUERY,
    idempotent: true,
    readOnly: true,
    notes: [{ en: 'Paged with marker (the last image ID) and limit.', zh: '使用 marker（上一页最后一个镜像ID）和 limit 分页。' }],
    docUrl: DOCS /* no per-page link in the facts; the API reference home */,
  },
];

/**
 * The 33 regions of the IMS endpoint, as in the Go and Node SDKs, with their group (docs/sources.md §D.1).
 * Display names only where a Huawei Cloud endpoint table names the region (the SDRS, VAS and IEF
 * endpoint pages); the others show their group.
 */
export interface RegionInfo {
  id: string;
  group: string;
  name?: string;
}

const group = (g: string, ids: Array<string | [string, string]>): RegionInfo[] =>
  ids.map((r) => (Array.isArray(r) ? { id: r[0], name: r[1], group: g } : { id: r, group: g }));

export const REGION_INFO: readonly RegionInfo[] = [
  ...group('Mainland China', [
    ['cn-north-1', 'CN North-Beijing1'],
    'cn-north-2',
    ['cn-north-4', 'CN North-Beijing4'],
    'cn-north-9',
    'cn-north-11',
    'cn-north-12',
    ['cn-east-2', 'CN East-Shanghai2'],
    ['cn-east-3', 'CN East-Shanghai1'],
    'cn-east-4',
    'cn-east-5',
    ['cn-south-1', 'CN South-Guangzhou'],
    'cn-south-2',
    'cn-south-4',
    'cn-southwest-2',
    'cn-southwest-3',
  ]),
  ...group('Asia Pacific', [
    ['ap-southeast-1', 'CN-Hong Kong'],
    ['ap-southeast-2', 'AP-Bangkok'],
    ['ap-southeast-3', 'AP-Singapore'],
    'ap-southeast-4',
    'ap-southeast-5',
    'my-kualalumpur-1',
  ]),
  ...group('Africa', [['af-south-1', 'AF-Johannesburg'], 'af-north-1']),
  ...group('Latin America', [
    ['la-south-2', 'LA-Santiago'],
    ['la-north-2', 'LA-Mexico City2'],
    ['sa-brazil-1', 'LA-Sao Paulo1'],
    'na-mexico-1',
  ]),
  ...group('Middle East and Türkiye', [['tr-west-1', 'TR-Istanbul'], 'me-east-1', 'ae-ad-1']),
  ...group('Europe and Russia', ['eu-west-101', 'eu-west-0', 'ru-moscow-1']),
];

export const REGIONS: readonly string[] = REGION_INFO.map((r) => r.id);

/**
 * The region used where none is chosen (a new .http block, the emulator): the SDKs' examples use it,
 * and it is the region of the IAM endpoint below.
 */
export const DEFAULT_REGION = 'cn-north-4';

/** The global IAM endpoint (tokens, projects); docs/sources.md §D. */
export const IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

/** Host of the IMS endpoint in a region (docs/sources.md §D.1). */
export const IMS_ENDPOINT_TEMPLATE = 'https://ims.{region}.myhuaweicloud.com';
export const IMS_HOST_PATTERN = /^ims\.[a-z0-9-]+\.myhuaweicloud\.com(?::\d+)?$/i;

/** Request headers IMS uses, for completion in .http files. */
export const IMS_HEADERS: ReadonlyArray<{ name: string; values: string[]; doc: { en: string; zh: string } }> = [
  {
    name: 'Content-Type',
    values: ['application/json;charset=UTF-8', 'application/json'],
    doc: {
      en: 'The SDK sends application/json;charset=UTF-8 with a JSON body, application/json otherwise.',
      zh: 'SDK 发送 JSON 请求体时使用 application/json;charset=UTF-8，其余使用 application/json。',
    },
  },
  {
    name: 'X-Auth-Token',
    values: ['{{token}}'],
    doc: {
      en: 'An IAM token (POST /v3/auth/tokens, header X-Subject-Token); valid 24 hours.',
      zh: 'IAM 令牌（POST /v3/auth/tokens 返回的 X-Subject-Token），有效期 24 小时。',
    },
  },
  {
    name: 'X-Project-Id',
    values: ['{{projectId}}'],
    doc: {
      en: 'Project of the request with AK/SK signing; needed where the path has no project ID.',
      zh: 'AK/SK 签名时请求所属的项目；路径中没有项目ID的接口需要它。',
    },
  },
  {
    name: 'X-Sdk-Date',
    values: [],
    doc: {
      en: 'Signing time, YYYYMMDDTHHMMSSZ (UTC); more than 15 minutes off is rejected.',
      zh: '签名时间，格式 YYYYMMDDTHHMMSSZ（UTC）；与服务器相差超过 15 分钟会被拒绝。',
    },
  },
];

/** The ten tag APIs (docs/sources.md §A), in its order. */
export const TAG_APIS: readonly ImsApi[] = IMS_APIS.filter((a) => a.tagApi);

export function findApi(id: string): ImsApi | undefined {
  return IMS_APIS.find((a) => a.id === id);
}
