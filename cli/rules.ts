/**
 * The rules a report names, from the one registry of checks (server/services/checks/registry.ts): each
 * code once, with its default level, when and why (its source) and its quick fix, as docs/checks.md
 * renders them. The diff's own rule (`new-access`) is declared in diff.ts beside the code that reports it.
 */
import { CHECKS } from '../server/services/checks/registry';
import { levelOf, type RuleInfo } from './findings';

const SECTION = {
  policy: 'docs/checks.md#iam-policy-documents',
  http: 'docs/checks.md#http-and-rest-files',
  terraform: 'docs/checks.md#terraform',
} as const;

export function checkRules(): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const language of ['policy', 'http', 'terraform'] as const)
    for (const check of CHECKS[language])
      for (const c of check.codes)
        if (!out.has(c.code))
          out.set(c.code, {
            id: c.code,
            level: levelOf(c.severity),
            when: c.when,
            why: c.why,
            ...(c.fix ? { fix: c.fix } : {}),
            doc: SECTION[language],
          });
  return [...out.values()];
}
