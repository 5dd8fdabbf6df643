/**
 * Each action string: the grammar (`service:resourceType:operation`, or the short forms `*` and
 * `service:*`) for every service, and for `ims:` actions whether the catalogue knows them. A document
 * repeats the same strings, so findings are memoized per run.
 */
import type { Node } from 'jsonc-parser';
import { findAction, nearestActions, type PolicyVersion } from '../../../../core/catalogue';
import type { Iam5Model } from '../../../../core/catalogue/iam5/model';
import { actionProblem, expandImsPattern, isWildcard } from '../../../../core/policy/actionPattern';
import { DiagnosticSeverity, defineCheck, type CheckCode, type DiagnosticSink } from '../../checks/check';
import type { PolicyFix } from '../fixes';
import type { PolicyCheckInput } from './input';

const MALFORMED = {
  code: 'malformed-action',
  severity: DiagnosticSeverity.Error,
  when: 'not `service:resourceType:operation` (nor the short forms `*` and `service:*`), an empty part, stray characters',
  why: 'The action grammar of every policy version (docs/sources.md §C.1, §C.3).',
  fix: 'trim surrounding white space',
};
const UPPER_CASE_SERVICE = {
  code: 'uppercase-service',
  severity: DiagnosticSeverity.Warning,
  severityNote: 'nothing in 1.0 roles',
  when: 'an upper-case service name (`EVS:*:*`)',
  why: "The grammar writes services in lower case; Huawei's own examples and 1.0 roles use upper case, and whether IAM matches them is not documented (docs/sources.md §C.1).",
  fix: 'lower-case the service',
};
const NO_MATCH = {
  code: 'wildcard-matches-nothing',
  severity: DiagnosticSeverity.Warning,
  severityNote: 'information in 5.0 while only the shipped snapshot is known',
  when: "an `ims:` pattern that matches no known action of the policy's model",
  why: 'It grants nothing (the IMS actions: docs/sources.md §B, §B.1).',
};
const UNKNOWN = {
  code: 'unknown-action',
  severity: DiagnosticSeverity.Warning,
  severityNote: "information in 5.0 while only the shipped snapshot is known (IAM's own schema is the authority)",
  when: '`ims:` action unknown to the policy\'s model (1.1: the catalogue; 5.0: the authorization schema); "Did you mean …" from that model only',
  why: 'An unknown action grants nothing (the IMS actions: docs/sources.md §B, §B.1).',
  fix: 'replace with the suggestion',
};

const q = (values: string[], or: string) => values.map((v) => `'${v}'`).join(or);
const en = {
  segments: (v: string, n: number) =>
    `Malformed action "${v}": an action has three parts, service:resourceType:operation (found ${n}).`,
  emptySegment: (v: string) => `Malformed action "${v}": service, resource type and operation must not be empty (use * for any).`,
  upperService: (v: string, fixed: string) =>
    `Upper-case service in "${v}": the policy grammar writes services in lower case ("${fixed}"). Huawei's own examples use upper case and IAM accepts them, but whether IAM matches them to the service's lower-case actions is not documented.`,
  badChars: (v: string, chars: string) => `Malformed action "${v}": unexpected character(s) ${JSON.stringify(chars)}.`,
  noMatch: (v: string) => `"${v}" matches no known IMS action.`,
  noMatch5: (v: string) => `"${v}" matches no IMS action of IAM 5.0.`,
  unknownAction5: (v: string, near: string[]) =>
    `"${v}" is not an IMS action of IAM 5.0, so it grants nothing in this Version 5.0 policy.${near.length ? ` Did you mean ${q(near, ' or ')}?` : ''}`,
  unknownAction: (v: string, near: string[]) =>
    `Unknown IMS action "${v}".${near.length ? ` Did you mean ${q(near, ' or ')}?` : ''}`,
};
type M = typeof en;
const zh: M = {
  segments: (v, n) => `授权项 "${v}" 格式错误：授权项由三部分组成，服务:资源类型:操作（实际为 ${n} 部分）。`,
  emptySegment: (v) => `授权项 "${v}" 格式错误：服务、资源类型和操作都不能为空（任意请用 *）。`,
  upperService: (v, fixed) =>
    `"${v}" 的服务名是大写：策略语法要求服务名小写（"${fixed}"）。华为云自己的示例使用大写且 IAM 接受，但文档未说明 IAM 是否会将其匹配到该服务的小写授权项。`,
  badChars: (v, chars) => `授权项 "${v}" 格式错误：含有意外的字符 ${JSON.stringify(chars)}。`,
  noMatch: (v) => `"${v}" 不匹配任何已知的 IMS 授权项。`,
  unknownAction: (v, near) => `未知的 IMS 授权项 "${v}"。${near.length ? `您是否想输入 ${q(near, ' 或 ')}？` : ''}`,
  noMatch5: (v) => `"${v}" 不匹配任何 IAM 5.0 的 IMS 授权项。`,
  unknownAction5: (v, near) =>
    `"${v}" 不是 IAM 5.0 的 IMS 授权项，在此 5.0 策略中不授予任何权限。${near.length ? `您是否想输入 ${q(near, ' 或 ')}？` : ''}`,
};

interface Finding {
  code: CheckCode;
  severity?: DiagnosticSeverity;
  message: string;
  fix?: PolicyFix;
}

function actionFinding(v: string, version: PolicyVersion | undefined, m: M, iam5: Iam5Model): Finding | undefined {
  const problem = actionProblem(v);
  if (problem?.kind === 'upperCaseService') {
    // IAM publishes and returns 1.0 roles with upper-case services (DNS:Zone:*); Huawei's 1.1 examples
    // use them too (EVS:*:*). The grammar says lower case: a warning with the reason, not an error.
    if (version === '1.0') return undefined;
    const fixed = v.replace(/^[^:]*/, (s) => s.toLowerCase());
    return { code: UPPER_CASE_SERVICE, message: m.upperService(v, fixed), fix: { kind: 'replace', values: [fixed] } };
  }
  if (problem) {
    const message =
      problem.kind === 'segments'
        ? m.segments(v, problem.count)
        : problem.kind === 'emptySegment'
          ? m.emptySegment(v)
          : m.badChars(v, problem.chars);
    // White space around an otherwise good action (" obs:bucket:CreateBucket"): trimming fixes it.
    const trimmed = v.trim();
    const fix: PolicyFix | undefined =
      trimmed !== v && trimmed && !actionProblem(trimmed) ? { kind: 'replace', values: [trimmed] } : undefined;
    return { code: MALFORMED, message, fix };
  }
  if (!v.startsWith('ims:')) return undefined; // other services: syntax only
  if (version === '5.0') return iam5Finding(v, m, iam5);
  if (isWildcard(v)) return expandImsPattern(v).length > 0 ? undefined : { code: NO_MATCH, message: m.noMatch(v) };
  if (findAction(v)) return undefined;
  const near = nearestActions(v);
  return { code: UNKNOWN, message: m.unknownAction(v, near), fix: near.length ? { kind: 'replace', values: near } : undefined };
}

/**
 * A 5.0 policy's `ims:` action against IAM 5.0's model: suggestions from 5.0's actions only (never a 1.1
 * name), and softer while only the snapshot is known, since IAM's table was read in part.
 */
function iam5Finding(v: string, m: M, iam5: Iam5Model): Finding | undefined {
  const severity = iam5.origin.kind === 'snapshot' ? DiagnosticSeverity.Information : undefined;
  if (isWildcard(v)) return iam5.expand(v).length > 0 ? undefined : { code: NO_MATCH, severity, message: m.noMatch5(v) };
  if (iam5.action(v)) return undefined;
  const near = iam5.nearest(v);
  return {
    code: UNKNOWN,
    severity,
    message: m.unknownAction5(v, near),
    fix: near.length ? { kind: 'replace', values: near } : undefined,
  };
}

function report(sink: DiagnosticSink, node: Node, f: Finding): void {
  sink.report(f.code, sink.node(node), f.message, {
    ...(f.severity !== undefined ? { severity: f.severity } : {}),
    ...(f.fix ? { data: { fix: f.fix } } : {}),
  });
}

export const actionNames = defineCheck({
  name: 'actionNames',
  languages: ['policy'],
  codes: [MALFORMED, UPPER_CASE_SERVICE, NO_MATCH, UNKNOWN],
  messages: { en, zh },
  run(sink, { model, version, ctx }: PolicyCheckInput, m) {
    const memo = new Map<string, Finding | null>();
    const find = (v: string) => actionFinding(v, version, m, ctx.iam5) ?? null;
    for (const st of model.statements)
      for (const entry of st.actions) {
        // Other services' actions get a grammar check only, which allocates nothing: no memo entry for them.
        let finding = entry.value.startsWith('ims:') ? memo.get(entry.value) : find(entry.value);
        if (finding === undefined) memo.set(entry.value, (finding = find(entry.value)));
        if (finding) report(sink, entry.node, finding);
      }
  },
});
