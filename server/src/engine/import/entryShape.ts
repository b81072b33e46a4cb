/**
 * The shape new entries take, read from an entry already in the timeline (list item, numbered item, paragraph line,
 * table row and its columns, heading; the timestamp's style; phase markers) or from the profile's skeleton line, and
 * one record written in it.
 */
import type { ModelContext } from '../model';
import { phasesOf } from '../model/timeline';
import { abbreviationFor, findTimestamps, formatLike, offsetAt, plainStamp, scanLeadingTimestamp, shiftTimestamp } from '../time';
import type { ParsedTimestamp, SimpleDate, TimeOptions, ZoneRef } from '../time';
import type { TimelineEntry } from '../types';
import { lineBounds } from '../util/lines';
import type { ImportRecord } from './types';

/** A phase marker after an entry's timestamp, as the model reads it ("10:30 - [mitigated] …"). */
const MARKER_AFTER = /^[\s\-–—:|*_)\]]*\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/i;

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

export interface Shape {
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
  const row = lineBounds(text, entry.start);
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
  let headerLine = lineBounds(text, row.start);
  while (headerLine.start > 0) {
    const prev = lineBounds(text, headerLine.start - 1);
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
    cells,
    lead,
    trail,
    timeCell,
    textCell,
    authorCell,
    phaseCell,
    dateCell,
    dateStamp,
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
export function shapeOf(ctx: ModelContext, entry: TimelineEntry): Shape | null {
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
  const line = lineBounds(ctx.text, entry.start);
  const prefix = ctx.text.slice(line.start, ts.start);
  const rest = ctx.text.slice(ts.end, line.end);
  let after = /^[^\p{L}\p{N}[@]*/u.exec(rest)?.[0] ?? ' — ';
  if (!after.trim()) after = ' — ';
  return { kind: entry.kind, stamp: shiftTimestamp(ts, -ts.start), includeZone, prefix, after, markers };
}

/** The shape of a timeline that has no entry yet: the profile's skeleton line ("- ${time} ${zone} - …"). */
export function skeletonShape(ctx: ModelContext, zone: ZoneRef, statementWritten: boolean): Shape {
  const section = ctx.profile.sections.find((s) => s.holds?.includes('timeline') || s.id === 'timeline');
  const line = section?.skeleton.split('\n').find((l) => l.includes('${time}')) ?? '- ${time} ${zone} - …';
  const zoneText = /^[A-Za-z_]+\/[A-Za-z_]+/.test(zone.text) || /\s/.test(zone.text) ? zone.text : zone.text;
  const filled = line
    .replace('${time}', '00:00')
    .replace(/\$\{zone\}/g, zoneText)
    .replace(/\$\{\w+\}/g, '');
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

function writeStamp(
  instant: number,
  documentZone: ZoneRef,
  like: ParsedTimestamp,
  includeZone: boolean,
  previousDate: SimpleDate | null,
  opts: TimeOptions,
): string {
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
      if (abbr && at >= 0 && !/\w/.test(out[at - 1] ?? '') && !/\w/.test(out[at + abbr.length] ?? ''))
        return out.slice(0, at) + lz.text + out.slice(at + abbr.length);
    }
    return out;
  } catch {
    return plainStamp(instant, zone);
  }
}

export function entryLineText(
  record: ImportRecord,
  shape: Shape,
  zone: ZoneRef,
  previousDate: SimpleDate | null,
  number: number | null,
  opts: TimeOptions,
): string {
  const stamp = writeStamp(
    record.instant,
    zone,
    shape.stamp,
    shape.includeZone,
    shape.table?.dateCell !== undefined && shape.table.dateCell >= 0 ? null : previousDate,
    opts,
  );
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
