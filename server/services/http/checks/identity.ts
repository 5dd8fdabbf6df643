/** The connected identity may not call the API (IAM's answer, see Policies): the Deny or the missing grant. */
import { Range } from 'vscode-languageserver';
import { identityVerdict } from '../../../../core/access/identityAccess';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { identityReason } from '../../identityVerdict';
import { apiOf, type HttpRequestInput } from './input';

const REFUSED = {
  code: 'identity-refused',
  severity: DiagnosticSeverity.Warning,
  when: "the connected identity may not call the API (IAM's answer, see Policies): the Deny or the missing grant",
  why: "The identity's grants as IAM reports them (docs/sources.md §I.1, §I.2).",
};

export const identity = defineCheck({
  name: 'identity',
  languages: ['http'],
  codes: [REFUSED],
  messages: {
    en: { identityRefused: (who: string, id: string, why: string) => `You, as ${who}, may not call ${id}: ${why}.` },
    zh: { identityRefused: (who, id, why) => `当前身份 ${who} 不能调用 ${id}：${why}。` },
  },
  run(sink, input: HttpRequestInput, m) {
    const api = apiOf(input);
    const access = input.ctx.identity;
    const v = api && identityVerdict(access, api.id);
    if (!api || !access || !v || v.decision === 'allowed') return;
    const line = sink.at(input.request.requestLine.start, input.request.requestLine.end);
    sink.report(
      REFUSED,
      line,
      m.identityRefused(access.identity, api.id, identityReason(v, access.administrator, sink.lang)),
      v.decidedBy.length
        ? {
            relatedInformation: v.decidedBy.map((r) => ({
              location: { uri: r.uri, range: Range.create(0, 0, 0, 0) },
              message: sink.shared.identityStatement(r.policy, r.statement),
            })),
          }
        : {},
    );
  },
});
