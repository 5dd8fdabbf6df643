/** A statement grants an action whose dependency (from the catalogue) no Allow of the policy grants. */
import { IMS_ACTIONS, apisNeedingBoth, dependentActions as dependenciesOf } from '../../../../core/catalogue';
import { patternCovers } from '../../../../core/policy/actionPattern';
import { statementMatches } from '../../../../core/policy/evaluator';
import { propertyNode } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const MISSING_DEPENDENCY = {
  code: 'missing-dependent-action',
  severity: DiagnosticSeverity.Information,
  when: "a statement grants an action whose dependency no Allow of the policy grants: in 1.1 from the catalogue (`ims:images:update` needs `ims:images:get` for the OpenStack-native tag APIs and `PUT /v1/cloudimages/tags`), in 5.0 from the schema's `dependent_actions`",
  why: 'The API is refused without both actions (docs/sources.md §B, §B.1).',
  fix: 'add the dependency',
};

export const dependentActions = defineCheck({
  name: 'dependentActions',
  languages: ['policy'],
  codes: [MISSING_DEPENDENCY],
  messages: {
    en: {
      missingDependency: (action: string, dep: string, apis: string) =>
        `This statement grants "${action}" but the policy does not grant "${dep}": ${apis} need both.`,
    },
    zh: {
      missingDependency: (action, dep, apis) => `此语句授予 "${action}"，但策略没有授予 "${dep}"：${apis} 两者都需要。`,
    },
  },
  run(sink, { model, version, ctx }: PolicyCheckInput, m) {
    const allowed = (action: string) => model.statements.some((s) => s.effect === 'Allow' && statementMatches(s, action));
    // Each model's own dependencies: 5.0's are the schema operations' dependent actions.
    const pairs: Array<{ action: string; dependents: string[]; apis: (dep: string) => string[] }> =
      version === '5.0'
        ? ctx.iam5.schema.operations
            .filter((o) => (o.dependent_actions ?? []).length > 0)
            .map((o) => ({ action: o.operation_action, dependents: o.dependent_actions!, apis: () => [o.operation_id] }))
        : IMS_ACTIONS.map((a) => ({
            action: a.name,
            dependents: dependenciesOf(a.name),
            apis: (dep: string) => apisNeedingBoth(a.name, dep).map((x) => `${x.method} ${x.path}`),
          }));
    for (const { action, dependents, apis: apisOf } of pairs) {
      const missing = dependents.filter((d) => !allowed(d));
      if (missing.length === 0) continue;
      for (const st of model.statements) {
        if (st.effect !== 'Allow' || !statementMatches(st, action)) continue;
        const entry = st.actionKey === 'Action' ? st.actions.find((a) => patternCovers(a.value, action)) : undefined;
        const node = entry?.node ?? propertyNode(st.node, st.actionKey!)!.children![0];
        for (const dep of missing) {
          const apis = apisOf(dep);
          sink.report(
            MISSING_DEPENDENCY,
            sink.node(node),
            m.missingDependency(action, dep, apis.join(', ')),
            st.actionKey === 'Action' ? { data: { fix: { kind: 'addAction', action: dep, statement: st.index } } } : {},
          );
        }
      }
    }
  },
});
