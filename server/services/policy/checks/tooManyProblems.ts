/** Past this many findings a document is junk or generated: the rest are counted, not listed. Runs last. */
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

/** More would only flood the Problems panel. */
export const MAX_DIAGNOSTICS = 1000;

const TOO_MANY = {
  code: 'too-many-problems',
  severity: DiagnosticSeverity.Information,
  when: 'after 1,000 findings the rest are counted, not listed',
  why: 'A generated or junk document would flood the Problems panel and slow every client.',
};

export const tooManyProblems = defineCheck({
  name: 'tooManyProblems',
  languages: ['policy'],
  codes: [TOO_MANY],
  messages: {
    en: { moreProblems: (n: number) => `${n} more problems in this policy are not shown; fix the ones above first.` },
    zh: { moreProblems: (n) => `此策略还有 ${n} 个问题未显示；请先修正上面的问题。` },
  },
  run(sink, { model }: PolicyCheckInput, m) {
    const hidden = sink.list.length - MAX_DIAGNOSTICS;
    if (hidden <= 0) return;
    sink.list.length = MAX_DIAGNOSTICS;
    sink.report(TOO_MANY, sink.head(model.policyNode), m.moreProblems(hidden));
  },
});
