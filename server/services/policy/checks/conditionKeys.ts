/**
 * Version 5.0: each Condition key against IAM 5.0's model (IAM's schema or the shipped snapshot, and the
 * global `g:` keys). A key nobody declares is reported, never silently evaluated as false; a key that
 * none of the statement's IMS actions takes (at the action, or for a resource type in the statement) is
 * reported; a value type the operator cannot compare, and a multi-valued key under a plain operator
 * (`ForAnyValue:` or `ForAllValues:` say how a set of values compares), are said.
 */
import type { Node } from 'jsonc-parser';
import { parseOperator } from '../../../../core/catalogue';
import { isWildcard } from '../../../../core/policy/actionPattern';
import type { PolicyStatement } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck, type DiagnosticSink } from '../../checks/check';
import type { Iam5Model } from '../../../../core/catalogue/iam5/model';
import type { PolicyCheckInput } from './input';

const UNKNOWN_KEY = {
  code: 'unknown-condition-key',
  severity: DiagnosticSeverity.Warning,
  when: 'a 5.0 Condition key that neither the authorization schema nor the global `g:` keys declare',
  why: 'IAM evaluates only declared keys; an unknown one never matches, silently (docs/sources.md §B.1, §C.3).',
};
const NOT_APPLICABLE = {
  code: 'condition-key-not-applicable',
  severity: DiagnosticSeverity.Warning,
  severityNote: 'information while only the shipped snapshot is known',
  when: "a 5.0 Condition key that none of the statement's IMS actions takes (action-level keys, resource-level keys of the statement's resource types, and the global keys every action takes)",
  why: 'Keys are per action in the schema (`ims:images:list` takes only g:EnterpriseProjectId): elsewhere the key is absent from the request (docs/sources.md §B.1).',
};
const VALUE_TYPE = {
  code: 'condition-value-type',
  severity: DiagnosticSeverity.Warning,
  when: "an operator of one type on a key of another (a Bool operator on a string key, a Date operator on a non-date key…), or a value the key's type cannot hold",
  why: 'Each operator compares one value type (docs/sources.md §C.3, condition operators).',
};
const MULTI_VALUED = {
  code: 'multi-valued-key',
  severity: DiagnosticSeverity.Information,
  when: '`g:TagKeys`, `ims:TargetOrgPaths` or another multi-valued key under an operator without `ForAnyValue:`/`ForAllValues:`',
  why: 'A request carries several values for it: the prefix says whether any or all of them must match (docs/sources.md §C.3).',
};

/** The value type an operator compares, or undefined for the Null family (any key). */
function operatorType(op: string): string | undefined {
  const name = parseOperator(op).base;
  if (name.startsWith('String')) return 'string';
  if (name.startsWith('Number')) return 'numeric';
  if (name.startsWith('Date')) return 'date';
  if (name === 'Bool') return 'boolean';
  if (name === 'IpAddress' || name === 'NotIpAddress') return 'ip_address';
  return undefined;
}

const isDate = (v: string) => !Number.isNaN(Date.parse(v));
const VALUE_OK: Record<string, (v: string) => boolean> = {
  boolean: (v) => v === 'true' || v === 'false',
  numeric: (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  date: isDate,
  ip_address: (v) => /^[\d.:a-fA-F/]+$/.test(v),
};

/** The statement's IMS actions as the model knows them (wildcards expanded); undefined when it has others. */
function imsActions(st: PolicyStatement, iam5: Iam5Model) {
  if (st.actionKey !== 'Action' || st.actions.some((a) => !a.value.startsWith('ims:'))) return undefined;
  const out = st.actions.flatMap((a) => (isWildcard(a.value) ? iam5.expand(a.value) : (iam5.action(a.value) ?? [])));
  return out.length ? out : undefined;
}

function statementTypes(st: PolicyStatement, iam5: Iam5Model): Set<string> | undefined {
  if (st.resourceKey !== 'Resource' || st.resources.some((r) => r.value === '*')) return undefined; // every type
  return new Set(st.resources.map((r) => iam5.resourceTypeOf(r.value) ?? ''));
}

function values(node: Node | undefined): Array<{ value: string; node: Node }> {
  if (!node) return [];
  const items = node.type === 'array' ? (node.children ?? []) : [node];
  return items.flatMap((n) =>
    n.type === 'string' || n.type === 'number' || n.type === 'boolean' ? [{ value: String(n.value), node: n }] : [],
  );
}

export const conditionKeys = defineCheck({
  name: 'conditionKeys',
  languages: ['policy'],
  codes: [UNKNOWN_KEY, NOT_APPLICABLE, VALUE_TYPE, MULTI_VALUED],
  messages: {
    en: {
      unknownKey: (key: string) =>
        `"${key}" is not a condition key of IAM 5.0 for IMS, nor a global key: IAM never finds it in a request, so this condition never holds.`,
      notApplicable: (key: string, actions: string) =>
        `"${key}" is not a key of ${actions}: the request has no such value, so the condition does not hold as written.`,
      operatorType: (op: string, opType: string, key: string, keyType: string) =>
        `${op} compares ${opType} values, but "${key}" is ${keyType}.`,
      badValue: (value: string, key: string, keyType: string) => `"${value}" is not a ${keyType} value, which "${key}" holds.`,
      multiValued: (key: string, op: string) =>
        `"${key}" carries several values per request: write ForAnyValue:${op} (any of them) or ForAllValues:${op} (all of them).`,
    },
    zh: {
      unknownKey: (key) => `"${key}" 不是 IAM 5.0 中 IMS 的条件键，也不是全局条件键：请求中不会有它，此条件永不成立。`,
      notApplicable: (key, actions) => `"${key}" 不是 ${actions} 的条件键：请求中没有该值，条件按此写法不成立。`,
      operatorType: (op, opType, key, keyType) => `${op} 比较 ${opType} 类型的值，但 "${key}" 的类型是 ${keyType}。`,
      badValue: (value, key, keyType) => `"${value}" 不是 ${keyType} 类型的值，而 "${key}" 是该类型。`,
      multiValued: (key, op) =>
        `"${key}" 在一次请求中有多个值：请写 ForAnyValue:${op}（任一值）或 ForAllValues:${op}（所有值）。`,
    },
  },
  run(sink: DiagnosticSink, { model, version, ctx }: PolicyCheckInput, m) {
    if (version !== '5.0') return;
    const iam5 = ctx.iam5;
    const soft = iam5.origin.kind === 'snapshot' ? { severity: DiagnosticSeverity.Information } : {};
    for (const st of model.statements) {
      if (st.conditionNode?.type !== 'object') continue;
      const actions = imsActions(st, iam5);
      const types = statementTypes(st, iam5);
      for (const opProp of st.conditionNode.children ?? []) {
        const opNode = opProp.children?.[0];
        const keys = opProp.children?.[1];
        if (typeof opNode?.value !== 'string' || keys?.type !== 'object') continue;
        const op = opNode.value;
        const opType = operatorType(op);
        const prefixed = parseOperator(op).prefix !== undefined;
        for (const keyProp of keys.children ?? []) {
          const keyNode = keyProp.children?.[0];
          if (typeof keyNode?.value !== 'string') continue;
          const key = keyNode.value;
          const info = iam5.conditionKey(key);
          const at = sink.node(keyNode);
          if (!info) {
            // Keys of other services are theirs to declare: only `ims:` and `g:` keys are judged here.
            if (/^(ims|g):/i.test(key)) sink.report(UNKNOWN_KEY, at, m.unknownKey(key));
            continue;
          }
          if (actions && !actions.some((a) => iam5.keyApplies(key, a, types)))
            sink.report(NOT_APPLICABLE, at, m.notApplicable(key, [...new Set(actions.map((a) => a.name))].join(', ')), soft);
          if (opType && opType !== info.value_type)
            sink.report(VALUE_TYPE, sink.node(opNode), m.operatorType(op, opType, key, info.value_type));
          else if (opType && VALUE_OK[opType])
            for (const v of values(keyProp.children?.[1]))
              if (!v.value.includes('${') && !VALUE_OK[opType](v.value))
                sink.report(VALUE_TYPE, sink.node(v.node), m.badValue(v.value, key, info.value_type));
          if (info.multi_valued && !prefixed && opType !== undefined) sink.report(MULTI_VALUED, at, m.multiValued(key, op));
        }
      }
    }
  },
});
