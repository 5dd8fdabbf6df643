/** Runs one of the validators compiled at build time (`generated.ts`), by its name (`keys.ts`). */
import type { ErrorObject } from 'ajv';
import * as generated from './generated';

type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = generated as unknown as Record<string, Validate | undefined>;

/** The errors of `value` (none when valid), by the validator named `key`. */
export function validateWith(key: string, value: unknown): ErrorObject[] {
  const validate = validators[key];
  if (!validate) throw new Error(`no precompiled validator named ${key}: run npm run build`);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
