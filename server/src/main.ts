/** The language server's entry: a connection over stdio, node-ipc or a socket (from argv), handed to lsp/. */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

// The server's live data is small (the open documents' results, a few syntax trees), but every full lint of a long
// document allocates many times its size, much of it surviving a scavenge while the parse runs. V8 then grows the
// old generation to up to four times what survived the last full collection and keeps it: 50 open 55 KB postmortems
// held 230 MB for 40 MB of live data. Growing it by 30 % instead costs some more full collections while documents
// are opened, and keeps the server's footprint near what it holds. (Read at every collection, so setting it here,
// after start-up, takes effect.)
setFlagsFromString('--heap-growing-percent=30');
startServer(createConnection(ProposedFeatures.all));
