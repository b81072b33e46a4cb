/**
 * Editing commands over a whole postmortem, for the editor's "Postmortem:" commands: sort the timeline,
 * convert its times to another zone, insert an entry stamped "now". Pure: text and options in, edits out.
 * They share the fixes' code (the sort of timeline-order, formatLike of timezone-consistent).
 */
import { getProfile } from './profiles';
import type { Profile } from './profiles/types';
import { markdownProcessor } from './parse';
import { buildModel, type ModelContext } from './model';
import { timelineSortEdits } from './sort/plan';
import { dateAt, findZones, formatLike, formatOffset, offsetAt, parseZone, plainStamp } from './time';
import type { ParsedTimestamp, SimpleDate, TimeOptions, ZoneRef } from './time';
import type { LintOptions, TextEdit, TimelineEntry } from './types';
import { firstLineEnding } from './util/lineEndings';
import { LineIndex, lineBounds } from './util/lines';
import { timeOptionsFor } from './timeOptions';

/** The model and what the fixes need, for `text` read with `options`. */
export function readContext(text: string, options: LintOptions = {}): ModelContext {
  const profile = getProfile(options.profile ?? 'default', options.profiles) ?? (getProfile('default') as Profile);
  const timeOptions = timeOptionsFor(options, text);
  const tree = markdownProcessor().parse(text);
  return buildModel(tree, text, new LineIndex(text), profile, timeOptions, options.defaultZone);
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * Sort the timeline chronologically: each run of entries that no date line, label or note parts, whatever its shape
 * (the timeline-order fix). A run that cannot be sorted without changing an entry's shape or reading is left as it is.
 */
export function sortTimeline(text: string, options: LintOptions = {}): TextEdit[] {
  return timelineSortEdits(readContext(text, options));
}

export interface ConvertResult {
  edits: TextEdit[];
  /** Timestamps rewritten (entries, summary window, the zone statement). */
  converted: number;
  /** Entries with a timestamp that could not be resolved to an instant, left as they are. */
  skipped: number;
  /** Why nothing could be done, when nothing could. */
  error?: string;
}

const PAREN_ZONE = /^[ \t]*\(([^()\n]{1,32})\)/;
const PAREN_OFFSET = /^[ \t]*\((?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?\)/i;

/**
 * Rewrite every timeline timestamp (and the summary's window, and the "all times in …" statement) in `zoneText`,
 * each in its own style, so that every instant stays the same.
 */
export function convertTimeline(text: string, zoneText: string, options: LintOptions = {}): ConvertResult {
  const timeOptions = timeOptionsFor(options, text);
  const target = parseZone(zoneText.trim(), timeOptions);
  if (!target || target.unknown)
    return { edits: [], converted: 0, skipped: 0, error: `"${zoneText}" is not a time zone this extension knows.` };
  const ctx = readContext(text, options);
  const edits: TextEdit[] = [];
  let converted = 0;
  let skipped = 0;
  /** How each timestamp was rewritten, to write it again with its date should the result read differently. */
  const written: {
    ts: ParsedTimestamp;
    instant: number;
    includeZone: boolean;
    originalDate: SimpleDate | null;
    edit: TextEdit | null;
    at: number;
  }[] = [];
  const rewrite = (ts: ParsedTimestamp, instant: number, offsetMinutes: number | null, includeZone: boolean, at: number): void => {
    let next: string;
    // Without a stated date there is no day to write: the times are converted as clock times.
    const originalDate = offsetMinutes === null || !ctx.datesKnown ? null : dateAt(instant, offsetMinutes);
    try {
      next = formatLike(instant, target, ts, { ...timeOptions, includeZone, originalDate });
    } catch {
      skipped++;
      return;
    }
    converted++;
    const edit = next !== ts.text ? { start: ts.start, end: ts.end, newText: next } : null;
    if (edit) edits.push(edit);
    written.push({ ts, instant, includeZone, originalDate, edit, at });
  };

  for (const [at, entry] of ctx.model.timeline.entries()) {
    const ts = entry.timestamp;
    if (!ts?.time) continue;
    if (entry.instant === null) {
      skipped++;
      continue;
    }
    // A time without a zone keeps its instant by inheriting the new zone from the document (its statement, summary or
    // other entries, all rewritten); where the zone came from a setting or nowhere, it has to be written on the entry.
    const inherits = ctx.zoneSource === 'stated' || ctx.zoneSource === 'summary' || ctx.zoneSource === 'entries';
    rewrite(ts, entry.instant, entry.offsetMinutes, Boolean(ts.zone) || !inherits, at);
  }
  for (const [k, w] of [ctx.model.summary.windowStart, ctx.model.summary.windowEnd].entries()) {
    if (!w?.time || w.instant === null) continue;
    const own = w.zone ? offsetAt(w.zone, w.instant) : ctx.zoneRef ? offsetAt(ctx.zoneRef, w.instant) : null;
    rewrite(w, w.instant, own, Boolean(w.zone), ctx.model.timeline.length + k);
  }

  // "All times WAT (UTC+1)." names the zone the zoneless entries are in: it changes with them.
  const stated = ctx.zoneSource === 'stated' ? ctx.zoneRef : null;
  if (stated) {
    const first = ctx.model.timeline.find((e) => e.instant !== null)?.instant ?? Date.now();
    const targetText = target.iana || target.generic || /\s/.test(zoneText.trim()) ? zoneText.trim() : target.text;
    edits.push({ start: stated.start, end: stated.end, newText: targetText });
    const paren = PAREN_OFFSET.exec(text.slice(stated.end, stated.end + 24));
    const off = offsetAt(target, first);
    if (paren && off !== null) {
      const lead = /^[ \t]*/.exec(paren[0])?.[0] ?? '';
      edits.push({
        start: stated.end,
        end: stated.end + paren[0].length,
        newText: `${lead}(UTC${formatOffset(off, { pad: false })})`,
      });
    } else {
      // "All times US Eastern (America/New_York)", "Eastern Time (ET)": a second name of the old zone goes with it.
      const named = PAREN_ZONE.exec(text.slice(stated.end, stated.end + 40));
      const inner = named?.[1];
      if (named && inner && findZones(inner, timeOptions).some((z) => z.start === 0 && z.end === inner.length)) {
        edits.push({ start: stated.end, end: stated.end + named[0].length, newText: '' });
      }
    }
    converted++;
  }
  // A time without a date takes its date from its neighbours, whose dates may have moved past midnight in the new
  // zone: where the result reads as another instant, write that time with its date.
  const result = readContext(applyEdits(text, dropOverlaps(edits)), options);
  const readBack = [
    ...result.model.timeline.map((e) => e.instant),
    result.model.summary.windowStart?.instant ?? null,
    result.model.summary.windowEnd?.instant ?? null,
  ];
  const wanted = [
    ...ctx.model.timeline.map((e) => (e.timestamp?.time ? e.instant : null)),
    ctx.model.summary.windowStart?.instant ?? null,
    ctx.model.summary.windowEnd?.instant ?? null,
  ];
  // Without a stated date the instants sit on a stand-in day: the timeline moving to another stand-in day as a whole
  // (18:00 WAT is 02:00 JST the next day) changes no time of day, so the read-back is compared after that shift.
  const dayShift = (read: (number | null)[]): number => {
    if (ctx.datesKnown) return 0;
    const i = read.findIndex((t, k) => t !== null && wanted[k] !== null && wanted[k] !== undefined);
    const diff = i < 0 ? 0 : (read[i] as number) - (wanted[i] as number);
    return diff % 86_400_000 === 0 ? diff : 0;
  };
  const shiftBack = dayShift(readBack);
  const differs = new Set(
    readBack
      .map((t, i) => (wanted[i] !== null && t !== null && t - shiftBack !== wanted[i] ? i : wanted[i] !== null && t === null ? i : -1))
      .filter((i) => i >= 0),
  );
  if (readBack.length === wanted.length && differs.size) {
    for (const w of written) {
      // Only on real dates: a timeline read on an assumed day must not get that day written into it.
      const dated = ctx.datesKnown && !w.ts.date;
      // A time without a zone inherits the zone the other entries now name, which may not hold on its own date (a
      // December entry among "EDT" ones): where it reads as another instant, it gets its zone written.
      const zoned = !w.includeZone && !w.ts.zone && differs.has(w.at);
      if (!dated && !zoned) continue;
      try {
        const next = formatLike(w.instant, target, w.ts, {
          ...timeOptions,
          includeZone: w.includeZone || zoned,
          originalDate: dated ? { year: 0, month: 0, day: 0 } : w.originalDate,
        });
        if (w.edit) w.edit.newText = next;
        else if (next !== w.ts.text) edits.push({ start: w.ts.start, end: w.ts.end, newText: next });
      } catch {
        // Keep the first rewrite.
      }
    }
  }
  // The last word: the result read back. Where some entry would be lost or read as another instant (damaged text
  // around a timestamp that reads differently once a date is written into it), nothing is changed.
  const final = dropOverlaps(edits);
  const check = readContext(applyEdits(text, final), options);
  const instantsNow = [
    ...check.model.timeline.map((e) => e.instant),
    check.model.summary.windowStart?.instant ?? null,
    check.model.summary.windowEnd?.instant ?? null,
  ];
  const shiftNow = dayShift(instantsNow);
  if (
    instantsNow.length !== wanted.length ||
    instantsNow.some((t, i) => wanted[i] !== null && (t === null || t - shiftNow !== wanted[i]))
  ) {
    return {
      edits: [],
      converted: 0,
      skipped: skipped + converted,
      error: `Converting to ${zoneText.trim()} would change when some entries happened (the text around their times reads differently); nothing was changed.`,
    };
  }
  return { edits: final, converted, skipped };
}

function dropOverlaps(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && e.start < last.end) continue;
    out.push(e);
  }
  return out;
}

export interface InsertResult {
  edit: TextEdit | null;
  /** Offsets, in the text after the edit, of the placeholder the writer replaces (select it). */
  placeholder: { start: number; end: number } | null;
  /** The timestamp written. */
  stamp: string;
  error?: string;
}

const PLACEHOLDER = 'What happened';

/** The zone the document writes its times in, as a zone reference. */
function documentZone(ctx: ModelContext, template: ParsedTimestamp | null, timeOptions: TimeOptions): ZoneRef {
  return ctx.zoneRef && !ctx.zoneRef.unknown
    ? ctx.zoneRef
    : template?.zone && !template.zone.unknown
      ? template.zone
      : (parseZone('UTC', timeOptions) as ZoneRef);
}

/**
 * A new timeline entry for `now`, written like its neighbour (list marker, timestamp style, zone, separator),
 * placed after the last entry that is not later than `now` (before the first one when all are later).
 */
export function insertEntry(text: string, now: number, options: LintOptions = {}): InsertResult {
  const ctx = readContext(text, options);
  const timeOptions = timeOptionsFor(options, text);
  const eol = firstLineEnding(text);
  const entries = ctx.model.timeline;
  const stamped = entries.filter((e) => e.timestamp?.time);

  if (!stamped.length) {
    const timelineIds = new Set(ctx.profile.sections.filter((s) => s.holds?.includes('timeline')).map((s) => s.id));
    const section = ctx.model.sections.find((s) => s.id !== null && timelineIds.has(s.id));
    if (!section) return { edit: null, placeholder: null, stamp: '', error: 'This document has no timeline section.' };
    const zone = documentZone(ctx, null, timeOptions);
    const stamp = plainStamp(now, zone);
    let at = section.end;
    while (at > section.bodyStart && /\s/.test(text[at - 1] ?? '')) at--;
    const lead = at <= section.headingEnd ? `${eol}${eol}` : eol;
    const before = `${lead}- ${stamp} — `;
    const newText = `${before}${PLACEHOLDER}`;
    return {
      edit: { start: at, end: at, newText },
      placeholder: { start: at + before.length, end: at + newText.length },
      stamp,
    };
  }

  // Chronological place: after the last entry at or before now.
  let afterIndex = -1;
  entries.forEach((e, i) => {
    if (e.instant !== null && e.instant <= now) afterIndex = i;
  });
  // An entry without an instant travels with the one above it.
  while (afterIndex >= 0 && afterIndex + 1 < entries.length && entries[afterIndex + 1]!.instant === null) afterIndex++;
  const neighbour = afterIndex >= 0 ? entries[afterIndex]! : entries[0]!;
  const template = (
    neighbour.timestamp?.time ? neighbour : ([...stamped].reverse().find((e) => e.start <= neighbour.start) ?? stamped[0]!)
  ) as TimelineEntry;
  const ts = template.timestamp as ParsedTimestamp;
  const zone = documentZone(ctx, ts, timeOptions);
  let stamp: string;
  try {
    const templateDate =
      template.instant !== null && template.offsetMinutes !== null ? dateAt(template.instant, template.offsetMinutes) : null;
    stamp = formatLike(now, zone, ts, { ...timeOptions, includeZone: Boolean(ts.zone), originalDate: templateDate });
  } catch {
    stamp = plainStamp(now, zone);
  }

  const line = lineBounds(text, template.start);
  const prefix = text.slice(line.start, ts.start).replace(/\d+(?=[.)][ \t])/, (n) => (afterIndex >= 0 ? String(Number(n) + 1) : n));
  const rest = text.slice(ts.end, line.end);
  let after: string;
  let trailing = '';
  if (template.kind === 'table-row') {
    // "| 10:42 | Alert fires | @amy |": the text goes in the next cell, the other cells stay empty.
    const cells = rest.split('|');
    after = `${cells[0] ?? ' '}| `;
    const remaining = cells.length - 2;
    trailing = remaining > 0 ? ` |${' |'.repeat(Math.max(0, remaining - 1))}` : '';
    trailing = trailing.replace(/ \|$/, rest.trimEnd().endsWith('|') ? ' |' : '');
  } else {
    after = /^[^\p{L}\p{N}[]*/u.exec(rest)?.[0] ?? ' — ';
    if (!after.trim()) after = ' — ';
  }
  const entryText = `${prefix}${stamp}${after}`;

  if (afterIndex >= 0) {
    const at = neighbour.kind === 'table-row' ? lineBounds(text, neighbour.start).end : neighbour.end;
    const sep = separatorAfter(text, entries, afterIndex, eol);
    const newText = `${sep}${entryText}${PLACEHOLDER}${trailing}`;
    const start = at + sep.length + entryText.length;
    return { edit: { start: at, end: at, newText }, placeholder: { start, end: start + PLACEHOLDER.length }, stamp };
  }
  // Before every entry: insert at the first entry's line start.
  const at = lineBounds(text, neighbour.start).start;
  const sep = separatorAfter(text, entries, 0, eol);
  const newText = `${entryText}${PLACEHOLDER}${trailing}${sep}`;
  const start = at + entryText.length;
  return { edit: { start: at, end: at, newText }, placeholder: { start, end: start + PLACEHOLDER.length }, stamp };
}

/** What separates entry `index` from the next one in the same run ("\n" in a list, a blank line between paragraphs). */
function separatorAfter(text: string, entries: TimelineEntry[], index: number, eol: string): string {
  const a = entries[index];
  const b = entries[index + 1] ?? entries[index - 1];
  if (!a || !b) return eol;
  const [first, second] = a.start < b.start ? [a, b] : [b, a];
  const firstEnd = first.kind === 'table-row' ? lineBounds(text, first.start).end : first.end;
  const secondStart = lineBounds(text, second.start).start;
  const between = text.slice(firstEnd, secondStart);
  return /^\s*$/.test(between) && between.includes('\n') ? between : eol;
}

export interface TemplateParams {
  profile: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  zone: string;
}

/** The text a new postmortem starts from: the profile's template, or its sections' skeletons under their headings. */
export function newPostmortemText(params: TemplateParams, userProfiles?: Record<string, unknown>): string | null {
  const profile = getProfile(params.profile, userProfiles);
  if (!profile) return null;
  const slots: Record<string, string> = { title: params.title, date: params.date, zone: params.zone };
  const fill = (s: string): string => s.replace(/\$\{(\w+)\}/g, (_m, name: string) => slots[name] ?? `[fill in the ${name}]`);
  const template = (profile as { template?: unknown }).template;
  if (typeof template === 'string' && template.trim()) return fill(template).replace(/\s*$/, '\n');
  const hashes = '#'.repeat(Math.min(6, Math.max(1, profile.headingDepth)));
  const parts = [`# ${params.title}`, '', `Date: ${params.date}. All times in ${params.zone}.`];
  for (const section of profile.sections) {
    parts.push('', `${hashes} ${section.title}`);
    const body = section.skeleton.replace(/\$\{(\w+)\}/g, (_m, name: string) => {
      if (name === 'time' || name === 'start' || name === 'end') return 'HH:MM';
      if (name === 'duration') return 'TBD';
      return slots[name] ?? `[fill in the ${name}]`;
    });
    if (body.trim()) parts.push('', body);
  }
  return `${parts.join('\n')}\n`;
}
