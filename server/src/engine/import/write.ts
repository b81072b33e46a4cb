/**
 * Writes imported records into a postmortem's timeline, like the timeline is written: its shape (list item, numbered
 * item, paragraph line, table row, heading), its timestamp style (date format, 12/24 h, zone notation) and its zone
 * (the instants converted, a date written where the day changes). Entries are merged in chronological order; a
 * record already in the timeline (same minute, similar text) is skipped; the rest of the document is not touched.
 * Pure: text, records and options in, edits out. The shape an entry is written in is entryShape.ts; when a record is
 * already there, similar.ts; reading the result back, readBack.ts.
 */
import { readContext } from '../commands';
import type { ModelContext } from '../model';
import { insertionFor, openBlockCloser, sectionText } from '../rules/required-sections';
import { dateAt, offsetAt, parseZone } from '../time';
import type { SimpleDate, TimeOptions, ZoneRef } from '../time';
import type { LintOptions, TextEdit, TimelineEntry } from '../types';
import { firstLineEnding } from '../util/lineEndings';
import { lineBounds } from '../util/lines';
import { entryLineText, shapeOf, skeletonShape, type Shape } from './entryShape';
import { knownInstants, misread } from './readBack';
import { entryBody, recordText, sameAs } from './similar';
import type { ImportRecord, SkippedRecord } from './types';

export interface ImportWriteOptions extends LintOptions {
  /** The zone to write in when the document names none (else UTC). */
  zone?: string;
}

export interface AddedEntry {
  record: ImportRecord;
  /** The entry as written (its first line). */
  line: string;
}

export interface WriteResult {
  edits: TextEdit[];
  added: AddedEntry[];
  /** Records not written: already in the timeline, or the same as another record. */
  skipped: SkippedRecord[];
  /** Why nothing could be written, when nothing could. */
  error?: string;
}

const MINUTE = 60_000;

interface Planned {
  record: ImportRecord;
  /** Where it goes: after existing entry `after` (-1: before the first one / into an empty timeline). */
  after: number;
  /** Write its date even where the entry before it is on the same day. */
  forceDate: boolean;
}

/** The zone the document writes its times in; `fallback` (else UTC) when it names none. */
function writingZone(ctx: ModelContext, fallback: string | undefined, opts: TimeOptions): ZoneRef {
  const z = ctx.zoneRef;
  if (z && !z.unknown && !z.ambiguous) return z;
  const f = fallback ? parseZone(fallback, opts) : null;
  if (f && !f.unknown) return f;
  return parseZone('UTC', opts) as ZoneRef;
}

/** The entries new ones are merged among: the run of stamped entries of the most common shape in the first timeline section. */
function mainSequence(ctx: ModelContext): number[] {
  const timeline = ctx.model.timeline;
  const stamped = timeline.map((e, i) => ({ e, i })).filter(({ e }) => e.timestamp?.time);
  if (!stamped.length) return [];
  const counts = new Map<string, number>();
  for (const { e } of stamped) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const kind = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const sections = ctx.model.sections.filter((s) => s.id === 'timeline');
  const firstOfKind = stamped.find(({ e }) => e.kind === kind)!.e;
  const section = sections.find((s) => firstOfKind.start >= s.bodyStart && firstOfKind.start < s.end);
  const inSection = (e: TimelineEntry): boolean => !section || (e.start >= section.bodyStart && e.start < section.end);
  // Entries dated without a time ("2022-06-02") are in the order too: they place records, they are no template.
  return timeline
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.kind === kind && e.timestamp && inSection(e))
    .map(({ i }) => i);
}

export function importIntoPostmortem(text: string, records: readonly ImportRecord[], options: ImportWriteOptions = {}): WriteResult {
  const ctx = readContext(text, options);
  const opts = ctx.timeOptions;
  const zone = writingZone(ctx, options.zone, opts);
  const eol = firstLineEnding(text);
  const skipped: SkippedRecord[] = [];
  const timeline = ctx.model.timeline;

  // Records not already there, each once.
  const valid = [...records].filter((r) => Number.isFinite(r.instant)).sort((a, b) => a.instant - b.instant);
  if (!valid.length) return { edits: [], added: [], skipped };
  const known = knownInstants(ctx, text, options, valid[0] as ImportRecord, zone);
  // Entries and records by minute: only those of the same minute are compared.
  const minute = (t: number): number => Math.floor(t / MINUTE);
  const entriesAt = new Map<number, TimelineEntry[]>();
  timeline.forEach((e, i) => {
    const t = known[i]?.instant ?? null;
    if (t === null) return;
    const list = entriesAt.get(minute(t));
    if (list) list.push(e);
    else entriesAt.set(minute(t), [e]);
  });
  const freshAt = new Map<number, ImportRecord[]>();
  const fresh: ImportRecord[] = [];
  for (const r of valid) {
    const existing = entriesAt.get(minute(r.instant))?.find((e) => sameAs(entryBody(ctx, e), r));
    if (existing) {
      skipped.push({ source: r.source, ref: r.ref, reason: `already in the timeline (line ${existing.line})` });
      continue;
    }
    const twin = freshAt.get(minute(r.instant))?.find((f) => sameAs(recordText(f), r));
    if (twin) {
      skipped.push({ source: r.source, ref: r.ref, reason: `the same as ${twin.ref}` });
      continue;
    }
    fresh.push(r);
    const list = freshAt.get(minute(r.instant));
    if (list) list.push(r);
    else freshAt.set(minute(r.instant), [r]);
  }
  if (!fresh.length) return { edits: [], added: [], skipped };

  const sequence = mainSequence(ctx);
  // The entry to write like; one that gives no shape (a row read into a table without its pipes) yields to the others.
  let shape: Shape | null = null;
  if (sequence.length) {
    const template = templateEntry(ctx, sequence);
    for (const e of [
      template,
      ...sequence
        .map((i) => timeline[i] as TimelineEntry)
        .reverse()
        .filter((e) => e !== template),
    ]) {
      shape = shapeOf(ctx, e);
      if (shape) break;
    }
  }
  if (!shape) return emptyTimelineImport(ctx, fresh, zone, eol, skipped, options);
  // "1. 1. 1.": a list numbered all alike stays so.
  const numbers = sequence.map((i) => listNumber(ctx, timeline[i] as TimelineEntry)).filter((n) => n !== null);
  const lazyNumbers = numbers.length > 1 && numbers.every((n) => n === numbers[0]);

  // Each record goes after the last entry of the sequence not later than it (entries without an instant travel with
  // the one above them), or before the first.
  // In a timeline that is out of order somewhere, the last place where it fits between its neighbours wins.
  const timed = sequence.filter((i) => (known[i]?.instant ?? null) !== null);
  const plan: Planned[] = fresh.map((record) => {
    let after = -1;
    for (const i of timed) if ((known[i]!.instant as number) <= record.instant) after = i;
    for (let k = timed.length - 1; k >= -1; k--) {
      const prev = k >= 0 ? (known[timed[k] as number]!.instant as number) : -Infinity;
      const next = k + 1 < timed.length ? (known[timed[k + 1] as number]!.instant as number) : Infinity;
      if (prev <= record.instant && record.instant <= next) {
        after = k >= 0 ? (timed[k] as number) : -1;
        break;
      }
    }
    // Entries without an instant below the one it goes after travel with it.
    if (after >= 0) {
      let pos = sequence.indexOf(after);
      while (pos + 1 < sequence.length && (known[sequence[pos + 1] as number]?.instant ?? null) === null) pos++;
      after = sequence[pos] as number;
    }
    return { record, after, forceDate: false };
  });

  const write = (): { edits: TextEdit[]; added: AddedEntry[] } => {
    const byPlace = new Map<number, Planned[]>();
    for (const p of plan) {
      const list = byPlace.get(p.after);
      if (list) list.push(p);
      else byPlace.set(p.after, [p]);
    }
    const edits: TextEdit[] = [];
    const added: AddedEntry[] = [];
    const firstPlace = Math.min(...byPlace.keys());
    // A numbered list is renumbered below what is inserted into it: each item moves down by the items inserted above it.
    const insertAt = (after: number): number => {
      const anchor = after >= 0 ? (timeline[after] as TimelineEntry) : (timeline[sequence[0] as number] as TimelineEntry);
      if (after < 0) return lineBounds(ctx.text, anchor.start).start;
      return anchor.kind === 'table-row' ? lineBounds(ctx.text, anchor.start).end : trimEnd(ctx.text, anchor.start, anchor.end);
    };
    const shiftOf = (entryIndex: number): number => {
      if (lazyNumbers) return 0;
      const e = timeline[entryIndex] as TimelineEntry;
      let n = 0;
      for (const [after, list] of byPlace) {
        const group = ctx.groups[after >= 0 ? after : (sequence[0] as number)];
        if (group === ctx.groups[entryIndex] && e.start >= insertAt(after) && (after < 0 || entryIndex !== after)) n += list.length;
      }
      return n;
    };
    const renumbered: TextEdit[] = [];
    timeline.forEach((e, i) => {
      const m = /^[ \t]*(\d{1,9})[.)]/.exec(ctx.text.slice(e.start, e.start + 16));
      if (!m || e.kind !== 'list-item') return;
      const shift = shiftOf(i);
      if (!shift) return;
      const at = e.start + m[0].indexOf(m[1] as string);
      renumbered.push({ start: at, end: at + (m[1] as string).length, newText: String(Number(m[1]) + shift) });
    });
    for (const [after, list] of byPlace) {
      const anchor = after >= 0 ? (timeline[after] as TimelineEntry) : (timeline[sequence[0] as number] as TimelineEntry);
      const sep = separatorFor(ctx, sequence, after >= 0 ? after : (sequence[0] as number), eol);
      const a = known[after >= 0 ? after : (sequence[0] as number)];
      let previousDate = a && a.instant !== null && a.offsetMinutes !== null ? dateAt(a.instant, a.offsetMinutes) : null;
      let number = listNumber(ctx, anchor);
      // After an item: the numbers after its own (renumbered) one; before the first: from the first's.
      if (number !== null && !lazyNumbers) number = after >= 0 ? number + shiftOf(after) : number - 1;
      const lines: string[] = [];
      for (const p of list) {
        if (number !== null && !lazyNumbers) number++;
        // A timeline without dates gets one on the first entry written, so that every entry reads on the right day.
        const forced = p.forceDate || previousDate === null || (!ctx.datesKnown && after === firstPlace && p === list[0]);
        const line = entryLineText(p.record, shape, zone, forced ? { year: 0, month: 0, day: 0 } : previousDate, number, opts);
        lines.push(line);
        added.push({ record: p.record, line });
        const off = offsetAt(zone, p.record.instant) ?? 0;
        previousDate = dateAt(p.record.instant, off);
      }
      const at = insertAt(after);
      edits.push({
        start: at,
        end: at,
        newText: after >= 0 ? lines.map((l) => sep + l).join('') : lines.map((l) => l + sep).join(''),
      });
    }
    return { edits: mergeTouching([...edits.map((e) => closingOpenBlock(ctx.text, e, eol)), ...renumbered]), added };
  };

  // Write, read back, and write a date where a time without one reads as another day.
  let result = write();
  for (let attempt = 0; attempt < 2; attempt++) {
    const bad = misread(text, known, zone, result.edits, result.added, options);
    if (!bad.size) break;
    for (const p of plan) if (bad.has(p.record) || bad.has(null)) p.forceDate = true;
    result = write();
  }
  return { edits: result.edits, added: result.added, skipped };
}

/** An insertion and a replacement starting at one offset (new items before a renumbered first one) as one edit: no two edits touch. */
function mergeTouching(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.start === e.start && last.end === last.start)
      out[out.length - 1] = { start: e.start, end: e.end, newText: last.newText + e.newText };
    else out.push(e);
  }
  return out;
}

/**
 * An insertion where a code fence or an HTML block left open runs to the end of the document would be read as part
 * of it: close it first.
 */
function closingOpenBlock(text: string, edit: TextEdit, eol: string): TextEdit {
  const before = text.slice(0, edit.start);
  const closer = openBlockCloser(before, eol);
  if (!closer) return edit;
  // A fence inside a list item is closed at its own indentation.
  let fenceIndent = '';
  if (/^[`~]/.test(closer)) {
    const lines = before.split('\n');
    for (let k = lines.length - 1; k >= 0; k--) {
      const m = /^([ \t]*)(?:`{3,}|~{3,})/.exec(lines[k] ?? '');
      if (m) {
        fenceIndent = m[1] ?? '';
        break;
      }
    }
  }
  const lead = edit.start === 0 || text[edit.start - 1] === '\n' ? '' : eol;
  return { ...edit, newText: `${lead}${fenceIndent}${closer}${eol}${edit.newText.replace(/^(?:\r?\n)+/, '')}` };
}

/** End of an entry without the blank lines after it (spaces at the end of its last line stay with it). */
function trimEnd(text: string, start: number, end: number): number {
  let at = end;
  while (at > start && /\s/.test(text[at - 1] ?? '')) at--;
  while (at < end && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

function listNumber(ctx: ModelContext, entry: TimelineEntry): number | null {
  if (entry.kind !== 'list-item') return null;
  const m = /^[ \t]*(\d{1,9})[.)]/.exec(ctx.text.slice(entry.start, entry.start + 16));
  return m ? Number(m[1]) : null;
}

/** What separates entries of the sequence around `index`: the text between two neighbours when it is blank, else a line break (two for headings). */
function separatorFor(ctx: ModelContext, sequence: number[], index: number, eol: string): string {
  const pos = sequence.indexOf(index);
  const a = ctx.model.timeline[index] as TimelineEntry;
  // The neighbour in the same run (paragraph, list) first: a blank line between two runs is not between two entries.
  const candidates = [sequence[pos + 1], sequence[pos - 1]].filter((i): i is number => i !== undefined);
  const neighbourIndex = candidates.find((i) => ctx.groups[i] === ctx.groups[index]) ?? candidates[0];
  const neighbour = neighbourIndex === undefined ? undefined : ctx.model.timeline[neighbourIndex];
  if (neighbour) {
    const [first, second] = a.start < neighbour.start ? [a, neighbour] : [neighbour, a];
    const firstEnd = first.kind === 'table-row' ? lineBounds(ctx.text, first.start).end : trimEnd(ctx.text, first.start, first.end);
    const between = ctx.text.slice(firstEnd, lineBounds(ctx.text, second.start).start);
    if (/^\s*$/.test(between) && between.includes('\n')) return between.replace(/[ \t]+/g, '');
  }
  return a.kind === 'heading' || (a.kind === 'paragraph' && ctx.groups.filter((g) => g === ctx.groups[index]).length < 2) ? eol + eol : eol;
}

/** The entry whose shape new entries take: the last of the sequence, with a zone if most of them write one. */
function templateEntry(ctx: ModelContext, sequence: number[]): TimelineEntry {
  const entries = sequence.map((i) => ctx.model.timeline[i] as TimelineEntry).filter((e) => e.timestamp?.time);
  const zoned = entries.filter((e) => e.timestamp?.zone).length * 2 >= entries.length;
  return [...entries].reverse().find((e) => Boolean(e.timestamp?.zone) === zoned) ?? (entries[entries.length - 1] as TimelineEntry);
}

/** The date the document's timeline starts on, when it says (the summary's window, the front matter's date). */
function documentDate(ctx: ModelContext, zone: ZoneRef): SimpleDate | null {
  if (!ctx.datesKnown) return null;
  const w = ctx.model.summary.windowStart?.instant ?? ctx.model.summary.windowEnd?.instant ?? null;
  if (w !== null) return dateAt(w, offsetAt(zone, w) ?? 0);
  const fm = ctx.model.frontMatter?.date;
  const s = fm instanceof Date ? fm.toISOString() : typeof fm === 'string' ? fm : '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
}

/** Into a timeline section without entries, or a new one where the profile puts it. */
function emptyTimelineImport(
  ctx: ModelContext,
  fresh: ImportRecord[],
  zone: ZoneRef,
  eol: string,
  skipped: SkippedRecord[],
  options: ImportWriteOptions,
): WriteResult {
  const text = ctx.text;
  const opts = ctx.timeOptions;
  const existing = ctx.model.sections.find((s) => s.id === 'timeline');
  const profileSection =
    ctx.profile.sections.find((s) => s.id === 'timeline') ?? ctx.profile.sections.find((s) => s.holds?.includes('timeline'));
  // A new section opens with the profile's own lines before its entries ("All times UTC."), the zone filled in.
  const skeletonLines = profileSection?.skeleton.split('\n') ?? [];
  const firstEntryLine = skeletonLines.findIndex((l) => l.includes('${time}'));
  const opening = existing
    ? []
    : skeletonLines
        .slice(0, Math.max(0, firstEntryLine))
        .filter((l) => l.trim())
        .map((l) => l.replace(/\$\{zone\}/g, zone.text).replace(/\$\{\w+\}/g, ''));
  const statement = ctx.zoneSource === 'stated' || opening.some((l) => /\b(?:times?|timestamps?)\b/i.test(l));
  const shape = skeletonShape(ctx, zone, statement);
  const force = new Set<ImportRecord>();

  const write = (): { edits: TextEdit[]; added: AddedEntry[] } => {
    let previousDate = documentDate(ctx, zone);
    const added: AddedEntry[] = [];
    for (const record of fresh) {
      const original = previousDate === null || force.has(record) ? { year: 0, month: 0, day: 0 } : previousDate;
      const line = entryLineText(record, shape, zone, original, null, opts);
      added.push({ record, line });
      previousDate = dateAt(record.instant, offsetAt(zone, record.instant) ?? 0);
    }
    const entries = added.map((a) => a.line).join(eol);
    if (existing) {
      const at = trimEnd(text, existing.headingEnd, existing.end);
      const lead = at <= existing.headingEnd ? eol + eol : eol + eol;
      const trail = /\S/.test(text.slice(at)) && !/^\r?\n\r?\n/.test(text.slice(at)) ? eol : '';
      return {
        edits: [closingOpenBlock(text, { start: at, end: at, newText: `${lead}${entries}${trail}` }, eol)],
        added,
      };
    }
    if (!profileSection) {
      const at = trimEnd(text, 0, text.length);
      return {
        edits: [{ start: at, end: at, newText: `${at > 0 ? eol + eol : ''}## Timeline${eol}${eol}${entries}${eol}` }],
        added,
      };
    }
    const insertion = insertionFor(ctx, profileSection);
    const present = ctx.model.sections.filter((s) => s.id !== null);
    const depth = present.find((s) => s.depth <= 6)?.depth ?? ctx.profile.headingDepth;
    const skeleton = sectionText(ctx, profileSection, depth, eol);
    const heading = skeleton.slice(0, skeleton.indexOf(eol));
    const body = [heading, '', ...opening.flatMap((l) => [l, '']), entries].join(eol) + eol;
    const i = insertion.newText.indexOf(skeleton);
    const newText = i >= 0 ? insertion.newText.slice(0, i) + body + insertion.newText.slice(i + skeleton.length) : insertion.newText + body;
    return { edits: [{ start: insertion.start, end: insertion.end, newText }], added };
  };

  let result = write();
  for (let attempt = 0; attempt < 2; attempt++) {
    const bad = misread(text, ctx.model.timeline, zone, result.edits, result.added, options);
    if (!bad.size) break;
    for (const r of fresh) if (bad.has(r) || bad.has(null)) force.add(r);
    result = write();
  }
  return { ...result, skipped };
}
