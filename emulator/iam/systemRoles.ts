/**
 * System policies in `GET /v3/roles`, at least IMS's. Their names and meaning are documented (ims-facts.md
 * "IMS FullAccess: all IMS permissions", "IMS ReadOnlyAccess: read-only"); their JSON action lists were
 * not found and are a GUESS by the pattern of other services' read-only policies (ims-facts.md
 * [UNCONFIRMED]): `ims:*:*`, and `ims:*:get*` with `ims:*:list*`. IAM ReadOnlyAccess's are documented
 * (`iam:*:get*`, `iam:*:list*`, `iam:*:check*`, DOC-IAM-POLICYCONTENT); it is a global (AX) policy.
 */
import type { Role } from './model';

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
