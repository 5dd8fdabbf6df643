/**
 * The policy checks (policy/checks/) on each policy the .tf file holds, carried back through the source
 * map so a squiggle lands on the action's own characters; findings on Terraform expressions are dropped,
 * and a Version that does not fit the resource (1.1 for huaweicloud_identity_role, 5.0 for
 * huaweicloud_identityv5_policy) is said.
 */
import { Range, type Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { computeDiagnostics } from '../../policy/diagnostics';
import type { VirtualPolicy } from '../../parsedTerraform';
import type { ServiceContext } from '../../serviceContext';
import { isDynamic, toSource } from '../virtualRanges';
import type { TerraformCheckInput } from './input';

const VERSION = {
  code: 'terraform-version',
  severity: DiagnosticSeverity.Warning,
  when: 'a policy whose Version does not fit its resource (1.1 for `huaweicloud_identity_role`, 5.0 for `huaweicloud_identityv5_policy`)',
  why: 'It is checked by the rules of the Version it has, and IAM may refuse it there (docs/sources.md §T).',
};

/** A policy's own diagnostics, kept on its parse (which lives as long as its JSON does not change). */
const memo = new WeakMap<object, { lang: string; settings: object; iam5: object; list: Diagnostic[] }>();

export function virtualDiagnostics(v: VirtualPolicy, ctx: ServiceContext): Diagnostic[] {
  if (!v.parsed.model) return [];
  const hit = memo.get(v.parsed);
  let list = hit && hit.lang === ctx.lang && hit.settings === ctx.settings && hit.iam5 === ctx.iam5 ? hit.list : undefined;
  if (!list) {
    list = computeDiagnostics(v.doc, v.parsed, { ...ctx, jsonSyntax: true });
    memo.set(v.parsed, { lang: ctx.lang, settings: ctx.settings, iam5: ctx.iam5, list });
  }
  return list.filter((d) => !isDynamic(v, d.range));
}

export const embeddedPolicies = defineCheck({
  name: 'embeddedPolicies',
  languages: ['terraform'],
  codes: [VERSION],
  messages: {
    en: {
      terraformVersion: (resource: string, expected: string, found: string) =>
        `${resource} takes a Version ${expected} policy; this one is Version ${found}, so it is checked by the ${found} rules and IAM may refuse it here.`,
    },
    zh: {
      terraformVersion: (resource, expected, found) =>
        `${resource} 需要 Version ${expected} 的策略；此策略为 Version ${found}，按 ${found} 的规则检查，IAM 可能在此拒绝它。`,
    },
  },
  run(sink, { doc: tf, parsed, ctx }: TerraformCheckInput, m) {
    for (const v of parsed.policies) {
      sink.push(
        ...virtualDiagnostics(v, ctx).map((d) => ({ ...d, range: toSource(tf, v, d.range), relatedInformation: undefined })),
      );
      const version = v.parsed.model?.version;
      if (!version || version === v.policy.expectedVersion) continue;
      const node = v.parsed.model?.versionNode;
      const range = node
        ? toSource(tf, v, Range.create(v.doc.positionAt(node.offset), v.doc.positionAt(node.offset + node.length)))
        : sink.at(v.policy.start, v.policy.start + 1);
      sink.report(VERSION, range, m.terraformVersion(v.policy.resourceType, v.policy.expectedVersion, version));
    }
  },
});
