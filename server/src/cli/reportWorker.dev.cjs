/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS bootstrap, loaded only by a worker thread */
// The report's worker when the CLI runs from its TypeScript sources (tests, bench, under tsx): a worker thread does not
// inherit tsx's loader, so register it here, then load the worker. The built CLI uses dist/cli-report-worker.js.
require('tsx/cjs/api').register();
require('./reportWorker.ts');
