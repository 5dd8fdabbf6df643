/**
 * The JSON report, for scripts: the same findings with 1-based lines and columns (as the text and SARIF
 * reports count), their quick fixes as edits, and the files that could not be checked.
 */
import type { Range } from 'vscode-languageserver';
import type { CheckReport, Finding } from '../findings';

const place = (r: Range) => ({
  line: r.start.line + 1,
  column: r.start.character + 1,
  endLine: r.end.line + 1,
  endColumn: r.end.character + 1,
});

export const findingJson = (f: Finding) => ({
  path: f.path,
  ...place(f.range),
  level: f.level,
  code: f.code,
  message: f.message,
  fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits.map((e) => ({ ...place(e.range), newText: e.newText })) })),
  fingerprint: f.fingerprint,
});

export function toJson(report: CheckReport): string {
  return `${JSON.stringify(
    { root: report.root, files: report.files, findings: report.findings.map(findingJson), errors: report.errors },
    null,
    2,
  )}\n`;
}
