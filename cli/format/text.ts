/**
 * The text report: one line a finding, `path:line:column: level code: message` (what terminals make
 * clickable and editors' problem matchers read), the quick fix when there is one, and a summary line.
 */
import type { CheckReport, Finding, Level } from '../findings';

const at = (f: Finding) => `${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;

export function findingLines(findings: readonly Finding[]): string[] {
  return findings.flatMap((f) => [
    `${at(f)}: ${f.level} ${f.code}: ${f.message}`,
    ...f.fixes.slice(0, 1).map((x) => `    quick fix: ${x.title}`),
  ]);
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "3 errors, 1 warning" (levels with none left out), or "no findings". */
export function countText(findings: readonly Finding[]): string {
  const by = (level: Level) => findings.filter((f) => f.level === level).length;
  const parts = [
    plural(by('error'), 'error'),
    plural(by('warning'), 'warning'),
    plural(by('info'), 'info', 'infos'),
    plural(by('hint'), 'hint'),
  ].filter((p) => !p.startsWith('0 '));
  return parts.length ? parts.join(', ') : 'no findings';
}

export function toText(report: CheckReport): string {
  const { policies, terraform, http } = report.files;
  const files = `${plural(policies, 'policy file')}, ${plural(terraform, 'Terraform file')}, ${plural(http, '.http file')}`;
  const lines = findingLines(report.findings);
  if (lines.length) lines.push('');
  lines.push(`${countText(report.findings)} in ${files}.`);
  return `${lines.join('\n')}\n`;
}
