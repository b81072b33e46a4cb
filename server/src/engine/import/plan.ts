/**
 * One call for the CLI, the language server and the editor: read the sources, then write what they hold into the
 * postmortem. Lines without a date or a zone take the caller's, else the document's.
 */
import { readContext } from '../commands';
import { offsetAt } from '../time';
import { readSources, type ReadOptions } from './read';
import type { ImportRecord, SkippedRecord, SourceFile } from './types';
import { importIntoPostmortem, type AddedEntry, type ImportWriteOptions } from './write';
import type { TextEdit } from '../types';

export interface ImportOptions extends ImportWriteOptions, Omit<ReadOptions, 'zone' | 'dateOrder' | 'zoneAliases'> {}

export interface ImportPlan {
  edits: TextEdit[];
  /** The entries written, in time order. */
  added: AddedEntry[];
  /** Records read but not written: already in the timeline, the same as another. */
  skipped: SkippedRecord[];
  /** Records left out on purpose (channel housekeeping, pager notifications). */
  dropped: SkippedRecord[];
  /** What could not be read, with why: the CLI fails (exit 2) on these. */
  unreadable: SkippedRecord[];
  records: ImportRecord[];
}

/** The day and zone a postmortem's timeline is written in, when it says: for pasted lines that do not. */
export function documentDefaults(text: string, options: ImportWriteOptions = {}): { date?: string; zone?: string } {
  const ctx = readContext(text, options);
  const out: { date?: string; zone?: string } = {};
  const z = ctx.zoneRef;
  if (z && !z.unknown && !z.ambiguous) out.zone = z.iana ?? z.region ?? z.text;
  if (ctx.datesKnown) {
    const first = ctx.model.summary.windowStart?.instant ?? ctx.model.timeline.find((e) => e.instant !== null)?.instant ?? null;
    if (first !== null) {
      const off = z ? (offsetAt(z, first) ?? 0) : 0;
      out.date = new Date(first + off * 60_000).toISOString().slice(0, 10);
    }
  }
  return out;
}

export function planImport(text: string, files: SourceFile[], options: ImportOptions = {}): ImportPlan {
  const defaults = documentDefaults(text, options);
  const readOptions: ReadOptions = { from: options.from ?? 'auto' };
  const date = options.date ?? defaults.date;
  const zone = options.zone ?? defaults.zone;
  if (date) readOptions.date = date;
  if (zone) readOptions.zone = zone;
  if (options.dateOrder) readOptions.dateOrder = options.dateOrder;
  if (options.zoneAliases) readOptions.zoneAliases = options.zoneAliases;
  const read = readSources(files, readOptions);
  const written = importIntoPostmortem(text, read.records, options);
  return {
    edits: written.edits,
    added: written.added,
    skipped: written.skipped,
    dropped: read.dropped,
    unreadable: read.unreadable,
    records: read.records,
  };
}
