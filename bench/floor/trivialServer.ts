/**
 * The least a language server can be (bench/startFloor.ts): vscode-languageserver over stdio, answering initialize
 * and publishing no diagnostics for each opened document. Its start is Node's own plus the LSP library's.
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
connection.onDidOpenTextDocument((params) => {
  void connection.sendDiagnostics({ uri: params.textDocument.uri, version: params.textDocument.version, diagnostics: [] });
});
connection.listen();
