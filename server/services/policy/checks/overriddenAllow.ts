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

function inScope(d: PreparedDeny, allowScope: string[] | undefined): boolean {
  if (d.scope === undefined) return true;
  return (allowScope ?? ['*']).every((r) => d.scope!.some((p) => patternCovers(p, r)));
}

/**
 * The policy's unconditional Denies, indexed, so that thousands of statements are not each tested against
 * every action (quadratic). A Deny of plain actions on plain resources is filed under each (action,
 * resource) pair it names: an Allow's action on its first resource finds the only such Denies that can cover
 * it. The others (wildcards, every resource) are walked in order. Either way the first Deny in statement
 * order that covers the action over the whole of the Allow's scope is the answer, as a plain walk would give.
 */
function denyIndex(denies: PreparedDeny[]): (action: string, allowScope: string[] | undefined) => PreparedDeny | undefined {
  const byPair = new Map<string, PreparedDeny[]>();
  const broad: PreparedDeny[] = [];
  for (const d of denies) {
    // Plain actions and resources match as normalizeAction's keys (actionNames.ts: one rule for both).
    const plain = d.wildcards.length === 0 && d.scope !== undefined && d.scope.every((r) => !isWildcard(r));
    if (!plain) {
      broad.push(d);
      continue;
    }
    for (const a of d.exact)
      for (const r of d.scope!) {
        const key = `${a}\n${normalizeAction(r)}`;
        const list = byPair.get(key);
        if (list) list.push(d);
        else byPair.set(key, [d]);
      }
  }
  const covers = (d: PreparedDeny, key: string, action: string) =>
    d.exact.has(key) || d.wildcards.some((w) => patternCovers(w, action));
  return (action, allowScope) => {
    const key = normalizeAction(action);
    // An empty Resource list is in every scope: walk them all.
    if (allowScope?.length === 0) return denies.find((d) => covers(d, key, action));
    // A plain scope covers nothing but the resources it names: not an Allow on every resource.
    let first = allowScope?.length
      ? byPair.get(`${key}\n${normalizeAction(allowScope[0])}`)?.find((d) => inScope(d, allowScope))
      : undefined;
    for (const d of broad) {
      if (first && d.statement.index > first.statement.index) break;
      if (covers(d, key, action) && inScope(d, allowScope)) {
        first = d;
        break;
      }
    }
    return first;
  };
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
    const firstCovering = denyIndex(denies);
    for (const allow of model.statements) {
      if (allow.effect !== 'Allow' || allow.actionKey !== 'Action' || allow.actions.length === 0 || !allow.effectNode) continue;
      const allowScope = resourceScope(allow);
      if (allowScope === null) continue;
      const used = new Set<PolicyStatement>();
      const allCovered = allow.actions.every((a) => {
        const d = firstCovering(a.value, allowScope);
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
