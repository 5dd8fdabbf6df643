/**
 * The JSON body of an IMS request: it parses, and it holds to the API's JSON Schema (ajv errors mapped
 * into the body, quoting the documented rule where there is one), with no tag key twice in a list. A
 * `{{variable}}` standing for a value is not judged: its text is not what will be sent.
 */
import { findNodeAtLocation, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import type { ErrorObject } from 'ajv';
import { TAG_KEY_RULE_TEXT, TAG_RULES, TAG_VALUE_RULE_TEXT, tr, type ImsApi } from '../../../../core/catalogue';
import { validateBody } from '../../../../core/http/bodyValidation';
import { maskBareReferences } from '../../../../core/http/variables/references';
import { MAX_NESTING, parseJsonTree } from '../../../../core/util/nesting';
import { DiagnosticSeverity, defineCheck, type CheckCode, type DiagnosticSink } from '../../checks/check';
import { DUPLICATE_TAG_KEY, TAG_RULE } from '../../checks/tagRules';
import type { Messages } from '../../messages';
import { apiOf, type HttpRequestInput } from './input';

const SCHEMA = {
  code: 'body-schema',
  severity: DiagnosticSeverity.Error,
  severityNote: 'warning for unknown properties',
  when: "the body against the API's JSON Schema: enum values (case-sensitive), types (`limit`/`offset` are strings), required properties, list limits",
  why: 'The request bodies of the API pages and the SDK models (docs/sources.md §A.2).',
  fix: 'the documented spelling for an enum value in the wrong case (`"Create"` → `"create"`)',
};
const SYNTAX = {
  code: 'body-json-syntax',
  severity: DiagnosticSeverity.Error,
  when: 'the body is not JSON, or nests deeper than the parser reads',
  why: 'IMS takes JSON bodies (docs/sources.md §A.2).',
};

const en = {
  notJson: (detail: string) => `The body is not valid JSON (${detail}).`,
  missingProperty: (p: string, id: string) => `Missing required property "${p}" in the ${id} body.`,
  unknownProperty: (p: string, id: string) => `"${p}" is not a property of the ${id} body.`,
  notAllowed: (v: string, allowed: string) => `${v} is not allowed here: use ${allowed} (case-sensitive).`,
  fieldType: (field: string, type: string, stringsHint: boolean) =>
    `"${field}" must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}${stringsHint ? ' (ListImageByTags takes limit and offset as strings)' : ''}.`,
  notEmpty: (field: string) => `"${field}" must not be empty.`,
  tooLong: (field: string, len: number, max: number) => `"${field}" is ${len} characters; at most ${max}.`,
  blankKey: () => 'A tag key must not be blank.',
  limitFormat: () => '"limit" must be a string of digits from "1" to "1000".',
  offsetFormat: () => '"offset" must be a string of digits, "0" or more.',
  wrongFormat: (field: string) => `"${field}" has the wrong format.`,
  emptyList: (field: string) => `"${field}" must not be an empty list: leave it out instead.`,
  sameTwice: (field: string) => `"${field}" lists the same value twice.`,
  tagOrImageTag: () => 'Use exactly one of "tag" (the legacy "key.value" string) and "image_tag" ({"key", "value"}).',
};
type M = typeof en;
const zh: M = {
  notJson: (detail) => `请求体不是有效的 JSON（${detail}）。`,
  missingProperty: (p, id) => `${id} 请求体缺少必填属性 "${p}"。`,
  unknownProperty: (p, id) => `"${p}" 不是 ${id} 请求体的属性。`,
  notAllowed: (v, allowed) => `这里不允许 ${v}：请使用 ${allowed}（区分大小写）。`,
  fieldType: (field, type, stringsHint) =>
    `"${field}" 必须是${({ string: '字符串', object: '对象', array: '数组', boolean: '布尔值', number: '数字' } as Record<string, string>)[type] ?? type}${stringsHint ? '（ListImageByTags 的 limit 和 offset 是字符串）' : ''}。`,
  notEmpty: (field) => `"${field}" 不能为空。`,
  tooLong: (field, len, max) => `"${field}" 长 ${len} 个字符；最多 ${max} 个。`,
  blankKey: () => '标签键不能为空白。',
  limitFormat: () => '"limit" 必须是 "1" 到 "1000" 的数字字符串。',
  offsetFormat: () => '"offset" 必须是大于等于 "0" 的数字字符串。',
  wrongFormat: (field) => `"${field}" 格式错误。`,
  emptyList: (field) => `"${field}" 不能是空列表：不需要时请省略。`,
  sameTwice: (field) => `"${field}" 中有重复的值。`,
  tagOrImageTag: () => '"tag"（旧的 "key.value" 字符串）和 "image_tag"（{"key", "value"}）只能且必须使用其中一个。',
};

const PARSE_ERRORS: Record<number, string> = {
  1: 'invalid symbol',
  2: 'invalid number',
  3: 'property name expected',
  4: 'value expected',
  5: 'colon expected',
  6: 'comma expected',
  7: 'closing brace expected',
  8: 'closing bracket expected',
  9: 'end of file expected',
  10: 'invalid comment token',
  11: 'unexpected end of comment',
  12: 'unexpected end of string',
  13: 'unexpected end of number',
  14: 'invalid unicode',
  15: 'invalid escape character',
  16: 'invalid character',
};

const lastSegment = (path: string) => path.split('/').filter(Boolean).pop() ?? '';

/** A friendly message for one ajv error, quoting the documented rule where there is one. */
function bodyMessage(
  e: ErrorObject,
  api: ImsApi,
  value: unknown,
  m: M,
  shared: Messages,
  lang: DiagnosticSink['lang'],
): { message: string; code: CheckCode; severity?: DiagnosticSeverity } | undefined {
  const field = lastSegment(e.instancePath) || 'body';
  const isKey = field === 'key';
  const isValue = field === 'value';
  const err = (message: string, code: CheckCode = SCHEMA) => ({ message, code });
  switch (e.keyword) {
    case 'if':
    case 'const':
      return undefined; // reported through the branch that failed
    case 'required':
      return err(m.missingProperty((e.params as { missingProperty: string }).missingProperty, api.id));
    case 'additionalProperties':
      // IMS may ignore unknown properties, so this is a warning: nothing the service accepts is rejected.
      return {
        message: m.unknownProperty((e.params as { additionalProperty: string }).additionalProperty, api.id),
        code: SCHEMA,
        severity: DiagnosticSeverity.Warning,
      };
    case 'enum':
      return err(
        m.notAllowed(
          JSON.stringify(value),
          (e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(shared.or()),
        ),
      );
    case 'type':
      return err(m.fieldType(field, (e.params as { type: string }).type, field === 'limit' || field === 'offset'));
    case 'minLength':
      return isKey ? err(shared.emptyKey(tr(TAG_KEY_RULE_TEXT, lang)), TAG_RULE) : err(m.notEmpty(field));
    case 'maxLength': {
      const limit = (e.params as { limit: number }).limit;
      const len = typeof value === 'string' ? [...value].length : 0;
      return isKey || isValue ? err(shared.tagTooLong(field, len, limit), TAG_RULE) : err(m.tooLong(field, len, limit));
    }
    case 'pattern':
      if (isKey && api.id !== 'ListImageByTags')
        return err(
          /\S/.test(String(value)) ? shared.keyRule(JSON.stringify(value), tr(TAG_KEY_RULE_TEXT, lang)) : m.blankKey(),
          TAG_RULE,
        );
      if (isValue) return err(shared.valueRule(JSON.stringify(value), tr(TAG_VALUE_RULE_TEXT, lang)), TAG_RULE);
      if (field === 'limit') return err(m.limitFormat());
      if (field === 'offset') return err(m.offsetFormat());
      return err(m.wrongFormat(field));
    case 'minItems':
      return err(m.emptyList(field));
    case 'maxItems': {
      const limit = (e.params as { limit: number }).limit;
      const more =
        field === 'tags' && api.id === 'BatchAddOrDeleteTags'
          ? shared.tagsPerImage(TAG_RULES.stricterMaxTagsPerImage, TAG_RULES.maxTagsPerImage)
          : '';
      return err(shared.tooMany(field, Array.isArray(value) ? String(value.length) : '?', limit, more));
    }
    case 'uniqueItems':
      return err(m.sameTwice(field));
    case 'oneOf':
      return err(m.tagOrImageTag());
    default:
      return err(`${field}: ${e.message ?? 'invalid'}.`);
  }
}

/** Whether a value is (or holds) a {{variable}}: its text is not the value that will be sent. */
function containsVariable(node: Node | undefined, holes: ReadonlySet<number>): boolean {
  if (!node) return false;
  if (node.type === 'string') return holes.has(node.offset) || String(node.value).includes('{{');
  return (node.children ?? []).some((c) => containsVariable(c, holes));
}

/** Any list of {key, …} objects in a tag body must not repeat a key. */
function duplicateKeys(sink: DiagnosticSink, node: Node, base: number, holes: ReadonlySet<number>): void {
  if (node.type === 'array') {
    const seen = new Set<string>();
    for (const item of node.children ?? []) {
      if (item.type !== 'object') continue;
      const key = (item.children ?? []).find((p) => p.children?.[0]?.value === 'key')?.children?.[1];
      // A key from a {{variable}} is not known before it is sent.
      if (key?.type !== 'string' || containsVariable(key, holes)) continue;
      const k = String(key.value);
      if (seen.has(k))
        sink.report(DUPLICATE_TAG_KEY, sink.at(base + key.offset, base + key.offset + key.length), sink.shared.duplicateKey(k));
      else seen.add(k);
    }
  }
  for (const c of node.children ?? []) duplicateKeys(sink, c, base, holes);
}

/** Schema keywords whose verdict depends on the value's text: not judged on a {{variable}}. */
const VALUE_KEYWORDS = new Set(['maxLength', 'minLength', 'pattern', 'enum', 'type', 'format', 'minimum', 'maximum']);

export const bodyContent = defineCheck({
  name: 'bodyContent',
  languages: ['http'],
  codes: [SYNTAX, SCHEMA, TAG_RULE, DUPLICATE_TAG_KEY],
  messages: { en, zh },
  run(sink, input: HttpRequestInput, m) {
    const api = apiOf(input);
    const body = input.request.body;
    // Bodies of APIs that take none, absent bodies and bodies in another file are bodyPresence's.
    if (!api?.bodySchema || !body || body.file) return;
    const errors: ParseError[] = [];
    // A {{variable}} standing for a whole JSON value parses as a string of its length, and is not judged.
    const { text: masked, holes } = maskBareReferences(body.text);
    const { tree, tooDeep } = parseJsonTree(masked, errors, { allowTrailingComma: false, disallowComments: false });
    const base = body.span.start;
    if (tooDeep !== undefined)
      // Not parsed: the JSON parser recurses per level (core/util/nesting.ts).
      return sink.report(SYNTAX, sink.at(base + tooDeep, base + tooDeep + 1), sink.shared.tooDeep(MAX_NESTING));
    if (errors.length > 0 || !tree) {
      const e = errors[0];
      const at = e ? base + e.offset : base;
      const end = Math.min(at + Math.max(e?.length ?? 1, 1), body.span.end);
      return sink.report(SYNTAX, sink.at(at, end), m.notJson(e ? (PARSE_ERRORS[e.error] ?? 'syntax error') : 'empty'));
    }
    for (const e of validateBody(api, getNodeValue(tree))) {
      const path = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
      const node = findNodeAtLocation(tree, path) ?? tree;
      if (containsVariable(node, holes) && VALUE_KEYWORDS.has(e.keyword)) continue;
      const mapped = bodyMessage(e, api, getNodeValue(node), m, sink.shared, sink.lang);
      if (!mapped) continue;
      let target = node;
      if (e.keyword === 'additionalProperties') {
        const name = (e.params as { additionalProperty: string }).additionalProperty;
        const key = (node.children ?? []).find((p) => p.children?.[0]?.value === name)?.children?.[0];
        if (key) target = key;
      }
      const wide = target.type === 'object' || target.type === 'array';
      // "Create" for "create": the enum is case-sensitive, and the fix is the documented spelling.
      const allowed = e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues : [];
      const value = getNodeValue(target);
      const sameLetters = allowed.find(
        (v) => typeof v === 'string' && typeof value === 'string' && v.toLowerCase() === value.toLowerCase(),
      );
      sink.report(mapped.code, sink.at(base + target.offset, base + target.offset + (wide ? 1 : target.length)), mapped.message, {
        ...(mapped.severity !== undefined ? { severity: mapped.severity } : {}),
        ...(typeof sameLetters === 'string' ? { data: { fix: { kind: 'replaceValue', value: sameLetters } } } : {}),
      });
    }
    duplicateKeys(sink, tree, base, holes);
  },
});
