/**
 * `postmortem-lint report [options] PATH...`: the incident index of a set of files and folders, with trends.
 *
 * The files are read, linted and indexed in this thread and, for a large set, in worker threads at the same time
 * (one thread per core; reportWorker.ts). The call stays synchronous: the threads share a counter of the next file to
 * take (Atomics), and the workers' results are read with receiveMessageOnPort, so `runCli` needs no event loop.
 * A worker that fails to start or stops answering costs nothing but time: this thread reads whatever it left.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { aggregate, filterSince, sortRows, type IndexRow } from '../engine/report';
import { parseReportArgs, REPORT_USAGE, TOOL_NAME, UsageError, type ReportArgs } from './args';
import { configProblemLine, loadConfigOption, unknownProfile } from './configOption';
import { collectFiles, displayPath } from './files';
import { REPORT_FORMATS } from './formats/report';
import { reportFile, type ReportFileResult, type ReportSetup } from './reportFile';

export interface ReportIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  stderrIsTTY?: boolean;
  isTTY: boolean;
}

/** Below this many files, starting a worker (loading the engine again) costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 64;
/** How long to wait for a started worker that sends nothing before reading its files here. */
const STALL_MS = 60_000;

/** Slots of the shared control array. */
const NEXT = 0;
const SIGNAL = 1;
const READY = 2;

export interface WorkerInit {
  files: string[];
  setup: ReportSetup;
  control: SharedArrayBuffer;
  slot: number;
  port: MessagePort;
}

export type WorkerMessage = { index: number; result: ReportFileResult } | { done: true };

/**
 * The worker's script: the bundle's `cli-report-worker.js` next to this one, or, when the CLI runs from its TypeScript
 * sources (tests, bench, under tsx), reportWorker.dev.cjs, which registers tsx in the worker and loads reportWorker.ts.
 */
function workerScript(): string | null {
  const script = __filename.endsWith('.ts') ? path.join(__dirname, 'reportWorker.dev.cjs') : path.join(__dirname, 'cli-report-worker.js');
  return fs.existsSync(script) ? script : null;
}

function defaultJobs(): number {
  const n = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(16, n));
}

interface RunState {
  results: (ReportFileResult | undefined)[];
  reported: number;
}

/**
 * Read every file, in this thread and `workers` more. Results in file order. `onProgress` is called in this thread
 * after each file it reads or receives.
 */
export function indexFiles(
  files: string[],
  setup: ReportSetup,
  threads: number,
  onProgress?: (done: number, total: number, file: string) => void,
): { results: ReportFileResult[]; workers: number; byWorkers: number } {
  const state: RunState = { results: new Array<ReportFileResult | undefined>(files.length), reported: 0 };
  let byWorkers = 0;
  const record = (index: number, result: ReportFileResult): void => {
    if (state.results[index] !== undefined) return;
    state.results[index] = result;
    state.reported++;
    onProgress?.(state.reported, files.length, files[index] as string);
  };
  const script = threads > 1 && files.length > 1 ? workerScript() : null;
  const control = new Int32Array(new SharedArrayBuffer(4 * (READY + Math.max(0, threads - 1))));
  const started: { worker: Worker; port: MessagePort; slot: number; done: boolean }[] = [];
  if (script) {
    for (let k = 0; k < threads - 1; k++) {
      const { port1, port2 } = new MessageChannel();
      try {
        const init: WorkerInit = {
          files,
          setup,
          control: control.buffer as SharedArrayBuffer,
          slot: READY + k,
          port: port2,
        };
        const worker = new Worker(script, { workerData: init, transferList: [port2], stdout: false, stderr: false });
        worker.on('error', () => undefined);
        worker.unref();
        started.push({ worker, port: port1, slot: READY + k, done: false });
      } catch {
        port1.close();
        break;
      }
    }
  }
  const drain = (): boolean => {
    let got = false;
    for (const w of started) {
      for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
        got = true;
        const msg = m.message as WorkerMessage;
        if ('done' in msg) w.done = true;
        else {
          if (state.results[msg.index] === undefined) byWorkers++;
          record(msg.index, msg.result);
        }
      }
    }
    return got;
  };
  // This thread takes files from the same counter as the workers.
  for (let i = Atomics.add(control, NEXT, 1); i < files.length; i = Atomics.add(control, NEXT, 1)) {
    record(i, reportFile(files[i] as string, setup));
    if (started.length) drain();
  }
  // The counter is past the end: a worker not yet started will take nothing; wait for those at work.
  const waiting = started.filter((w) => Atomics.load(control, w.slot) === 1);
  let lastProgress = Date.now();
  while (waiting.some((w) => !w.done)) {
    const seen = Atomics.load(control, SIGNAL);
    if (drain()) {
      lastProgress = Date.now();
      continue;
    }
    if (Date.now() - lastProgress > STALL_MS) break;
    Atomics.wait(control, SIGNAL, seen, 200);
  }
  drain();
  for (const w of started) {
    w.port.close();
    if (!w.done) void w.worker.terminate();
  }
  // Whatever a worker took and never answered is read here.
  for (let i = 0; i < files.length; i++) if (state.results[i] === undefined) record(i, reportFile(files[i] as string, setup));
  return { results: state.results as ReportFileResult[], workers: started.length, byWorkers };
}

/** Run `report` with the arguments after the word; returns the exit code. */
export function runReport(argv: string[], io: ReportIo, version = '0.0.0'): number {
  const stderrTTY = io.stderrIsTTY ?? io.isTTY;
  let progressShown = false;
  const err = (line: string): void => {
    if (progressShown) io.stderr.write('\r\u001b[K');
    progressShown = false;
    io.stderr.write(line + '\n');
  };
  let args: ReportArgs;
  try {
    args = parseReportArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${TOOL_NAME} report: ${e.message}\n`);
      io.stderr.write(REPORT_USAGE);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout.write(REPORT_USAGE);
    return 0;
  }
  if (args.paths.length === 0) {
    err(`${TOOL_NAME} report: no paths given; name the postmortems, folders or globs to index\n`);
    io.stderr.write(REPORT_USAGE);
    return 2;
  }

  const setup: ReportSetup = { cwd: io.cwd, overrides: {} };
  if (args.config !== undefined) {
    const loaded = loadConfigOption(io.cwd, args.config);
    if (!loaded) {
      err(`${TOOL_NAME} report: cannot read the configuration file ${args.config}: no such file`);
      return 2;
    }
    for (const p of loaded.problems) err(configProblemLine(p, io.cwd));
    setup.fixedConfig = loaded.options;
  }
  if (args.profile !== undefined) {
    setup.overrides.profile = args.profile;
    const available = unknownProfile(args.profile, setup.fixedConfig, io.cwd);
    if (available !== null) {
      err(`${TOOL_NAME} report: unknown profile "${args.profile}" (available: ${available})`);
      return 2;
    }
  }

  let readErrors = 0;
  const { files, errors } = collectFiles(args.paths, { cwd: io.cwd, followSymlinks: args.followSymlinks });
  for (const e of errors) {
    err(`${TOOL_NAME}: ${e.path}: ${e.message}`);
    readErrors++;
  }
  if (files.length === 0 && errors.length === 0)
    err(`${TOOL_NAME} report: no Markdown files (*.md, *.markdown) found in ${args.paths.join(', ')}`);

  const jobs = args.jobs ?? defaultJobs();
  const threads = args.jobs !== undefined || files.length >= MIN_FILES_FOR_WORKERS ? jobs : 1;
  let lastProgress = 0;
  const showProgress = stderrTTY && files.length > 20;
  const { results } = indexFiles(files, setup, threads, (done, total, file) => {
    if (!showProgress) return;
    const now = Date.now();
    if (now - lastProgress < 50 && done !== total) return;
    lastProgress = now;
    const shown = displayPath(file, io.cwd);
    io.stderr.write(`\r\u001b[Kindexing ${done}/${total} ${shown.length > 50 ? '…' + shown.slice(-49) : shown}`);
    progressShown = true;
  });

  const seenNotes = new Set<string>();
  const rows: IndexRow[] = [];
  results.forEach((r, i) => {
    for (const n of r.notes) {
      if (seenNotes.has(n)) continue;
      seenNotes.add(n);
      err(n);
    }
    if (r.kind === 'row') rows.push(r.row);
    else if (r.kind === 'error' || r.kind === 'skipped') {
      err(`${TOOL_NAME}: ${displayPath(files[i] as string, io.cwd)}: ${r.message}`);
      if (r.kind === 'error') readErrors++;
    }
  });
  if (progressShown) io.stderr.write('\r\u001b[K');
  progressShown = false;

  const kept = sortRows(filterSince(rows, args.since));
  const aggregation = aggregate(kept, args.group);
  const output = REPORT_FORMATS[args.format]({
    rows: kept,
    aggregation,
    group: args.group,
    since: args.since,
    toolName: TOOL_NAME,
    version,
    generatedAt: new Date().toISOString(),
  });
  io.stdout.write(output);
  return readErrors > 0 ? 2 : 0;
}
