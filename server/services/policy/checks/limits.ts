/** The limits IAM puts on a policy created through its API (1.0 and 1.1): statements, actions, conditions, resources. */
import { POLICY_LIMITS } from '../../../../core/catalogue';
import { propertyNode, type PolicyStatement } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck, type CheckCode, type DiagnosticSink } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const limit = (code: string, when: string): CheckCode => ({
  code,
  severity: DiagnosticSeverity.Error,
  when,
  why: 'IAM refuses a policy past its limits (docs/sources.md §C.1: create a custom policy).',
});
const STATEMENTS = limit('limit-statements', 'more than 8 statements (1.0/1.1)');
const ACTIONS = limit('limit-actions', 'a statement with more than 100 actions (1.0/1.1)');
const CONDITIONS = limit('limit-conditions', 'a statement with more than 10 conditions (1.0/1.1)');
const RESOURCES = limit('limit-resources', 'a statement with more than 10 resources (1.0/1.1)');
const RESOURCE_LENGTH = limit('limit-resource-length', 'a resource over 128 characters (1.0/1.1)');

const en = {
  tooManyActions: (n: number, max: number) =>
    `This statement lists ${n} actions; IAM allows at most ${max} per statement. Use a wildcard or split the statement.`,
  tooManyResources: (n: number, max: number) => `This statement lists ${n} resources; IAM allows at most ${max}.`,
  resourceTooLong: (n: number, max: number) => `Resource is ${n} characters long; IAM allows at most ${max}.`,
  tooManyConditions: (n: number, max: number) => `This statement has ${n} conditions; IAM allows at most ${max}.`,
  tooManyStatements: (n: number, max: number) => `The policy has ${n} statements; IAM allows at most ${max}.`,
};
type M = typeof en;
const zh: M = {
  tooManyActions: (n, max) => `此语句列出了 ${n} 个授权项；IAM 每条语句最多允许 ${max} 个。请使用通配符或拆分语句。`,
  tooManyResources: (n, max) => `此语句列出了 ${n} 个资源；IAM 最多允许 ${max} 个。`,
  resourceTooLong: (n, max) => `资源长 ${n} 个字符；IAM 最多允许 ${max} 个。`,
  tooManyConditions: (n, max) => `此语句有 ${n} 个条件；IAM 最多允许 ${max} 个。`,
  tooManyStatements: (n, max) => `策略有 ${n} 条语句；IAM 最多允许 ${max} 条。`,
};

/** The key of a property (`"Action"` in `"Action": [...]`): where a count is reported. */
const keyOf = (node: PolicyStatement['node'], name: string) => propertyNode(node, name)!.children![0];

function statementLimits(sink: DiagnosticSink, st: PolicyStatement, m: M): void {
  const L = POLICY_LIMITS;
  if (st.actions.length > L.actions && st.actionKey)
    sink.report(ACTIONS, sink.node(keyOf(st.node, st.actionKey)), m.tooManyActions(st.actions.length, L.actions));
  if (st.resourceKey) {
    if (st.resources.length > L.resources)
      sink.report(RESOURCES, sink.node(keyOf(st.node, st.resourceKey)), m.tooManyResources(st.resources.length, L.resources));
    for (const r of st.resources)
      if (r.value.length > L.resourceLength)
        sink.report(RESOURCE_LENGTH, sink.node(r.node), m.resourceTooLong(r.value.length, L.resourceLength));
  }
  if (st.conditionNode?.type === 'object') {
    const count = (st.conditionNode.children ?? []).reduce(
      (n, op) => n + (op.children?.[1]?.type === 'object' ? (op.children[1].children?.length ?? 0) : 1),
      0,
    );
    if (count > L.conditions)
      sink.report(CONDITIONS, sink.node(keyOf(st.node, 'Condition')), m.tooManyConditions(count, L.conditions));
  }
}

export const limits = defineCheck({
  name: 'limits',
  languages: ['policy'],
  codes: [STATEMENTS, ACTIONS, CONDITIONS, RESOURCES, RESOURCE_LENGTH],
  messages: { en, zh },
  run(sink, { model, version }: PolicyCheckInput, m) {
    if (version === undefined || !POLICY_LIMITS.versions.includes(version)) return;
    if (model.statements.length > POLICY_LIMITS.statements)
      sink.report(
        STATEMENTS,
        sink.node(keyOf(model.policyNode, 'Statement')),
        m.tooManyStatements(model.statements.length, POLICY_LIMITS.statements),
      );
    for (const st of model.statements) statementLimits(sink, st, m);
  },
});
