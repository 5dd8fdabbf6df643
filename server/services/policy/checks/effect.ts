/** `Effect` is `Allow` or `Deny`, case-sensitive. */
import { EFFECTS } from '../../../../core/catalogue';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const INVALID_EFFECT = {
  code: 'invalid-effect',
  severity: DiagnosticSeverity.Error,
  when: '`Effect` is not `Allow` or `Deny` (case-sensitive)',
  why: 'The grammar has exactly these two values (docs/sources.md §C.1, §C.3).',
  fix: 'the right case, else the two values',
};

export const effect = defineCheck({
  name: 'effect',
  languages: ['policy'],
  codes: [INVALID_EFFECT],
  messages: {
    en: { invalidEffect: (v: string) => `Invalid Effect "${v}": use "Allow" or "Deny" (case-sensitive).` },
    zh: { invalidEffect: (v) => `无效的 Effect "${v}"：请使用 "Allow" 或 "Deny"（区分大小写）。` },
  },
  run(sink, { model }: PolicyCheckInput, m) {
    for (const st of model.statements) {
      const node = st.effectNode;
      if (node?.type !== 'string' || (EFFECTS as readonly string[]).includes(node.value)) continue;
      const fixed = EFFECTS.find((e) => e.toLowerCase() === String(node.value).trim().toLowerCase());
      sink.report(INVALID_EFFECT, sink.node(node), m.invalidEffect(String(node.value)), {
        data: { fix: { kind: 'replace', values: fixed ? [fixed] : [...EFFECTS] } },
      });
    }
  },
});
