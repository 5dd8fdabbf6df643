/** An action listed twice in a statement, or already covered by a wildcard of the same statement. */
import { DiagnosticTag } from 'vscode-languageserver';
import { isWildcard, normalizeAction, patternCovers } from '../../../../core/policy/actionPattern';
import type { PolicyStatement, StringEntry } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const REDUNDANT = {
  code: 'redundant-action',
  severity: DiagnosticSeverity.Hint,
  severityNote: 'shown faded',
  when: 'an action already covered by a wildcard in the same statement, or listed twice',
  why: 'It grants nothing more and counts against the 100 actions of a statement (docs/sources.md §C.1).',
  fix: 'remove it',
};
/** Bounds the wildcard-coverage check on pathological statements (thousands of wildcards). */
const MAX_WILDCARDS_CHECKED = 200;

/** The wildcard of the statement that already grants `entry` (of two that cover each other, the first stays). */
function coveringWildcard(st: PolicyStatement, wildcards: StringEntry[], entry: StringEntry, norm: string, i: number) {
  return wildcards.find(
    (w) =>
      w !== entry &&
      normalizeAction(w.value) !== norm &&
      patternCovers(w.value, entry.value) &&
      !(patternCovers(entry.value, w.value) && st.actions.indexOf(w) > i),
  );
}

export const redundantActions = defineCheck({
  name: 'redundantActions',
  languages: ['policy'],
  codes: [REDUNDANT],
  messages: {
    en: {
      listedTwice: (v: string) => `"${v}" is listed twice in this statement.`,
      coveredBy: (v: string, by: string) => `"${v}" is already covered by "${by}" in this statement.`,
    },
    zh: {
      listedTwice: (v) => `"${v}" 在此语句中出现了两次。`,
      coveredBy: (v, by) => `"${v}" 已被此语句中的 "${by}" 覆盖。`,
    },
  },
  run(sink, { model }: PolicyCheckInput, m) {
    for (const st of model.statements) {
      const seen = new Set<string>();
      const wildcards = st.actions.filter((a) => isWildcard(a.value)).slice(0, MAX_WILDCARDS_CHECKED);
      // A plain loop, no closure per action: a large policy lists hundreds of thousands of them.
      for (let i = 0; i < st.actions.length; i++) {
        const entry = st.actions[i];
        const norm = normalizeAction(entry.value);
        let message: string | undefined;
        if (seen.has(norm)) message = m.listedTwice(entry.value);
        else {
          seen.add(norm);
          const cover = wildcards.length === 0 ? undefined : coveringWildcard(st, wildcards, entry, norm, i);
          if (cover) message = m.coveredBy(entry.value, cover.value);
        }
        if (message)
          sink.report(REDUNDANT, sink.node(entry.node), message, {
            tags: [DiagnosticTag.Unnecessary],
            data: { fix: { kind: 'removeItem' } },
          });
      }
    }
  },
});
