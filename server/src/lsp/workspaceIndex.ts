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
import * as path from 'node:path';
import { RequestType, type Connection } from './languageServer';
import { aggregate, sortRows, trendsSvg } from '../engine/report';
import type { IndexParams, IndexResult, RequestMethod } from '../../../shared/protocol';
import type { Analyzer } from './analysis';
import { isMarkdown, type Documents } from './documents';
import { markdownFiles, readClosedFile, rowOf, type IndexEntry, type IndexHelpers, type IndexJob, type ReadFile } from './indexFiles';
import { IndexVersions } from './indexVersions';
import { URI } from './uri';

export const IndexRequest = new RequestType<IndexParams, IndexResult, void>('postmortem/index' satisfies RequestMethod);

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
  /** Threads that read alongside this one when many files are read for the first time (none: this thread alone). */
  helpers?: IndexHelpers;
}

/** The folders' Markdown files as last walked. */
interface Listing {
  /** The folders and whether files are read: a different key walks again. */
  key: string;
  folders: string[];
  unreadable: string[];
  files: IndexJob[];
}

export class WorkspaceIndex {
  private readonly known = new Map<string, ReadFile>();
  private readonly versions = new IndexVersions();
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
  rows(): Promise<{ rows: IndexEntry[]; version: number }> {
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

  /**
   * Watched-file events (type 1 created, 2 changed, 3 deleted). A Markdown file created in a folder already walked is
   * added to the list; a deleted path takes off the file or the folder's files. Anything else walks the folders again.
   */
  filesChanged(changes: readonly { uri: string; type: number }[]): void {
    for (const c of changes) {
      const file = URI.fsPath(c.uri);
      if (c.type === 2 && file) this.dirty.add(file);
      else if (!file || !this.relist(file, c.type === 1)) this.mustWalk = true;
    }
  }

  /** A file created (or deleted) put on (or taken off) the list without a walk; false when only a walk can tell. */
  private relist(file: string, created: boolean): boolean {
    const listing = this.listing;
    if (!listing || !this.watching || this.mustWalk) return false;
    const at = listing.files.findIndex((f) => f.file === file);
    if (!created) {
      // The file, or a folder's files (nothing when the server's own event comes after the client's: already gone).
      const under = `${file}${path.sep}`;
      const kept = listing.files.filter((f) => f.file !== file && !f.file.startsWith(under));
      for (const f of listing.files) if (f.file === file || f.file.startsWith(under)) this.known.delete(f.uri);
      listing.files = kept;
      return true;
    }
    if (at >= 0) {
      this.dirty.add(file);
      return true;
    }
    if (!/\.(?:md|markdown)$/i.test(file) || listing.files.length >= MAX_FILES) return false;
    for (const folderUri of listing.folders) {
      const root = URI.fsPath(folderUri);
      const relative = root ? path.relative(root, file) : '';
      if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const parts = relative.split(path.sep);
      if (parts.some((p) => p.startsWith('.') || p === 'node_modules')) return true;
      listing.files.push({ folderUri, file, uri: URI.fromPath(file), shown: parts.join('/') });
      return true;
    }
    return false;
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

  private async read(): Promise<{ rows: IndexEntry[]; version: number }> {
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
    // The files never read (the first read of a folder): all at once, in worker threads too when there are many.
    const fresh = listing.files.filter((f) => !this.known.has(f.uri) && !this.documents.get(f.uri));
    const justRead = fresh.length ? await this.readFresh(fresh) : new Set<string>();
    const out: IndexEntry[] = [];
    const seen = new Set<string>();
    let lastYield = performance.now();
    for (const { folderUri, file, uri, shown } of listing.files) {
      seen.add(uri);
      const open = this.documents.get(uri);
      const known = this.known.get(uri);
      let row: IndexEntry | null;
      if (open) {
        row = rowOf(await this.analyzer.analyze(open), shown);
        // Read from disk again once closed: what was saved while it was open came as no file event to this index.
        this.known.delete(uri);
      } else if (known && (justRead.has(uri) || (!walked && !dirty.has(file)))) {
        row = known.row;
      } else {
        const read = await readClosedFile(this.analyzer, uri, file, shown, folderUri, known);
        if (read === undefined) {
          this.known.delete(uri);
          this.mustWalk = true;
          continue;
        }
        this.known.set(uri, read);
        row = read.row;
      }
      if (row) out.push(row);
      // Let other requests and notifications (a shutdown, a keystroke's lint) through while files are read: a lint
      // is synchronous, and awaiting settings lets no message in.
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastYield = performance.now();
      }
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
      if (row) out.push(row);
    }
    this.note =
      this.options.readsFiles === false
        ? 'In the browser the language server reads no files: only the postmortems open in the editor are listed.'
        : listing.unreadable.length
          ? `Not read (not a folder on this machine): ${listing.unreadable.map((u) => URI.path(u)).join(', ')}. Its open postmortems are listed.`
          : undefined;
    return { rows: out, version: this.versions.update(out) };
  }

  /**
   * Files not read before, read into `known`, with `$/progress` when there are many: this thread and the helper
   * threads take them from one shared counter. Returns the URIs read.
   */
  private async readFresh(jobs: IndexJob[]): Promise<Set<string>> {
    const progress =
      jobs.length >= PROGRESS_FROM && this.options.progress
        ? await this.options.progress.begin('Reading postmortems', jobs.length).catch(() => undefined)
        : undefined;
    const done = new Set<string>();
    const record = (job: IndexJob, read: ReadFile | null): void => {
      if (done.has(job.uri)) return;
      done.add(job.uri);
      if (read) this.known.set(job.uri, read);
      else this.mustWalk = true;
      progress?.report(done.size);
    };
    try {
      const helpers = this.options.helpers;
      const parallel = helpers !== undefined && helpers.threads > 0 && jobs.length >= helpers.from;
      // Shared with the helpers; a plain counter otherwise (a browser worker may have no SharedArrayBuffer).
      const control = new Int32Array(parallel ? new SharedArrayBuffer(4) : new ArrayBuffer(4));
      let started: ReturnType<IndexHelpers['start']> = null;
      if (parallel) {
        const settings: Record<string, Awaited<ReturnType<Analyzer['settingsFor']>>> = {};
        for (const job of jobs) if (!(job.folderUri in settings)) settings[job.folderUri] = await this.analyzer.settingsFor(job.folderUri);
        started = helpers.start(
          { jobs, workspaceFolders: this.analyzer.workspaceFolders, settings, control: control.buffer as SharedArrayBuffer },
          (i, read) => {
            const job = jobs[i];
            if (job) record(job, read);
          },
        );
      }
      let lastYield = performance.now();
      for (let i = Atomics.add(control, 0, 1); i < jobs.length; i = Atomics.add(control, 0, 1)) {
        const job = jobs[i] as IndexJob;
        record(job, (await readClosedFile(this.analyzer, job.uri, job.file, job.shown, job.folderUri)) ?? null);
        if (performance.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
      }
      if (started) {
        await started.finished;
        started.stop();
      }
      // Whatever a helper took and never answered is read here.
      for (const job of jobs) {
        if (!done.has(job.uri)) record(job, (await readClosedFile(this.analyzer, job.uri, job.file, job.shown, job.folderUri)) ?? null);
      }
    } finally {
      progress?.done();
    }
    return done;
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
    const { rows: listed, version } = await this.rows();
    const note = this.note ? { note: this.note } : {};
    // A client that holds an earlier answer gets what changed since (the Postmortems view): nothing sorted or counted.
    const delta = params.since !== undefined && params.chart === undefined ? this.versions.delta(params.since) : null;
    if (delta && typeof params.since === 'number') {
      return { ...note, version, delta: { since: params.since, removed: delta.removed }, rows: delta.rows, groups: [] };
    }
    const rows = sortRows(listed) as IndexEntry[];
    const { groups } = aggregate(rows, params.group === 'quarter' ? 'quarter' : 'month');
    const width = params.chart?.width;
    const chartSvg =
      typeof width === 'number' && Number.isFinite(width)
        ? trendsSvg(rows, groups, {
            width: Math.round(Math.min(2400, Math.max(360, width))),
            panelHeight: 110,
            inlineStyle: false,
            link: (r) => (r as IndexEntry).uri,
          })
        : undefined;
    return {
      ...(chartSvg !== undefined ? { chartSvg } : {}),
      ...note,
      version,
      rows,
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
  helpers?: IndexHelpers,
): WorkspaceIndex {
  const index = new WorkspaceIndex(documents, analyzer, {
    progress: connectionProgress(connection),
    readsFiles,
    ...(helpers ? { helpers } : {}),
  });
  connection.onRequest(IndexRequest, (params) => index.index(params ?? {}));
  return index;
}
