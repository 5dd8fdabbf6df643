/**
 * Version 5.0: a statement's `Resource` URNs against the resource types its IMS actions apply to (IAM
 * 5.0's model: IAM's schema, or the shipped snapshot). An action that requires a resource type grants
 * nothing on URNs of another type or service; an action with no resource type is granted only by `*`.
 * `*` is always fine; statements with NotResource are not judged.
 */
import type { StringEntry } from '../../../../core/policy/policyDocument';
import { isWildcard } from '../../../../core/policy/actionPattern';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import type { PolicyCheckInput } from './input';

const MISMATCH = {
  code: 'resource-type-mismatch',
  severity: DiagnosticSeverity.Warning,
  severityNote: 'information while only the shipped snapshot is known (the IMS image URN is derived, not confirmed)',
  when: "a 5.0 statement's IMS action whose resource type none of the statement's Resource URNs has (another type, another service, or a URN where the action takes only `*`)",
  why: "IAM 5.0 matches an action's resources by the URN templates of its authorization schema (docs/sources.md §B.1, §C.3).",
};

export const resourceUrns = defineCheck({
  name: 'resourceUrns',
  languages: ['policy'],
  codes: [MISMATCH],
  messages: {
    en: {
      needsType: (action: string, types: string, template: string) =>
        `${action} applies to ${types} resources (${template}); none of this statement's Resource URNs is one, so the statement grants it nothing.`,
      onlyStar: (action: string) =>
        `${action} takes no resource type: only "Resource": "*" grants it, so this statement grants it nothing.`,
    },
    zh: {
      needsType: (action, types, template) =>
        `${action} 适用于 ${types} 类型的资源（${template}）；此语句的 Resource 中没有这种 URN，因此不授予它。`,
      onlyStar: (action) => `${action} 不区分资源类型：只有 "Resource": "*" 才授予它，因此此语句不授予它。`,
    },
  },
  run(sink, { model, version, ctx }: PolicyCheckInput, m) {
    if (version !== '5.0') return;
    const iam5 = ctx.iam5;
    const severity = iam5.origin.kind === 'snapshot' ? { severity: DiagnosticSeverity.Information } : {};
    for (const st of model.statements) {
      if (st.resourceKey !== 'Resource' || st.actionKey !== 'Action' || st.resources.length === 0) continue;
      if (st.resources.some((r) => r.value === '*')) continue;
      // The types the statement's URNs name; a URN with a wildcard in its type part may be of any type.
      const types = new Set(st.resources.map((r: StringEntry) => iam5.resourceTypeOf(r.value) ?? ''));
      const anyType = st.resources.some((r) => isWildcard(r.value.split(':')[3] ?? '') || r.value.split(':')[0] === '*');
      if (anyType) continue;
      for (const entry of st.actions) {
        if (!entry.value.startsWith('ims:') || isWildcard(entry.value)) continue;
        const action = iam5.action(entry.value);
        if (!action) continue; // unknown actions are actionNames' finding
        const wanted = (action.resources ?? []).filter((r) => r.required);
        const own = (action.resources ?? []).map((r) => iam5.typeOfTemplate(r.urn_template) ?? '');
        if ((action.resources ?? []).length === 0) {
          // Only where the model is sure the action has no resource type (the snapshot's guessed rows are not).
          if (iam5.provenance(action.name).confirmed)
            sink.report(MISMATCH, sink.node(entry.node), m.onlyStar(action.name), severity);
        } else if (wanted.length > 0 && !own.some((t) => types.has(t))) {
          const names = [...new Set(own)].map((t) => `"${t}"`).join(', ');
          sink.report(MISMATCH, sink.node(entry.node), m.needsType(action.name, names, wanted[0].urn_template), severity);
        }
      }
    }
  },
});
