/**
 * Version 5.0: `NotAction` with actions that have aliases. IAM expands aliases, so a Deny with NotAction
 * exempts every name an action is known by, which its author rarely means (Huawei's FAQ: a Deny of
 * `NotAction: ["VPC:*:*"]` also exempts EIP). Aliases come from the schema's `aliases` (IAM's own, when
 * read; the shipped snapshot lists none).
 */
import { isWildcard } from '../../../../core/policy/actionPattern';
import { patternMatches } from '../../../../core/catalogue/actionNames';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const ALIASED = {
  code: 'notaction-alias',
  severity: DiagnosticSeverity.Warning,
  when: 'a 5.0 `NotAction` that names (or matches) an action with aliases, or an alias of another action',
  why: 'NotAction exempts every name an action has: add an explicit Deny for what must stay denied (docs/sources.md §C.3, NotAction and aliases).',
};

export const notActionAliases = defineCheck({
  name: 'notActionAliases',
  languages: ['policy'],
  codes: [ALIASED],
  messages: {
    en: {
      aliased: (entry: string, names: string) =>
        `"${entry}" in NotAction also exempts ${names} (aliases in IAM's schema): write an explicit Deny for what must stay denied.`,
    },
    zh: {
      aliased: (entry, names) =>
        `NotAction 中的 "${entry}" 同时豁免了 ${names}（IAM 授权模型中的别名）：需要保持拒绝的请显式写 Deny。`,
    },
  },
  run(sink, { model, version, ctx }: PolicyCheckInput, m) {
    if (version !== '5.0') return;
    const withAliases = ctx.iam5.actions.filter((a) => (a.aliases ?? []).length > 0);
    if (withAliases.length === 0) return;
    for (const st of model.statements) {
      if (st.actionKey !== 'NotAction') continue;
      for (const entry of st.actions) {
        const names = new Set<string>();
        for (const a of withAliases) {
          const all = [a.name, ...(a.aliases ?? [])];
          const hit = all.filter((n) =>
            isWildcard(entry.value) ? patternMatches(entry.value, n) : n.toLowerCase() === entry.value.toLowerCase(),
          );
          if (hit.length) for (const n of all) if (!hit.includes(n)) names.add(n);
        }
        if (names.size)
          sink.report(ALIASED, sink.node(entry.node), m.aliased(entry.value, [...names].map((n) => `"${n}"`).join(', ')));
      }
    }
  },
});
