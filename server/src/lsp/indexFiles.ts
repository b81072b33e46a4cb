/**
 * The incident index's reading of one file (lsp/workspaceIndex.ts, and its worker threads: indexWorker.ts): the
 * folders' Markdown files, a file's analysis made into its row, and the row as the client gets it. A row is made once,
 * in the shape `postmortem/index` answers with (IndexRowInfo: the engine's row with its URI, month and quarter), and
 * kept as it is: asking again converts nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getProfile } from '../engine/index';
import { indexRow, periodOf, type IndexRow } from '../engine/report';
import type { IndexRowInfo } from '../../../shared/protocol';
import type { Analysis, Analyzer } from './analysis';
import type { Settings } from './settings';

/** A row of the index: the engine's row and what the client is sent besides (IndexRowInfo). */
export type IndexEntry = IndexRow & IndexRowInfo;

/** Files larger than this are not read for the index (the linter's own limit is 10 MB; an index need not wait on them). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** A closed file as read: its time and size (read again when either changes) and its row (null: not a postmortem). */
export interface ReadFile {
  mtimeMs: number;
  size: number;
  row: IndexEntry | null;
}

/** Markdown files under a folder, skipping node_modules and dot-folders; null when the folder cannot be read. */
export function markdownFiles(root: string, limit: number): string[] | null {
  try {
    if (!fs.statSync(root).isDirectory()) return null;
  } catch {
    return null;
  }
  const out: string[] = [];
  const stack = [root];
  while (stack.length && out.length < limit) {
    const dir = stack.pop() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile() && /\.(?:md|markdown)$/i.test(e.name)) out.push(full);
    }
  }
  return out.slice(0, limit);
}

export function entryOf(row: IndexRow, uri: string): IndexEntry {
  return {
    ...row,
    uri,
    month: periodOf(row, 'month')?.period ?? null,
    quarter: periodOf(row, 'quarter')?.period ?? null,
  };
}

export function rowOf(analysis: Analysis, file: string): IndexEntry | null {
  if (!analysis.isPostmortem || !analysis.result) return null;
  const profile = getProfile(analysis.result.model.profile, analysis.options.profiles);
  const row = indexRow({
    file,
    text: analysis.document.getText(),
    result: analysis.result,
    ...(profile ? { profile } : {}),
  });
  return entryOf(row, analysis.uri);
}

/** Whether two rows say the same (a row read again after a save that changed nothing the index shows). */
export function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof IndexEntry)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/** A closed file read from disk and analysed; undefined when the file is gone. */
export async function readClosedFile(
  analyzer: Analyzer,
  uri: string,
  file: string,
  shown: string,
  folderUri: string,
  known?: ReadFile,
): Promise<ReadFile | undefined> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known;
  let row: IndexEntry | null = null;
  if (st.size <= MAX_FILE_BYTES) {
    try {
      const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      row = rowOf(await analyzer.analyzeFile(uri, text, folderUri), shown);
    } catch {
      row = null;
    }
  }
  return { mtimeMs: st.mtimeMs, size: st.size, row };
}

/** A closed file to read for the index. */
export interface IndexJob {
  uri: string;
  file: string;
  shown: string;
  folderUri: string;
}

/** What a worker thread is handed: the files, the settings of their folders, and the counter of the next job to take. */
export interface IndexWorkerInit {
  jobs: IndexJob[];
  workspaceFolders: string[];
  settings: Record<string, Settings>;
  /** Int32 slot 0: the next job to take, shared by every thread reading (Atomics.add). */
  control: SharedArrayBuffer;
}

export type IndexWorkerMessage = { index: number; read: ReadFile | null } | { done: true };

/**
 * Threads that read files alongside the server's own during a first index (Node: worker_threads, indexWorkers.ts).
 * None in a browser, where the server reads no files: the index then reads in its own thread only.
 */
export interface IndexHelpers {
  /** How many threads would start: 0 for none. */
  readonly threads: number;
  /** Fewer files than this not read before are read in the server's thread alone. */
  readonly from: number;
  /** Starts them on `init`; `finished` settles once each is done, failed, or silent for too long. */
  start(init: IndexWorkerInit, onRead: (index: number, read: ReadFile | null) => void): { finished: Promise<void>; stop(): void } | null;
}
