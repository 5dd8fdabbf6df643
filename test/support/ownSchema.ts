/**
 * An IAM account whose authorization schema of IMS differs from the shipped snapshot (an extra action,
 * `ims:images:tagAudit`, to which it maps AddImageTag), as an emulator `--iam` file: sam-auditor may read
 * IAM and holds a 5.0 policy allowing only that action. For the tests that a live schema replaces the snapshot.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IMS_SCHEMA_SNAPSHOT } from '../../core/catalogue/iam5/imsSnapshot';

export const SAM = { ak: 'SAMACCESSKEY00000001', sk: 'sam-secret-key-0001' };

export function accountWithOwnSchema() {
  const schema = structuredClone(IMS_SCHEMA_SNAPSHOT);
  schema.actions.push({
    name: 'ims:images:tagAudit',
    access_level: 'tagging',
    description: { en_US: 'Audited tagging.', zh_CN: '审计打标签。' },
  });
  schema.operations = schema.operations.map((o) =>
    o.operation_id === 'AddImageTag' ? { ...o, operation_action: 'ims:images:tagAudit' } : o,
  );
  const iamFile = join(mkdtempSync(join(tmpdir(), 'ims-own-schema-')), 'iam.json');
  writeFileSync(
    iamFile,
    JSON.stringify({
      users: [{ name: 'sam-auditor' }],
      groups: [{ name: 'iam-readers', users: ['sam-auditor'] }],
      accessKeys: [{ user: 'sam-auditor', access: SAM.ak, secret: SAM.sk }],
      grants: [{ role: 'IAM ReadOnlyAccess', group: 'iam-readers', scope: 'domain' }],
      policies: [
        {
          name: 'audit',
          document: { Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['ims:images:tagAudit'] }] },
          users: ['sam-auditor'],
        },
      ],
      authorizationSchema: schema,
    }),
  );
  return { iamFile, schema };
}
