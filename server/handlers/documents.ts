/**
 * Open, edited and closed documents: each is checked again; a policy or Terraform document changes the
 * workspace's policies (a closed one falls back to its disk version); a .tf document loads the HCL parser.
 */
import { FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { POLICY_LANGUAGES, TERRAFORM_LANGUAGES } from '../documentCache';
import type { ServerContext } from './context';

const holdsPolicies = (doc: TextDocument) => POLICY_LANGUAGES.has(doc.languageId) || TERRAFORM_LANGUAGES.has(doc.languageId);

export function registerDocuments(ctx: ServerContext): void {
  const { documents, diagnostics, host } = ctx;
  const changed = (doc: TextDocument): void => {
    if (TERRAFORM_LANGUAGES.has(doc.languageId)) void ctx.terraform.need();
    host.documentsChanged();
    diagnostics.schedule(doc.uri);
    if (holdsPolicies(doc)) ctx.policiesChanged();
  };
  documents.onDidOpen((e) => changed(e.document));
  documents.onDidChangeContent((e) => changed(e.document));
  documents.onDidClose((e) => {
    diagnostics.clear(e.document.uri);
    ctx.service.forget(e.document.uri);
    host.documentsChanged();
    if (holdsPolicies(e.document)) void ctx.index.fileChanged(e.document.uri).then(() => ctx.policiesChanged());
  });
}

/** Files changed on disk: watcher events, and (web) the files the client sends. */
export function registerWorkspaceFiles(ctx: ServerContext): void {
  ctx.connection.onDidChangeWatchedFiles((change) =>
    ctx.filesChanged(
      change.changes.map((c) => c.uri),
      new Set(change.changes.filter((c) => c.type === FileChangeType.Deleted).map((c) => c.uri)),
    ),
  );
  ctx.host.attach?.(ctx.connection, (uris, deleted) => void ctx.filesChanged(uris, deleted));
}
