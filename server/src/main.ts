/** The language server's entry: a connection over stdio, node-ipc or a socket (from argv), handed to lsp/. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
