/**
 * The incident index's worker threads in the Node server (main.ts hands them to the server; a browser's server has
 * none): one per core beyond the server's own, started for a first read of many files and gone when it ends. Each
 * runs indexWorker.ts: the built server's own entry (dist/server.js, which loads the bundle through its code cache and
 * runs the worker's job instead of a server), or, from the TypeScript sources (tests, bench under tsx),
 * indexWorker.dev.cjs. A worker that fails to start, fails, or goes silent costs only time: the server's thread reads
 * whatever it left.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IndexHelpers, IndexWorkerMessage } from './indexFiles';

/** A worker that sends nothing for this long is stopped. */
const STALL_MS = 60_000;
/**
 * A worker loads the engine again and lints cold (not yet optimised) for its first few hundred files: about 1.5 s of
 * CPU measured on a busy machine (bench/serverIndex.ts at 300 files). Below this many files it costs more than it saves.
 */
const WORKERS_FROM = 1000;

function defaultScript(): string | null {
  const script = __filename.endsWith('.ts') ? path.join(__dirname, 'indexWorker.dev.cjs') : path.join(__dirname, 'server.js');
  return fs.existsSync(script) ? script : null;
}

function cores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** `threads`: how many workers (default: one per core less the server's own, at most 7); `from`: the fewest files they start for. */
export function nodeIndexHelpers(options: { script?: string; threads?: number; from?: number } = {}): IndexHelpers {
  const script = options.script ?? defaultScript();
  const threads = script ? Math.max(0, Math.min(7, options.threads ?? cores() - 1)) : 0;
  return {
    threads,
    from: options.from ?? WORKERS_FROM,
    start(init, onRead) {
      if (!script || threads === 0) return null;
      const workers: Worker[] = [];
      const finished: Promise<void>[] = [];
      for (let k = 0; k < threads; k++) {
        let worker: Worker;
        try {
          worker = new Worker(script, { workerData: init, stdout: false, stderr: false });
        } catch {
          break;
        }
        workers.push(worker);
        finished.push(
          new Promise<void>((resolve) => {
            let timer = setTimeout(stop, STALL_MS);
            function stop(): void {
              clearTimeout(timer);
              void worker.terminate();
              resolve();
            }
            worker.on('message', (m: IndexWorkerMessage) => {
              clearTimeout(timer);
              if ('done' in m) return stop();
              timer = setTimeout(stop, STALL_MS);
              onRead(m.index, m.read);
            });
            worker.on('error', stop);
            worker.on('exit', stop);
          }),
        );
      }
      if (!workers.length) return null;
      return {
        finished: Promise.all(finished).then(() => undefined),
        stop: () => workers.forEach((w) => void w.terminate()),
      };
    },
  };
}
