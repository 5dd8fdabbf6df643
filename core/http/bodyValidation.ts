/** Validates request bodies against the catalogue's JSON Schemas, with validators compiled at build time. */
import type { ErrorObject } from 'ajv';
import type { ImsApi } from '../catalogue';
import { bodyValidatorKey } from '../validation/keys';
import { validateWith } from '../validation/run';

export function validateBody(api: ImsApi, value: unknown): ErrorObject[] {
  return api.bodySchema ? validateWith(bodyValidatorKey(api.id), value) : [];
}
