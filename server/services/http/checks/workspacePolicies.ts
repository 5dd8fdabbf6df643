/**
 * The request against the workspace's policies (files, Terraform, live documents open in the editor):
 * a Deny that blocks an action, actions no policy grants, grants that hang on a Condition. A workspace
 * without policies gets none of these.
 */
import { Range } from 'vscode-languageserver';
import type { Node } from 'jsonc-parser';
import type { PolicySource } from '../../../../core/policy/evaluator';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { describeStatement, evaluateApi } from '../../policyVerdict';
import { apiOf, type HttpRequestInput } from './input';

const DENIED = {
  code: 'denied-by-policy',
  severity: DiagnosticSeverity.Warning,
  when: 'a Deny blocks an action; names the file and statement (linked)',
  why: 'An explicit Deny wins over any Allow (docs/sources.md §C.1).',
};
const NOT_GRANTED = {
  code: 'not-granted',
  severity: DiagnosticSeverity.Warning,
  when: 'no policy of the workspace grants some action the request needs; names them',
  why: 'IAM refuses a request whose actions nothing allows (docs/sources.md §B, §C.1).',
  fix: 'grant them in a chosen policy file (an edit in its own layout), then the file is shown at the new action (`window/showDocument`)',
};
const CONDITIONAL = {
  code: 'conditionally-granted',
  severity: DiagnosticSeverity.Information,
  when: 'an action is allowed, or denied, only under a `Condition`',
  why: 'Whether the Condition holds depends on the request (docs/sources.md §C.1, §C.3).',
};

function statementRange(source: PolicySource, node: Node): Range {
  const at = source.positionAt;
  return at ? Range.create(at(node.offset), at(node.offset + node.length)) : Range.create(0, 0, 0, 0);
}

export const workspacePolicies = defineCheck({
  name: 'workspacePolicies',
  languages: ['http'],
  codes: [DENIED, NOT_GRANTED, CONDITIONAL],
  messages: {
    en: {
      denied: (id: string, action: string, by: string) => `${id} is denied: "${action}" is denied by ${by}.`,
      notGranted: (actions: string, id: string) => `No policy in the workspace grants ${actions}, which ${id} needs.`,
      allowedIf: () => 'is allowed only under a Condition',
      deniedIf: () => 'may be denied under a Condition',
      conditional: (action: string, what: string, refs: string) =>
        `"${action}" ${what} (${refs}): it may not apply to this request.`,
    },
    zh: {
      denied: (id, action, by) => `${id} 被拒绝："${action}" 被 ${by} 拒绝。`,
      notGranted: (actions, id) => `工作区中没有策略授予 ${id} 需要的 ${actions}。`,
      allowedIf: () => '仅在条件满足时被允许',
      deniedIf: () => '在条件满足时可能被拒绝',
      conditional: (action, what, refs) => `"${action}" ${what}（${refs}）：对此请求可能不适用。`,
    },
  },
  run(sink, input: HttpRequestInput, m) {
    const api = apiOf(input);
    const policies = input.ctx.policies;
    if (!api || policies.length === 0) return;
    const v = evaluateApi(api, policies, input.ctx.iam5);
    const line = sink.at(input.request.requestLine.start, input.request.requestLine.end);
    const describe = (refs: Parameters<typeof describeStatement>[0][]) =>
      refs.map((r) => describeStatement(r, sink.lang)).join('; ');
    for (const d of v.denied) {
      const ref = d.deniedBy[0];
      sink.report(DENIED, line, m.denied(api.id, d.action, describe(d.deniedBy)), {
        relatedInformation: [
          {
            location: { uri: ref.source.uri, range: statementRange(ref.source, ref.statement.node) },
            message: sink.shared.denyStatement(ref.statement.index + 1),
          },
        ],
      });
    }
    if (v.missing.length > 0) {
      const actions = v.missing.map((x) => x.action);
      sink.report(NOT_GRANTED, line, m.notGranted(actions.map((a) => `"${a}"`).join(sink.shared.and()), api.id), {
        data: { fix: { kind: 'addActions', actions } },
      });
    }
    for (const c of v.conditional) {
      const allowed = c.decision === 'conditionallyAllowed';
      sink.report(
        CONDITIONAL,
        line,
        m.conditional(c.action, allowed ? m.allowedIf() : m.deniedIf(), describe(allowed ? c.allowedBy : c.mayBeDeniedBy)),
      );
    }
  },
});
