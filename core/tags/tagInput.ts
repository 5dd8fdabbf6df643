/**
 * What a person types for a tag in the explorer, checked against the catalogue's tag rules before
 * anything is sent (the same rules the `.http` body checks and the emulator apply).
 */
import { TAG_RULES } from '../catalogue';

const keyPattern = new RegExp(TAG_RULES.keyPattern);
const valuePattern = new RegExp(TAG_RULES.valuePattern);

export function isValidTagKey(key: string): boolean {
  return key.length >= 1 && key.length <= TAG_RULES.key.max && keyPattern.test(key);
}

export function isValidTagValue(value: string): boolean {
  return value.length <= TAG_RULES.value.max && valuePattern.test(value);
}
