/**
 * The incident index's part of `npm run bench` (bench/run.ts; `--index-n N`, `--no-index`): the CLI report
 * (bench/index.ts) and the server's index (bench/serverIndex.ts, in a child process run with --expose-gc so that
 * its heap can be measured), with their targets from issue 17:
 *
 * - the first index ≤ 1.2 × the sum of single lints of the same documents, on every core (CLI report; server index);
 * - a change to one file reflected in the view in ≤ 100 ms (server answer, JSON, the view's model and items, its debounce);
 * - the server's memory for the index ≤ 1 KB per postmortem beyond its figures.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { indexSummary, measureIndex, type IndexBenchResult } from './index';
import { serverIndexSummary, type ServerIndexResult } from './serverIndex';

export interface IndexTarget {
  target: string;
  measured: string;
  met: boolean;
  why?: string;
}

export interface IndexBench {
  report: IndexBenchResult;
  server: ServerIndexResult | null;
  /** Why the server's figures are missing, if they are. */
  serverError?: string;
  targets: IndexTarget[];
  lines: string[];
}

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function measureServerInChild(n: number): ServerIndexResult {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(__dirname, 'serverIndex.ts'), '--n', String(n), '--json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ServerIndexResult;
}

export function runIndexBench(n: number): IndexBench {
  const report = measureIndex(n);
  let server: ServerIndexResult | null = null;
  let serverError: string | undefined;
  try {
    server = measureServerInChild(n);
  } catch (error) {
    serverError = error instanceof Error ? error.message : String(error);
  }
  const targets: IndexTarget[] = [
    {
      target: `first index of ${report.documents} postmortems (CLI report) ≤ 1.2 × the sum of single lints`,
      measured: `${s(report.report.wallMs)} vs ${s(report.sumSingleLintsMs)} (${report.ratio.toFixed(2)} ×)`,
      met: report.ratio <= 1.2,
      ...(report.ratio <= 1.2
        ? {}
        : {
            why: `the report took ${s(report.report.cpuMs)} of CPU for ${s(report.sumSingleLintsCpuMs)} of single lints; load average ${report.loadavg}`,
          }),
    },
  ];
  if (server) {
    const r = server;
    targets.push(
      {
        target: `first index of ${r.documents} files by the server (${r.threads} threads) ≤ 1.2 × the sum of single lints`,
        measured: `${s(r.firstIndexMs)} vs ${s(r.sumSingleLintsMs)} (${r.ratio.toFixed(2)} ×)`,
        met: r.ratio <= 1.2,
        ...(r.ratio <= 1.2 ? {} : { why: `load average ${r.loadavg}` }),
      },
      {
        target: `one changed file of ${r.documents} reaches the view ≤ 100 ms`,
        measured: `${Math.round(r.changeReachesViewMs)} ms (server ${r.change.serverMs.toFixed(1)} ms; whole answer as before: ${Math.round(r.changeWhole.totalMs)} ms + debounce)`,
        met: r.changeReachesViewMs <= 100,
        ...(r.changeReachesViewMs <= 100
          ? {}
          : { why: `server ${Math.round(r.change.serverMs)} ms, view ${Math.round(r.change.clientMs)} ms; load average ${r.loadavg}` }),
      },
    );
    if (r.beyondFiguresBytesPerRow !== null) {
      targets.push({
        target: 'server memory for the index ≤ 1 KB per postmortem beyond its figures',
        measured: `${Math.round(r.beyondFiguresBytesPerRow)} B (${Math.round(r.heapBytesPerRow ?? NaN)} B with the figures)`,
        met: r.beyondFiguresBytesPerRow <= 1024,
      });
    }
  }
  const lines = [
    ...indexSummary(report),
    ...(server ? serverIndexSummary(server) : [`server index: not measured (${serverError ?? 'unknown error'})`]),
  ];
  return { report, server, ...(serverError ? { serverError } : {}), targets, lines };
}
