/** A .tf file nested past the limit is read no further (core/util/nesting.ts): it gets no other checks there. */
import { MAX_NESTING } from '../../../../core/util/nesting';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { TerraformCheckInput } from './input';

const TOO_DEEP = {
  code: 'too-deep',
  severity: DiagnosticSeverity.Warning,
  when: 'brackets nested more than 256 levels deep',
  why: "The parsers recurse per level: a stranger's file must not crash the server (docs/reliability-and-security.md).",
};

export const nesting = defineCheck({
  name: 'nesting',
  languages: ['terraform'],
  codes: [TOO_DEEP],
  messages: { en: {}, zh: {} },
  run(sink, { parsed }: TerraformCheckInput) {
    if (parsed.tooDeep !== undefined)
      sink.report(TOO_DEEP, sink.at(parsed.tooDeep, parsed.tooDeep + 1), sink.shared.tooDeep(MAX_NESTING));
  },
});
