/**
 * A check: one file that declares its diagnostic codes (each with its default severity, when it fires,
 * why, with the primary source, and its quick fix), its English and Chinese messages side by side, and
 * the function that finds its problems. The checks of each language are listed in a registry
 * (policy/checks/index.ts, http/checks/index.ts, terraform/checks/index.ts); docs/checks.md is generated
 * from them, and a unit test keeps both in step (OPA Regal's "one rule a file, each with its docs").
 */
import { DiagnosticSeverity, Range, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Lang } from '../../../core/catalogue';
import { DIAGNOSTIC_SOURCE } from '../../../core/protocol';
import { messages, type Messages } from '../messages';

export { DiagnosticSeverity };

export type CheckLanguage = 'policy' | 'http' | 'terraform';

export interface CheckCode {
  /** The stable code clients see (`Diagnostic.code`). */
  code: string;
  /** The default severity; a check may lower it where its `severityNote` says so. */
  severity: DiagnosticSeverity;
  severityNote?: string;
  /** When it fires, in one line (docs/checks.md). */
  when: string;
  /** Why it matters, with its primary source (docs/sources.md §…, a Huawei page or SDK model). */
  why: string;
  /** What its quick fix does, when it has one. */
  fix?: string;
}

/** Messages of a check, a function each; `zh` has the type of `en`, so a message missing in one does not compile. */
export type MessageTable = Record<string, (...args: never[]) => string>;

export interface CheckDefinition<I, M extends MessageTable> {
  /** The check's name: its file's name. */
  name: string;
  languages: readonly CheckLanguage[];
  codes: readonly CheckCode[];
  messages: { en: M; zh: M };
  run(sink: DiagnosticSink, input: I, m: M): void;
}

/** A check with its messages bound: what the registries hold and the services run. */
export interface Check<I> {
  name: string;
  languages: readonly CheckLanguage[];
  codes: readonly CheckCode[];
  run(sink: DiagnosticSink, input: I): void;
}

export function defineCheck<I, M extends MessageTable>(d: CheckDefinition<I, M>): Check<I> {
  return {
    name: d.name,
    languages: d.languages,
    codes: d.codes,
    run: (sink, input) => d.run(sink, input, d.messages[sink.lang]),
  };
}

/** The one place diagnostics are made: the code's severity and the common source, at a range of the document. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  /** Messages several features share (tag rules, statement references, "and", "or"). */
  readonly shared: Messages;

  constructor(
    readonly doc: TextDocument,
    readonly lang: Lang,
  ) {
    this.shared = messages(lang);
  }

  /** The range between two offsets of the document. */
  at(start: number, end: number): Range {
    return Range.create(this.doc.positionAt(start), this.doc.positionAt(end));
  }

  /** A JSON node's range (offsets in this document). */
  node(n: { offset: number; length: number }): Range {
    return this.at(n.offset, n.offset + n.length);
  }

  /** The opening brace or bracket of a container: a precise spot for "missing …" findings. */
  head(n: { offset: number }): Range {
    return this.at(n.offset, n.offset + 1);
  }

  report(code: CheckCode, range: Range, message: string, extra: Partial<Diagnostic> = {}): void {
    this.list.push({ range, severity: code.severity, code: code.code, source: DIAGNOSTIC_SOURCE, message, ...extra });
  }

  /** Diagnostics made elsewhere (a policy embedded in Terraform, mapped back), kept in order. */
  push(...diagnostics: Diagnostic[]): void {
    this.list.push(...diagnostics);
  }
}
