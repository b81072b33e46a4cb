/**
 * The server's side of the incident index (lsp/workspaceIndex.ts, the `postmortem/index` the Postmortems view asks):
 * N generated postmortems (bench/folder.ts) in a temp folder; the first index (every file read, linted, indexed, in
 * one thread: the language server's own), one closed file's timeline changed on disk, reported as a watched-file
 * event, and the index asked again (what a change costs in the server before the view shows it; the view adds its
 * 200 ms debounce), the same ask with nothing changed (with and without file events), and
 * the heap the index keeps per postmortem (with --expose-gc: the heap with the index less the heap once it has
 * forgotten, after a warm-up on another folder; the rows' figures included).
 *
 *   node --expose-gc --import tsx bench/serverIndex.ts [--n 10000]
 */
import { mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { lint } from '../server/src/engine/index';
import { resolveConfig } from '../server/src/engine/config';
import { Analyzer } from '../server/src/lsp/analysis';
import { createDocuments } from '../server/src/lsp/documents';
import { SettingsStore } from '../server/src/lsp/settings';
import { URI } from '../server/src/lsp/uri';
import { WorkspaceIndex } from '../server/src/lsp/workspaceIndex';
import { generateFolder } from './folder';

export interface ServerIndexResult {
  documents: number;
  rows: number;
  firstIndexMs: number;
  /** One closed file changed on disk, the index asked again (median of 5). */
  oneChangeMs: number;
  /** Nothing changed, the index asked again (median of 5). */
  unchangedMs: number;
  /** The same without file events: the walk and the stat of every file (median of 3). */
  unchangedWithoutEventsMs: number;
  /** Heap held by the index after the first read, per row (bytes), when gc is exposed. */
  heapBytesPerRow: number | null;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function heapUsed(): number | null {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return null;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export async function measureServerIndex(n: number): Promise<ServerIndexResult> {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'pm-server-index-')));
  try {
    writeFileSync(join(dir, '.postmortemrc.json'), '{ "root": true }\n');
    const docs = generateFolder(dir, n, 23);
    const store = new SettingsStore({} as Connection);
    store.init(false, undefined);
    const analyzer = new Analyzer(store, () => undefined, { lint, resolveConfig: (f) => resolveConfig(f) });
    analyzer.workspaceFolders = [URI.fromPath(dir)];
    // Warm-up on another folder: the engine's modules, compiled code and memos are not the index's.
    const warmDir = join(dir, '.warm');
    generateFolder(warmDir, Math.min(300, n), 99);
    analyzer.workspaceFolders = [URI.fromPath(warmDir)];
    await new WorkspaceIndex(createDocuments(), analyzer).index({});
    analyzer.workspaceFolders = [URI.fromPath(dir)];
    const index = new WorkspaceIndex(createDocuments(), analyzer);
    // As in VS Code: the client reports Markdown file events (workspace/didChangeWatchedFiles).
    index.watchFiles();
    let t = performance.now();
    const first = await index.index({});
    const firstIndexMs = performance.now() - t;
    const rowCount = first.rows.length;
    // What the index keeps: the heap with it, less the heap once it has forgotten (the answer itself let go).
    const withIndex = heapUsed();
    index.clear();
    const without = heapUsed();
    await index.index({});
    const target = docs.find((d) => d.kind === 'dated' && d.shape === 'bullets') ?? docs.find((d) => d.kind === 'dated');
    if (!target) throw new Error('no dated document generated');
    const file = join(dir, target.file);
    const changes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, `${text}\n`);
      utimesSync(file, new Date(), new Date(Date.now() + (i + 1) * 1000));
      t = performance.now();
      index.filesChanged([{ uri: URI.fromPath(file), type: 2 }]);
      await index.index({});
      changes.push(performance.now() - t);
    }
    const unchanged: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await index.index({});
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
    return {
      unchangedWithoutEventsMs: median(walks),
      documents: docs.length,
      rows: rowCount,
      firstIndexMs,
      oneChangeMs: median(changes),
      unchangedMs: median(unchanged),
      heapBytesPerRow: withIndex !== null && without !== null && rowCount ? Math.max(0, withIndex - without) / rowCount : null,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const i = process.argv.indexOf('--n');
  const n = i > 0 ? Math.max(10, Number(process.argv[i + 1]) || 10_000) : 10_000;
  void measureServerIndex(n).then((r) => {
    console.log(JSON.stringify(r, null, 2));
    console.log(
      `first index ${Math.round(r.firstIndexMs)} ms for ${r.documents} files (${r.rows} postmortems, ${(r.firstIndexMs / r.documents).toFixed(2)} ms each); one changed file ${Math.round(r.oneChangeMs)} ms; nothing changed ${Math.round(r.unchangedMs)} ms (${Math.round(r.unchangedWithoutEventsMs)} ms without file events); heap ${r.heapBytesPerRow === null ? 'n/a (run with --expose-gc)' : `${Math.round(r.heapBytesPerRow)} B`} per row`,
    );
  });
}
