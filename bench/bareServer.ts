/**
 * The least a language server built on vscode-languageserver can be: it keeps the open documents and
 * publishes no diagnostics for each version, and does nothing else. Run beside ours and the peer in the
 * shape matrix (policyComparison.ts), it measures the floor under both: the memory of Node with the
 * protocol library and the document held, and the time from opening a document to a (empty) publish.
 * A target below this floor is out of reach for any server on this library, which the product uses.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ProposedFeatures, TextDocumentSyncKind, TextDocuments, createConnection } from 'vscode-languageserver/node';

if (require.main === module) {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
  documents.onDidChangeContent(({ document }) => {
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
  });
  documents.listen(connection);
  connection.listen();
}
