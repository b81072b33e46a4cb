/**
 * A worker thread of the incident index's first read, started by indexWorkers.ts on the server's own entry (which
 * calls runIfIndexWorker before anything else; the worker has no bundle of its own): takes the next file from the
 * counter it shares with the server's thread, reads and analyses it as the server would (the same Analyzer, with the
 * settings of its folder as the server had them), and posts its row.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from './analysis';
import { readClosedFile, type IndexWorkerInit, type IndexWorkerMessage } from './indexFiles';
import { normalizeSettings, type Settings } from './settings';

async function run(init: IndexWorkerInit): Promise<void> {
  const control = new Int32Array(init.control);
  const fallback = normalizeSettings(undefined);
  const settings = {
    get: (scope: string): Promise<Settings> => Promise.resolve(init.settings[scope] ?? fallback),
    forget: (): void => undefined,
  };
  const analyzer = new Analyzer(settings, () => undefined);
  analyzer.workspaceFolders = init.workspaceFolders;
  const post = (m: IndexWorkerMessage): void => parentPort?.postMessage(m);
  try {
    for (let i = Atomics.add(control, 0, 1); i < init.jobs.length; i = Atomics.add(control, 0, 1)) {
      const job = init.jobs[i] as (typeof init.jobs)[number];
      post({ index: i, read: (await readClosedFile(analyzer, job.uri, job.file, job.shown, job.folderUri)) ?? null });
    }
  } finally {
    post({ done: true });
  }
}

/** In a worker thread started with an index job: run it and say so (the entry then starts no server). */
export function runIfIndexWorker(): boolean {
  if (isMainThread || !workerData || typeof workerData !== 'object' || !('control' in workerData)) return false;
  void run(workerData as IndexWorkerInit);
  return true;
}
