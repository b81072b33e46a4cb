/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bootstrap, loaded only by a worker thread */
// The index's worker when the server runs from its TypeScript sources (tests, under tsx): a worker thread does not
// inherit tsx's loader, so register it here, then run the worker. The built server runs dist/server.js instead.
require('tsx/cjs/api').register();
require('./indexWorker.ts').runIfIndexWorker();
