/** The language server's entry: a connection over stdio, node-ipc or a socket (from argv), handed to lsp/. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { sizeHeapFor } from './lsp/heap';
import { idleYoungCollector } from './lsp/idleGc';
import { runIfIndexWorker } from './lsp/indexWorker';
import { nodeIndexHelpers } from './lsp/indexWorkers';
import { installProcessGuards } from './lsp/processGuards';
import { startServer } from './lsp/server';

// A worker thread of the index's first read runs the same bundle: it reads its share of the files, and no server.
if (!runIfIndexWorker()) {
  // Restrain the heap's growth from the start (lsp/heap.ts); the analyzer lifts it while a very long document is edited.
  sizeHeapFor(0);
  const connection = createConnection(ProposedFeatures.all);
  installProcessGuards((text) => connection.console.error(text));
  startServer(connection, { indexHelpers: nodeIndexHelpers(), whenIdle: idleYoungCollector() });
}
