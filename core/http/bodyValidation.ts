/** Validates request bodies against the catalogue's JSON Schemas (ajv, draft 2020-12). */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { ImsApi } from '../catalogue';

// strictRequired off: CreateOrUpdateTags' oneOf branches require properties defined by the parent.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validators = new Map<string, ValidateFunction>();

export function validateBody(api: ImsApi, value: unknown): ErrorObject[] {
  if (!api.bodySchema) return [];
  let validate = validators.get(api.id);
  if (!validate) validators.set(api.id, (validate = ajv.compile(api.bodySchema)));
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
