/**
 * Every check of every language, and docs/checks.md rendered from them: the page is generated
 * (`npm run docs:checks`), and a unit test fails when it and the checks disagree.
 */
import { DiagnosticSeverity } from 'vscode-languageserver';
import { HTTP_DOCUMENT_CHECKS, HTTP_REQUEST_CHECKS } from '../http/checks';
import { POLICY_CHECKS } from '../policy/checks';
import { TERRAFORM_CHECKS } from '../terraform/checks';
import type { Check, CheckCode, CheckLanguage } from './check';

export const CHECKS: Record<CheckLanguage, readonly Check<never>[]> = {
  policy: POLICY_CHECKS,
  http: [...HTTP_DOCUMENT_CHECKS, ...HTTP_REQUEST_CHECKS],
  terraform: TERRAFORM_CHECKS,
};

const SEVERITY: Record<DiagnosticSeverity, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

const HEADINGS: Record<CheckLanguage, { title: string; intro: string; folder: string }> = {
  policy: {
    title: 'IAM policy documents',
    intro: 'Policy files (JSON, JSONC), live IAM documents, and the policies Terraform holds.',
    folder: 'server/services/policy/checks',
  },
  http: {
    title: '`.http` and `.rest` files',
    intro: "Requests to IMS, recognized through every variable source, and the file's `{{variables}}`.",
    folder: 'server/services/http/checks',
  },
  terraform: {
    title: 'Terraform',
    intro: 'Every policy check also runs on each policy a `.tf` file holds, carried back to the HCL.',
    folder: 'server/services/terraform/checks',
  },
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function row(check: Check<never>, folder: string, c: CheckCode): string {
  const severity = SEVERITY[c.severity] + (c.severityNote ? ` (${c.severityNote})` : '');
  return `| \`${c.code}\` | ${severity} | ${cell(c.when)} | ${cell(c.why)} | ${cell(c.fix ?? '')} | [${check.name}](../${folder}/${check.name}.ts) |`;
}

/** docs/checks.md, as the checks declare themselves. */
export function checksMarkdown(): string {
  const out = [
    '# Checks',
    '',
    '<!-- Generated from the checks (server/services/checks/registry.ts) by `npm run docs:checks`: do not edit. -->',
    '',
    'Every diagnostic has the source `ims-tags`, a stable code, and the exact range it is about. Each',
    'check is one file that declares its codes, severities, English and Chinese messages and its reason;',
    'docs/architecture.md says how to add one. Messages are in Chinese when the editor is.',
  ];
  for (const language of ['policy', 'http', 'terraform'] as const) {
    const h = HEADINGS[language];
    out.push(
      '',
      `## ${h.title}`,
      '',
      h.intro,
      '',
      '| Code | Severity | When | Why | Quick fix | Check |',
      '|---|---|---|---|---|---|',
    );
    for (const check of CHECKS[language]) for (const c of check.codes) out.push(row(check, h.folder, c));
  }
  return `${out.join('\n')}\n`;
}
