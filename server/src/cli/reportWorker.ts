/**
 * A worker thread of `postmortem-lint report` (bundled as dist/cli-report-worker.js): takes the next file from the
 * counter it shares with the other threads, reads and indexes it (reportFile.ts), and posts the result; then says done.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { WorkerInit, WorkerMessage } from './report';
import { reportFile } from './reportFile';

const NEXT = 0;
const SIGNAL = 1;

function run(init: WorkerInit): void {
  const control = new Int32Array(init.control);
  const post = (m: WorkerMessage): void => {
    init.port.postMessage(m);
    Atomics.add(control, SIGNAL, 1);
    Atomics.notify(control, SIGNAL);
  };
  // Ready before the first take: the main thread waits only for workers that may hold a file.
  Atomics.store(control, init.slot, 1);
  try {
    for (let i = Atomics.add(control, NEXT, 1); i < init.files.length; i = Atomics.add(control, NEXT, 1)) {
      post({ index: i, result: reportFile(init.files[i] as string, init.setup) });
    }
  } finally {
    post({ done: true });
    init.port.close();
  }
}

if (!isMainThread && workerData && typeof workerData === 'object' && 'control' in workerData) run(workerData as WorkerInit);
