/**
 * The IMS IAM actions of fine-grained policies (Version 1.1, and 1.0 roles). Facts: docs/sources.md §B.
 * IAM 5.0's actions are another model (iam5/: a schema snapshot, or IAM's own schema). The tag APIs each action unlocks are not
 * listed here: they are derived from `apis.ts`, so the two tables cannot disagree.
 */
import type { ImsAction, WildcardForm } from './types';
import { normalizeAction } from './actionNames';
import { closest } from '../util/distance';

const OTC_MGMT = 'OTC permissions appendix, image management';

function action(name: string, en: string, zh: string, otherApis: string[], source: string, confirmed = true): ImsAction {
  const [, resourceType, operation] = name.split(':');
  return { name, resourceType, operation, description: { en, zh }, confirmed, otherApis, source };
}

export const IMS_ACTIONS: readonly ImsAction[] = [
  action(
    'ims:images:list',
    'List and query images and image tags.',
    '查询镜像列表和镜像标签。',
    ['GET /v1/cloudimages/os_version', 'GET /v2/images', 'GET /v1.1/images/detail'],
    OTC_MGMT,
  ),
  action(
    'ims:images:get',
    "Read one image's details.",
    '查询单个镜像的详情。',
    [
      'GET /v2/images/{image_id}',
      'HEAD /v1/images/{image_id}',
      'GET /v1/{project_id}/cloudimages/{image_id}/members/{member_id}',
    ],
    OTC_MGMT,
  ),
  action(
    'ims:images:update',
    "Modify an image's metadata and tags.",
    '修改镜像的元数据和标签。',
    ['PATCH /v2/cloudimages/{image_id}', 'PATCH /v2/images/{image_id}'],
    OTC_MGMT,
  ),
  action(
    'ims:images:delete',
    'Delete images.',
    '删除镜像。',
    ['DELETE /v2/images/{image_id}', 'DELETE /v1.1/images/{image_id}'],
    OTC_MGMT,
  ),
  action(
    'ims:images:create',
    'Create image metadata (OpenStack-native API).',
    '创建镜像元数据（OpenStack原生接口）。',
    ['POST /v2/images'],
    OTC_MGMT,
  ),
  action(
    'ims:images:upload',
    'Upload or register an image file.',
    '上传或注册镜像文件。',
    ['PUT /v1/cloudimages/{image_id}/upload', 'PUT /v2/images/{image_id}/file'],
    OTC_MGMT,
  ),
  action('ims:images:export', 'Export an image to OBS.', '导出镜像到OBS。', ['POST /v1/cloudimages/{image_id}/file'], OTC_MGMT),
  action(
    'ims:images:copy',
    'Replicate an image within or across regions.',
    '在区域内或跨区域复制镜像。',
    ['POST /v1/cloudimages/{image_id}/copy', 'POST /v1/cloudimages/{image_id}/cross_region_copy'],
    'IMS permissions appendix, image replication',
  ),
  action(
    'ims:images:share',
    'Manage image sharing members. IAM 5.0 recommends ims:images:addMember instead.',
    '管理镜像共享成员。IAM 5.0 建议改用 ims:images:addMember。',
    ['POST /v1/cloudimages/members', 'PUT /v1/cloudimages/members', 'DELETE /v1/cloudimages/members'],
    'OTC permissions appendix, image sharing',
  ),
  action(
    'ims:serverImages:create',
    'Create system-disk images from an ECS or a file; also needed to move an image between enterprise projects.',
    '创建系统盘镜像（从云服务器或文件）；在企业项目间迁移镜像时也需要。',
    ['POST /v2/cloudimages/action', 'POST /v2/cloudimages/quickimport/action'],
    OTC_MGMT,
  ),
  action(
    'ims:dataImages:create',
    'Create data-disk images.',
    '创建数据盘镜像。',
    ['POST /v1/cloudimages/dataimages/action'],
    OTC_MGMT,
  ),
  action(
    'ims:wholeImages:create',
    'Create full-ECS images.',
    '创建整机镜像。',
    ['POST /v1/cloudimages/wholeimages/action'],
    OTC_MGMT,
  ),
  action(
    'ims:quotas:get',
    'Read the image quota.',
    '查询镜像配额。',
    ['GET /v1/cloudimages/quota'],
    'OTC permissions appendix, image quota',
  ),
];

/** The documented wildcard forms; any other `*` pattern is legal grammar too and is matched the same way. */
export const IMS_WILDCARDS: readonly WildcardForm[] = [
  {
    pattern: 'ims:*:*',
    description: { en: 'Every IMS action.', zh: '所有IMS授权项。' },
    source: 'IAM v3 policy statement grammar',
  },
  {
    pattern: 'ims:images:*',
    description: { en: 'Every action on images.', zh: '镜像的所有授权项。' },
    source: 'IAM v3 policy statement grammar',
  },
  {
    pattern: 'ims:*:get*',
    description: { en: 'Every IMS read action (get…).', zh: '所有IMS读取类授权项（get…）。' },
    source: 'IAM 5.0 system policy CBRReadOnlyPolicy',
  },
  {
    pattern: 'ims:*:list*',
    description: { en: 'Every IMS list action (list…).', zh: '所有IMS列表类授权项（list…）。' },
    source: 'IAM 5.0 system policy CBRReadOnlyPolicy',
  },
];

/** Resource types in the order a person would look for them. */
export const IMS_RESOURCE_TYPES: readonly string[] = [...new Set(IMS_ACTIONS.map((a) => a.resourceType))];

const byName = new Map(IMS_ACTIONS.map((a) => [normalizeAction(a.name), a]));

/** The catalogue action an action name means (resource type and operation in any case). */
export function findAction(name: string): ImsAction | undefined {
  return byName.get(normalizeAction(name));
}

/** The catalogue actions nearest to a misspelt name (edit distance), for "did you mean". */
export function nearestActions(name: string): string[] {
  return closest(
    name,
    IMS_ACTIONS.map((a) => a.name),
  );
}
