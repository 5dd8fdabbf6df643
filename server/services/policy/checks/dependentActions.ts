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
  when: 'a statement grants an action whose dependency (`ims:images:update` needs `ims:images:get` for the OpenStack-native tag APIs and `PUT /v1/cloudimages/tags`) no Allow of the policy grants',
  why: 'The API is refused without both actions (docs/sources.md §B).',
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
  run(sink, { model }: PolicyCheckInput, m) {
    const allowed = (action: string) => model.statements.some((s) => s.effect === 'Allow' && statementMatches(s, action));
    for (const action of IMS_ACTIONS) {
      const missing = dependenciesOf(action.name).filter((d) => !allowed(d));
      if (missing.length === 0) continue;
      for (const st of model.statements) {
        if (st.effect !== 'Allow' || !statementMatches(st, action.name)) continue;
        const entry = st.actionKey === 'Action' ? st.actions.find((a) => patternCovers(a.value, action.name)) : undefined;
        const node = entry?.node ?? propertyNode(st.node, st.actionKey!)!.children![0];
        for (const dep of missing) {
          const apis = apisNeedingBoth(action.name, dep).map((a) => `${a.method} ${a.path}`);
          sink.report(
            MISSING_DEPENDENCY,
            sink.node(node),
            m.missingDependency(action.name, dep, apis.join(', ')),
            st.actionKey === 'Action' ? { data: { fix: { kind: 'addAction', action: dep, statement: st.index } } } : {},
          );
        }
      }
    }
  },
});
