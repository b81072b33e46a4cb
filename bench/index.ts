/**
 * The incident index's benchmark: N generated postmortems (bench/folder.ts: a few KB each, four timeline shapes,
 * undated ones, some without a timeline, a few notes that are not postmortems) in a temp folder; the first index
 * of the folder by the built CLI (`node dist/cli.js report --format json DIR`, a fresh process: start, read, lint,
 * detect, index, aggregate, print) against the sum of one in-process `lint()` per document of the same folder.
 * Target: the report ≤ 1.2 × the sum of single lints, using both cores (worker threads).
 *
 * Run by `npm run bench` (bench/run.ts, `--index-n N`, `--no-index`), or alone after `npm run build`:
 *   node --import tsx bench/index.ts [--n 10000] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { lint } from '../server/src/engine/index';
import { generateFolder } from './folder';

const ROOT = resolve(__dirname, '..');

export interface IndexBenchResult {
  documents: number;
  postmortems: number;
  bytesEach: number;
  /** Sum of one lint() per document, in this process, after a warm-up (ms): wall clock, and CPU time of the loop. */
  sumSingleLintsMs: number;
  sumSingleLintsCpuMs: number;
  /** The CLI report, fresh process, default threads (one per core): wall clock and CPU (user + sys) in ms. */
  report: { wallMs: number; cpuMs: number; threads: number };
  /** The same with --jobs 1. */
  reportOneThread: { wallMs: number; cpuMs: number } | null;
  /** report wall ÷ sum of single lints. */
  ratio: number;
  ratioOneThread: number | null;
  loadavg: string;
}

function loadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'n/a';
  }
}

/** Wall clock of the built CLI in a fresh process, and its CPU (user + sys, all threads) by /usr/bin/time when present. */
function timeCli(args: string[], timeFile: string): { wallMs: number; cpuMs: number; rows: number } {
  const cli = join(ROOT, 'dist', 'cli.js');
  const timed = existsSync('/usr/bin/time');
  const t = performance.now();
  const stdout = timed
    ? execFileSync('/usr/bin/time', ['-o', timeFile, '-f', '@@cpu %U %S', process.execPath, cli, ...args], {
        encoding: 'utf8',
        maxBuffer: 1 << 30,
      })
    : execFileSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wallMs = performance.now() - t;
  const m = timed && existsSync(timeFile) ? /@@cpu ([\d.]+) ([\d.]+)/.exec(readFileSync(timeFile, 'utf8')) : null;
  const rows = (JSON.parse(stdout) as { postmortems: unknown[] }).postmortems.length;
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN, rows };
}

export function measureIndex(
  n: number,
  options: { oneThread?: boolean; keep?: boolean; log?: (s: string) => void } = {},
): IndexBenchResult {
  const log = options.log ?? ((s: string) => process.stderr.write(`${s}\n`));
  if (!existsSync(join(ROOT, 'dist', 'cli.js')) || !existsSync(join(ROOT, 'dist', 'cli-report-worker.js')))
    throw new Error('dist/cli.js or dist/cli-report-worker.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'pm-index-bench-'));
  try {
    log(`  index: generating ${n} documents in ${dir}`);
    const docs = generateFolder(dir, n, 2024, 3000);
    const postmortems = docs.filter((d) => d.kind !== 'not-a-postmortem').length;
    const bytesEach = Math.round(docs.reduce((s, d) => s + d.bytes, 0) / docs.length);

    log('  index: one lint() per document, in process');
    const texts = docs.map((d) => ({ file: join(dir, d.file), text: readFileSync(join(dir, d.file), 'utf8') }));
    for (const t of texts.slice(0, Math.min(200, texts.length))) lint(t.text, { filePath: t.file });
    let sum = 0;
    const cpuBefore = process.cpuUsage();
    for (const t of texts) {
      const s = performance.now();
      lint(t.text, { filePath: t.file });
      sum += performance.now() - s;
    }
    const cpu = process.cpuUsage(cpuBefore);
    const sumCpu = (cpu.user + cpu.system) / 1000;
    texts.length = 0;

    log('  index: postmortem-lint report (fresh process, one thread per core)');
    const timeFile = join(tmpdir(), `pm-index-bench-${process.pid}.time`);
    const report = timeCli(['report', '--format', 'json', dir], timeFile);
    if (report.rows !== postmortems) throw new Error(`the report has ${report.rows} rows for ${postmortems} postmortems`);
    let one: { wallMs: number; cpuMs: number } | null = null;
    if (options.oneThread !== false) {
      log('  index: postmortem-lint report --jobs 1');
      const r = timeCli(['report', '--format', 'json', '--jobs', '1', dir], timeFile);
      one = { wallMs: r.wallMs, cpuMs: r.cpuMs };
    }
    const threads = Math.max(1, Math.min(16, cpus().length));
    return {
      documents: docs.length,
      postmortems,
      bytesEach,
      sumSingleLintsMs: sum,
      sumSingleLintsCpuMs: sumCpu,
      report: { wallMs: report.wallMs, cpuMs: report.cpuMs, threads },
      reportOneThread: one,
      ratio: report.wallMs / sum,
      ratioOneThread: one ? one.wallMs / sum : null,
      loadavg: loadavg(),
    };
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (n: number): string => (Number.isFinite(n) ? `${(n / 1000).toFixed(2)} s` : '—');

/** The lines bench/run.ts prints. */
export function indexSummary(r: IndexBenchResult): string[] {
  return [
    `incident index: ${r.documents} generated documents (${r.postmortems} postmortems, ~${(r.bytesEach / 1024).toFixed(1)} KB each); load average at end ${r.loadavg}`,
    `  sum of one lint() per document (in process, warm): ${ms(r.sumSingleLintsMs)} wall, ${ms(r.sumSingleLintsCpuMs)} CPU (${(r.sumSingleLintsMs / r.documents).toFixed(2)} ms wall per document)`,
    `  postmortem-lint report, fresh process, ${r.report.threads} thread(s): ${ms(r.report.wallMs)} wall, ${ms(r.report.cpuMs)} CPU — ${r.ratio.toFixed(2)} × the sum of single lints (CPU ${(r.report.cpuMs / r.sumSingleLintsCpuMs).toFixed(2)} ×)`,
    ...(r.reportOneThread
      ? [
          `  postmortem-lint report --jobs 1: ${ms(r.reportOneThread.wallMs)} wall, ${ms(r.reportOneThread.cpuMs)} CPU — ${(r.ratioOneThread ?? NaN).toFixed(2)} × (CPU ${(r.reportOneThread.cpuMs / r.sumSingleLintsCpuMs).toFixed(2)} ×)`,
        ]
      : []),
  ];
}

if (require.main === module) {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--n');
  const n = at >= 0 ? Math.max(10, Number(argv[at + 1]) || 10_000) : 10_000;
  const r = measureIndex(n, { keep: argv.includes('--keep'), oneThread: !argv.includes('--no-one-thread') });
  process.stdout.write(`${indexSummary(r).join('\n')}\n${JSON.stringify(r)}\n`);
}
