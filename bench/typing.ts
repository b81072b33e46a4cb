/**
 * The typing scenario, over stdio to the built server: a sentence typed into the middle timeline entry one
 * character per didChange, starting half a second after the document's first diagnostics (a person opens the file,
 * then puts the cursor where they type: the server warms the document's linter in such a pause), first at a
 * keystroke every 100 ms for 5 s (a person typing), then back to back (each
 * keystroke as soon as diagnostics for the previous one arrived). For each keystroke: the time from its didChange
 * to the first publishDiagnostics for its version or a newer one. Also counts the lints (publishes) and any stale
 * publish (a version older than one already published), which do not depend on the machine's load.
 *
 * Standalone: node --import tsx bench/typing.ts [--only TEXT] [--server PATH] [--rounds N]
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { TestClient } from '../test/protocol/client';
import { benchDocuments, type BenchDocument } from './generate';
import { cpuMs } from './profile-edits';

/** What the benchmark types, a character per keystroke. */
export const TYPED = 'Then the on-call engineer restarts the ingress controller at 22:47 UTC and the error rate falls. ';
export const PACED_INTERVAL_MS = 100;
export const PACED_DURATION_MS = 5000;
export const BACK_TO_BACK_KEYSTROKES = 50;
/** From the first diagnostics of the opened document to the first keystroke. */
export const PAUSE_AFTER_OPEN_MS = 500;

export interface Percentiles {
  p50: number;
  p95: number;
  max: number;
  count: number;
}

export interface TypingMode {
  latency: Percentiles;
  /** publishDiagnostics received for the document during the mode. */
  publishes: number;
  keystrokes: number;
  /** Publishes for a version older than one published before (must be 0). */
  stale: number;
  /** The server's CPU time (user + system, /proc) per keystroke during the mode: steadier than latency on a busy machine. */
  serverCpuPerKeystroke: number;
}

export interface TypingResult {
  name: string;
  paced: TypingMode;
  backToBack: TypingMode;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

function percentiles(values: readonly number[]): Percentiles {
  return {
    p50: round2(percentile(values, 50)),
    p95: round2(percentile(values, 95)),
    max: round2(Math.max(...values)),
    count: values.length,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The LSP position (0-based line and character) of an offset. */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Latency per keystroke: sent → first publish (after `fromSeq`) for that version or a newer one. */
function latencies(client: TestClient, uri: string, sent: Map<number, number>, fromSeq: number): number[] {
  const publishes = client.published.filter((p) => p.uri === uri && p.seq > fromSeq);
  const out: number[] = [];
  for (const [version, at] of sent) {
    const first = publishes.find((p) => (p.version ?? -1) >= version && p.at >= at);
    out.push(first ? first.at - at : NaN);
  }
  return out;
}

function stalePublishes(client: TestClient, uri: string, fromSeq: number): number {
  let newest = -1;
  let stale = 0;
  for (const p of client.published) {
    if (p.uri !== uri || p.seq <= fromSeq) continue;
    const v = p.version ?? -1;
    if (v < newest) stale++;
    newest = Math.max(newest, v);
  }
  return stale;
}

export async function measureTyping(doc: BenchDocument, options: { serverPath?: string; dir?: string } = {}): Promise<TypingResult> {
  const client = await TestClient.start({
    settings: {},
    ...(options.serverPath ? { serverPath: options.serverPath } : {}),
  });
  const uri = pathToFileURL(join(options.dir ?? tmpdir(), `typing-${doc.name.replace(/\W+/g, '-')}-postmortem.md`)).href;
  try {
    await client.open(uri, doc.text, 1);
    await client.diagnostics(uri, 1, { timeoutMs: 120_000 });
    await sleep(PAUSE_AFTER_OPEN_MS);
    let text = doc.text;
    let offset = doc.middleOffset;
    let version = 1;
    const type = async (): Promise<number> => {
      const ch = TYPED[(version - 1) % TYPED.length] ?? 'x';
      const pos = positionAt(text, offset);
      text = text.slice(0, offset) + ch + text.slice(offset);
      offset++;
      version++;
      const at = performance.now();
      await client.change(uri, version, [{ range: { start: pos, end: pos }, text: ch }]);
      return at;
    };

    // A person typing: a keystroke every 100 ms, whatever the server does.
    const pacedSeq = client.lastSeq;
    const pacedCpu = cpuMs(client.child.pid);
    const paced = new Map<number, number>();
    const t0 = performance.now();
    for (let k = 0; performance.now() - t0 < PACED_DURATION_MS; k++) {
      const due = t0 + k * PACED_INTERVAL_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const at = await type();
      paced.set(version, at);
    }
    await client.diagnostics(uri, version, { afterSeq: pacedSeq, timeoutMs: 120_000 });
    const pacedLatencies = latencies(client, uri, paced, pacedSeq);
    const pacedMode: TypingMode = {
      latency: percentiles(pacedLatencies),
      publishes: client.published.filter((p) => p.uri === uri && p.seq > pacedSeq).length,
      keystrokes: paced.size,
      stale: stalePublishes(client, uri, pacedSeq),
      serverCpuPerKeystroke: round2((cpuMs(client.child.pid) - pacedCpu) / paced.size),
    };

    // As fast as the server answers: the next keystroke once diagnostics for this one (or newer) arrived.
    const fastSeq = client.lastSeq;
    const fastCpu = cpuMs(client.child.pid);
    const fast = new Map<number, number>();
    for (let k = 0; k < BACK_TO_BACK_KEYSTROKES; k++) {
      const seq = client.lastSeq;
      const at = await type();
      fast.set(version, at);
      const v = version;
      await client.waitFor(
        `diagnostics for version ${v}`,
        () => client.published.find((p) => p.uri === uri && p.seq > seq && (p.version ?? -1) >= v),
        120_000,
      );
    }
    const fastMode: TypingMode = {
      latency: percentiles(latencies(client, uri, fast, fastSeq)),
      publishes: client.published.filter((p) => p.uri === uri && p.seq > fastSeq).length,
      keystrokes: fast.size,
      stale: stalePublishes(client, uri, fastSeq),
      serverCpuPerKeystroke: round2((cpuMs(client.child.pid) - fastCpu) / fast.size),
    };
    await client.close(uri);
    return { name: doc.name, paced: pacedMode, backToBack: fastMode };
  } finally {
    await client.dispose();
  }
}

/** The documents the typing scenario runs on: 650 KB and 55 KB, paragraphs and tight list. */
export function typingDocuments(only: string | null): BenchDocument[] {
  return benchDocuments().filter((d) => /^(650|55) KB (paragraphs|tight list)$/.test(d.name) && (!only || d.name.includes(only)));
}

export function typingTable(results: readonly TypingResult[]): string[][] {
  const f = (n: number) => (Number.isNaN(n) ? '—' : n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : `${n.toFixed(1)} ms`);
  const rows: string[][] = [];
  for (const r of results) {
    for (const [mode, m] of [
      ['every 100 ms', r.paced],
      ['back to back', r.backToBack],
    ] as const) {
      rows.push([
        r.name,
        mode,
        f(m.latency.p50),
        f(m.latency.p95),
        f(m.latency.max),
        `${m.publishes}/${m.keystrokes}`,
        String(m.stale),
        f(m.serverCpuPerKeystroke),
      ]);
    }
  }
  return rows;
}

export const TYPING_HEADER = ['document', 'keystrokes', 'p50', 'p95', 'max', 'publishes/keystrokes', 'stale', 'server CPU/keystroke'];

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  const only = arg('--only');
  const serverPath = arg('--server') ?? undefined;
  const rounds = Math.max(1, Number(arg('--rounds')) || 1);
  const results: TypingResult[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const doc of typingDocuments(only)) {
      process.stderr.write(`  typing: ${doc.name}\n`);
      results.push(await measureTyping(doc, serverPath ? { serverPath } : {}));
    }
  }
  const rows = typingTable(results);
  const widths = TYPING_HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${[line(TYPING_HEADER), ...rows.map(line)].join('\n')}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
