/**
 * `tags` maps of the IMS image resources in Terraform, against the IMS tag rules (tagRules.ts): key and
 * value length and characters, the number of tags, duplicate keys. Keys and values that are Terraform
 * expressions (`var.x`, `local.y`, `"${…}"`) are not judged.
 */
import { DiagnosticSeverity, Range, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TAG_KEY_RULE_TEXT, TAG_RULES, TAG_VALUE_RULE_TEXT, tr, type Lang } from '../../core/catalogue';
import type { TagMap } from '../../core/terraform/extract';
import { messages } from './messages';
import { DIAGNOSTIC_SOURCE } from './policyDiagnostics';

export const TERRAFORM_TAG_RULE = 'tag-rule';
export const TERRAFORM_DUPLICATE_KEY = 'duplicate-tag-key';

const KEY = new RegExp(TAG_RULES.keyPattern, 'u');
const VALUE = new RegExp(TAG_RULES.valuePattern, 'u');

export function tagMapDiagnostics(doc: TextDocument, maps: readonly TagMap[], lang: Lang): Diagnostic[] {
  const m = messages(lang);
  const out: Diagnostic[] = [];
  const add = (start: number, end: number, code: string, message: string) =>
    out.push({
      range: Range.create(doc.positionAt(start), doc.positionAt(end)),
      severity: DiagnosticSeverity.Error,
      code,
      source: DIAGNOSTIC_SOURCE,
      message,
    });
  for (const map of maps) {
    if (map.entries.length > TAG_RULES.maxTagsPerImage)
      add(
        map.start,
        map.start + 1,
        TERRAFORM_TAG_RULE,
        m.tooMany(
          'tags',
          String(map.entries.length),
          TAG_RULES.maxTagsPerImage,
          m.tagsPerImage(TAG_RULES.stricterMaxTagsPerImage, TAG_RULES.maxTagsPerImage),
        ),
      );
    const seen = new Set<string>();
    for (const e of map.entries) {
      if (!e.dynamicKey) {
        const len = [...e.key].length;
        if (len === 0) add(e.keyStart - 1, e.keyEnd + 1, TERRAFORM_TAG_RULE, m.emptyKey(tr(TAG_KEY_RULE_TEXT, lang)));
        else if (len > TAG_RULES.key.max)
          add(e.keyStart, e.keyEnd, TERRAFORM_TAG_RULE, m.tagTooLong('key', len, TAG_RULES.key.max));
        else if (!KEY.test(e.key))
          add(e.keyStart, e.keyEnd, TERRAFORM_TAG_RULE, m.keyRule(JSON.stringify(e.key), tr(TAG_KEY_RULE_TEXT, lang)));
        if (seen.has(e.key)) add(e.keyStart, e.keyEnd, TERRAFORM_DUPLICATE_KEY, m.duplicateKey(e.key));
        seen.add(e.key);
      }
      if (!e.dynamicValue) {
        const len = [...e.value].length;
        if (len > TAG_RULES.value.max)
          add(e.valueStart, e.valueEnd, TERRAFORM_TAG_RULE, m.tagTooLong('value', len, TAG_RULES.value.max));
        else if (!VALUE.test(e.value))
          add(e.valueStart, e.valueEnd, TERRAFORM_TAG_RULE, m.valueRule(JSON.stringify(e.value), tr(TAG_VALUE_RULE_TEXT, lang)));
      }
    }
  }
  return out;
}
