/**
 * `postmortem/index`: every postmortem of the workspace folders as an index row (engine/report), with the groups by
 * month or quarter. Open documents are read as the editor has them (the analysis the diagnostics use); closed files
 * from disk, with the settings of their workspace folder, and remembered by modification time and size, so asking
 * again re-reads only what changed. Detection is the diagnostics' own (`postmortem.files`, `postmortem.detect`).
 * Open documents outside the folders (or every open document, in a browser, where there are no files to read) are
 * rows too. The first read of a large folder reports `$/progress`; asks that arrive while a read runs wait for it
 * and then read again (cheap: the files are known by then), so two views never read the same folder twice at once.
 * The client's Postmortems view asks again when a file changes or an open postmortem is edited.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RequestType, type Connection } from 'vscode-languageserver';
import { aggregate, indexRow, periodOf, sortRows, trendsSvg, type IndexRow } from '../engine/report';
import { getProfile } from '../engine/index';
import type { IndexParams, IndexResult, IndexRowInfo, RequestMethod } from '../../../shared/protocol';
import type { Analysis, Analyzer } from './analysis';
import { isMarkdown, type Documents } from './documents';
import { URI } from './uri';

export const IndexRequest = new RequestType<IndexParams, IndexResult, void>('postmortem/index' satisfies RequestMethod);

/** Files larger than this are not read for the index (the linter's own limit is 10 MB; an index need not wait on them). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A folder holding more Markdown files than this is indexed up to the limit. */
const MAX_FILES = 50_000;
/** The longest the index reads without letting other messages through (ms). */
const YIELD_EVERY_MS = 15;
/** A read of at least this many files not read before shows progress. */
const PROGRESS_FROM = 100;

/** `$/progress` as far as the index uses it (the connection's work-done progress, or nothing in tests). */
export interface IndexProgress {
  begin(title: string, total: number): Promise<{ report(done: number): void; done(): void }>;
}

export interface WorkspaceIndexOptions {
  progress?: IndexProgress;
  /** False in a browser: the server has no file system, and the index lists the open documents only. */
  readsFiles?: boolean;
}

/** The folders' Markdown files as last walked. */
interface Listing {
  /** The folders and whether files are read: a different key walks again. */
  key: string;
  folders: string[];
  unreadable: string[];
  files: { folderUri: string; file: string; uri: string; shown: string }[];
}

interface Known {
  mtimeMs: number;
  size: number;
  row: IndexRow | null;
}

/** Markdown files under a folder, skipping node_modules and dot-folders; null when the folder cannot be read. */
function markdownFiles(root: string, limit: number): string[] | null {
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

function rowOf(analysis: Analysis, file: string): IndexRow | null {
  if (!analysis.isPostmortem || !analysis.result) return null;
  const profile = getProfile(analysis.result.model.profile, analysis.options.profiles);
  return indexRow({
    file,
    text: analysis.document.getText(),
    result: analysis.result,
    ...(profile ? { profile } : {}),
  });
}

export class WorkspaceIndex {
  private readonly known = new Map<string, Known>();
  private generation = -1;
  private listing: Listing | undefined;
  /** The client reports Markdown file events (watchFiles). */
  private watching = false;
  private mustWalk = true;
  /** Paths reported changed since the last ask. */
  private readonly dirty = new Set<string>();
  private running: Promise<unknown> = Promise.resolve();
  /** Why the last list was partial, if it was. */
  private note: string | undefined;

  constructor(
    private readonly documents: Documents,
    private readonly analyzer: Analyzer,
    private readonly options: WorkspaceIndexOptions = {},
  ) {}

  /** Forget what was read (settings or configuration changed). */
  clear(): void {
    this.known.clear();
    this.mustWalk = true;
  }

  /** The rows; an ask made while another read runs waits for it, then reads again (the files are known by then). */
  rows(): Promise<(IndexRow & { uri: string })[]> {
    const next = this.running.then(
      () => this.read(),
      () => this.read(),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * The client watches Markdown files for the server (`workspace/didChangeWatchedFiles`): from now on an ask walks the
   * folders only after a file was created or deleted, and re-reads only the files reported changed.
   */
  watchFiles(): void {
    this.watching = true;
    this.mustWalk = true;
  }

  /** Watched-file events (type 1 created, 2 changed, 3 deleted). A deletion can be a whole folder's: walk again. */
  filesChanged(changes: readonly { uri: string; type: number }[]): void {
    for (const c of changes) {
      const file = URI.fsPath(c.uri);
      if (c.type === 2 && file) this.dirty.add(file);
      else this.mustWalk = true;
    }
  }

  /** The Markdown files of every workspace folder, each with its URI and the name the list shows. */
  private walk(key: string): Listing {
    const listing: Listing = { key, folders: [], unreadable: [], files: [] };
    const seen = new Set<string>();
    for (const folderUri of this.analyzer.workspaceFolders) {
      const root = this.options.readsFiles === false ? null : URI.fsPath(folderUri);
      const files = root ? markdownFiles(root, MAX_FILES) : null;
      if (!root || !files) {
        listing.unreadable.push(folderUri);
        continue;
      }
      listing.folders.push(folderUri);
      for (const file of files) {
        const uri = URI.fromPath(file);
        if (seen.has(uri)) continue;
        seen.add(uri);
        listing.files.push({ folderUri, file, uri, shown: path.relative(root, file).split(path.sep).join('/') });
      }
    }
    return listing;
  }

  private async read(): Promise<(IndexRow & { uri: string })[]> {
    if (this.generation !== this.analyzer.settingsGeneration) {
      this.known.clear();
      this.generation = this.analyzer.settingsGeneration;
    }
    const key = `${this.options.readsFiles === false ? 'no-fs' : 'fs'}\n${this.analyzer.workspaceFolders.join('\n')}`;
    let listing = this.listing;
    // Without watched files every ask walks the folders and compares each file's time and size.
    const walked = !this.watching || this.mustWalk || !listing || listing.key !== key;
    if (walked || !listing) {
      this.mustWalk = false;
      this.dirty.clear();
      listing = this.walk(key);
      this.listing = listing;
    }
    const dirty = new Set(this.dirty);
    this.dirty.clear();
    const out: (IndexRow & { uri: string })[] = [];
    const seen = new Set<string>();
    const unread = listing.files.reduce((n, f) => n + (this.known.has(f.uri) ? 0 : 1), 0);
    const progress =
      unread >= PROGRESS_FROM && this.options.progress
        ? await this.options.progress.begin('Reading postmortems', unread).catch(() => undefined)
        : undefined;
    let readNow = 0;
    try {
      let lastYield = performance.now();
      for (const { folderUri, file, uri, shown } of listing.files) {
        seen.add(uri);
        const open = this.documents.get(uri);
        const known = this.known.get(uri);
        let row: IndexRow | null;
        if (open) {
          row = rowOf(await this.analyzer.analyze(open), shown);
          // Read from disk again once closed: what was saved while it was open came as no file event to this index.
          this.known.delete(uri);
        } else if (known && !walked && !dirty.has(file)) {
          row = known.row;
        } else {
          if (!known && progress) progress.report(++readNow);
          const read = await this.closedRow(uri, file, shown, folderUri);
          if (read === undefined) {
            this.mustWalk = true;
            continue;
          }
          row = read;
        }
        if (row) out.push({ ...row, uri });
        // Let other requests and notifications (a shutdown, a keystroke's lint) through while files are read: a lint
        // is synchronous, and awaiting settings lets no message in.
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
      }
    } finally {
      progress?.done();
    }
    for (const uri of this.known.keys()) if (!seen.has(uri)) this.known.delete(uri);
    // Open documents the folders did not list: outside every folder, untitled, or (in a browser) all of them. A file
    // inside a folder that was read and is not listed is gone from disk (or skipped, like node_modules): not a row,
    // though VS Code keeps its closed document synced for a while.
    const readRoots = listing.folders.map((f) => (f.endsWith('/') ? f : `${f}/`));
    for (const document of this.documents.all()) {
      if (seen.has(document.uri) || !isMarkdown(document)) continue;
      if (readRoots.some((root) => document.uri.startsWith(root))) continue;
      const row = rowOf(await this.analyzer.analyze(document), this.shownName(document.uri));
      if (row) out.push({ ...row, uri: document.uri });
    }
    this.note =
      this.options.readsFiles === false
        ? 'In the browser the language server reads no files: only the postmortems open in the editor are listed.'
        : listing.unreadable.length
          ? `Not read (not a folder on this machine): ${listing.unreadable.map((u) => URI.path(u)).join(', ')}. Its open postmortems are listed.`
          : undefined;
    return out;
  }

  /** A closed file's row: from the cache when its time and size are unchanged; undefined when the file is gone. */
  private async closedRow(uri: string, file: string, shown: string, folderUri: string): Promise<IndexRow | null | undefined> {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      this.known.delete(uri);
      return undefined;
    }
    const known = this.known.get(uri);
    if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) return known.row;
    let row: IndexRow | null = null;
    if (st.size <= MAX_FILE_BYTES) {
      try {
        const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
        row = rowOf(await this.analyzer.analyzeFile(uri, text, folderUri), shown);
      } catch {
        row = null;
      }
    }
    this.known.set(uri, { mtimeMs: st.mtimeMs, size: st.size, row });
    return row;
  }

  /** An open document's name as the list shows it: relative to its workspace folder, else the end of its path. */
  private shownName(uri: string): string {
    const relative = URI.relativeTo(uri, this.analyzer.workspaceFolders)[0];
    if (relative) return relative;
    const p = URI.path(uri);
    return p.slice(p.lastIndexOf('/') + 1) || p;
  }

  async index(params: IndexParams): Promise<IndexResult> {
    if (params.rescan === true) this.mustWalk = true;
    if (Array.isArray(params.changes)) this.filesChanged(params.changes.filter((c) => c && typeof c.uri === 'string'));
    const rows = sortRows(await this.rows()) as (IndexRow & { uri: string })[];
    const { groups } = aggregate(rows, params.group === 'quarter' ? 'quarter' : 'month');
    const width = params.chart?.width;
    const chartSvg =
      typeof width === 'number' && Number.isFinite(width)
        ? trendsSvg(rows, groups, {
            width: Math.round(Math.min(2400, Math.max(360, width))),
            panelHeight: 110,
            inlineStyle: false,
            link: (r) => (r as IndexRow & { uri: string }).uri,
          })
        : undefined;
    return {
      ...(chartSvg !== undefined ? { chartSvg } : {}),
      ...(this.note ? { note: this.note } : {}),
      rows: rows.map((r): IndexRowInfo => ({
        uri: r.uri,
        file: r.file,
        title: r.title,
        profile: r.profile,
        start: r.start,
        end: r.end,
        dateKnown: r.dateKnown,
        durationMinutes: r.durationMinutes,
        declaredDurationMinutes: r.declaredDurationMinutes,
        detectMinutes: r.detectMinutes,
        acknowledgeMinutes: r.acknowledgeMinutes,
        mitigateMinutes: r.mitigateMinutes,
        resolveMinutes: r.resolveMinutes,
        entries: r.entries,
        errors: r.errors,
        warnings: r.warnings,
        missing: [...r.missing],
        openActionItems: r.openActionItems,
        month: periodOf(r, 'month')?.period ?? null,
        quarter: periodOf(r, 'quarter')?.period ?? null,
        offsetMinutes: r.offsetMinutes,
      })),
      groups: groups.map((g) => ({
        period: g.period,
        count: g.count,
        durationMinutes: g.durationMinutes,
        detectMinutes: g.detectMinutes,
        resolveMinutes: g.resolveMinutes,
      })),
    };
  }
}

/** `$/progress` through the connection (a no-op when the client does not support work-done progress). */
function connectionProgress(connection: Connection): IndexProgress {
  return {
    async begin(title, total) {
      const reporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, `0 of ${total} files`, false);
      let last = -1;
      return {
        report(done) {
          const percentage = Math.floor((Math.min(done, total) / total) * 100);
          if (percentage === last) return;
          last = percentage;
          reporter.report(percentage, `${Math.min(done, total)} of ${total} files`);
        },
        done: () => reporter.done(),
      };
    },
  };
}

export function registerWorkspaceIndex(
  connection: Connection,
  documents: Documents,
  analyzer: Analyzer,
  readsFiles = true,
): WorkspaceIndex {
  const index = new WorkspaceIndex(documents, analyzer, { progress: connectionProgress(connection), readsFiles });
  connection.onRequest(IndexRequest, (params) => index.index(params ?? {}));
  return index;
}
