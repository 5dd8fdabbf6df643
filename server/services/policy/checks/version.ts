/** `Version` must be one IAM knows: "1.1" (fine-grained), "5.0" (identity policy) or "1.0" (role). */
import { propertyNode } from '../../../../core/policy/policyDocument';
import { DiagnosticSeverity, defineCheck } from '../../checks/check';
import { knownVersion, type PolicyCheckInput } from './input';

const INVALID_VERSION = {
  code: 'invalid-version',
  severity: DiagnosticSeverity.Error,
  when: '`Version` is not `"1.0"`, `"1.1"` or `"5.0"`',
  why: 'IAM refuses any other Version (docs/sources.md §C.1, §C.3).',
  fix: 'replace with a valid Version (5.0 first when the statements use Sid, NotAction or NotResource)',
};

export const version = defineCheck({
  name: 'version',
  languages: ['policy'],
  codes: [INVALID_VERSION],
  messages: {
    en: {
      invalidVersion: (v: string) =>
        `Invalid Version ${v}: use "1.1" (fine-grained policy), "5.0" (identity policy) or "1.0" (role), as a string.`,
    },
    zh: {
      invalidVersion: (v) => `无效的 Version ${v}：请使用字符串 "1.1"（细粒度策略）、"5.0"（身份策略）或 "1.0"（角色）。`,
    },
  },
  run(sink, { model }: PolicyCheckInput, m) {
    const node = model.versionNode;
    if (!node || knownVersion(model)) return;
    const uses5 = model.statements.some((s) => ['Sid', 'NotAction', 'NotResource'].some((k) => propertyNode(s.node, k)));
    const values = uses5 ? ['5.0', '1.1'] : ['1.1', '5.0', '1.0'];
    sink.report(
      INVALID_VERSION,
      sink.node(node),
      m.invalidVersion(node.type === 'string' ? `"${node.value}"` : String(node.value)),
      {
        data: { fix: { kind: 'replace', values } },
      },
    );
  },
});
