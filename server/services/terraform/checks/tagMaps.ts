/**
 * `tags` maps of the IMS image resources in Terraform, against the IMS tag rules: key and value length
 * and characters, the number of tags, duplicate keys. Keys and values that are Terraform expressions
 * (`var.x`, `local.y`, `"${…}"`) are not judged.
 */
import { TAG_KEY_RULE_TEXT, TAG_RULES, TAG_VALUE_RULE_TEXT, tr } from '../../../../core/catalogue';
import { defineCheck } from '../../checks/check';
import { DUPLICATE_TAG_KEY, TAG_RULE } from '../../checks/tagRules';
import type { TerraformCheckInput } from './input';

const KEY = new RegExp(TAG_RULES.keyPattern, 'u');
const VALUE = new RegExp(TAG_RULES.valuePattern, 'u');

export const tagMaps = defineCheck({
  name: 'tagMaps',
  languages: ['terraform'],
  codes: [TAG_RULE, DUPLICATE_TAG_KEY],
  messages: { en: {}, zh: {} },
  run(sink, { parsed }: TerraformCheckInput) {
    const m = sink.shared;
    const keyRule = tr(TAG_KEY_RULE_TEXT, sink.lang);
    const valueRule = tr(TAG_VALUE_RULE_TEXT, sink.lang);
    for (const map of parsed.model.tagMaps) {
      if (map.entries.length > TAG_RULES.maxTagsPerImage)
        sink.report(
          TAG_RULE,
          sink.at(map.start, map.start + 1),
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
          const key = sink.at(e.keyStart, e.keyEnd);
          const len = [...e.key].length;
          if (len === 0) sink.report(TAG_RULE, sink.at(e.keyStart - 1, e.keyEnd + 1), m.emptyKey(keyRule));
          else if (len > TAG_RULES.key.max) sink.report(TAG_RULE, key, m.tagTooLong('key', len, TAG_RULES.key.max));
          else if (!KEY.test(e.key)) sink.report(TAG_RULE, key, m.keyRule(JSON.stringify(e.key), keyRule));
          if (seen.has(e.key)) sink.report(DUPLICATE_TAG_KEY, key, m.duplicateKey(e.key));
          seen.add(e.key);
        }
        if (!e.dynamicValue) {
          const value = sink.at(e.valueStart, e.valueEnd);
          const len = [...e.value].length;
          if (len > TAG_RULES.value.max) sink.report(TAG_RULE, value, m.tagTooLong('value', len, TAG_RULES.value.max));
          else if (!VALUE.test(e.value)) sink.report(TAG_RULE, value, m.valueRule(JSON.stringify(e.value), valueRule));
        }
      }
    }
  },
});
