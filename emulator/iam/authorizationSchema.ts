/**
 * `GET /v5/authorization-schemas/services/ims`: the shipped snapshot of IMS's IAM 5.0 schema
 * (core/catalogue/iam5/imsSnapshot.ts), or the schema an `--iam` file gives (`authorizationSchema`, in the
 * shape of GetAuthorizationSchemaV5Response), so tests can stand in for an account whose IAM publishes
 * another mapping. The emulator enforces 5.0 policies by the same schema it serves.
 */
import { IMS_SCHEMA_SNAPSHOT } from '../../core/catalogue/iam5/imsSnapshot';
import { Iam5Model } from '../../core/catalogue/iam5/model';
import type { AuthorizationSchema } from '../../core/catalogue/iam5/schemaTypes';
import type { IamData } from './model';

export function imsAuthorizationSchema(data: IamData): AuthorizationSchema {
  return data.authorizationSchema ?? IMS_SCHEMA_SNAPSHOT;
}

const models = new WeakMap<AuthorizationSchema, Iam5Model>();

/** The 5.0 model the emulator judges 5.0 policies by: that of the schema it serves. */
export function emulatorModel(data: IamData): Iam5Model {
  const schema = imsAuthorizationSchema(data);
  let m = models.get(schema);
  if (!m)
    models.set(
      schema,
      (m = new Iam5Model(
        schema,
        data.authorizationSchema ? { kind: 'live', endpoint: 'the emulator', readAt: '' } : { kind: 'snapshot' },
      )),
    );
  return m;
}
