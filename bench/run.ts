/**
 * The benchmark (`npm run bench`): how long reading, peer linters and our validation take on
 * generated postmortems, and how fast the real language server answers an edit over stdio.
 * A benchmark, not a test: it prints figures and writes `bench/results.json`; it fails nothing.
 *
 * Options: --runs N (timed runs per figure, default 5), --only TEXT (documents whose name contains
 * TEXT), --no-server (skip the stdio measurements), --no-peers (skip remark-lint and markdownlint),
 * --no-typing (skip the typing scenario), --server PATH (the server bundle, default dist/server.js),
 * --index-n N (documents in the incident index benchmarks, bench/indexBench.ts; default 10000), --no-index (skip them).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint as markdownlint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkPresetLintRecommended from 'remark-preset-lint-recommended';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { DidSaveTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { lint } from '../server/src/engine/index';
import { createLinter } from '../server/src/engine/lint';
import { HOLD_BACK_MS } from '../server/src/lsp/diagnostics';
import { TestClient } from '../test/protocol/client';
import { benchDocuments, generatePostmortem, type BenchDocument } from './generate';
import { cpuMs } from './profile-edits';
import { measureStartFloor } from './startFloor';
import { runIndexBench, type IndexBench } from './indexBench';
import { measureTyping, positionAt, TYPING_HEADER, typingDocuments, typingTable, type TypingResult } from './typing';

/** The pause before each timed single edit: longer than the server's hold-back of findings on the edited line. */
const PAUSE_MS = HOLD_BACK_MS + 100;

const ROOT = resolve(__dirname, '..');

interface Args {
  runs: number;
  only: string | null;
  server: boolean;
  peers: boolean;
  typing: boolean;
  serverPath: string | undefined;
  index: boolean;
  indexN: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 5,
    only: null,
    server: true,
    peers: true,
    typing: true,
    serverPath: undefined,
    index: true,
    indexN: 10_000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') args.runs = Math.max(1, Number(argv[++i]) || 5);
    else if (a === '--only') args.only = argv[++i] ?? null;
    else if (a === '--no-server') args.server = false;
    else if (a === '--no-peers') args.peers = false;
    else if (a === '--no-typing') args.typing = false;
    else if (a === '--server') args.serverPath = argv[++i];
    else if (a === '--no-index') args.index = false;
    else if (a === '--index-n') args.indexN = Math.max(10, Number(argv[++i]) || 10_000);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Timing helpers

export interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? NaN;
  return sorted.length % 2 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

function summarize(runs: number[]): Timing {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: runs.map(round2) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Warm each function up (at least one run, more while under 300 ms in all), then `runs` rounds
 * that run each function once in turn: a burst of load from elsewhere on the machine, or a garbage
 * collection owed by the previous function, then falls on all of them alike instead of on one.
 */
function measureRoundRobin(runs: number, fns: Record<string, () => unknown>): Record<string, Timing> {
  const names = Object.keys(fns);
  for (const name of names) {
    const fn = fns[name];
    if (!fn) continue;
    const warmStart = performance.now();
    let warm = 0;
    do {
      fn();
      warm++;
    } while (warm < 5 && performance.now() - warmStart < 300);
  }
  const times = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let i = 0; i < runs; i++) {
    for (const name of names) {
      const fn = fns[name];
      if (!fn) continue;
      const t = performance.now();
      fn();
      times.get(name)?.push(performance.now() - t);
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(times.get(n) ?? [])]));
}

function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}

function gitCommit(): string {
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain -- server client', { cwd: ROOT, encoding: 'utf8' }).trim();
    return dirty ? `${head} (server/client modified)` : head;
  } catch {
    return 'unknown';
  }
}

function vmStatus(pid: number): { rssMB: number; hwmMB: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: round2(kb('VmRSS') / 1024), hwmMB: round2(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

// ---------------------------------------------------------------------------------------------
// In-process measurements: (a) remark-parse + remark-gfm, (b) remark-lint, (c) markdownlint, (d) ours

const parser = unified().use(remarkParse).use(remarkGfm);
// remark-lint with the recommended preset, reading GFM like our engine does (tables are GFM).
const remarkLint = unified().use(remarkParse).use(remarkGfm).use(remarkPresetLintRecommended);

function runRemarkLint(text: string): number {
  const file = new VFile({ value: text, path: 'incident-postmortem.md' });
  const tree = remarkLint.parse(file);
  remarkLint.runSync(tree, file);
  return file.messages.length;
}

function runMarkdownlint(text: string): number {
  // Every rule markdownlint has, at its defaults.
  const results = markdownlint({ strings: { doc: text }, config: { default: true } });
  return results.doc?.length ?? 0;
}

interface DocumentResult {
  name: string;
  shape: string;
  bytes: number;
  entries: number;
  /** Our model's count of timeline entries (should equal `entries`). */
  modelEntries: number;
  messages: { ours: number; remarkLint: number | null; markdownlint: number | null };
  remarkParse: Timing;
  remarkLint: Timing | null;
  markdownlint: Timing | null;
  ours: Timing;
  /** Our lint through `createLinter` after a one-character edit in the middle of the timeline (in process, no server). */
  oursIncremental: Timing;
  ratioOursRemarkParse: number;
  /** The same ratio from each one's fastest run: steadier when the machine is busy. */
  ratioOursRemarkParseMin: number;
  ratioOursMarkdownlint: number | null;
  edit: EditResult | null;
}

function measureInProcess(doc: BenchDocument, args: Args): DocumentResult {
  const text = doc.text;
  const result = lint(text);
  // The incremental linter, fed the document with and without an "x" in the middle of the timeline by turns.
  const linter = createLinter();
  const edited = text.slice(0, doc.middleOffset) + 'x' + text.slice(doc.middleOffset);
  let flip = false;
  linter.lint(text);
  const fns: Record<string, () => unknown> = {
    remarkParse: () => parser.parse(text),
    ours: () => lint(text),
    oursIncremental: () => {
      flip = !flip;
      return linter.lint(flip ? edited : text);
    },
  };
  if (args.peers) {
    fns.remarkLint = () => runRemarkLint(text);
    fns.markdownlint = () => runMarkdownlint(text);
  }
  const timings = measureRoundRobin(args.runs, fns);
  const remarkParse = timings.remarkParse ?? summarize([]);
  const ours = timings.ours ?? summarize([]);
  const remarkLintTiming = timings.remarkLint ?? null;
  const markdownlintTiming = timings.markdownlint ?? null;
  return {
    name: doc.name,
    shape: doc.shape,
    bytes: Buffer.byteLength(text),
    entries: doc.entries,
    modelEntries: result.model.timeline.length,
    messages: {
      ours: result.messages.length,
      remarkLint: args.peers ? runRemarkLint(text) : null,
      markdownlint: args.peers ? runMarkdownlint(text) : null,
    },
    remarkParse,
    remarkLint: remarkLintTiming,
    markdownlint: markdownlintTiming,
    ours,
    oursIncremental: timings.oursIncremental ?? summarize([]),
    ratioOursRemarkParse: round2(ours.median / remarkParse.median),
    ratioOursRemarkParseMin: round2(ours.min / remarkParse.min),
    ratioOursMarkdownlint: markdownlintTiming ? round2(ours.median / markdownlintTiming.median) : null,
    edit: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Through the real server over stdio: (e) edit to diagnostics, (f) start to first diagnostics, (g) RSS

interface EditResult {
  /** didChange sent (after a pause) → publishDiagnostics for that version received, with `postmortem.run: onType`. */
  raw: Timing;
  /** didChange + didSave sent → publishDiagnostics, with `postmortem.run: onSave`. */
  noDebounce: Timing;
}

const BENCH_DIR = join(tmpdir(), 'postmortem-lint-bench');

function docUri(name: string): string {
  return pathToFileURL(join(BENCH_DIR, name)).href;
}

async function openAndWait(client: TestClient, uri: string, text: string): Promise<void> {
  const after = client.lastSeq;
  await client.open(uri, text, 1);
  await client.diagnostics(uri, 1, { afterSeq: after, timeoutMs: 120_000 });
}

/** Sends a one-character edit (alternately inserting and deleting an "x") and returns ms until that version's diagnostics. */
async function timedEdit(client: TestClient, uri: string, doc: BenchDocument, version: number, save: boolean): Promise<number> {
  const pos = positionAt(doc.text, doc.middleOffset);
  const insert = version % 2 === 0;
  const change = insert
    ? { range: { start: pos, end: pos }, text: 'x' }
    : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
  const after = client.lastSeq;
  const sent = performance.now();
  await client.change(uri, version, [change]);
  if (save) await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await client.diagnostics(uri, version, { afterSeq: after, timeoutMs: 120_000 });
  const received = client.published.find((p) => p.seq > after && p.uri === uri && p.version === version);
  return (received?.at ?? performance.now()) - sent;
}

async function editSeries(client: TestClient, doc: BenchDocument, runs: number, save: boolean, tag: string): Promise<number[]> {
  const uri = docUri(`incident-postmortem-${tag}.md`);
  await openAndWait(client, uri, doc.text);
  const times: number[] = [];
  // Version 2 (an insert) is the warm-up; then pairs of delete/insert.
  for (let v = 2; v <= runs + 2; v++) {
    // The edit after a pause (the first keystroke after one).
    await sleep(PAUSE_MS);
    const ms = await timedEdit(client, uri, doc, v, save);
    if (v > 2) times.push(ms);
  }
  await client.close(uri);
  return times;
}

async function measureEdits(docs: BenchDocument[], results: DocumentResult[], runs: number, serverPath: string | undefined): Promise<void> {
  const server = serverPath ? { serverPath } : {};
  const onType = await TestClient.start({ settings: {}, ...server });
  const onSave = await TestClient.start({ settings: { run: 'onSave' }, ...server });
  try {
    for (const [i, doc] of docs.entries()) {
      const result = results[i];
      if (!result) continue;
      process.stderr.write(`  edit → diagnostics: ${doc.name}\n`);
      const raw = summarize(await editSeries(onType, doc, runs, false, `type-${i}`));
      const noDebounce = summarize(await editSeries(onSave, doc, runs, true, `save-${i}`));
      result.edit = { raw, noDebounce };
    }
  } finally {
    await onType.dispose();
    await onSave.dispose();
  }
}

interface StartResult {
  /** spawn → diagnostics of the opened document. */
  total: Timing;
  /** spawn → initialize answered. */
  initialize: Timing;
  /** didOpen sent → diagnostics. */
  openToDiagnostics: Timing;
  /** CPU time the server process used from spawn to its first diagnostics (user + system, all threads): steadier than wall time on a busy machine. */
  serverCpu: Timing;
}

interface StartFigures {
  name: string;
  /** The V8 code cache written by an earlier start (server/src/loader.ts). */
  warm: StartResult;
  /** No code cache: an empty cache folder each run (the first start after an install or an update). */
  cold: StartResult;
  /** What no fresh server process gets under here (bench/startFloor.ts). */
  floor: { trivialServer: Timing; nodeStart: Timing; coldParse: Timing };
}

/** The floor under "start → first diagnostics": a trivial LSP server's start plus the parser's cold read of the document. */
function floorMs(f: StartFigures): number {
  return f.floor.trivialServer.median + f.floor.coldParse.median;
}

function floorWhy(f: StartFigures, limit: number): string {
  return (
    `a trivial LSP server answers its first didOpen ${ms(f.floor.trivialServer.median)} after spawn (Node's own start ${ms(f.floor.nodeStart.median)}), ` +
    `and the parser alone reads this document cold in a fresh process in ${ms(f.floor.coldParse.median)}: ` +
    `${ms(floorMs(f))} before any model or rule${floorMs(f) > limit ? `, over the ${limit} ms target` : ''}`
  );
}

/** Fresh server processes, each opening `doc` and waiting for its diagnostics; the code cache in `cacheDir()`. */
async function measureStart(
  doc: BenchDocument,
  runs: number,
  serverPath: string | undefined,
  cacheDir: () => string,
): Promise<StartResult> {
  const total: number[] = [];
  const initialize: number[] = [];
  const open: number[] = [];
  const cpu: number[] = [];
  const saved = process.env.POSTMORTEM_CODE_CACHE_DIR;
  try {
    for (let i = 0; i <= runs; i++) {
      process.env.POSTMORTEM_CODE_CACHE_DIR = cacheDir();
      const t0 = performance.now();
      const client = await TestClient.start({ settings: {}, ...(serverPath ? { serverPath } : {}) });
      const t1 = performance.now();
      try {
        const uri = docUri('incident-postmortem.md');
        await client.open(uri, doc.text, 1);
        await client.diagnostics(uri, 1, { timeoutMs: 60_000 });
        const at = client.published.find((p) => p.uri === uri && p.version === 1)?.at ?? performance.now();
        const used = cpuMs(client.child.pid);
        if (i > 0) {
          total.push(at - t0);
          initialize.push(t1 - t0);
          open.push(at - t1);
          cpu.push(used);
        }
      } finally {
        await client.dispose();
      }
    }
  } finally {
    if (saved === undefined) delete process.env.POSTMORTEM_CODE_CACHE_DIR;
    else process.env.POSTMORTEM_CODE_CACHE_DIR = saved;
  }
  return {
    total: summarize(total),
    initialize: summarize(initialize),
    openToDiagnostics: summarize(open),
    serverCpu: summarize(cpu),
  };
}

async function measureStarts(docs: BenchDocument[], runs: number, serverPath: string | undefined): Promise<StartFigures[]> {
  const out: StartFigures[] = [];
  for (const doc of docs) {
    process.stderr.write(`  server start → first diagnostics (${doc.name})\n`);
    const warmDir = mkdtempSync(join(BENCH_DIR, 'code-cache-'));
    // The first (uncounted) run of the warm series writes the cache the others read.
    const warm = await measureStart(doc, runs, serverPath, () => warmDir);
    const cold = await measureStart(doc, runs, serverPath, () => mkdtempSync(join(BENCH_DIR, 'code-cache-cold-')));
    const f = await measureStartFloor(doc.text, runs, join(BENCH_DIR, 'floor'));
    const floor = { trivialServer: summarize(f.trivialServer), nodeStart: summarize(f.nodeStart), coldParse: summarize(f.coldParse) };
    out.push({ name: doc.name, warm, cold, floor });
  }
  return out;
}

interface MemoryResult {
  documents: number;
  bytesEach: number;
  rssIdleMB: number | null;
  rssMB: number | null;
  peakMB: number | null;
}

async function measureMemory(count: number, serverPath: string | undefined): Promise<MemoryResult> {
  const client = await TestClient.start({ settings: {}, ...(serverPath ? { serverPath } : {}) });
  try {
    await sleep(300);
    const idle = vmStatus(client.child.pid ?? -1);
    let bytesEach = 0;
    for (let i = 0; i < count; i++) {
      const doc = generatePostmortem({ targetBytes: 55 * 1024, shape: i % 2 ? 'list' : 'paragraphs', seed: 1000 + i });
      bytesEach = Math.max(bytesEach, doc.text.length);
      await openAndWait(client, docUri(`incident-postmortem-${String(i).padStart(2, '0')}.md`), doc.text);
    }
    await sleep(1000);
    const loaded = vmStatus(client.child.pid ?? -1);
    return {
      documents: count,
      bytesEach,
      rssIdleMB: idle?.rssMB ?? null,
      rssMB: loaded?.rssMB ?? null,
      peakMB: loaded?.hwmMB ?? null,
    };
  } finally {
    await client.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

interface Target {
  target: string;
  measured: string;
  met: boolean;
  /** When not met: what stands in the way, from this run's own figures. */
  why?: string;
}

function ms(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : `${n.toFixed(1)} ms`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function ratio(n: number | null): string {
  return n === null || Number.isNaN(n) ? '—' : `${n.toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

function targets(
  results: DocumentResult[],
  start: StartResult | null,
  memory: MemoryResult | null,
  typing: TypingResult[],
  starts: StartFigures[] = [],
): Target[] {
  const out: Target[] = [];
  for (const r of results) {
    const met = r.ratioOursRemarkParse <= 1.15;
    out.push({
      target: `full validation ≤ 1.15 × remark-parse — ${r.name}`,
      measured: `${ms(r.ours.median)} vs ${ms(r.remarkParse.median)} (${ratio(r.ratioOursRemarkParse)})`,
      met,
      ...(met
        ? {}
        : {
            why:
              `our model and rules add ${ms(r.ours.median - r.remarkParse.median)} to the parse; ` +
              `from each one's fastest run the ratio is ${ratio(r.ratioOursRemarkParseMin)}${r.ratioOursRemarkParseMin <= 1.15 ? " (within the target: this run's medians are noisy)" : ''}`,
          }),
    });
  }
  for (const r of results) {
    if (!r.name.startsWith('650 KB') || !r.edit) continue;
    const raw = r.edit.raw.median;
    out.push({
      target: `single edit after a pause → diagnostics ≤ 35 ms — ${r.name}`,
      measured: `${ms(raw)} (onSave ${ms(r.edit.noDebounce.median)}; in-process incremental lint ${ms(r.oursIncremental.median)})`,
      met: raw <= 35,
      ...(raw <= 35
        ? {}
        : {
            why: `the incremental lint itself takes ${ms(r.oursIncremental.median)} in process; the round trip adds ${ms(raw - r.oursIncremental.median)}`,
          }),
    });
  }
  for (const t of typing) {
    const limit = t.name.startsWith('650') ? 50 : 15;
    for (const [mode, m] of [
      ['a keystroke every 100 ms', t.paced],
      ['back to back', t.backToBack],
    ] as const) {
      const met = m.latency.p95 <= limit && m.stale === 0;
      out.push({
        target: `typing, ${mode}: p95 ≤ ${limit} ms, no stale publish — ${t.name}`,
        measured: `p50 ${ms(m.latency.p50)}, p95 ${ms(m.latency.p95)}, ${m.stale} stale`,
        met,
      });
    }
  }
  const figures5 = starts.find((s) => s.name === '5 KB paragraphs');
  const start5 = figures5?.warm;
  if (figures5 && start5) {
    out.push({
      target: 'server start → first diagnostics on 5 KB ≤ 200 ms (code cache warm)',
      measured: `${ms(start5.total.median)} (server CPU ${ms(start5.serverCpu.median)})`,
      met: start5.total.median <= 200,
      ...(start5.total.median <= 200
        ? {}
        : {
            why:
              `spawn → initialize answered ${ms(start5.initialize.median)}, didOpen → diagnostics ${ms(start5.openToDiagnostics.median)}; ` +
              floorWhy(figures5, 200),
          }),
    });
  }
  const figures55 = starts.find((s) => s.name === '55 KB paragraphs');
  if (start) {
    const warm = results.find((r) => r.name === '55 KB paragraphs')?.ours.median;
    out.push({
      target: 'server start → first diagnostics on 55 KB ≤ 300 ms (code cache warm)',
      measured: ms(start.total.median),
      met: start.total.median <= 300,
      ...(start.total.median <= 300
        ? {}
        : {
            why:
              `starting Node and loading the bundle until initialize is answered takes ${ms(start.initialize.median)}; the first lint runs cold, ` +
              `${ms(start.openToDiagnostics.median)} from didOpen${warm ? ` against ${ms(warm)} for the same document once V8 has compiled the parser` : ''}` +
              (figures55 ? `; ${floorWhy(figures55, 300)}` : ''),
          }),
    });
  }
  if (memory && memory.rssMB !== null) {
    const met = memory.rssMB < 150;
    out.push({
      target: `${memory.documents} open 55 KB postmortems < 150 MB RSS`,
      measured: `${memory.rssMB.toFixed(1)} MB (idle ${memory.rssIdleMB?.toFixed(1) ?? '—'} MB, peak ${memory.peakMB?.toFixed(1) ?? '—'} MB)`,
      met,
      ...(met
        ? {}
        : {
            why: `${(memory.rssMB - (memory.rssIdleMB ?? 0)).toFixed(1)} MB over the idle server: V8's heap slack after each document's full lint, and the analyses of the last 8 documents`,
          }),
    });
  }
  return out;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(BENCH_DIR, { recursive: true });
  const docs = benchDocuments().filter((d) => !args.only || d.name.includes(args.only));
  const loadBefore = loadavg();
  const startedAt = new Date().toISOString();
  process.stderr.write(
    `postmortem-lint bench: ${docs.length} documents, median of ${args.runs} runs after warm-up; load average ${loadBefore}\n`,
  );

  const results: DocumentResult[] = [];
  for (const doc of docs) {
    process.stderr.write(`  in-process: ${doc.name}\n`);
    results.push(measureInProcess(doc, args));
  }
  const loadAfterInProcess = loadavg();

  let start: StartResult | null = null;
  let starts: StartFigures[] = [];
  let memory: MemoryResult | null = null;
  const typing: TypingResult[] = [];
  if (args.server) {
    await measureEdits(docs, results, args.runs, args.serverPath);
    if (args.typing) {
      for (const doc of typingDocuments(args.only)) {
        process.stderr.write(`  typing: ${doc.name}\n`);
        typing.push(await measureTyping(doc, { dir: BENCH_DIR, ...(args.serverPath ? { serverPath: args.serverPath } : {}) }));
      }
    }
    const startDocs = [5, 55].map((size) => ({
      name: `${size} KB paragraphs`,
      ...generatePostmortem({ targetBytes: size * 1024, shape: 'paragraphs' }),
    }));
    starts = await measureStarts(startDocs, args.runs, args.serverPath);
    start = starts.find((s) => s.name === '55 KB paragraphs')?.warm ?? null;
    process.stderr.write('  RSS with 50 open 55 KB postmortems\n');
    memory = await measureMemory(50, args.serverPath);
  }
  const incidentIndex: IndexBench | null = args.index ? runIndexBench(args.indexN) : null;
  const loadAfter = loadavg();

  const header = [
    'document',
    'size',
    'entries',
    'remark-parse+gfm',
    'remark-lint (recommended)',
    'markdownlint (all)',
    'ours: lint()',
    'ours ÷ remark-parse',
    '(fastest runs)',
    'ours ÷ markdownlint',
    'edit→diag raw',
    'edit→diag onSave (no debounce)',
  ];
  const rows = results.map((r) => [
    r.name,
    kb(r.bytes),
    r.modelEntries === r.entries ? String(r.entries) : `${r.entries} (model: ${r.modelEntries})`,
    ms(r.remarkParse.median),
    ms(r.remarkLint?.median),
    ms(r.markdownlint?.median),
    ms(r.ours.median),
    ratio(r.ratioOursRemarkParse),
    ratio(r.ratioOursRemarkParseMin),
    ratio(r.ratioOursMarkdownlint),
    ms(r.edit?.raw.median),
    ms(r.edit?.noDebounce.median),
  ]);
  const targetList = targets(results, start, memory, typing, starts);
  if (incidentIndex) targetList.push(...incidentIndex.targets);

  const out: string[] = [];
  out.push(`## postmortem-lint benchmark — ${startedAt}`);
  out.push('');
  out.push(`commit ${gitCommit()}, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  out.push(`load average: before ${loadBefore}; after in-process ${loadAfterInProcess}; at end ${loadAfter}`);
  out.push(
    `median of ${args.runs} runs after warm-up, the tools taking turns run by run; "(fastest runs)" is ours ÷ remark-parse from each one's fastest run. remark-lint = remark-parse + remark-gfm + remark-preset-lint-recommended; markdownlint ${readVersion('markdownlint')} (sync API, default: true = every rule).`,
  );
  out.push(
    `edit→diag: one-character incremental didChange in the middle of the timeline → publishDiagnostics for that version, over stdio to dist/server.js.`,
  );
  out.push(
    `  "raw" uses postmortem.run: onType, each timed edit ${PAUSE_MS} ms after the previous one's diagnostics (a single edit after a pause);`,
  );
  out.push(`  "onSave" uses postmortem.run: onSave and sends didSave right after didChange.`);
  out.push('');
  out.push(table(header, rows));
  out.push('');
  out.push(
    `ours, incremental (createLinter, in process, a one-character edit in the middle of the timeline): ${results.map((r) => `${r.name} ${ms(r.oursIncremental.median)}`).join('; ')}`,
  );
  out.push('');
  if (typing.length) {
    out.push(
      'typing: a sentence typed into the middle timeline entry, a didChange per character, a keystroke every 100 ms for 5 s, then back to back',
    );
    out.push(
      '(each as soon as diagnostics for the previous one arrived); per keystroke, didChange → first publish for its version or a newer one.',
    );
    out.push(table(TYPING_HEADER, typingTable(typing)));
    out.push('');
  }
  if (start) {
    for (const f of starts) {
      for (const [cache, r] of [
        ['code cache warm', f.warm],
        ['code cache cold', f.cold],
      ] as const) {
        out.push(
          `server start → first diagnostics (${f.name}, fresh process each run, ${cache}): ${ms(r.total.median)} median (spawn → initialize answered ${ms(r.initialize.median)}, didOpen → diagnostics ${ms(r.openToDiagnostics.median)}; server CPU ${ms(r.serverCpu.median)})`,
        );
      }
      out.push(
        `  floor (${f.name}): a trivial LSP server, spawn → first diagnostics ${ms(f.floor.trivialServer.median)} (Node's start ${ms(f.floor.nodeStart.median)}); ` +
          `the parser alone, cold in a fresh process (code cache warm) ${ms(f.floor.coldParse.median)}; together ${ms(floorMs(f))}`,
      );
    }
  }
  if (memory) {
    out.push(
      `server memory: ${memory.documents} open postmortems of ${kb(memory.bytesEach)}: VmRSS ${memory.rssMB ?? '—'} MB (idle after initialize ${memory.rssIdleMB ?? '—'} MB, peak VmHWM ${memory.peakMB ?? '—'} MB)`,
    );
  }
  if (incidentIndex) {
    out.push('');
    out.push(...incidentIndex.lines);
  }
  out.push('');
  out.push(
    table(
      ['target', 'measured', 'status'],
      targetList.map((t) => [t.target, t.measured, t.met ? 'met' : 'NOT MET']),
    ),
  );
  const missed = targetList.filter((t) => !t.met && t.why);
  if (missed.length) {
    out.push('');
    out.push('what stands in the way:');
    for (const t of missed) out.push(`- ${t.target}: ${t.why}`);
  }
  const printed = out.join('\n');
  process.stdout.write(`${printed}\n`);

  const json = {
    startedAt,
    commit: gitCommit(),
    node: process.version,
    cpus: cpus().length,
    loadavg: { before: loadBefore, afterInProcess: loadAfterInProcess, end: loadAfter },
    runs: args.runs,
    holdBackMs: HOLD_BACK_MS,
    typing,
    markdownlintVersion: readVersion('markdownlint'),
    documents: results,
    serverStart: start,
    serverStarts: starts,
    memory,
    targets: targetList,
    incidentIndex: incidentIndex?.report ?? null,
    serverIndex: incidentIndex?.server ?? null,
  };
  writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
  process.stderr.write(`wrote ${join(__dirname, 'results.json')}\n`);
}

function readVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version?: string }).version ?? '?';
  } catch {
    return '?';
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
