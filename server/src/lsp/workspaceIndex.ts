/**
 * `postmortem/index`: every postmortem of the workspace folders as an index row (engine/report), with the groups by
 * month or quarter. Open documents are read as the editor has them (the analysis the diagnostics use); closed files
 * from disk, with the settings of their workspace folder, and remembered by modification time and size, so asking
 * again re-reads only what changed. Detection is the diagnostics' own (`postmortem.files`, `postmortem.detect`).
 *
 * Not yet: `$/progress` for the first read of a large folder, watching files for a view that updates by itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RequestType, type Connection } from 'vscode-languageserver';
import { aggregate, indexRow, sortRows, type IndexRow } from '../engine/report';
import { getProfile } from '../engine/index';
import type { IndexParams, IndexResult, IndexRowInfo, RequestMethod } from '../../../shared/protocol';
import type { Analysis, Analyzer } from './analysis';
import type { Documents } from './documents';
import { URI } from './uri';

export const IndexRequest = new RequestType<IndexParams, IndexResult, void>('postmortem/index' satisfies RequestMethod);

/** Files larger than this are not read for the index (the linter's own limit is 10 MB; an index need not wait on them). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** A folder holding more Markdown files than this is indexed up to the limit. */
const MAX_FILES = 50_000;

interface Known {
  mtimeMs: number;
  size: number;
  row: IndexRow | null;
}

/** Markdown files under a folder, skipping node_modules and dot-folders. */
function markdownFiles(root: string, limit: number): string[] {
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
  return indexRow({ file, text: analysis.document.getText(), result: analysis.result, ...(profile ? { profile } : {}) });
}

export class WorkspaceIndex {
  private readonly known = new Map<string, Known>();
  private generation = -1;

  constructor(private readonly documents: Documents, private readonly analyzer: Analyzer) {}

  /** Forget what was read (settings or configuration changed). */
  clear(): void {
    this.known.clear();
  }

  async rows(): Promise<(IndexRow & { uri: string })[]> {
    if (this.generation !== this.analyzer.settingsGeneration) {
      this.known.clear();
      this.generation = this.analyzer.settingsGeneration;
    }
    const out: (IndexRow & { uri: string })[] = [];
    const seen = new Set<string>();
    for (const folderUri of this.analyzer.workspaceFolders) {
      const root = URI.fsPath(folderUri);
      if (!root) continue;
      let n = 0;
      for (const file of markdownFiles(root, MAX_FILES)) {
        const uri = URI.fromPath(file);
        if (seen.has(uri)) continue;
        seen.add(uri);
        const shown = path.relative(root, file).split(path.sep).join('/');
        const open = this.documents.get(uri);
        let row: IndexRow | null;
        if (open) {
          row = rowOf(await this.analyzer.analyze(open), shown);
        } else {
          let st: fs.Stats;
          try {
            st = fs.statSync(file);
          } catch {
            this.known.delete(uri);
            continue;
          }
          const known = this.known.get(uri);
          if (known && known.mtimeMs === st.mtimeMs && known.size === st.size) {
            row = known.row;
          } else {
            row = null;
            if (st.size <= MAX_FILE_BYTES) {
              try {
                const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
                row = rowOf(await this.analyzer.analyzeFile(uri, text, folderUri), shown);
              } catch {
                row = null;
              }
            }
            this.known.set(uri, { mtimeMs: st.mtimeMs, size: st.size, row });
          }
        }
        if (row) out.push({ ...row, uri });
        // Let other requests and notifications through while a large folder is read.
        if (++n % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    for (const uri of this.known.keys()) if (!seen.has(uri)) this.known.delete(uri);
    return out;
  }

  async index(params: IndexParams): Promise<IndexResult> {
    const rows = sortRows(await this.rows()) as (IndexRow & { uri: string })[];
    const { groups } = aggregate(rows, params.group === 'quarter' ? 'quarter' : 'month');
    return {
      rows: rows.map((r): IndexRowInfo => ({
        uri: r.uri, file: r.file, title: r.title, profile: r.profile, start: r.start, end: r.end, dateKnown: r.dateKnown,
        durationMinutes: r.durationMinutes, declaredDurationMinutes: r.declaredDurationMinutes, detectMinutes: r.detectMinutes,
        acknowledgeMinutes: r.acknowledgeMinutes, mitigateMinutes: r.mitigateMinutes, resolveMinutes: r.resolveMinutes,
        entries: r.entries, errors: r.errors, warnings: r.warnings, missing: [...r.missing], openActionItems: r.openActionItems,
      })),
      groups: groups.map((g) => ({ period: g.period, count: g.count, durationMinutes: g.durationMinutes, detectMinutes: g.detectMinutes, resolveMinutes: g.resolveMinutes })),
    };
  }
}

export function registerWorkspaceIndex(connection: Connection, documents: Documents, analyzer: Analyzer): WorkspaceIndex {
  const index = new WorkspaceIndex(documents, analyzer);
  connection.onRequest(IndexRequest, (params) => index.index(params ?? {}));
  return index;
}
