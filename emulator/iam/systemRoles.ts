/**
 * System policies in `GET /v3/roles`, at least IMS's. Their names and meaning are documented
 * (docs/sources.md §B.2: "IMS FullAccess: all IMS permissions", "IMS ReadOnlyAccess: read-only"); their
 * JSON action lists were not found and are a GUESS (unconfirmed) by the pattern of other services'
 * read-only policies: `ims:*:*`, and `ims:*:get*` with `ims:*:list*`. IAM ReadOnlyAccess's are documented
 * (`iam:*:get*`, `iam:*:list*`, `iam:*:check*`, usermanual-iam/iam_01_0018); it is a global (AX) policy.
 */
import type { PolicyV5, Role } from './model';

const at = '2020-01-01T00:00:00.000Z';

export const IAM_READONLY_ROLE_ID = 'iam-readonly-00000000000000003';

function systemRole(
  id: string,
  name: string,
  displayName: string,
  description: string,
  actions: string[],
  type: Role['type'] = 'XA',
): Role {
  return {
    id,
    name,
    displayName,
    type,
    description,
    policy: { Version: '1.1', Statement: [{ Effect: 'Allow', Action: actions }] },
    system: true,
    createdAt: at,
    updatedAt: at,
  };
}

export function systemRoles(): Role[] {
  return [
    systemRole(
      'ims-fullaccess-0000000000000001',
      'ims_adm',
      'IMS FullAccess',
      'All permissions of IMS (emulator: action list guessed)',
      ['ims:*:*'],
    ),
    systemRole(
      'ims-readonly-00000000000000002',
      'ims_readonly',
      'IMS ReadOnlyAccess',
      'Read-only permissions of IMS (emulator: action list guessed)',
      ['ims:*:get*', 'ims:*:list*'],
    ),
    systemRole(
      IAM_READONLY_ROLE_ID,
      'readonly_adm',
      'IAM ReadOnlyAccess',
      'Read-only permissions of IAM',
      ['iam:*:get*', 'iam:*:list*', 'iam:*:check*'],
      'AX',
    ),
  ];
}

/**
 * System-defined 5.0 identity policies of IMS. The names follow the documented pattern of system identity
 * policies (`CBRReadOnlyPolicy`, usermanual-iam5 iam_01_0933, whose own document grants `ims:*:get*` and
 * `ims:*:list*`); IMS's own two and their documents are a GUESS by that pattern, as the 1.1 ones above.
 */
export function systemPoliciesV5(): PolicyV5[] {
  const policy = (id: string, name: string, description: string, actions: string[]): PolicyV5 => ({
    id,
    name,
    path: '',
    description,
    defaultVersionId: 'v1',
    versions: [
      {
        versionId: 'v1',
        document: JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: actions }] }),
        createdAt: at,
      },
    ],
    nextVersion: 2,
    attachedUsers: [],
    attachedGroups: [],
    createdAt: at,
    updatedAt: at,
    system: true,
  });
  return [
    policy('ims-fullaccess-policy-00000000001', 'IMSFullAccessPolicy', 'All permissions of IMS (emulator: document guessed)', [
      'ims:*:*',
    ]),
    policy('ims-readonly-policy-000000000002', 'IMSReadOnlyPolicy', 'Read-only permissions of IMS (emulator: document guessed)', [
      'ims:*:get*',
      'ims:*:list*',
    ]),
  ];
}
