/**
 * From written timestamps to instants: a timeline's stamps resolved in order (writing them back is format.ts).
 *
 * Timeline heuristics (resolveSequence):
 * - A time without a date takes the date of the entry before it (or ctx.baseDate for the first; when no
 *   date is known anywhere, a synthetic 2000-01-01 and `dateInferred: true`).
 * - Midnight rollover: when the clock goes back, the date moves to the next day only if the step back is
 *   more than 12 hours, or more than 6 hours when the previous entry was in the evening (18:00 or later).
 *   A smaller step back (10:05 then 10:00) is an out-of-order entry and keeps the date.
 * - Under a date line (ctx.datesFromLine: the date is the line's, not written on the entry) the entries take the
 *   line's date, and cross midnight only from the evening into the next six hours (22:40 then 00:15): a writer who
 *   dates a group of entries and then writes an earlier time further from midnight ("18:01" then "03:54") wrote it
 *   out of order. Once crossed, the later entries under the same line stay on the next day.
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
import { addDays, DAY, dayIndex, HOUR, toInstant, wallHourAt, type SimpleDate, type SimpleTime } from './instants';
import type { ParsedTimestamp, TimeOptions, ZoneRef } from './types';
import { offsetAt } from './zones';
import { memoKey, sameDay, sameZone, type ResolveMemo, type ResolveState } from './resolveMemo';

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
  /** Per stamp, whether its date is a date line's above it ("**August 8, 2024**") rather than written on the entry. */
  datesFromLine?: boolean[];
  /** Kept by an incremental linter between lints: a stamp read again in the same state resolves as it did. */
  memo?: ResolveMemo<ResolvedStamp>;
  zone?: ZoneRef | null;
  opts?: TimeOptions;
}

const SYNTHETIC_BASE: SimpleDate = { year: 2000, month: 1, day: 1 };

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
  /** The date line the previous line-dated stamp stood under, and how many midnights were crossed under it. */
  let lineDate: { year?: number; month: number; day: number } | null = null;
  let lineShift = 0;
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

  const step = (s: ParsedTimestamp, index: number): ResolvedStamp => {
    // Made only for a stamp that has one (few do).
    let warnings: string[] | null = null;
    let zone: ZoneRef | null;
    let zoneInherited = false;
    if (s.zone && !s.zone.unknown) {
      zone = s.zone;
      // A bare time reads in the document zone when there is one, else in the last zone written.
      if (!ctx.zone) curZone = s.zone;
    } else {
      if (s.zone?.unknown)
        (warnings ??= []).push(`"${s.zone.text}" is not a time zone I know; read as ${curZone ? curZone.text : 'no zone'}`);
      zone = curZone;
      zoneInherited = zone !== null;
    }
    if (s.zone?.ambiguous)
      (warnings ??= []).push(`"${s.zone.text}" is ambiguous (${s.zone.ambiguous.join('; ')}); read as ${s.zone.ambiguous[0] ?? ''}`);
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
      if (warnings) res.warnings = warnings;
      return res;
    }

    if (!s.time) {
      const inst = toInstant(date, { hour: 0, minute: 0 }, zone, 0);
      res.instant = inst;
      res.date = date;
      res.dateOnly = true;
      res.offsetMinutes = zone ? (offsetAt(zone, inst ?? 0) ?? 0) : 0;
      curDate = date;
      curDateInferred = dateInferred;
      if (inst !== null) {
        prevInstant = inst;
        prevHour = 0;
      }
      if (warnings) res.warnings = warnings;
      return res;
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
    } else if (ctx.datesFromLine?.[index] === true && s.date) {
      const line = s.date;
      const same = lineDate !== null && lineDate.month === line.month && lineDate.day === line.day && lineDate.year === line.year;
      if (!same) lineShift = 0;
      lineDate = line;
      if (lineShift > 0) date = addDays(date, lineShift);
      placed = { instant: toInstant(date, time, zone, 0), date, rolled: false };
      // From the evening to at most six hours past midnight: a night going on, not a morning written out of order.
      const overnight =
        prevHour !== null && prevHour >= 18 && prevInstant !== null && placed.instant !== null && prevInstant - placed.instant >= 18 * HOUR;
      if (same && overnight) {
        const next = addDays(date, 1);
        const rolled = toInstant(next, time, zone, 0);
        if (rolled !== null) {
          placed = { instant: rolled, date: next, rolled: true };
          lineShift++;
        }
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
      } else if (
        ambiguous &&
        bareTwelve &&
        hint === undefined &&
        prevInstant !== null &&
        placed.instant !== null &&
        placed.instant < prevInstant
      ) {
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
      const off = zone ? (offsetAt(zone, placed.instant) ?? 0) : 0;
      res.offsetMinutes = off;
      prevInstant = placed.instant;
      prevHour = wallHourAt(placed.instant, off);
    }
    curDate = placed.date;
    curDateInferred = dateInferred;
    if (warnings) res.warnings = warnings;
    return res;
  };

  const memo = ctx.memo;
  const key = memo ? memoKey(ctx, inferMeridiem, bareTwelve, anyZone) : '';
  if (memo && memo.key !== key) {
    memo.key = key;
    memo.byStamp = new WeakMap();
  }
  /** Whether the state now is `st` (no copy made to compare). */
  const isNow = (st: ResolveState): boolean =>
    st.curDateInferred === curDateInferred &&
    st.prevInstant === prevInstant &&
    st.prevHour === prevHour &&
    st.lineShift === lineShift &&
    sameDay(st.curDate, curDate) &&
    sameDay(st.firstDate, firstDate) &&
    sameDay(st.lineDate, lineDate) &&
    sameZone(st.curZone, curZone);
  const now = (): ResolveState => ({ curDate, curDateInferred, curZone, prevInstant, prevHour, firstDate, lineDate, lineShift });

  // An index loop: `stamps.entries()` would allocate a pair per stamp, on every keystroke for every entry.
  for (let index = 0; index < stamps.length; index++) {
    const s = stamps[index];
    if (!s) {
      out.push({
        instant: null,
        offsetMinutes: null,
        zone: null,
        zoneInherited: false,
        date: null,
        unresolved: 'no timestamp',
      });
      continue;
    }
    if (!memo) {
      out.push(step(s, index));
      continue;
    }
    const hint = ctx.meridiemHints?.[index];
    const fromLine = ctx.datesFromLine?.[index] === true;
    const kept = memo.byStamp.get(s);
    if (kept && kept.hint === hint && kept.fromLine === fromLine && isNow(kept.before)) {
      ({ curDate, curDateInferred, curZone, prevInstant, prevHour, firstDate, lineDate, lineShift } = kept.after);
      out.push(kept.out);
      continue;
    }
    const before = now();
    const res = step(s, index);
    memo.byStamp.set(s, { hint, fromLine, before, after: now(), out: res });
    out.push(res);
  }
  return out;
}
