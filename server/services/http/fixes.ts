/** What a quick fix can do for a .http diagnostic; carried in `Diagnostic.data` (httpCodeActions.ts applies it). */
export type HttpFix =
  | { kind: 'rewriteDeprecated'; request: number; to: string }
  | { kind: 'addContentType'; request: number; value: string }
  | { kind: 'replaceMethod'; values: string[] }
  | { kind: 'addActions'; actions: string[] }
  /** An enum value in the wrong case: the documented spelling (the diagnostic's range is the string). */
  | { kind: 'replaceValue'; value: string }
  | { kind: 'insertBlankLine'; offset: number }
  /** Replace the range; `define` adds a file variable the new text uses, when nothing defines it. */
  | { kind: 'replaceText'; value: string; define?: { name: string; value: string } }
  /** Select one of these .http environments (the extension's command; no edit). */
  | { kind: 'selectEnvironment'; environments: string[] };

export interface HttpDiagnosticData {
  fix?: HttpFix;
}
