/**
 * The diff's text and JSON reports: each changed policy with the access it adds (+) and takes away (-),
 * what IAM Access Analyzer said when asked, then a summary line.
 */
import type { DiffReport, PolicyChange } from '../diff';
import { findingJson } from './json';

const name = (c: PolicyChange) => `${c.path}${c.address ? ` ${c.address}` : ''}`;

export function toDiffText(report: DiffReport): string {
  const lines: string[] = [];
  for (const c of report.changes) {
    lines.push(`${name(c)} (${c.status}${c.version ? `, Version ${c.version}` : ''})`);
    for (const a of c.added) lines.push(`  + ${a}`);
    for (const r of c.removed) lines.push(`  - ${r}`);
    if (c.added.length + c.removed.length === 0) lines.push('  (no change in access)');
    if (c.analyzer) lines.push(`  ${c.analyzer}`);
  }
  if (lines.length) lines.push('');
  const adding = report.changes.filter((c) => c.added.length > 0).length;
  lines.push(
    report.changes.length === 0
      ? `No policy changed since ${report.base}.`
      : adding === 0
        ? `No new access: ${report.changes.length} changed ${report.changes.length === 1 ? 'policy adds' : 'policies add'} nothing since ${report.base}.`
        : `New access: ${adding} of ${report.changes.length} changed ${report.changes.length === 1 ? 'policy adds' : 'policies add'} access since ${report.base}.`,
  );
  return `${lines.join('\n')}\n`;
}

export function toDiffJson(report: DiffReport): string {
  return `${JSON.stringify(
    {
      root: report.root,
      base: report.base,
      changes: report.changes,
      findings: report.findings.map(findingJson),
      errors: report.errors,
    },
    null,
    2,
  )}\n`;
}
