/**
 * "IMS: Validate Policy with IAM": IAM Access Analyzer's findings on a 5.0 policy document, shown beside
 * the language server's own (source "IAM Access Analyzer") until the document changes.
 */
import * as vscode from 'vscode';
import type { ValidationFinding } from '../../core/client/iamTypes';
import type { CommandFactory, Ctx } from '../context';

/** IAM's own findings, beside ours (source "IAM"), until the document changes. */
export function validationDiagnostics(ctx: Ctx): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('iam-validation');
  ctx.push(
    collection,
    vscode.workspace.onDidChangeTextDocument((e) => collection.delete(e.document.uri)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
  );
  return collection;
}

export const validateWithIam: CommandFactory = (ctx) => {
  let collection: vscode.DiagnosticCollection | undefined;
  return async (file?: vscode.Uri) => {
    const iam = ctx.connected().iam;
    const doc = file ? await vscode.workspace.openTextDocument(file) : vscode.window.activeTextEditor?.document;
    if (!doc) throw new Error(vscode.l10n.t('Open a 5.0 policy to validate it with IAM.'));
    const text = doc.getText();
    const findings = await iam.validate(text);
    collection ??= validationDiagnostics(ctx);
    collection.set(
      doc.uri,
      findings.map((f) => findingDiagnostic(doc, f)),
    );
    const where = vscode.workspace.asRelativePath(doc.uri);
    if (findings.length === 0)
      void vscode.window.showInformationMessage(vscode.l10n.t('IAM found nothing to report in {0}.', where));
    else
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'IAM Access Analyzer reported {0} finding(s) in {1}: they are in the Problems view.',
          findings.length,
          where,
        ),
      );
    return findings;
  };
};

/**
 * An Access Analyzer finding as a diagnostic: its span's offsets are offsets into the text sent (the Go
 * SDK's Position: line from 1, column and offset from 0); error is an error, suggestion information.
 */
function findingDiagnostic(doc: vscode.TextDocument, f: ValidationFinding): vscode.Diagnostic {
  const span = f.locations[0]?.span;
  const range = span
    ? new vscode.Range(doc.positionAt(span.start.offset), doc.positionAt(Math.max(span.end.offset, span.start.offset + 1)))
    : new vscode.Range(0, 0, 0, 1);
  const severity =
    f.finding_type === 'error'
      ? vscode.DiagnosticSeverity.Error
      : f.finding_type === 'suggestion'
        ? vscode.DiagnosticSeverity.Information
        : vscode.DiagnosticSeverity.Warning;
  const d = new vscode.Diagnostic(range, f.finding_details, severity);
  d.source = 'IAM Access Analyzer';
  d.code = f.learn_more_link ? { value: f.issue_code, target: vscode.Uri.parse(f.learn_more_link) } : f.issue_code;
  return d;
}
