/**
 * What the command line reports: a finding is a diagnostic of the language service, placed in a file
 * (a path relative to the root, with `/`), at its severity after the config's overrides, with the
 * quick fixes that edit only that file. Every output format (text, JSON, SARIF) is made from these.
 */
import { createHash } from 'node:crypto';
import type { Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export type Level = 'error' | 'warning' | 'info' | 'hint';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'hint'];

/** LSP's DiagnosticSeverity (1 error … 4 hint) as a level. */
export const levelOf = (severity: number | undefined): Level => LEVELS[(severity ?? 1) - 1] ?? 'error';

/** Whether `level` is at or above `threshold` (`--fail-on`): error > warning > info, hints counted as info. */
export const atLeast = (level: Level, threshold: Level) =>
  Math.min(LEVELS.indexOf(level), 2) <= Math.min(LEVELS.indexOf(threshold), 2);

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  /** The file, relative to the root, with forward slashes. */
  path: string;
  code: string;
  level: Level;
  message: string;
  /** Zero-based, in UTF-16 code units, as LSP and the editor count. */
  range: Range;
  /** The text the range covers (fingerprints are made from it, not from line numbers). */
  excerpt: string;
  fixes: Fix[];
  /** The text of the range itself, when short (SARIF's region snippet). */
  snippet?: string;
  /** The lines around the range (zero-based, inclusive), for a reader without the file (SARIF's contextRegion). */
  context?: { startLine: number; endLine: number; text: string };
  /**
   * Stable across commits that move the finding: the code, the file, the flagged text and the how-manieth
   * time this code flags this text in the file (code scanning's `partialFingerprints`).
   */
  fingerprint: string;
}

/** Two lines either side of a range, from the document it is in. */
export function contextOf(doc: TextDocument, range: Range): Finding['context'] {
  const startLine = Math.max(0, range.start.line - 2);
  const endLine = Math.min(doc.lineCount - 1, range.end.line + 2);
  const text = doc.getText({ start: { line: startLine, character: 0 }, end: { line: endLine + 1, character: 0 } });
  return { startLine, endLine, text: text.length > 2000 ? text.slice(0, 2000) : text };
}

/** Fingerprints for a file's findings, in place. */
export function fingerprint(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.code}\u0000${f.path}\u0000${f.excerpt.replace(/\s+/g, ' ').trim()}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    f.fingerprint = `${createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32)}:${n}`;
  }
}

/** A problem with a file or an argument that stops a finding from being made: exit code 2. */
export interface FileError {
  path: string;
  message: string;
}

export interface CheckReport {
  root: string;
  findings: Finding[];
  errors: FileError[];
  /** The .http environments the env files define (`--env` must name one of them). */
  environments?: string[];
  /** Files read, by what they were found to hold. */
  files: { policies: number; terraform: number; http: number; other: number };
}

/** What a report says of a rule (SARIF's `reportingDescriptor`): a check code of the registry, or the diff's. */
export interface RuleInfo {
  id: string;
  level: Level;
  /** When it fires, in one line. */
  when: string;
  /** Why it matters, with its source. */
  why: string;
  fix?: string;
  /** The page of docs/ that explains it, with its anchor. */
  doc: string;
}
