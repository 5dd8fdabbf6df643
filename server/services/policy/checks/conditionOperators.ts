/** Condition operators IAM documents (with `IfExists` and the `ForAllValues:`/`ForAnyValue:` prefixes). */
import { CONDITION_OPERATORS, OPERATOR_SUFFIX, isKnownOperator } from '../../../../core/catalogue';
import { closest } from '../../../../core/util/distance';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const UNKNOWN_OPERATOR = {
  code: 'unknown-condition-operator',
  severity: DiagnosticSeverity.Warning,
  when: 'an operator that is not documented (with `IfExists` and `ForAllValues:`/`ForAnyValue:` accepted)',
  why: 'IAM refuses an operator it does not know (docs/sources.md §C.1, §C.3).',
  fix: 'replace with the suggestion',
};
const OPERATOR_NAMES = CONDITION_OPERATORS.flatMap((o) => [o.name, o.name + OPERATOR_SUFFIX]);
const q = (values: string[], or: string) => values.map((v) => `'${v}'`).join(or);

export const conditionOperators = defineCheck({
  name: 'conditionOperators',
  languages: ['policy'],
  codes: [UNKNOWN_OPERATOR],
  messages: {
    en: {
      unknownOperator: (op: string, near: string[]) =>
        `Unknown condition operator "${op}".${near.length ? ` Did you mean ${q(near, ' or ')}?` : ''}`,
    },
    zh: {
      unknownOperator: (op, near) => `未知的条件运算符 "${op}"。${near.length ? `您是否想输入 ${q(near, ' 或 ')}？` : ''}`,
    },
  },
  run(sink, { model }: PolicyCheckInput, m) {
    for (const st of model.statements) {
      if (st.conditionNode?.type !== 'object') continue;
      for (const prop of st.conditionNode.children ?? []) {
        const key = prop.children?.[0];
        if (!key || typeof key.value !== 'string' || isKnownOperator(key.value)) continue;
        const near = closest(key.value, OPERATOR_NAMES);
        sink.report(
          UNKNOWN_OPERATOR,
          sink.node(key),
          m.unknownOperator(key.value, near),
          near.length ? { data: { fix: { kind: 'replace', values: near } } } : {},
        );
      }
    }
  },
});
