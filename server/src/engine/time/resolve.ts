/**
 * From written timestamps to instants, and back.
 *
 * Timeline heuristics (resolveSequence):
 * - A time without a date takes the date of the entry before it (or ctx.baseDate for the first; when no
 *   date is known anywhere, a synthetic 2000-01-01 and `dateInferred: true`).
 * - Midnight rollover: when the clock goes back, the date moves to the next day only if the step back is
 *   more than 12 hours, or more than 6 hours when the previous entry was in the evening (18:00 or later).
 *   A smaller step back (10:05 then 10:00) is an out-of-order entry and keeps the date.
 * - "Day 2, 09:00": day 1 is ctx.baseDate, else the first written date, else the synthetic base date.
 * - A date without a year takes the year of the entry before (or of ctx.baseDate); if that makes it more
 *   than six months earlier than the previous date, the year after (December then January).
 * - Entries without a zone use ctx.zone (the document zone) when given, else the previous explicit zone (`zoneInherited: true`); with no
 *   zone anywhere every entry is read in one floating zone at offset 0 (`zoneFloating: true`).
 *   An unknown zone ("XYZT") is treated like no zone, with a warning.
 * - A 12-hour timeline where an entry lacks AM/PM (at least two entries with a meridiem, no entry that is
 *   clearly 24-hour, i.e. 00:xx or 13:00 and later): the entry's meridiem is the one that places it
 *   closest after the previous entry (`meridiemInferred`).
 * - A timeline written without AM/PM and without any 24-hour time (00:xx, 13:00 and later): a time the document says
 *   is PM (ctx.meridiemHints, from a sub-heading or statement above it) is read as PM; otherwise a time that steps
 *   back from the entry before it but reads at most 3 hours after it as PM ("11:57" then "1:17") crossed noon, unless
 *   a small hour is written with a leading zero anywhere ("01:17" is a 24-hour clock).
 * - IANA zones: a wall time in a DST gap is moved forward by the gap (02:30 -> 03:30); a wall time in an
 *   overlap takes the first (earlier) instant.
 */
import type { DateStyle, ParsedTimestamp, TimeOptions, TimeStyle, ZoneRef } from './types';
import { abbreviationFor, formatOffset, ianaOffset, isKnownAbbreviation, offsetAt, parseZone } from './zones';
import { MONTH_NAMES, WEEKDAY_NAMES } from './timestamp';

export interface SimpleDate {
  year: number;
  month: number;
  day: number;
}

export interface SimpleTime {
  hour: number;
  minute: number;
  second?: number;
}

export interface ResolvedStamp {
  instant: number | null;
  offsetMinutes: number | null;
  zone: ZoneRef | null;
  zoneInherited: boolean;
  date: SimpleDate | null;
  /** Why `instant` is null. */
  unresolved?: string;
  /** The date is the synthetic base date (2000-01-01), or a date counted from it: only relative order is meaningful. */
  dateInferred?: boolean;
  /** No zone anywhere: read at offset 0 as a floating zone. */
  zoneFloating?: boolean;
  /** The date was moved to the next day because the clock went back across midnight. */
  rolledOver?: boolean;
  /** The year was not written and was taken from context. */
  yearInferred?: boolean;
  /** A date without a time: the instant is the start of that day. */
  dateOnly?: boolean;
  /** The meridiem was not written and was inferred from the neighbouring entries. */
  meridiemInferred?: 'am' | 'pm';
  /** Things worth telling the user that did not stop resolution. */
  warnings?: string[];
}

export interface ResolveContext {
  baseDate?: SimpleDate | null;
  /** The base date's year (or the whole date) is a stand-in, not stated: dates counted from it are `dateInferred`. */
  baseDateInferred?: boolean;
  /**
   * Per stamp, a meridiem the document says for it without writing it on the time: a sub-heading or a line above the
   * entries that says "PM" ("### Afternoon (PM)"). Only times written without AM/PM that could be either take it.
   */
  meridiemHints?: ('am' | 'pm' | undefined)[];
  zone?: ZoneRef | null;
  opts?: TimeOptions;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SYNTHETIC_BASE: SimpleDate = { year: 2000, month: 1, day: 1 };

function wallMs(date: SimpleDate, time: SimpleTime): number {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  d.setUTCHours(time.hour, time.minute, time.second ?? 0, 0);
  return d.getTime();
}

function ianaWallToInstant(name: string, wall: number): number | null {
  const before = ianaOffset(name, wall - 36 * HOUR);
  const after = ianaOffset(name, wall + 36 * HOUR);
  if (before === null || after === null) return null;
  const candidates = before === after ? [before] : [Math.max(before, after), Math.min(before, after)];
  for (const o of candidates) {
    const t = wall - o * MINUTE;
    if (ianaOffset(name, t) === o) return t;
  }
  // In a gap: read with the offset in force before the transition, which moves the time forward.
  return wall - before * MINUTE;
}

/**
 * Epoch milliseconds of a wall date and time in a zone. IANA zones (and generic region names) are
 * resolved at that wall time. Without a usable zone, `fallbackOffsetMinutes` is used; null when neither.
 */
export function toInstant(date: SimpleDate, time: SimpleTime, zone: ZoneRef | null, fallbackOffsetMinutes: number | null): number | null {
  const wall = wallMs(date, time);
  if (!Number.isFinite(wall)) return null;
  if (zone && !zone.unknown) {
    if (zone.iana) return ianaWallToInstant(zone.iana, wall);
    if (zone.offsetMinutes !== undefined && !zone.generic) return wall - zone.offsetMinutes * MINUTE;
    if (zone.region) return ianaWallToInstant(zone.region, wall);
  }
  if (fallbackOffsetMinutes === null) return null;
  return wall - fallbackOffsetMinutes * MINUTE;
}

function addDays(d: SimpleDate, n: number): SimpleDate {
  const t = new Date(wallMs(d, { hour: 12, minute: 0 }) + n * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function wallHourAt(instant: number, offset: number): number {
  return new Date(instant + offset * MINUTE).getUTCHours();
}

interface Rolled {
  instant: number | null;
  date: SimpleDate;
  rolled: boolean;
}

/** Place a time on `date`, rolling over to the next day when the clock went back across midnight. */
function placeTime(date: SimpleDate, time: SimpleTime, zone: ZoneRef | null, prevInstant: number | null, prevHour: number | null): Rolled {
  const inst = toInstant(date, time, zone, 0);
  if (inst === null || prevInstant === null) return { instant: inst, date, rolled: false };
  const back = prevInstant - inst;
  const evening = prevHour !== null && prevHour >= 18;
  if (back > 12 * HOUR || (back > 6 * HOUR && evening)) {
    const next = addDays(date, 1);
    return { instant: toInstant(next, time, zone, 0), date: next, rolled: true };
  }
  return { instant: inst, date, rolled: false };
}

function dayIndex(d: SimpleDate): number {
  return Math.floor(wallMs(d, { hour: 0, minute: 0 }) / DAY);
}

/** Resolve a timeline: dates, zones and midnight rollovers carried from entry to entry (see the file comment). */
export function resolveSequence(stamps: (ParsedTimestamp | null)[], ctx: ResolveContext): ResolvedStamp[] {
  const out: ResolvedStamp[] = [];
  const base = ctx.baseDate ?? null;
  const baseInferred = base !== null && ctx.baseDateInferred === true;
  let curDate: SimpleDate | null = null;
  let curDateInferred = false;
  let curZone: ZoneRef | null = ctx.zone ?? null;
  let prevInstant: number | null = null;
  let prevHour: number | null = null;
  let firstDate: SimpleDate | null = null;
  const anyZone = Boolean(ctx.zone) || stamps.some((s) => s?.zone && !s.zone.unknown);
  let twelve = 0;
  let definite24 = 0;
  // "01:00", "09:30": a leading zero is how a 24-hour clock writes small hours; a 12-hour one writes "1:00".
  let padded = 0;
  for (const s of stamps) {
    const t = s?.time;
    if (!t) continue;
    if (t.style.clock === '12h') twelve++;
    else if (t.hour === 0 || t.hour > 12) definite24++;
    else if (t.style.padHour && t.hour < 10) padded++;
  }
  const inferMeridiem = twelve >= 2 && definite24 === 0;
  // A timeline that never writes a 24-hour time (no 00:xx, nothing from 13:00) and no AM/PM is a 12-hour one: when its
  // clock goes back from late morning to a small hour ("11:57" then "1:17") it crossed noon, not ten hours back.
  const bareTwelve = !inferMeridiem && definite24 === 0 && padded === 0;

  for (const [index, s] of stamps.entries()) {
    if (!s) {
      out.push({ instant: null, offsetMinutes: null, zone: null, zoneInherited: false, date: null, unresolved: 'no timestamp' });
      continue;
    }
    const warnings: string[] = [];
    let zone: ZoneRef | null;
    let zoneInherited = false;
    if (s.zone && !s.zone.unknown) {
      zone = s.zone;
      // A bare time reads in the document zone when there is one, else in the last zone written.
      if (!ctx.zone) curZone = s.zone;
    } else {
      if (s.zone?.unknown) warnings.push(`"${s.zone.text}" is not a time zone I know; read as ${curZone ? curZone.text : 'no zone'}`);
      zone = curZone;
      zoneInherited = zone !== null;
    }
    if (s.zone?.ambiguous) warnings.push(`"${s.zone.text}" is ambiguous (${s.zone.ambiguous.join('; ')}); read as ${s.zone.ambiguous[0] ?? ''}`);
    const res: ResolvedStamp = { instant: null, offsetMinutes: null, zone, zoneInherited, date: null };
    if (!anyZone) res.zoneFloating = true;

    // The date.
    let date: SimpleDate;
    let dateInferred = false;
    let explicitDate = false;
    if (s.date) {
      explicitDate = true;
      let year = s.date.year;
      if (year === undefined) {
        res.yearInferred = true;
        const ref = curDate ?? base;
        if (ref) {
          year = ref.year;
          if (curDate && dayIndex(curDate) - dayIndex({ year, month: s.date.month, day: s.date.day }) > 183) year++;
          dateInferred = curDate ? curDateInferred : baseInferred;
        } else {
          year = SYNTHETIC_BASE.year;
          dateInferred = true;
        }
      }
      date = { year, month: s.date.month, day: s.date.day };
      if (!dateInferred && !firstDate) firstDate = date;
    } else if (s.relativeDay) {
      const anchor = (baseInferred ? null : base) ?? firstDate ?? base;
      date = addDays(anchor ?? SYNTHETIC_BASE, s.relativeDay.day - 1);
      dateInferred = anchor === null || (anchor === base && baseInferred);
      explicitDate = true;
    } else if (curDate) {
      date = curDate;
      dateInferred = curDateInferred;
    } else if (base) {
      date = base;
      dateInferred = baseInferred;
    } else {
      date = SYNTHETIC_BASE;
      dateInferred = true;
    }
    if (dateInferred) res.dateInferred = true;

    if (s.problems.length > 0) {
      res.unresolved = s.problems[0];
      if (warnings.length) res.warnings = warnings;
      out.push(res);
      continue;
    }

    if (!s.time) {
      const inst = toInstant(date, { hour: 0, minute: 0 }, zone, 0);
      res.instant = inst;
      res.date = date;
      res.dateOnly = true;
      res.offsetMinutes = zone ? offsetAt(zone, inst ?? 0) ?? 0 : 0;
      curDate = date;
      curDateInferred = dateInferred;
      if (inst !== null) {
        prevInstant = inst;
        prevHour = 0;
      }
      if (warnings.length) res.warnings = warnings;
      out.push(res);
      continue;
    }

    const time: SimpleTime = { hour: s.time.hour, minute: s.time.minute };
    if (s.time.second !== undefined) time.second = s.time.second;
    let placed: Rolled;
    const noMeridiem = s.time.style.clock === '24h' && s.time.hour >= 1 && s.time.hour <= 12;
    if (inferMeridiem && noMeridiem && prevInstant !== null && !explicitDate) {
      const h12 = s.time.hour % 12;
      let best: { p: Rolled; mer: 'am' | 'pm' } | null = null;
      for (const mer of ['am', 'pm'] as const) {
        const cand = placeTime(date, { ...time, hour: mer === 'am' ? h12 : h12 + 12 }, zone, prevInstant, prevHour);
        if (cand.instant === null) continue;
        const delta = cand.instant - prevInstant;
        const bestDelta = best?.p.instant == null ? Infinity : best.p.instant - prevInstant;
        const score = (x: number): number => (x >= 0 ? x : DAY + -x);
        if (!best || score(delta) < score(bestDelta)) best = { p: cand, mer };
      }
      if (best) {
        placed = best.p;
        res.meridiemInferred = best.mer;
        time.hour = best.mer === 'am' ? h12 : h12 + 12;
      } else {
        placed = placeTime(date, time, zone, prevInstant, prevHour);
      }
    } else if (explicitDate) {
      placed = { instant: toInstant(date, time, zone, 0), date, rolled: false };
    } else {
      placed = placeTime(date, time, zone, prevInstant, prevHour);
      const hint = ctx.meridiemHints?.[index];
      const ambiguous = noMeridiem && s.time.hour < 12 && definite24 === 0;
      if (ambiguous && hint === 'pm') {
        time.hour += 12;
        placed = placeTime(date, time, zone, prevInstant, prevHour);
        res.meridiemInferred = 'pm';
      } else if (ambiguous && bareTwelve && hint === undefined && prevInstant !== null && placed.instant !== null && placed.instant < prevInstant) {
        const pm = placeTime(date, { ...time, hour: time.hour + 12 }, zone, prevInstant, prevHour);
        if (pm.instant !== null && pm.instant >= prevInstant && pm.instant - prevInstant <= 3 * HOUR) {
          placed = pm;
          time.hour += 12;
          res.meridiemInferred = 'pm';
        }
      }
    }
    res.instant = placed.instant;
    res.date = placed.date;
    if (placed.rolled) res.rolledOver = true;
    if (placed.instant === null) {
      res.unresolved = zone ? `the time zone "${zone.text}" could not be read` : 'the time could not be read';
    } else {
      const off = zone ? offsetAt(zone, placed.instant) ?? 0 : 0;
      res.offsetMinutes = off;
      prevInstant = placed.instant;
      prevHour = wallHourAt(placed.instant, off);
    }
    curDate = placed.date;
    curDateInferred = dateInferred;
    if (warnings.length) res.warnings = warnings;
    out.push(res);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing a timestamp in the style of another.

function meridiemLike(original: string | undefined, pm: boolean): string {
  if (!original) return pm ? 'PM' : 'AM';
  const letter = original.replace(/[aApP]/, (c) => {
    const target = pm ? 'p' : 'a';
    return c === c.toUpperCase() ? target.toUpperCase() : target;
  });
  return letter;
}

function formatTime(hour: number, minute: number, second: number, style: TimeStyle): string {
  const sep = style.separator;
  const secText = style.seconds ? `${sep === '' ? '' : ':'}${String(second).padStart(2, '0')}` : '';
  if (style.clock === '12h') {
    if (style.word && minute === 0 && second === 0 && (hour === 12 || hour === 0) && !style.meridiemText) {
      const noon = hour === 12;
      const w = noon ? 'noon' : 'midnight';
      return style.word[0] === style.word[0]?.toUpperCase() ? w[0]?.toUpperCase() + w.slice(1) : w;
    }
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    const hText = style.padHour ? String(h12).padStart(2, '0') : String(h12);
    const mer = meridiemLike(style.meridiemText, hour >= 12);
    const space = style.meridiemText === undefined ? true : style.meridiemSpace === true;
    const sepText = sep === '' ? ':' : sep;
    const core = style.noMinutes && minute === 0 && !style.seconds ? hText : `${hText}${sepText}${String(minute).padStart(2, '0')}${secText}`;
    return `${core}${space ? ' ' : ''}${mer}`;
  }
  const hText = style.padHour ? String(hour).padStart(2, '0') : String(hour);
  return `${hText}${sep}${String(minute).padStart(2, '0')}${secText}${style.suffix ?? ''}`;
}

function formatDate(d: SimpleDate, style: DateStyle, originalText: string): string {
  const monthName = MONTH_NAMES[d.month - 1] ?? '';
  const month = style.shortMonth ? monthName.slice(0, 3) : monthName;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const weekdayLen = /^\p{L}+/u.exec(originalText)?.[0].length ?? 0;
  const wdName = WEEKDAY_NAMES[new Date(wallMs(d, { hour: 12, minute: 0 })).getUTCDay()] ?? '';
  const wd = weekdayLen > 0 && weekdayLen <= 4 ? wdName.slice(0, 3) : wdName;
  const ord = (n: number): string => {
    if (!style.ordinal) return String(n);
    const t = n % 100;
    const suf = t >= 11 && t <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
    return `${n}${suf}`;
  };
  switch (style.kind) {
    case 'iso': {
      const sep = style.separator ?? '-';
      return `${d.year}${sep}${style.pad === false ? d.month : pad(d.month)}${sep}${pad(d.day)}`;
    }
    case 'numeric': {
      const sep = style.separator ?? '/';
      const p = (n: number): string => (style.pad ? pad(n) : String(n));
      const y = style.twoDigitYear ? pad(d.year % 100) : String(d.year);
      const core = style.order === 'dmy' ? `${p(d.day)}${sep}${p(d.month)}` : `${p(d.month)}${sep}${p(d.day)}`;
      return style.hasYear === false ? core : `${core}${sep}${y}`;
    }
    case 'long-dmy': {
      const core = `${ord(d.day)} ${month}${style.hasYear ? `${style.comma ? ',' : ''} ${d.year}` : ''}`;
      return style.weekday ? `${wd}, ${core}` : core;
    }
    default: {
      const core = `${month} ${ord(d.day)}${style.hasYear ? `${style.comma === false ? '' : ','} ${d.year}` : ''}`;
      return style.weekday ? `${wd}, ${core}` : core;
    }
  }
}

/** A zone text for `zone` at `offset`, written in the form of `like` (an abbreviation, an offset, an IANA name…). */
function zoneTextLike(zone: ZoneRef, offset: number, like: ZoneRef | undefined, opts?: TimeOptions): string {
  const abbrOk = (a: string | undefined): a is string => {
    if (!a) return false;
    const z = parseZone(a, opts);
    return z !== null && z.offsetMinutes === offset && !z.generic;
  };
  const own = /^[A-Za-z]{1,5}$/.test(zone.text) && isKnownAbbreviation(zone.text.toUpperCase()) ? zone.text : undefined;
  const abbr = abbrOk(own) ? own : abbreviationFor(zone.region ?? zone.iana, offset);
  const pick = abbrOk(abbr) ? abbr : undefined;
  const likeText = like?.text ?? '';
  const m = /^(UTC|GMT|UT)?[ \t]?([+\-−])[ \t]?(\d{1,2})(:?)(\d{2})?$/i.exec(likeText);
  if (like && m) {
    const prefix = m[1];
    const colon = m[4] === ':';
    const pad = (m[3] ?? '').length === 2;
    const always = m[5] !== undefined;
    const body = formatOffset(offset, { colon: colon || !always ? true : false, pad, minutes: always ? 'always' : 'auto' });
    const fixedBody = always && !colon ? body.replace(':', '') : body;
    return `${prefix ?? ''}${fixedBody}`;
  }
  if (likeText === 'Z') return offset === 0 ? 'Z' : formatOffset(offset, { colon: true, minutes: 'always' });
  if (likeText.includes('/')) {
    if (zone.iana) return zone.iana;
    if (zone.generic && zone.region) return zone.region;
  }
  const ap = /^([A-Za-z]{2,5})([+\-−])(\d{1,2})(?::?(\d{2}))?$/.exec(likeText);
  if (ap && pick) return `${pick}${formatOffset(offset, { pad: false })}`;
  if (like && /\s/.test(likeText) && /time$/i.test(likeText)) {
    const named = pick ? parseZone(pick, opts) : null;
    if (zone.name && /time$/i.test(zone.name) && parseZone(zone.name, opts)?.offsetMinutes === offset) return zone.name;
    if (named?.name && /time$/i.test(named.name) && parseZone(named.name, opts)?.offsetMinutes === offset) return named.name;
  }
  if (pick) return pick;
  if (zone.iana) return zone.iana;
  return `UTC${formatOffset(offset)}`;
}

/** Whether the wall time of `instant` in an IANA `zone` also occurred earlier (the clocks went back): it reads as the first. */
function secondOccurrence(zone: ZoneRef, instant: number, offset: number): boolean {
  if (!zone.iana) return false;
  const wall = instant + offset * MINUTE;
  return [offsetAt(zone, instant - 6 * 60 * MINUTE), offsetAt(zone, instant - 60 * MINUTE)].some((other) => {
    if (other === null || other === offset) return false;
    const t = wall - other * MINUTE;
    return t < instant && offsetAt(zone, t) === other;
  });
}

/** For the second of two equal wall times, the zone's abbreviation (CET rather than Europe/Berlin) or the offset. */
function unambiguousZoneText(text: string, zone: ZoneRef, offset: number, opts?: TimeOptions): string {
  if (text !== zone.iana) return text;
  const abbr = abbreviationFor(zone.region ?? zone.iana, offset);
  const z = abbr ? parseZone(abbr, opts) : null;
  return abbr && z && !z.generic && z.offsetMinutes === offset ? abbr : `UTC${formatOffset(offset)}`;
}

export interface FormatOptions extends TimeOptions {
  /** The date the original timestamp stood for; a date is written when the new one differs from it. */
  originalDate?: SimpleDate | null;
  /** Write the zone even when the original had none (default true). */
  includeZone?: boolean;
}

/**
 * Write `instant` in `zone` in the style of `original`: 12/24-hour clock, padding, meridiem, separator,
 * seconds, the date in its own style (when the original had one, or when the new date differs from
 * `opts.originalDate`), and the zone in the form of the original zone. Text around the pieces of the
 * original (commas, "at", parentheses) is kept. The result reads back to the same instant.
 */
export function formatLike(instant: number, zone: ZoneRef, original: ParsedTimestamp, opts?: FormatOptions): string {
  const off = offsetAt(zone, instant) ?? 0;
  const w = new Date(instant + off * MINUTE);
  const date: SimpleDate = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate() };
  const hour = w.getUTCHours();
  const minute = w.getUTCMinutes();
  const second = w.getUTCSeconds();
  // The second of two equal wall times (the clocks went back) needs a zone that tells them apart, written even
  // where the original had none.
  const again = secondOccurrence(zone, instant, off);
  const zoneText = again ? unambiguousZoneText(zoneTextLike(zone, off, original.zone, opts), zone, off, opts) : zoneTextLike(zone, off, original.zone, opts);
  const base = original.start;
  const pieces: { start: number; end: number; text: string }[] = [];
  if (original.date) {
    pieces.push({ start: original.date.start - base, end: original.date.end - base, text: formatDate(date, original.date.style, original.text.slice(original.date.start - base)) });
  }
  if (original.time) {
    pieces.push({ start: original.time.start - base, end: original.time.end - base, text: formatTime(hour, minute, second, original.time.style) });
  }
  if (original.zone && !original.zone.borrowed) pieces.push({ start: original.zone.start - base, end: original.zone.end - base, text: zoneText });
  pieces.sort((a, b) => b.start - a.start);
  let text = original.text;
  for (const p of pieces) text = text.slice(0, p.start) + p.text + text.slice(p.end);
  if (!original.zone && original.time && (opts?.includeZone !== false || again)) text += ` ${zoneText}`;
  // A zone borrowed from the end of a range ("01:58–02:00 CET") is not rewritten there: the start says its own zone
  // when it differs.
  else if (original.zone?.borrowed && original.time && zoneText !== original.zone.text) text += ` ${zoneText}`;
  const od = opts?.originalDate;
  if (!original.date && original.time && od && (od.year !== date.year || od.month !== date.month || od.day !== date.day)) {
    const style: DateStyle = { kind: 'long', hasYear: true, comma: true };
    text = `${formatDate(date, style, '')}, ${text}`;
  }
  return text;
}
