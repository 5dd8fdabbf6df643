/**
 * The policy's structure against its Version's JSON Schema (ajv, core/policy/structureValidation.ts):
 * required keys, types, keys of another version, unknown keys, Resource with NotResource, Action with
 * NotAction. Each ajv error becomes one message on the node it is about.
 */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';
import type { ParsedPolicy } from '../../parsedPolicy';
import type { ErrorObject } from 'ajv';
import { STATEMENT_KEYS, type PolicyVersion } from '../../../../core/catalogue';
import { propertyNode } from '../../../../core/policy/policyDocument';
import { validatePolicyStructure } from '../../../../core/policy/structureValidation';
import { closest } from '../../../../core/util/distance';
import { DiagnosticSeverity, defineCheck, type CheckCode } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const STRUCTURE = {
  code: 'policy-structure',
  severity: DiagnosticSeverity.Error,
  when: 'missing `Version`/`Statement`/`Effect`/`Action`, wrong types (`Resource` may be a list, one string, or the agency form `{"uri": [...]}`), keys of another version (`Sid` in 1.1), unknown keys with a did-you-mean, `Resource` with `NotResource`, `Principal` outside 5.0 resource-based policies',
  why: "IAM refuses a policy that breaks its version's grammar (docs/sources.md §C.1, §C.3).",
};
const ACTION_WITH_NOT_ACTION = {
  code: 'action-with-notaction',
  severity: DiagnosticSeverity.Error,
  when: '`Action` and `NotAction` in one statement',
  why: 'A statement takes one of the two (docs/sources.md §C.3).',
};

const en = {
  statementN: (n: number) => `Statement ${n}`,
  thePolicy: () => 'The policy',
  missing: (where: string, key: string) =>
    `${where} is missing "${key}".${key === 'Version' ? ' Add "Version": "1.1".' : key === 'Effect' ? ' Add "Effect": "Allow" or "Deny".' : ''}`,
  noAction: (where: string, v5: boolean) =>
    `${where} has no "Action"${v5 ? ' or "NotAction"' : ''}: list the actions it applies to.`,
  resourceAndNot: (where: string) => `${where} has both "Resource" and "NotResource": use one of them.`,
  actionAndNot: (where: string) => `${where} has both "Action" and "NotAction": use one of them.`,
  keyOfVersion: (key: string, versions: string, version?: string) =>
    `"${key}" is allowed only in Version ${versions} statements${version ? `, not in ${version}` : ''}.`,
  unknownKey: (key: string, near?: string) => `Unknown statement key "${key}".${near ? ` Did you mean "${near}"?` : ''}`,
  mustBe: (what: string, type: string) => `${what} must be ${type}.`,
  resourceForms: (key: string) => `"${key}" must be a list of strings, one string, or {"uri": [...]} (agency policies).`,
  principalForms: (key: string) => `"${key}" must be "*" or an object of lists, e.g. {"IAM": ["…"]}.`,
  eachEntry: (owner: string) => `Each "${owner}" entry`,
  arrayOfStrings: () => 'an array of strings',
  aType: (t: string) => `a ${t}`,
  otherStructure: (where: string, detail: string) => `${where}: ${detail}.`,
};
type M = typeof en;
const zh: M = {
  statementN: (n) => `第 ${n} 条语句`,
  thePolicy: () => '策略',
  missing: (where, key) =>
    `${where}缺少 "${key}"。${key === 'Version' ? '请添加 "Version": "1.1"。' : key === 'Effect' ? '请添加 "Effect": "Allow" 或 "Deny"。' : ''}`,
  noAction: (where, v5) => `${where}没有 "Action"${v5 ? ' 或 "NotAction"' : ''}：请列出它适用的授权项。`,
  resourceAndNot: (where) => `${where}同时有 "Resource" 和 "NotResource"：只能用其中一个。`,
  actionAndNot: (where) => `${where}同时有 "Action" 和 "NotAction"：只能用其中一个。`,
  keyOfVersion: (key, versions, version) =>
    `"${key}" 只能用于 Version ${versions} 的语句${version ? `，不能用于 ${version}` : ''}。`,
  unknownKey: (key, near) => `未知的语句键 "${key}"。${near ? `您是否想输入 "${near}"？` : ''}`,
  mustBe: (what, type) => `${what}必须是${type}。`,
  resourceForms: (key) => `"${key}" 必须是字符串列表、单个字符串，或 {"uri": [...]}（委托策略）。`,
  principalForms: (key) => `"${key}" 必须是 "*" 或由列表组成的对象，例如 {"IAM": ["…"]}。`,
  eachEntry: (owner) => `"${owner}" 的每一项`,
  arrayOfStrings: () => '字符串数组',
  aType: (t) =>
    (({ string: '字符串', object: '对象', array: '数组', boolean: '布尔值', number: '数字' }) as Record<string, string>)[t] ?? t,
  otherStructure: (where, detail) => `${where}：${detail}。`,
};

function structureMessage(
  e: ErrorObject,
  version: PolicyVersion | undefined,
  m: M,
): { message: string; code: CheckCode } | undefined {
  const path = e.instancePath.split('/').slice(1);
  const where = path.length >= 2 && path[0] === 'Statement' ? m.statementN(Number(path[1]) + 1) : m.thePolicy();
  const structure = (message: string) => ({ code: STRUCTURE, message });
  // A branch of an anyOf is reported once, by the anyOf error itself.
  if (e.schemaPath.includes('/anyOf/')) return undefined;
  switch (e.keyword) {
    case 'required':
      return structure(m.missing(where, (e.params as { missingProperty: string }).missingProperty));
    case 'anyOf': {
      // The statement's own anyOf is "Action or NotAction"; the others are the forms a value may take.
      const owner = path[path.length - 1];
      if (owner === 'Resource' || owner === 'NotResource') return structure(m.resourceForms(owner));
      if (owner === 'Principal' || owner === 'NotPrincipal') return structure(m.principalForms(owner));
      return structure(m.noAction(where, version === '5.0'));
    }
    case 'not':
      if (e.schemaPath.includes('dependentSchemas')) return structure(m.resourceAndNot(where));
      return { code: ACTION_WITH_NOT_ACTION, message: m.actionAndNot(where) };
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      const other = STATEMENT_KEYS.find((k) => k.name === key);
      if (other) return structure(m.keyOfVersion(key, other.versions.join(', '), version));
      const names = STATEMENT_KEYS.filter((k) => !version || k.versions.includes(version)).map((k) => k.name);
      return structure(m.unknownKey(key, closest(key, names, 1)[0]));
    }
    case 'type': {
      const expected = (e.params as { type: string | string[] }).type;
      const last = path[path.length - 1];
      const isItem = /^\d+$/.test(last ?? '');
      const owner = isItem ? path[path.length - 2] : last;
      const what = isItem ? m.eachEntry(owner) : owner ? `"${owner}"` : m.thePolicy();
      const type = Array.isArray(expected)
        ? expected.map(m.aType).join(' / ')
        : expected === 'array'
          ? m.arrayOfStrings()
          : m.aType(expected);
      return structure(m.mustBe(what, type));
    }
    default:
      return structure(m.otherStructure(where, e.message ?? 'invalid structure'));
  }
}

/**
 * The policy as a plain value for the validator. Strict JSON (no comments, no trailing commas: the parse
 * reported nothing) goes through the engine's own JSON.parse, several times faster than rebuilding the
 * value from the tree and allocating less; anything else is read from the tree.
 */
function plainValue(parsed: ParsedPolicy, node: Node): unknown {
  if (parsed.json.errors.length === 0) {
    try {
      return JSON.parse(parsed.text.slice(node.offset, node.offset + node.length));
    } catch {
      // the tolerant parse and the strict one disagree: the tree decides
    }
  }
  return getNodeValue(node);
}

export const structure = defineCheck({
  name: 'structure',
  languages: ['policy'],
  codes: [STRUCTURE, ACTION_WITH_NOT_ACTION],
  messages: { en, zh },
  run(sink, { model, version, parsed }: PolicyCheckInput, m) {
    for (const e of validatePolicyStructure(plainValue(parsed, model.policyNode), version, model.kind)) {
      const mapped = structureMessage(e, version, m);
      if (!mapped) continue;
      const path = e.instancePath
        .split('/')
        .slice(1)
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const node = findNodeAtLocation(model.policyNode, path) ?? model.policyNode;
      let range = sink.node(node);
      if (e.keyword === 'additionalProperties') {
        const key = propertyNode(node, (e.params as { additionalProperty: string }).additionalProperty)?.children?.[0];
        if (key) range = sink.node(key);
      } else if (e.keyword === 'not' && !e.schemaPath.includes('dependentSchemas')) {
        const key = propertyNode(node, 'NotAction')?.children?.[0];
        if (key) range = sink.node(key);
      } else if (node.type === 'object' || node.type === 'array') {
        range = sink.head(node);
      }
      sink.report(mapped.code, range, mapped.message);
    }
  },
});
