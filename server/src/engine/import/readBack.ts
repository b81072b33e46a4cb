/**
 * Reading the timeline back: the instants of the entries already there (on an assumed day when the document states
 * none), and which written records read back at another time than they stand for.
 */
import { applyEdits, readContext } from '../commands';
import type { ModelContext } from '../model';
import { dateAt, offsetAt, type ZoneRef } from '../time';
import type { LintOptions, TextEdit } from '../types';
import { lineBounds } from '../util/lines';
import { sameMinute } from './similar';
import type { ImportRecord } from './types';

const MINUTE = 60_000;

export interface Known {
  instant: number | null;
  offsetMinutes: number | null;
}

/**
 * Which written records read back at another time (key null: an entry already there moved), so that they are
 * written again with their date. Compared as wall times in the writing zone: a timeline without any zone reads
 * its times in a floating zone.
 */
export function misread(
  text: string,
  known: readonly Known[],
  zone: ZoneRef,
  edits: TextEdit[],
  added: readonly { record: ImportRecord; line: string }[],
  options: LintOptions,
): Set<ImportRecord | null> {
  const bad = new Set<ImportRecord | null>();
  if (!edits.length) return bad;
  const after = readContext(applyEdits(text, edits), options);
  const ours = new Map(added.map((a) => [a.line.trim(), a.record]));
  const wall = (instant: number | null, offset: number | null): number | null =>
    instant === null ? null : instant + (offset ?? 0) * MINUTE;
  let k = 0;
  for (const e of after.model.timeline) {
    const line = lineBounds(after.text, e.start);
    const record = ours.get(after.text.slice(line.start, line.end).trim());
    const read = wall(e.instant, e.offsetMinutes);
    if (record) {
      const expected = wall(record.instant, offsetAt(zone, record.instant));
      if (read === null || expected === null || !sameMinute(read, expected)) bad.add(record);
      continue;
    }
    const before = known[k++];
    if (before && before.instant !== null && read !== wall(before.instant, before.offsetMinutes)) bad.add(null);
  }
  return bad;
}

/**
 * The instants of the timeline's entries. A timeline without any date is read on an assumed day: it is read again on
 * the day of the first record (as if the document said so), so that records fall between the right entries.
 */
export function knownInstants(ctx: ModelContext, text: string, options: LintOptions, first: ImportRecord, zone: ZoneRef): Known[] {
  const own = ctx.model.timeline.map((e) => ({ instant: e.instant, offsetMinutes: e.offsetMinutes }));
  if (ctx.datesKnown || /^\uFEFF?---/.test(text)) return own;
  const d = dateAt(first.instant, offsetAt(zone, first.instant) ?? 0);
  const p = (n: number): string => String(n).padStart(2, '0');
  const dated = readContext(`---\ndate: ${d.year}-${p(d.month)}-${p(d.day)}\n---\n\n${text}`, options);
  if (dated.model.timeline.length !== own.length) return own;
  return dated.model.timeline.map((e) => ({ instant: e.instant, offsetMinutes: e.offsetMinutes }));
}
