/**
 * `GET /v5/authorization-schemas/services/ims`, generated from the catalogue in the shape of the SDK's
 * GetAuthorizationSchemaV5Response (actions[].name, descriptions in `en_US` and `zh_CN`): actions with
 * access level, resources, condition keys and descriptions in English and Chinese; operations (the APIs)
 * with the action each performs and its dependent actions. Access levels are derived from the operation's
 * name (get → read, list → list, else write): the documented IMS table could be read only in part, so this
 * is the emulator's reading, not IAM's answer.
 */
import { impliedAccessLevel } from '../../core/access/catalogueDiff';
import { IMS_ACTIONS, IMS_APIS, IMS_RESOURCE_TYPES, dependentActions } from '../../core/catalogue';

export function imsAuthorizationSchema(): unknown {
  return {
    version: '1.0',
    actions: IMS_ACTIONS.map((a) => ({
      name: a.name,
      access_level: impliedAccessLevel(a.name),
      permission_only: false,
      resources: a.operation.startsWith('list')
        ? []
        : [{ urn_template: `ims:<region>:<account-id>:${a.resourceType}:<id>`, required: true }],
      condition_keys: a.operation.startsWith('list') ? ['g:EnterpriseProjectId'] : [],
      aliases: [],
      description: { en_US: a.description.en, zh_CN: a.description.zh },
    })),
    conditions: [
      {
        key: 'g:EnterpriseProjectId',
        value_type: 'string',
        multi_valued: false,
        description: { en_US: 'The enterprise project of the resource', zh_CN: '资源所属的企业项目' },
      },
    ],
    operations: IMS_APIS.map((api) => ({
      operation_id: api.id,
      operation_action: api.actions[0],
      dependent_actions: [...new Set(api.actions.slice(1).concat(api.actions.flatMap(dependentActions)))].filter(
        (d) => !api.actions.slice(0, 1).includes(d),
      ),
    })),
    resources: IMS_RESOURCE_TYPES.map((t) => ({ type_name: t, urn_template: `ims:<region>:<account-id>:${t}:<id>` })),
  };
}
