/** An Allow every action of which unconditional Deny statements of the same policy deny: it has no effect. */
import { isWildcard, normalizeAction, patternCovers } from '../../../../core/policy/actionPattern';
import { isConditional, type PolicyStatement } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const OVERRIDDEN = {
  code: 'allow-overridden-by-deny',
  severity: DiagnosticSeverity.Warning,
  when: 'every action of an Allow is denied by unconditional Deny statements of the same policy',
  why: 'An explicit Deny wins over any Allow (docs/sources.md §C.1).',
};

/** Resource scope of a statement, for the override check: undefined means every resource. */
function resourceScope(st: PolicyStatement): string[] | undefined | null {
  if (st.resourceKey === 'NotResource') return null; // too subtle to compare: never claim an override
  return st.resourceKey ? st.resources.map((r) => r.value) : undefined;
}

/** An unconditional Deny, prepared for fast coverage tests: exact actions in a set, wildcards in a list. */
interface PreparedDeny {
  statement: PolicyStatement;
  exact: Set<string>;
  wildcards: string[];
  scope: string[] | undefined;
}

function prepareDeny(st: PolicyStatement): PreparedDeny {
  const exact = new Set<string>();
  const wildcards: string[] = [];
  for (const a of st.actions) {
    if (isWildcard(a.value)) wildcards.push(a.value);
    else exact.add(normalizeAction(a.value));
  }
  return { statement: st, exact, wildcards, scope: resourceScope(st) ?? undefined };
}

function denyCovers(d: PreparedDeny, action: string, allowScope: string[] | undefined): boolean {
  if (!d.exact.has(normalizeAction(action)) && !d.wildcards.some((w) => patternCovers(w, action))) return false;
  if (d.scope === undefined) return true;
  return (allowScope ?? ['*']).every((r) => d.scope!.some((p) => patternCovers(p, r)));
}

export const overriddenAllow = defineCheck({
  name: 'overriddenAllow',
  languages: ['policy'],
  codes: [OVERRIDDEN],
  messages: {
    en: {
      overridden: (statements: string) =>
        `This Allow has no effect: Deny statement ${statements} denies every action it allows (Deny wins).`,
    },
    zh: {
      overridden: (statements) => `此 Allow 不起作用：第 ${statements} 条 Deny 语句拒绝了它允许的所有授权项（Deny 优先）。`,
    },
  },
  run(sink, { doc, model }: PolicyCheckInput, m) {
    const denies = model.statements
      .filter((s) => s.effect === 'Deny' && s.actionKey === 'Action' && !isConditional(s) && resourceScope(s) !== null)
      .map(prepareDeny);
    if (denies.length === 0) return;
    for (const allow of model.statements) {
      if (allow.effect !== 'Allow' || allow.actionKey !== 'Action' || allow.actions.length === 0 || !allow.effectNode) continue;
      const allowScope = resourceScope(allow);
      if (allowScope === null) continue;
      const used = new Set<PolicyStatement>();
      const allCovered = allow.actions.every((a) => {
        const d = denies.find((deny) => denyCovers(deny, a.value, allowScope));
        if (d) used.add(d.statement);
        return d !== undefined;
      });
      if (!allCovered) continue;
      sink.report(OVERRIDDEN, sink.node(allow.effectNode), m.overridden([...used].map((d) => d.index + 1).join(', ')), {
        relatedInformation: [...used].map((d) => ({
          location: { uri: doc.uri, range: sink.node(d.effectNode ?? d.node) },
          message: sink.shared.denyStatement(d.index + 1),
        })),
      });
    }
  },
});
