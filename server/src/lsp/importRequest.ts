/**
 * Importing a timeline over LSP: `postmortem/import` (the VS Code client asks, previews, then applies) and the
 * `workspace/executeCommand` command `postmortem.server.importTimeline` for any LSP editor (the server applies the
 * edit itself with `workspace/applyEdit`). Sources come as texts, so the client's file system is not the server's
 * concern; a Slack export's zip comes as base64 and is opened here. The engine does the reading and the writing.
 */
import { RequestType, type Connection } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { readZip } from '../engine/import/zip';
import { detectFormat, importIntoPostmortem, planImport, type ImportRecord, type SourceFile } from '../engine/import';
import type { LintOptions } from '../engine/index';
import type { Analyzer } from './analysis';
import { toTextEdit } from './convert';
import type { Documents } from './documents';
import type { ImportParams, ImportProblem, ImportRecordInfo, ImportResult, RequestMethod } from '../../../shared/protocol';

export const ImportRequest = new RequestType<ImportParams, ImportResult | null, void>('postmortem/import' satisfies RequestMethod);
/** The command other LSP editors run: arguments [ImportParams]; the server applies the edit. */
export const IMPORT_COMMAND = 'postmortem.server.importTimeline';

/** More than this much source text in one request is refused: the server must stay responsive. */
export const MAX_IMPORT_CHARS = 20 * 1024 * 1024;

const PHASES = new Set(['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved']);
const FORMATS = new Set(['slack', 'pagerduty', 'statuspage', 'lines']);

/** A record sent back by the client, checked field by field: anything else is dropped. */
function toRecord(v: unknown): ImportRecord | null {
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  if (typeof r.instant !== 'number' || !Number.isFinite(r.instant) || typeof r.text !== 'string' || typeof r.ref !== 'string') return null;
  const source = typeof r.source === 'string' && FORMATS.has(r.source) ? (r.source as ImportRecord['source']) : 'lines';
  const out: ImportRecord = { instant: r.instant, text: r.text, source, ref: r.ref };
  if (typeof r.author === 'string' && r.author) out.author = r.author;
  if (typeof r.phase === 'string' && PHASES.has(r.phase)) out.phase = r.phase as ImportRecord['phase'];
  return out;
}

function info(r: ImportRecord): ImportRecordInfo {
  return {
    instant: r.instant,
    text: r.text,
    ...(r.author ? { author: r.author } : {}),
    ...(r.phase ? { phase: r.phase } : {}),
    source: r.source,
    ref: r.ref,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The sources as files for the readers; a zip opened into its files, what cannot be opened listed. */
function sourceFiles(params: ImportParams, problems: ImportProblem[]): SourceFile[] {
  const files: SourceFile[] = [];
  for (const s of params.sources ?? []) {
    if (typeof s?.name !== 'string') continue;
    if (typeof s.zipBase64 === 'string') {
      if (typeof Buffer === 'undefined') {
        // The browser's server (vscode.dev) has no zlib: the folder of an extracted export reads the same.
        problems.push({
          ref: s.name,
          reason: 'a .zip cannot be opened in the browser; extract the export and import its folder',
        });
        continue;
      }
      const zipped = readZip(Buffer.from(s.zipBase64, 'base64'));
      if ('error' in zipped) {
        problems.push({ ref: s.name, reason: zipped.error });
        continue;
      }
      const base = s.name.replace(/^.*[\\/]/, '').replace(/\.zip$/i, '');
      for (const entry of zipped.entries) {
        if (entry.name.split('/').some((p) => p.startsWith('.') || p === '__MACOSX') || !/\.(json|txt|log|text|csv|md)$/i.test(entry.name))
          continue;
        if ('error' in entry) problems.push({ ref: `${base}/${entry.name}`, reason: entry.error });
        else files.push({ name: `${base}/${entry.name}`, content: entry.data.toString('utf8').replace(/^\uFEFF/, '') });
      }
    } else if (typeof s.content === 'string') {
      files.push({ name: s.name, content: s.content.replace(/^\uFEFF/, '') });
    }
  }
  return files;
}

type SectionSpan = { id: string | null; headingEnd: number; end: number };

/** Whether `offset` is in the body of a Timeline section (a paste there reads as entries). */
function inTimeline(offset: number, sections: readonly SectionSpan[] | undefined): boolean {
  return (sections ?? []).some((s) => s.id === 'timeline' && offset >= s.headingEnd && offset <= s.end);
}

/**
 * The import into `document` (as the analysis read it): the edits against its version, the entries, what was not
 * written. Null for a paste (`at`) outside the timeline or of text that reads as no records.
 */
export function computeImport(
  document: TextDocument,
  options: LintOptions,
  sections: readonly SectionSpan[] | undefined,
  params: ImportParams,
): ImportResult | null {
  const text = document.getText();
  const base = { version: document.version, edits: [], entries: [], skipped: [], dropped: [] };
  const size = (params.sources ?? []).reduce((n, s) => n + (s?.content?.length ?? 0) + (s?.zipBase64?.length ?? 0), 0);
  if (size > MAX_IMPORT_CHARS)
    return {
      ...base,
      unreadable: [],
      message: 'The sources are larger than 20 MB; import them from the command line (postmortem-lint import).',
      error: true,
    };
  if (params.at) {
    if (!inTimeline(document.offsetAt(params.at), sections)) return null;
    const all = (params.sources ?? []).every((s) => typeof s?.content === 'string' && detectFormat(s.content, options) !== null);
    if (!all) return null;
  }
  const problems: ImportProblem[] = [];
  const writeOptions = { ...options, ...(params.zone ? { zone: params.zone } : {}) };
  let result: ImportResult;
  if (params.records) {
    const records = params.records.map(toRecord).filter((r): r is ImportRecord => r !== null);
    const written = importIntoPostmortem(text, records, writeOptions);
    result = {
      ...base,
      edits: written.edits.map((e) => toTextEdit(document, e)),
      entries: written.added.map((a) => ({ line: a.line, record: info(a.record) })),
      skipped: written.skipped.map(({ ref, reason }) => ({ ref, reason })),
      unreadable: [],
      message: '',
    };
  } else {
    const files = sourceFiles(params, problems);
    const plan = planImport(text, files, {
      ...writeOptions,
      from: params.from ?? 'auto',
      ...(params.date ? { date: params.date } : {}),
    });
    result = {
      ...base,
      edits: plan.edits.map((e) => toTextEdit(document, e)),
      entries: plan.added.map((a) => ({ line: a.line, record: info(a.record) })),
      skipped: plan.skipped.map(({ ref, reason }) => ({ ref, reason })),
      dropped: plan.dropped.map(({ ref, reason }) => ({ ref, reason })),
      unreadable: [...problems, ...plan.unreadable.map(({ ref, reason }) => ({ ref, reason }))],
      message: '',
    };
    if (params.at && !result.entries.length && !result.skipped.length) return null;
  }
  const parts = [
    result.entries.length ? `Imported ${plural(result.entries.length, 'timeline entry', 'timeline entries')}` : 'Nothing new to import',
    result.skipped.length ? `${plural(result.skipped.length, 'record')} already in the timeline` : '',
    result.dropped.length ? `${plural(result.dropped.length, 'record')} left out (channel housekeeping, pager notifications)` : '',
    result.unreadable.length
      ? `${plural(result.unreadable.length, 'file or record', 'files or records')} could not be read: ${result.unreadable
          .slice(0, 3)
          .map((u) => `${u.ref} (${u.reason})`)
          .join('; ')}${result.unreadable.length > 3 ? '; …' : ''}`
      : '',
  ].filter(Boolean);
  result.message = parts.join('; ') + '.';
  if (!result.entries.length && !result.skipped.length && result.unreadable.length) result.error = true;
  return result;
}

export function registerImport(connection: Connection, documents: Documents, analyzer: Analyzer): void {
  const run = async (params: ImportParams): Promise<ImportResult | null> => {
    if (!params || typeof params.uri !== 'string') return null;
    const live = documents.get(params.uri);
    if (!live) return null;
    const analysis = await analyzer.analyze(live);
    return computeImport(analysis.document, analysis.options, analysis.result?.model.sections, params);
  };
  connection.onRequest(ImportRequest, run);
  connection.onExecuteCommand(async ({ command, arguments: args }) => {
    if (command !== IMPORT_COMMAND) return null;
    const result = await run(args?.[0] as ImportParams);
    if (!result || result.error || !result.edits.length) return result;
    const uri = (args?.[0] as ImportParams).uri;
    const applied = await connection.workspace.applyEdit({
      label: 'Import timeline',
      changes: { [uri]: result.edits },
    });
    return applied.applied
      ? result
      : {
          ...result,
          edits: [],
          entries: [],
          message: `Not imported: ${applied.failureReason ?? 'the editor refused the edit'}.`,
          error: true,
        };
  });
}
