/**
 * Writes imported records into a postmortem's timeline, like the timeline is written: its shape (list item, numbered
 * item, paragraph line, table row, heading), its timestamp style (date format, 12/24 h, zone notation) and its zone
 * (the instants converted, a date written where the day changes). Entries are merged in chronological order; a
 * record already in the timeline (same minute, similar text) is skipped; the rest of the document is not touched.
 * Pure: text, records and options in, edits out.
 */
import { applyEdits, readContext } from '../commands';
import type { ModelContext } from '../model';
import { phasesOf } from '../model/timeline';
import { insertionFor, openBlockCloser, sectionText } from '../rules/required-sections';
import { abbreviationFor, findTimestamps, formatLike, offsetAt, parseZone, scanLeadingTimestamp, shiftTimestamp } from '../time';
import type { ParsedTimestamp, SimpleDate, TimeOptions, ZoneRef } from '../time';
import type { LintOptions, TextEdit, TimelineEntry } from '../types';
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
/** A phase marker after an entry's timestamp, as the model reads it ("10:30 - [mitigated] …"). */
const MARKER_AFTER = /^[\s\-–—:|*_)\]]*\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/i;
const ANY_MARKER = /\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/gi;

// ---------------------------------------------------------------------------------------------
// Similarity: when an imported record is an entry already there.

/** Words that say nothing on their own ("Acknowledged by Ada" is "Ada acknowledged the page"). */
const STOP_WORDS = new Set(['a', 'an', 'the', 'by', 'to', 'of', 'in', 'on', 'at', 'and', 'or', 'is', 'was', 'were', 'be', 'for', 'with', 'from', 'it', 'as']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(ANY_MARKER, ' ')
    .replace(/<[^>]*>|[*_~`\\]/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w));
}

/**
 * Two texts say the same thing when, word for word (lowercase, markup, phase markers, punctuation and a few
 * words such as "the" and "by" dropped), at
 * least 80% of the shorter text's words are in the longer one and the shorter has at least half as many words.
 */
export function similarText(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return wa.length === wb.length;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const bag = new Map<string, number>();
  for (const w of long) bag.set(w, (bag.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of short) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      shared++;
      bag.set(w, n - 1);
    }
  }
  return shared / short.length >= 0.8 && short.length / long.length >= 0.5;
}

/** The words of a record as an entry shows them: its author and its text. */
function recordText(r: ImportRecord): string {
  return r.author ? `${r.author} ${r.text}` : r.text;
}

/** Whether an entry's text (or a record about to be written) says what the record says, with or without its author. */
function sameAs(text: string, r: ImportRecord): boolean {
  return similarText(text, recordText(r)) || similarText(text, r.text);
}

/** The text of an entry without its timestamp (every cell of a table row). */
function entryBody(ctx: ModelContext, e: TimelineEntry): string {
  const lineEnd = lineOf(ctx.text, e.start).end;
  const ts = e.timestamp;
  const first = ctx.text.slice(e.start, Math.max(lineEnd, e.start));
  if (!ts) return first;
  return `${ctx.text.slice(e.start, ts.start)} ${ctx.text.slice(ts.end, Math.max(ts.end, lineEnd))}`;
}

function sameMinute(a: number, b: number): boolean {
  return Math.floor(a / MINUTE) === Math.floor(b / MINUTE);
}

// ---------------------------------------------------------------------------------------------
// Text helpers.

function lineOf(text: string, at: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  let end = text.indexOf('\n', at);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  return { start, end };
}

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

function dateAt(instant: number, offsetMinutes: number): SimpleDate {
  const d = new Date(instant + offsetMinutes * MINUTE);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Split a table row into its cells' raw text (between unescaped pipes), and whether it had outer pipes. */
function splitRow(row: string): { cells: string[]; lead: boolean; trail: boolean } {
  const t = row.trim();
  const lead = t.startsWith('|');
  const trail = t.length > 1 && t.endsWith('|') && !t.endsWith('\\|');
  const inner = t.slice(lead ? 1 : 0, trail ? -1 : undefined);
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as string;
    if (c === '\\' && inner[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (c === '|') {
      cells.push(cur);
      cur = '';
    } else cur += c;
  }
  cells.push(cur);
  return { cells, lead, trail };
}

/** The text of a written entry kept to Markdown that reads back as it was written. */
function escapeInline(text: string, kind: TimelineEntry['kind']): string {
  let out = text.replace(/<(?=[A-Za-z!/?])/g, '\\<');
  if (kind === 'table-row') out = out.replace(/(?<!\\)\|/g, '\\|');
  if (kind === 'heading') out = out.replace(/#+\s*$/, (m) => m.replace(/#/g, '\\#'));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The shape new entries take.

interface Shape {
  kind: TimelineEntry['kind'];
  /** The timestamp to write like (without a date that sits in another table cell). */
  stamp: ParsedTimestamp;
  includeZone: boolean;
  /** Text before the timestamp on its line ("- ", "1. ", "### ", "**"). */
  prefix: string;
  /** Between the timestamp and the text (" — ", "** - "). */
  after: string;
  /** Whether the document writes phases as "[phase]" markers. */
  markers: boolean;
  table?: TableShape;
}

interface TableShape {
  cells: string[];
  lead: boolean;
  trail: boolean;
  timeCell: number;
  /** Text around the timestamp in its cell. */
  timeBefore: string;
  timeAfter: string;
  textCell: number;
  authorCell: number;
  phaseCell: number;
  dateCell: number;
  /** The date as written in its own cell, to write others like it. */
  dateStamp: ParsedTimestamp | null;
}

function tableShape(ctx: ModelContext, entry: TimelineEntry, ts: ParsedTimestamp): { shape: TableShape; stamp: ParsedTimestamp } | null {
  const text = ctx.text;
  const row = lineOf(text, entry.start);
  const { cells, lead, trail } = splitRow(text.slice(row.start, row.end));
  // A row read into a table without its pipes (a lazy line) is no row to write like.
  if (cells.length < 2 || !lead) return null;
  // Offsets of each cell in the row's line.
  const rowText = text.slice(row.start, row.end);
  const bounds: { start: number; end: number }[] = [];
  let at = rowText.indexOf(rowText.trim()) + (lead ? 1 : 0);
  for (const c of cells) {
    bounds.push({ start: row.start + at, end: row.start + at + c.length });
    at += c.length + 1;
  }
  const cellAt = (offset: number): number => bounds.findIndex((b) => offset >= b.start && offset <= b.end);
  const timeCell = cellAt(ts.time ? ts.time.start : ts.start);
  if (timeCell < 0) return null;
  let stamp = ts;
  let dateCell = -1;
  let dateStamp: ParsedTimestamp | null = null;
  if (ts.date && (ts.date.start < ts.start || ts.date.end > ts.end)) {
    dateCell = cellAt(ts.date.start);
    const { date: _moved, ...rest } = ts;
    stamp = rest;
    const b = bounds[dateCell];
    if (b) dateStamp = findTimestamps(text.slice(b.start, b.end), ctx.timeOptions).find((t) => t.date && !t.time) ?? null;
    if (!dateStamp) dateCell = -1;
  }
  // The header row names the columns.
  let headerLine = lineOf(text, row.start);
  while (headerLine.start > 0) {
    const prev = lineOf(text, headerLine.start - 1);
    if (!text.slice(prev.start, prev.end).includes('|')) break;
    headerLine = prev;
  }
  const header = splitRow(text.slice(headerLine.start, headerLine.end)).cells.map((c) => c.trim().toLowerCase());
  const find = (re: RegExp): number => header.findIndex((h, i) => i !== timeCell && i !== dateCell && re.test(h));
  const authorCell = find(/\b(who|owner|author|by|person|actor|responder|people|team)\b/);
  const phaseCell = find(/\b(phase|stage|type|status)\b/);
  let textCell = find(/\b(event|events|what|description|action|details?|summary|happened|update|notes?|activity|message)\b/);
  if (textCell < 0) textCell = cells.findIndex((_c, i) => i !== timeCell && i !== dateCell && i !== authorCell && i !== phaseCell);
  if (textCell < 0) return null;
  const b = bounds[timeCell] as { start: number; end: number };
  const shape: TableShape = {
    cells, lead, trail, timeCell, textCell, authorCell, phaseCell, dateCell, dateStamp,
    timeBefore: text.slice(b.start, stamp.start).replace(/^\s+/, ''),
    timeAfter: text.slice(stamp.end, b.end).replace(/\s+$/, ''),
  };
  return { shape, stamp: shiftTimestamp(stamp, -stamp.start) };
}


function usesMarkers(ctx: ModelContext): boolean {
  return ctx.model.timeline.some((e) => e.timestamp && MARKER_AFTER.test(ctx.text.slice(e.timestamp.end, e.end)));
}

/**
 * Whether a time without a zone would stand out (as timezone-missing reads it): no statement, and entries that write
 * a zone, other than a zone written once on the first entry for the whole timeline.
 */
function zoneExpected(ctx: ModelContext): boolean {
  if (ctx.zoneSource === 'stated') return false;
  const timeline = ctx.model.timeline;
  const zoned = timeline.filter((e) => e.timestamp?.zone && !e.timestamp.zone.unknown);
  if (!zoned.length) return false;
  return !(zoned.length === 1 && zoned[0] === timeline.find((e) => e.timestamp?.time));
}

/** The shape of an existing entry, to write new ones like it. */
function shapeOf(ctx: ModelContext, entry: TimelineEntry): Shape | null {
  const ts = entry.timestamp;
  if (!ts?.time) return null;
  const markers = usesMarkers(ctx);
  // A zone is written where the entry written like writes one, or where other entries write one and no statement
  // ("All times UTC") says it for all: a time without it would be the one without a zone.
  const includeZone = Boolean(ts.zone) || zoneExpected(ctx);
  if (entry.kind === 'table-row') {
    const t = tableShape(ctx, entry, ts);
    if (!t) return null;
    return { kind: 'table-row', stamp: t.stamp, includeZone, prefix: '', after: '', markers, table: t.shape };
  }
  const line = lineOf(ctx.text, entry.start);
  const prefix = ctx.text.slice(line.start, ts.start);
  const rest = ctx.text.slice(ts.end, line.end);
  let after = /^[^\p{L}\p{N}[@]*/u.exec(rest)?.[0] ?? ' — ';
  if (!after.trim()) after = ' — ';
  return { kind: entry.kind, stamp: shiftTimestamp(ts, -ts.start), includeZone, prefix, after, markers };
}

/** The shape of a timeline that has no entry yet: the profile's skeleton line ("- ${time} ${zone} - …"). */
function skeletonShape(ctx: ModelContext, zone: ZoneRef, statementWritten: boolean): Shape {
  const section = ctx.profile.sections.find((s) => s.holds?.includes('timeline') || s.id === 'timeline');
  const line = section?.skeleton.split('\n').find((l) => l.includes('${time}')) ?? '- ${time} ${zone} - …';
  const zoneText = /^[A-Za-z_]+\/[A-Za-z_]+/.test(zone.text) || /\s/.test(zone.text) ? zone.text : zone.text;
  const filled = line.replace('${time}', '00:00').replace(/\$\{zone\}/g, zoneText).replace(/\$\{\w+\}/g, '');
  const ts = scanLeadingTimestamp(filled, ctx.timeOptions);
  if (ts?.time) {
    const prefix = filled.slice(0, ts.start);
    const rest = filled.slice(ts.end);
    let after = /^[^\p{L}\p{N}[@…]*/u.exec(rest)?.[0] ?? ' - ';
    if (!after.trim()) after = ' - ';
    const stamp = shiftTimestamp(ts, -ts.start);
    const includeZone = Boolean(ts.zone) || !statementWritten;
    return { kind: 'list-item', stamp, includeZone, prefix, after, markers: false };
  }
  const fallback = scanLeadingTimestamp(`00:00 ${zone.text}`, ctx.timeOptions) as ParsedTimestamp;
  return { kind: 'list-item', stamp: fallback, includeZone: true, prefix: '- ', after: ' — ', markers: false };
}

// ---------------------------------------------------------------------------------------------
// Writing one entry.

interface Planned {
  record: ImportRecord;
  /** Where it goes: after existing entry `after` (-1: before the first one / into an empty timeline). */
  after: number;
  /** Write its date even where the entry before it is on the same day. */
  forceDate: boolean;
}

function phaseWord(p: string): string {
  return p.charAt(0).toUpperCase() + p.slice(1);
}

function bodyOf(record: ImportRecord, shape: Shape, authorInCell: boolean, phaseInCell: boolean): string {
  // A record's own "[Triggered]" is text, not the document's phase marker.
  let text = escapeInline(record.text, shape.kind).replace(/^\[/, '\\[');
  const author = record.author?.trim();
  if (author && !authorInCell) {
    const lower = record.text.toLowerCase();
    const named = lower.includes(author.toLowerCase()) || lower.includes(`${author.split(/\s+/)[0]!.toLowerCase()} `);
    if (!named) text = `${escapeInline(author, shape.kind)}: ${text}`;
  }
  if (record.phase && !phaseInCell && (shape.markers || !phasesOf(record.text).includes(record.phase))) text = `[${record.phase}] ${text}`;
  return text;
}

function writeStamp(instant: number, documentZone: ZoneRef, like: ParsedTimestamp, includeZone: boolean, previousDate: SimpleDate | null, opts: TimeOptions): string {
  // An entry written in its region's name ("ET") is in that region's season, even where the document's zone is one
  // season's abbreviation ("EST" in the summary): 3:12 AM EDT is not written "2:12 AM ET".
  const likeZone = like.zone;
  const docRegion = documentZone.region ?? documentZone.iana;
  const zone = likeZone?.generic && docRegion && (likeZone.region ?? likeZone.iana) === docRegion ? likeZone : documentZone;
  try {
    const out = formatLike(instant, zone, like, { ...opts, includeZone, originalDate: previousDate });
    // A zone written by its region's name ("ET", "Pacific Time") stays so: its season's abbreviation would read as
    // another zone than the document's half the year.
    const lz = like.zone;
    const region = zone.region ?? zone.iana;
    if (lz?.generic && region && (lz.region ?? lz.iana) === region) {
      const abbr = abbreviationFor(region, offsetAt(zone, instant) ?? 0);
      const at = abbr ? out.lastIndexOf(abbr) : -1;
      if (abbr && at >= 0 && !/\w/.test(out[at - 1] ?? '') && !/\w/.test(out[at + abbr.length] ?? '')) return out.slice(0, at) + lz.text + out.slice(at + abbr.length);
    }
    return out;
  } catch {
    const off = offsetAt(zone, instant) ?? 0;
    const d = new Date(instant + off * MINUTE);
    const p = (n: number): string => String(n).padStart(2, '0');
    return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${zone.text}`;
  }
}

function entryLineText(record: ImportRecord, shape: Shape, zone: ZoneRef, previousDate: SimpleDate | null, number: number | null, opts: TimeOptions): string {
  const stamp = writeStamp(record.instant, zone, shape.stamp, shape.includeZone, shape.table?.dateCell !== undefined && shape.table.dateCell >= 0 ? null : previousDate, opts);
  const t = shape.table;
  if (t) {
    const cells = t.cells.map(() => '');
    cells[t.timeCell] = `${t.timeBefore}${stamp}${t.timeAfter}`;
    if (t.dateCell >= 0 && t.dateStamp) {
      cells[t.dateCell] = writeStamp(record.instant, zone, shiftTimestamp(t.dateStamp, -t.dateStamp.start), false, null, opts);
    }
    if (t.authorCell >= 0 && record.author) cells[t.authorCell] = escapeInline(record.author, 'table-row');
    if (t.phaseCell >= 0 && record.phase) cells[t.phaseCell] = phaseWord(record.phase);
    cells[t.textCell] = bodyOf(record, shape, t.authorCell >= 0, t.phaseCell >= 0 && Boolean(record.phase));
    const inner = cells.map((c) => (c ? ` ${c} ` : ' ')).join('|');
    return `${t.lead ? '|' : ''}${inner}${t.trail ? '|' : ''}`;
  }
  const prefix = number === null ? shape.prefix : shape.prefix.replace(/\d+(?=[.)])/, String(number));
  return `${prefix}${stamp}${shape.after}${bodyOf(record, shape, false, false)}`;
}

// ---------------------------------------------------------------------------------------------
// The merge.

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
  return timeline.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === kind && e.timestamp && inSection(e)).map(({ i }) => i);
}

export function importIntoPostmortem(text: string, records: readonly ImportRecord[], options: ImportWriteOptions = {}): WriteResult {
  const ctx = readContext(text, options);
  const opts = ctx.timeOptions;
  const zone = writingZone(ctx, options.zone, opts);
  const eol = eolOf(text);
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
    for (const e of [template, ...sequence.map((i) => timeline[i] as TimelineEntry).reverse().filter((e) => e !== template)]) {
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
      if (after < 0) return lineOf(ctx.text, anchor.start).start;
      return anchor.kind === 'table-row' ? lineOf(ctx.text, anchor.start).end : trimEnd(ctx.text, anchor.start, anchor.end);
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
      edits.push({ start: at, end: at, newText: after >= 0 ? lines.map((l) => sep + l).join('') : lines.map((l) => l + sep).join('') });
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
    if (last && last.start === e.start && last.end === last.start) out[out.length - 1] = { start: e.start, end: e.end, newText: last.newText + e.newText };
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
    const firstEnd = first.kind === 'table-row' ? lineOf(ctx.text, first.start).end : trimEnd(ctx.text, first.start, first.end);
    const between = ctx.text.slice(firstEnd, lineOf(ctx.text, second.start).start);
    if (/^\s*$/.test(between) && between.includes('\n')) return between.replace(/[ \t]+/g, '');
  }
  return a.kind === 'heading' || (a.kind === 'paragraph' && ctx.groups.filter((g) => g === ctx.groups[index]).length < 2) ? eol + eol : eol;
}

/**
 * Which written records read back at another time (key null: an entry already there moved), so that they are
 * written again with their date. Compared as wall times in the writing zone: a timeline without any zone reads
 * its times in a floating zone.
 */
function misread(text: string, known: readonly Known[], zone: ZoneRef, edits: TextEdit[], added: AddedEntry[], options: ImportWriteOptions): Set<ImportRecord | null> {
  const bad = new Set<ImportRecord | null>();
  if (!edits.length) return bad;
  const after = readContext(applyEdits(text, edits), options);
  const ours = new Map(added.map((a) => [a.line.trim(), a.record]));
  const wall = (instant: number | null, offset: number | null): number | null => (instant === null ? null : instant + (offset ?? 0) * MINUTE);
  let k = 0;
  for (const e of after.model.timeline) {
    const line = lineOf(after.text, e.start);
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

interface Known {
  instant: number | null;
  offsetMinutes: number | null;
}

/** The entry whose shape new entries take: the last of the sequence, with a zone if most of them write one. */
function templateEntry(ctx: ModelContext, sequence: number[]): TimelineEntry {
  const entries = sequence.map((i) => ctx.model.timeline[i] as TimelineEntry).filter((e) => e.timestamp?.time);
  const zoned = entries.filter((e) => e.timestamp?.zone).length * 2 >= entries.length;
  return [...entries].reverse().find((e) => Boolean(e.timestamp?.zone) === zoned) ?? (entries[entries.length - 1] as TimelineEntry);
}

/**
 * The instants of the timeline's entries. A timeline without any date is read on an assumed day: it is read again on
 * the day of the first record (as if the document said so), so that records fall between the right entries.
 */
function knownInstants(ctx: ModelContext, text: string, options: ImportWriteOptions, first: ImportRecord, zone: ZoneRef): Known[] {
  const own = ctx.model.timeline.map((e) => ({ instant: e.instant, offsetMinutes: e.offsetMinutes }));
  if (ctx.datesKnown || /^\uFEFF?---/.test(text)) return own;
  const d = dateAt(first.instant, offsetAt(zone, first.instant) ?? 0);
  const p = (n: number): string => String(n).padStart(2, '0');
  const dated = readContext(`---\ndate: ${d.year}-${p(d.month)}-${p(d.day)}\n---\n\n${text}`, options);
  if (dated.model.timeline.length !== own.length) return own;
  return dated.model.timeline.map((e) => ({ instant: e.instant, offsetMinutes: e.offsetMinutes }));
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
function emptyTimelineImport(ctx: ModelContext, fresh: ImportRecord[], zone: ZoneRef, eol: string, skipped: SkippedRecord[], options: ImportWriteOptions): WriteResult {
  const text = ctx.text;
  const opts = ctx.timeOptions;
  const existing = ctx.model.sections.find((s) => s.id === 'timeline');
  const profileSection = ctx.profile.sections.find((s) => s.id === 'timeline') ?? ctx.profile.sections.find((s) => s.holds?.includes('timeline'));
  // A new section opens with the profile's own lines before its entries ("All times UTC."), the zone filled in.
  const skeletonLines = profileSection?.skeleton.split('\n') ?? [];
  const firstEntryLine = skeletonLines.findIndex((l) => l.includes('${time}'));
  const opening = existing ? [] : skeletonLines.slice(0, Math.max(0, firstEntryLine)).filter((l) => l.trim()).map((l) => l.replace(/\$\{zone\}/g, zone.text).replace(/\$\{\w+\}/g, ''));
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
      return { edits: [closingOpenBlock(text, { start: at, end: at, newText: `${lead}${entries}${trail}` }, eol)], added };
    }
    if (!profileSection) {
      const at = trimEnd(text, 0, text.length);
      return { edits: [{ start: at, end: at, newText: `${at > 0 ? eol + eol : ''}## Timeline${eol}${eol}${entries}${eol}` }], added };
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
