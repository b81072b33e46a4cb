/**
 * The server's side of the incident index (lsp/workspaceIndex.ts, the `postmortem/index` the Postmortems view asks),
 * in process, on N generated postmortems (bench/folder.ts) in a temp folder:
 *
 * - the sum of one lint() per document (warm), against the first index of the folder by the server's index with its
 *   worker threads (the built dist/server.js: `npm run build` first) and in its own thread alone;
 * - one closed file changed on disk and reported, until the view's model has it (client/src/index/model.ts): the
 *   server's answer, the JSON both ends make of it (the stdio transport's share, without the pipe), the model's update
 *   and the tree items the view makes again (describeRow, rowTooltip) for what it refreshes; as a delta (what the
 *   view does now: `since`) and as a whole answer (what it did before), each the median of 5; a file created and one
 *   deleted (delta); the view's own debounce (client/src/index/changes.ts, FILE_DELAY_MS) is added to "reaches the
 *   view";
 * - the heap the index keeps (--expose-gc): after the first index less before it, per postmortem, and the rows'
 *   figures alone (a copy of the rows), so that what the index keeps beyond its figures is the difference.
 *
 *   node --expose-gc --import tsx bench/serverIndex.ts [--n 10000] [--no-one-thread] [--json]
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Connection } from 'vscode-languageserver';
import { describeRow, rowTooltip } from '../client/src/index/format';
import { IndexModel, type Refresh } from '../client/src/index/model';
import type { IndexResult } from '../shared/protocol';
import { lint } from '../server/src/engine/index';
import { resolveConfig } from '../server/src/engine/config';
import { Analyzer } from '../server/src/lsp/analysis';
import { createDocuments } from '../server/src/lsp/documents';
import { nodeIndexHelpers } from '../server/src/lsp/indexWorkers';
import { SettingsStore } from '../server/src/lsp/settings';
import { URI } from '../server/src/lsp/uri';
import { WorkspaceIndex } from '../server/src/lsp/workspaceIndex';
import { generateFolder } from './folder';

const ROOT = resolve(__dirname, '..');
/** client/src/index/changes.ts: a file event reaches the view's ask after this debounce. */
const FILE_DELAY_MS = 20;

/** One change until the view's model has it (ms). */
export interface ChangeCost {
  serverMs: number;
  /** JSON.stringify + JSON.parse of the answer, and its size. */
  jsonMs: number;
  bytes: number;
  /** The model's update and the tree items made again for what it refreshes. */
  clientMs: number;
  items: number;
  totalMs: number;
}

export interface ServerIndexResult {
  documents: number;
  rows: number;
  loadavg: string;
  /** One lint() per document, warm, in this thread: wall and CPU. */
  sumSingleLintsMs: number;
  sumSingleLintsCpuMs: number;
  /** The first index with worker threads, and how many threads in all: wall and CPU (every thread of the process). */
  firstIndexMs: number;
  firstIndexCpuMs: number;
  threads: number;
  /** Files the workers read (the rest: the server's thread). */
  readByWorkers: number;
  /** firstIndexMs ÷ sumSingleLintsMs. */
  ratio: number;
  /** The first index in this thread alone (null: not measured): wall and CPU. */
  firstIndexOneThreadMs: number | null;
  firstIndexOneThreadCpuMs: number | null;
  /** One closed file changed, reported, until the view has it: as a delta (now), as a whole answer (before). */
  change: ChangeCost;
  changeWhole: ChangeCost;
  created: ChangeCost;
  deleted: ChangeCost;
  /** change.totalMs plus the view's debounce. */
  changeReachesViewMs: number;
  /** Nothing changed, the index asked again (median of 5), and without file events (the walk and a stat per file). */
  unchangedMs: number;
  unchangedWithoutEventsMs: number;
  /** Heap held by the index per postmortem (bytes), the rows' figures alone, and the rest; null without --expose-gc. */
  heapBytesPerRow: number | null;
  figuresBytesPerRow: number | null;
  beyondFiguresBytesPerRow: number | null;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}

/** What the view does with an answer: parse it (as the transport does), update the model, make the refreshed items. */
function toView(result: IndexResult, model: IndexModel, t0: number, serverMs: number): ChangeCost {
  let t = performance.now();
  const json = JSON.stringify(result);
  const parsed = JSON.parse(json) as IndexResult;
  const jsonMs = performance.now() - t;
  t = performance.now();
  const refresh: Refresh = model.apply(parsed) ?? { all: true };
  const rows = refresh.all ? model.rows() : refresh.nodes.flatMap((n) => (n.kind === 'group' ? n.rows.map((r) => r.row) : [n.row]));
  let chars = 0;
  for (const r of rows) chars += describeRow(r).length + rowTooltip(r).length;
  const clientMs = performance.now() - t;
  if (chars < 0) throw new Error('unreachable');
  return { serverMs, jsonMs, bytes: json.length, clientMs, items: rows.length, totalMs: performance.now() - t0 };
}

const medianCost = (xs: ChangeCost[]): ChangeCost => {
  const pick = (k: keyof ChangeCost): number => median(xs.map((x) => x[k]));
  return {
    serverMs: pick('serverMs'),
    jsonMs: pick('jsonMs'),
    bytes: pick('bytes'),
    clientMs: pick('clientMs'),
    items: pick('items'),
    totalMs: pick('totalMs'),
  };
};

export async function measureServerIndex(
  n: number,
  options: { oneThread?: boolean; log?: (s: string) => void } = {},
): Promise<ServerIndexResult> {
  const log = options.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  const script = join(ROOT, 'dist', 'server.js');
  if (!existsSync(script)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pm-server-index-')));
  try {
    writeFileSync(join(dir, '.postmortemrc.json'), '{ "root": true }\n');
    log(`  server index: generating ${n} documents in ${dir}`);
    const docs = generateFolder(dir, n, 23);
    const store = new SettingsStore({} as Connection);
    store.init(false, undefined);
    let lints = 0;
    const analyzer = new Analyzer(store, () => undefined, {
      lint: (t, o) => (lints++, lint(t, o)),
      resolveConfig: (f) => resolveConfig(f),
    });
    // Warm-up on another folder: the engine's modules, compiled code and memos are not the index's.
    const warmDir = join(dir, '.warm');
    generateFolder(warmDir, Math.min(300, n), 99);
    analyzer.workspaceFolders = [URI.fromPath(warmDir)];
    await new WorkspaceIndex(createDocuments(), analyzer).index({});
    analyzer.workspaceFolders = [URI.fromPath(dir)];

    log('  server index: one lint() per document');
    let sumSingleLintsMs = 0;
    const cpuOf = (since: NodeJS.CpuUsage): number => {
      const c = process.cpuUsage(since);
      return (c.user + c.system) / 1000;
    };
    let cpu = process.cpuUsage();
    for (const d of docs) {
      const file = join(dir, d.file);
      const text = readFileSync(file, 'utf8');
      const s = performance.now();
      lint(text, { filePath: file });
      sumSingleLintsMs += performance.now() - s;
    }
    const sumSingleLintsCpuMs = cpuOf(cpu);

    const helpers = nodeIndexHelpers({ script });
    log(`  server index: first index, ${helpers.threads} worker thread(s) besides the server's`);
    const before = heapUsed();
    const index = new WorkspaceIndex(createDocuments(), analyzer, { helpers });
    // As in VS Code: the client reports Markdown file events (workspace/didChangeWatchedFiles).
    index.watchFiles();
    lints = 0;
    cpu = process.cpuUsage();
    let t = performance.now();
    let answer: IndexResult | undefined = await index.index({});
    const firstIndexMs = performance.now() - t;
    const firstIndexCpuMs = cpuOf(cpu);
    const readByWorkers = docs.length - lints;
    const rowCount = answer.rows.length;
    const figures = deserialize(serialize(answer.rows)) as unknown[];
    answer = undefined;
    const withIndex = heapUsed();
    const copy = figures.length;
    figures.length = 0;
    const withoutCopy = heapUsed();
    const heapBytesPerRow = before !== null && withIndex !== null && withoutCopy !== null ? (withoutCopy - before) / rowCount : null;
    const figuresBytesPerRow = withIndex !== null && withoutCopy !== null && copy ? (withIndex - withoutCopy) / copy : null;

    let firstIndexOneThreadMs: number | null = null;
    let firstIndexOneThreadCpuMs: number | null = null;
    if (options.oneThread !== false) {
      log('  server index: first index in the server thread alone');
      cpu = process.cpuUsage();
      t = performance.now();
      await new WorkspaceIndex(createDocuments(), analyzer).index({});
      firstIndexOneThreadMs = performance.now() - t;
      firstIndexOneThreadCpuMs = cpuOf(cpu);
    }

    log('  server index: one file changed, created, deleted');
    const model = new IndexModel('month');
    model.apply(await index.index({}));
    const whole = new IndexModel('month');
    whole.apply(await index.index({}));
    const target = docs.find((d) => d.kind === 'dated' && d.shape === 'bullets') ?? docs.find((d) => d.kind === 'dated');
    if (!target) throw new Error('no dated document generated');
    const file = join(dir, target.file);
    const uri = URI.fromPath(file);
    const touch = (i: number): void => {
      const text = readFileSync(file, 'utf8');
      // A different title each time: the row changes (a change that leaves the row as it was sends nothing).
      writeFileSync(
        file,
        text.replace(/^# .*$/m, (h) => `${h.replace(/ \(rev \d+\)$/, '')} (rev ${i})`),
      );
      utimesSync(file, new Date(), new Date(Date.now() + (i + 1) * 1000));
    };
    const ask = async (m: IndexModel, delta: boolean, changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<ChangeCost> => {
      const t0 = performance.now();
      const result = await index.index({ changes, ...(delta && m.version !== undefined ? { since: m.version } : {}) });
      return toView(result, m, t0, performance.now() - t0);
    };
    // The whole answers first, then (their garbage collected) the deltas: a delta does not pay for a whole answer's GC.
    const wholes: ChangeCost[] = [];
    for (let i = 0; i < 5; i++) {
      touch(i);
      wholes.push(await ask(whole, false, [{ uri, type: 2 }]));
    }
    await ask(model, true, []);
    heapUsed();
    const deltas: ChangeCost[] = [];
    for (let i = 5; i < 10; i++) {
      touch(i);
      deltas.push(await ask(model, true, [{ uri, type: 2 }]));
    }
    const created: ChangeCost[] = [];
    const deleted: ChangeCost[] = [];
    const added = join(dir, 'zz-added.md');
    for (let i = 0; i < 3; i++) {
      writeFileSync(added, readFileSync(file, 'utf8').replace(/^# .*$/m, `# Added ${i}`));
      created.push(await ask(model, true, [{ uri: URI.fromPath(added), type: 1 }]));
      unlinkSync(added);
      deleted.push(await ask(model, true, [{ uri: URI.fromPath(added), type: 3 }]));
    }
    if (model.size !== rowCount) throw new Error(`the view's model has ${model.size} rows for ${rowCount}`);
    const unchanged: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await index.index({ since: model.version as number });
      unchanged.push(performance.now() - t);
    }
    // Without file events (an LSP client that cannot watch files): every ask walks the folders and stats each file.
    const walking = new WorkspaceIndex(createDocuments(), analyzer);
    await walking.index({});
    const walks: number[] = [];
    for (let i = 0; i < 3; i++) {
      t = performance.now();
      await walking.index({});
      walks.push(performance.now() - t);
    }
    const change = medianCost(deltas);
    return {
      documents: docs.length,
      rows: rowCount,
      loadavg: loadavg(),
      sumSingleLintsMs,
      sumSingleLintsCpuMs,
      firstIndexMs,
      firstIndexCpuMs,
      threads: helpers.threads + 1,
      readByWorkers,
      ratio: firstIndexMs / sumSingleLintsMs,
      firstIndexOneThreadMs,
      firstIndexOneThreadCpuMs,
      change,
      changeWhole: medianCost(wholes),
      created: medianCost(created),
      deleted: medianCost(deleted),
      changeReachesViewMs: change.totalMs + FILE_DELAY_MS,
      unchangedMs: median(unchanged),
      unchangedWithoutEventsMs: median(walks),
      heapBytesPerRow,
      figuresBytesPerRow,
      beyondFiguresBytesPerRow: heapBytesPerRow !== null && figuresBytesPerRow !== null ? heapBytesPerRow - figuresBytesPerRow : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number | null): string =>
  n === null ? '—' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const cost = (c: ChangeCost): string =>
  `${ms(c.totalMs)} (server ${ms(c.serverMs)}, JSON ${ms(c.jsonMs)} for ${(c.bytes / 1024).toFixed(1)} KB, view model and ${c.items} item(s) ${ms(c.clientMs)})`;

/** The lines bench/run.ts prints. */
export function serverIndexSummary(r: ServerIndexResult): string[] {
  const bytes = (b: number | null): string => (b === null ? 'n/a (run with --expose-gc)' : `${Math.round(b)} B`);
  return [
    `server index: ${r.documents} generated documents (${r.rows} postmortems), in process; load average at end ${r.loadavg}`,
    `  sum of one lint() per document: ${ms(r.sumSingleLintsMs)} wall, ${ms(r.sumSingleLintsCpuMs)} CPU`,
    `  first index, ${r.threads} thread(s) (${r.readByWorkers} files read by the workers): ${ms(r.firstIndexMs)} wall — ${r.ratio.toFixed(2)} × the sum of single lints; CPU ${ms(r.firstIndexCpuMs)} (${(r.firstIndexCpuMs / r.sumSingleLintsCpuMs).toFixed(2)} ×)`,
    ...(r.firstIndexOneThreadMs === null || r.firstIndexOneThreadCpuMs === null
      ? []
      : [
          `  first index in the server's thread alone: ${ms(r.firstIndexOneThreadMs)} wall (${(r.firstIndexOneThreadMs / r.sumSingleLintsMs).toFixed(2)} ×); CPU ${ms(r.firstIndexOneThreadCpuMs)} (${(r.firstIndexOneThreadCpuMs / r.sumSingleLintsCpuMs).toFixed(2)} ×)`,
        ]),
    `  one file changed → the view: ${ms(r.changeReachesViewMs)} with the view's ${FILE_DELAY_MS} ms debounce; as a delta ${cost(r.change)}; as a whole answer (before) ${cost(r.changeWhole)}`,
    `  a file created ${cost(r.created)}; deleted ${cost(r.deleted)}`,
    `  nothing changed ${ms(r.unchangedMs)} (${ms(r.unchangedWithoutEventsMs)} without file events)`,
    `  heap kept by the index per postmortem ${bytes(r.heapBytesPerRow)}: the row's figures ${bytes(r.figuresBytesPerRow)}, beyond them ${bytes(r.beyondFiguresBytesPerRow)}`,
  ];
}

if (require.main === module) {
  const i = process.argv.indexOf('--n');
  const n = i > 0 ? Math.max(10, Number(process.argv[i + 1]) || 10_000) : 10_000;
  void measureServerIndex(n, { oneThread: !process.argv.includes('--no-one-thread') }).then((r) => {
    // --json (bench/indexBench.ts): the summary on stderr, the figures as the last line of stdout.
    if (process.argv.includes('--json')) {
      process.stderr.write(`${serverIndexSummary(r).join('\n')}\n`);
      process.stdout.write(`${JSON.stringify(r)}\n`);
    } else {
      console.log(JSON.stringify(r, null, 2));
      console.log(serverIndexSummary(r).join('\n'));
    }
  });
}
