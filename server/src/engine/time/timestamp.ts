/**
 * Finding dates and times in a line of text.
 *
 * A fast scanner (a handful of module-level regular expressions, run only on lines that contain a
 * digit) reads the forms postmortems use; chrono-node's strict parser reads the rest, but only for
 * lines where a month name was left unread by the scanner, so its cost is paid rarely.
 *
 * Choices:
 * - "24:00" is accepted as the end of the day (hour 24, minute 0); resolving it gives 00:00 of the next day.
 *   "24:30" is a problem.
 * - "23:59:60" (a leap second) is reported as a problem: it cannot be placed on a timeline.
 * - Hours from 25 to 29 are read as impossible times (with a problem); "30:15" and above is not a time at all.
 * - "10.42" is a time only with a meridiem ("10.42pm"), an "h"/"hrs" suffix or a zone after it.
 * - "12: 30" (stray space) is a time unless a lower-case word follows ("12: 30 servers").
 * - Hour-only times need a meridiem ("6 PM", "6pm", "6 p.m.", "12 noon").
 * - "00:30 AM" is read as 00:30 without a problem; "00:30 PM" and "13:00 PM" are problems.
 */
import * as chrono from 'chrono-node';
import type { DateStyle, ParsedTimestamp, TimeOptions, TimeStyle } from './types';
import { DAYN_RE, findDates, MONTH_WORD_RE, monthWordOk, type DatePiece, type DayPiece } from './dateScan';
import { findTimes, NOON_WORD_RE, readZoneAfter, timeProblems, type TimePiece } from './clockScan';

export { daysInMonth, MONTH_NAMES, WEEKDAY_NAMES } from './dateScan';

// Module-level compiled expressions (global/sticky ones are reset before each use).
const HAS_DIGIT_RE = /\d/;
const ISO_T_RE = /T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?/y;

// "June 8, 2024, 10:42", "June 8 at 10:42", "2024-06-08T10:42", "June 8, 2024 - 10:42 PM" (a dash between spaces).
const DATE_TIME_GAP_RE = /^(?:T|\/|[ \t]*,?[ \t]*(?:(?:at|@)[ \t]+)?|[ \t]*@[ \t]*|[ \t]+[-–—][ \t]+)$/;
const TIME_DATE_GAP_RE = /^[ \t]*,?[ \t]*(?:on[ \t]+)?$/;
const DAY_TIME_GAP_RE = /^[ \t]*[,:-]?[ \t]*(?:at[ \t]+)?$/;
const LABEL_RE = /^[\s>*_#|[(-]*(?:\d{1,3}[.)][ \t]+)?[\s*_]*[^:\n]{1,60}?:[\s*_|)\]-]*$/;
const MARKUP_PREFIX_RE = /^[\s>*_#|[(~`+-]*(?:\d{1,3}[.)][ \t]+)?[\s>*_#|[(~`+-]*$/;

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function toTimestamp(text: string, date: DatePiece | undefined, time: TimePiece | undefined, day?: DayPiece): ParsedTimestamp {
  const starts: number[] = [];
  const ends: number[] = [];
  if (date) {
    starts.push(date.start);
    ends.push(date.end);
  }
  if (time) {
    starts.push(time.start);
    ends.push(time.fullEnd);
  }
  if (day) {
    starts.push(day.start);
    ends.push(day.end);
  }
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  const ts: ParsedTimestamp = { start, end, text: text.slice(start, end), problems: [] };
  if (date) {
    const dd: NonNullable<ParsedTimestamp['date']> = {
      month: date.month,
      day: date.day,
      start: date.start,
      end: date.end,
      style: date.style,
    };
    if (date.year !== undefined) dd.year = date.year;
    if (date.weekdayConflict) dd.weekdayConflict = date.weekdayConflict;
    ts.date = dd;
    ts.problems.push(...date.problems);
  }
  if (time) {
    const tt: NonNullable<ParsedTimestamp['time']> = {
      hour: time.hour,
      minute: time.minute,
      start: time.start,
      end: time.end,
      style: time.style,
    };
    if (time.second !== undefined) tt.second = time.second;
    ts.time = tt;
    if (time.zone) ts.zone = time.zone;
    ts.problems.push(...time.problems);
  }
  if (day) ts.relativeDay = { day: day.day, start: day.start, end: day.end };
  ts.source = date?.chrono ? 'chrono' : 'scanner';
  return ts;
}

/** Times written right after an ISO date with "T": "2024-06-08T22:42:00Z". */
function isoTimes(text: string, dates: DatePiece[], opts: TimeOptions | undefined, times: TimePiece[]): void {
  for (const d of dates) {
    if (d.style.kind !== 'iso') continue;
    ISO_T_RE.lastIndex = d.end;
    const m = ISO_T_RE.exec(text);
    if (!m) continue;
    const start = d.end + 1;
    const end = d.end + m[0].length;
    if (/\d/.test(text[end] ?? '')) continue;
    const style: TimeStyle = { clock: '24h', separator: ':', padHour: true, seconds: m[3] !== undefined };
    const piece: TimePiece = {
      start,
      end,
      fullEnd: end,
      hour: Number(m[1]),
      minute: Number(m[2]),
      style,
      problems: [],
    };
    if (m[3] !== undefined) piece.second = Number(m[3]);
    timeProblems(piece, text.slice(start, end));
    const zr = readZoneAfter(text, end, opts, true);
    if (zr) {
      piece.zone = zr.zone;
      piece.fullEnd = zr.end;
    }
    times.push(piece);
  }
}

/** A four-digit time right after a full date: "2022-02-20 1930" (not followed by more digits, a decimal or a clock). */
const DATE_HHMM_RE = /[ \t]+([01]\d|2[0-3])([0-5]\d)(?![\p{L}\p{N}/]|[.,:-]\d)/uy;

/** "2022-02-20 1930", "June 8, 2024 2242": a 24-hour time without a separator, read only right after a date with a year. */
function dateHhmmTimes(text: string, dates: DatePiece[], opts: TimeOptions | undefined, times: TimePiece[]): void {
  for (const d of dates) {
    if (d.year === undefined || d.needsTime) continue;
    DATE_HHMM_RE.lastIndex = d.end;
    const m = DATE_HHMM_RE.exec(text);
    if (!m) continue;
    const end = d.end + m[0].length;
    const start = end - 4;
    const style: TimeStyle = { clock: '24h', separator: '', padHour: true, seconds: false };
    const piece: TimePiece = {
      start,
      end,
      fullEnd: end,
      hour: Number(m[1]),
      minute: Number(m[2]),
      style,
      problems: [],
    };
    const zr = readZoneAfter(text, end, opts, false);
    if (zr) {
      piece.zone = zr.zone;
      piece.fullEnd = zr.end;
    }
    times.push(piece);
  }
}

/** Between the two times of a range: "1:42-1:59 PM", "11:30 - 1:15 PM", "01:58–02:00 CET", "10:00 to 10:30 UTC". */
const RANGE_GAP_RE = /^[ \t]*(?:[-–—~]|to|until|till)[ \t]*$/i;

/**
 * A range whose meridiem or zone is written only after its second time: the first time takes them too. The
 * meridiem is the one that puts the start at or before the end with the shortest span ("11:50-12:10 PM" starts at
 * 11:50 AM); the zone is the end's ("01:58–02:00 CET"), marked as borrowed.
 */
function shareRangeEnds(text: string, times: TimePiece[]): void {
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i]!;
    const b = times[i + 1]!;
    if (a.fullEnd !== a.end || a.problems.length || !RANGE_GAP_RE.test(text.slice(a.end, b.start))) continue;
    if (
      a.style.clock === '24h' &&
      !a.style.suffix &&
      !a.style.word &&
      a.style.separator !== '' &&
      b.style.clock === '12h' &&
      b.style.meridiemText !== undefined &&
      !b.problems.length &&
      a.hour >= 1 &&
      a.hour <= 12
    ) {
      const end = b.hour * 60 + b.minute;
      const span = (h: number): number => (end - (h * 60 + a.minute) + 1440) % 1440;
      const am = a.hour % 12;
      const pm = am + 12;
      a.hour = span(am) <= span(pm) ? am : pm;
      a.style = { ...a.style, clock: '12h', padHour: a.style.padHour && text[a.start] === '0' };
    }
    if (!a.zone && b.zone && !b.zone.unknown) a.zone = { ...b.zone, borrowed: true };
  }
}

const CHRONO_TAIL_RE = /[\s,;@-]*(?:at|on)?[\s,;@-]*$/i;

/** Dates the scanner left unread (a month name outside any date): read with chrono-node's strict parser. */
function chronoDates(text: string, dates: DatePiece[], times: TimePiece[]): void {
  let uncovered = false;
  MONTH_WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_WORD_RE.exec(text)) !== null) {
    const at = m.index;
    if (!monthWordOk(m[0])) continue;
    if (!dates.some((d) => d.start <= at && d.end > at)) {
      uncovered = true;
      break;
    }
  }
  if (!uncovered) return;
  const results = chrono.strict.parse(text, new Date(Date.UTC(2000, 0, 1)));
  for (const r of results) {
    if (!r.start.isCertain('day') || !r.start.isCertain('month')) continue;
    const start = r.index;
    let end = r.index + r.text.length;
    // Keep only the date part: a time inside chrono's match is read by the scanner.
    for (const t of times) {
      if (t.start > start && t.start < end) end = t.start;
    }
    const dateText = text.slice(start, end).replace(CHRONO_TAIL_RE, '');
    end = start + dateText.length;
    if (end <= start || !/\d/.test(dateText)) continue;
    const range = { start, end };
    if (dates.some((d) => overlaps(d, range)) || times.some((t) => overlaps(t, range))) continue;
    const month = r.start.get('month') ?? 1;
    const day = r.start.get('day') ?? 1;
    const hasYear = r.start.isCertain('year') && /\d{4}/.test(dateText);
    const firstDigit = dateText.search(/\d/);
    const firstLetter = dateText.search(/\p{L}/u);
    const style: DateStyle = {
      kind: firstDigit >= 0 && (firstLetter < 0 || firstDigit < firstLetter) ? 'long-dmy' : 'long',
      hasYear,
    };
    const p: DatePiece = { start, end, month, day, style, problems: [], chrono: true };
    if (hasYear) p.year = r.start.get('year') ?? undefined;
    dates.push(p);
  }
}

/**
 * Every date and time in one line of text, in order. Offsets are relative to `text`.
 * Impossible values are returned with `problems`, not dropped.
 */
/** The same timestamp read `by` characters further on (its date, time and zone moved with it). */
export function shiftTimestamp(ts: ParsedTimestamp, by: number): ParsedTimestamp {
  const moved: ParsedTimestamp = { ...ts, start: ts.start + by, end: ts.end + by };
  if (ts.date) moved.date = { ...ts.date, start: ts.date.start + by, end: ts.date.end + by };
  if (ts.time) moved.time = { ...ts.time, start: ts.time.start + by, end: ts.time.end + by };
  if (ts.zone) moved.zone = { ...ts.zone, start: ts.zone.start + by, end: ts.zone.end + by };
  return moved;
}

export function findTimestamps(text: string, opts?: TimeOptions): ParsedTimestamp[] {
  if (!HAS_DIGIT_RE.test(text)) {
    NOON_WORD_RE.lastIndex = 0;
    if (!NOON_WORD_RE.test(text)) return [];
  }
  const dates: DatePiece[] = [];
  findDates(text, opts, dates);
  // Overlapping dates: keep the earliest, longest.
  dates.sort((a, b) => a.start - b.start || b.end - a.end);
  for (let i = 1; i < dates.length; i++) {
    const cur = dates[i];
    const prev = dates[i - 1];
    if (cur && prev && overlaps(cur, prev)) {
      dates.splice(i, 1);
      i--;
    }
  }
  const times: TimePiece[] = [];
  isoTimes(text, dates, opts, times);
  dateHhmmTimes(text, dates, opts, times);
  findTimes(text, opts, times);
  const kept: TimePiece[] = [];
  times.sort((a, b) => a.start - b.start || b.fullEnd - a.fullEnd);
  for (const t of times) {
    if (dates.some((d) => overlaps(d, t))) continue;
    const last = kept[kept.length - 1];
    if (last && overlaps({ start: last.start, end: last.fullEnd }, t)) continue;
    kept.push(t);
  }
  shareRangeEnds(text, kept);

  chronoDates(text, dates, kept);
  dates.sort((a, b) => a.start - b.start);
  for (const t of kept) t.used = false;
  const out: ParsedTimestamp[] = [];
  // Date then time.
  for (const d of dates) {
    const t = kept.find((x) => x.start >= d.end && !x.used);
    if (!t) continue;
    if (DATE_TIME_GAP_RE.test(text.slice(d.end, t.start))) {
      d.used = true;
      t.used = true;
      out.push(toTimestamp(text, d, t));
    }
  }
  // Time then date: "10:00 AM UTC, February 14", "10:42 PM (WAT) on June 8, 2024".
  for (const t of kept) {
    if (t.used) continue;
    const d = dates.find((x) => x.start >= t.fullEnd);
    if (!d || d.used) continue;
    if (TIME_DATE_GAP_RE.test(text.slice(t.fullEnd, d.start))) {
      d.used = true;
      t.used = true;
      // "01:15 on 3 April 2024 (CEST)": the zone after the date is the time's.
      const zr = t.zone ? null : readZoneAfter(text, d.end, opts, false);
      const ts = toTimestamp(text, d, t);
      if (zr && !zr.zone.unknown) {
        ts.zone = zr.zone;
        ts.end = Math.max(ts.end, zr.end);
        ts.text = text.slice(ts.start, ts.end);
      }
      out.push(ts);
    }
  }
  // "Day 2, 09:00".
  DAYN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DAYN_RE.exec(text)) !== null) {
    const dp: DayPiece = { start: m.index, end: m.index + m[0].length, day: Number(m[1]) };
    const t = kept.find((x) => x.start >= dp.end);
    if (!t || t.used || dp.day < 1) continue;
    if (DAY_TIME_GAP_RE.test(text.slice(dp.end, t.start))) {
      t.used = true;
      out.push(toTimestamp(text, undefined, t, dp));
    }
  }
  for (const t of kept) if (!t.used) out.push(toTimestamp(text, undefined, t));
  for (const d of dates) if (!d.used && !d.needsTime) out.push(toTimestamp(text, d, undefined));
  out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * The timestamp that opens a line (a timeline entry), or null: the first timestamp when it starts
 * within the first 40 characters after nothing but markup ("- ", "**", "[", "|", "1. ", "### "),
 * or right after a short label ("**Issue Detected:** November 25, 10:00 AM (SAST+2)"),
 * or otherwise within the first 40 characters.
 */
export function scanLeadingTimestamp(text: string, opts?: TimeOptions): ParsedTimestamp | null {
  const all = findTimestamps(text, opts);
  const first = all[0];
  if (!first) return null;
  const prefix = text.slice(0, first.start);
  if (first.start <= 40) return first;
  if (MARKUP_PREFIX_RE.test(prefix) || LABEL_RE.test(prefix)) return first;
  return null;
}
