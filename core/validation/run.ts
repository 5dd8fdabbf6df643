/** Runs one of the validators compiled at build time (`generated.ts`), by its name (`keys.ts`). */
import type { ErrorObject } from 'ajv';
import * as generated from './generated';

type Validate = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };
const validators = generated as unknown as Record<string, Validate | undefined>;

/** The errors of `value` (none when valid); the first of `keys` that names a validator is used. */
export function validateWith(keys: string[], value: unknown): ErrorObject[] {
  const validate = keys.map((k) => validators[k]).find((v) => v !== undefined);
  if (!validate) throw new Error(`no precompiled validator named ${keys.join(' or ')}: run npm run build`);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
