/**
 * Tag key/value rules. The documented limits conflict (docs/sources.md §A.1): the per-API pages say
 * key ≤ 36, value ≤ 43 and 10 tags an image; the newest tag-format page says key 1–128, value 0–255
 * and 20 tags. We enforce the looser bounds, so nothing the service accepts is rejected, and mention
 * the stricter ones in hovers and messages.
 */
export const TAG_RULES = {
  key: { min: 1, max: 128, stricterMax: 36 },
  value: { min: 0, max: 255, stricterMax: 43 },
  maxTagsPerImage: 20,
  stricterMaxTagsPerImage: 10,
  /** Delete-side: charsets unchecked, lengths still checked (BatchAddOrDeleteTags delete, BatchDeleteTags). */
  deleteKeyMax: 127,
  deleteValueMax: 255,
  /** OpenStack-native tags are a key only. */
  nativeTagMax: 255,
  nativeTagForbidden: ['='],
  /** Tag filters of ListImageByTags. */
  filterKeyMax: 127,
  filterValueMax: 255,
  filterMaxTags: 10,
  filterMaxValues: 10,
  /** Newest tag-format page: U+4E00–U+9FFF, A–Z, a–z, 0–9, space, `_ . : + - @`; values also `/`. */
  keyPattern: '^(?! )[\\u4E00-\\u9FFFA-Za-z0-9 _.:+\\-@]+(?<! )$',
  valuePattern: '^(?! )[\\u4E00-\\u9FFFA-Za-z0-9 _.:/+\\-@]*(?<! )$',
  sources: ['https://support.huaweicloud.com/api-ims/ims_03_0618.html', 'https://support.huaweicloud.com/api-ims/ims_03_0902.md'],
} as const;

export const TAG_KEY_RULE_TEXT = {
  en: `1–${TAG_RULES.key.max} characters: Chinese (U+4E00–U+9FFF), letters, digits, space and _ . : + - @, not starting or ending with a space (the per-API pages say at most ${TAG_RULES.key.stricterMax})`,
  zh: `1–${TAG_RULES.key.max} 个字符：中文（U+4E00–U+9FFF）、字母、数字、空格和 _ . : + - @，不能以空格开头或结尾（各接口页面写的是最多 ${TAG_RULES.key.stricterMax} 个）`,
};

export const TAG_VALUE_RULE_TEXT = {
  en: `0–${TAG_RULES.value.max} characters: the key characters and /, not starting or ending with a space (the per-API pages say at most ${TAG_RULES.value.stricterMax})`,
  zh: `0–${TAG_RULES.value.max} 个字符：键允许的字符以及 /，不能以空格开头或结尾（各接口页面写的是最多 ${TAG_RULES.value.stricterMax} 个）`,
};
