/** Shared pieces of the quick-fix services: the code action shape, and our diagnostics that carry a fix. */
import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE } from '../../core/protocol';

export function quickFix(title: string, diagnostic: Diagnostic, edit: WorkspaceEdit, preferred = false): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: preferred };
}

/** Our diagnostics (source ims-tags) with the fix their `data` carries. */
export function fixable<F>(diagnostics: Diagnostic[]): Array<{ diagnostic: Diagnostic; fix: F }> {
  const out: Array<{ diagnostic: Diagnostic; fix: F }> = [];
  for (const diagnostic of diagnostics) {
    const fix = (diagnostic.data as { fix?: F } | undefined)?.fix;
    if (diagnostic.source === DIAGNOSTIC_SOURCE && fix) out.push({ diagnostic, fix });
  }
  return out;
}
