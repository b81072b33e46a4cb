/**
 * What resolveSequence (./resolve.ts) keeps between the lints of one document: per stamp, the state it was read in
 * (the date, zone and instant carried from the entry before), the state it left and what it resolved to. A stamp read
 * again in the same state, under the same timeline-wide readings, resolves the same: on a long document that is
 * every entry but the one being typed in and, at times, the few after it.
 */
import type { SimpleDate } from './instants';
import type { ParsedTimestamp, ZoneRef } from './types';

type Day = { year?: number; month: number; day: number };

/** What is carried from one stamp to the next. */
export interface ResolveState {
  curDate: SimpleDate | null;
  curDateInferred: boolean;
  curZone: ZoneRef | null;
  prevInstant: number | null;
  prevHour: number | null;
  firstDate: SimpleDate | null;
  lineDate: Day | null;
  lineShift: number;
}

/** `R`: what a stamp resolved to (resolve.ts's ResolvedStamp, named here without importing it). */
export interface ResolveMemo<R> {
  /** The timeline-wide readings the kept results were made under: a change empties the table. */
  key: string;
  byStamp: WeakMap<
    ParsedTimestamp,
    { hint: 'am' | 'pm' | undefined; fromLine: boolean; before: ResolveState; after: ResolveState; out: R }
  >;
}

export function createResolveMemo<R>(): ResolveMemo<R> {
  return { key: '', byStamp: new WeakMap() };
}

export function sameDay(a: Day | null, b: Day | null): boolean {
  return a === b || (a !== null && b !== null && a.year === b.year && a.month === b.month && a.day === b.day);
}

export function sameZone(a: ZoneRef | null | undefined, b: ZoneRef | null | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.text === b.text && a.iana === b.iana && a.offsetMinutes === b.offsetMinutes && a.unknown === b.unknown;
}

function zoneKey(z: ZoneRef | null | undefined): string {
  return z ? `${z.text}|${z.iana ?? ''}|${z.offsetMinutes ?? ''}|${z.unknown ? 1 : 0}` : '-';
}

/** The readings that hold for the whole timeline of one call. */
export function memoKey(
  ctx: { baseDate?: SimpleDate | null; baseDateInferred?: boolean; zone?: ZoneRef | null },
  inferMeridiem: boolean,
  bareTwelve: boolean,
  anyZone: boolean,
): string {
  const b = ctx.baseDate;
  const base = b ? `${b.year}-${b.month}-${b.day}` : '-';
  return `${inferMeridiem ? 1 : 0}${bareTwelve ? 1 : 0}${anyZone ? 1 : 0}${ctx.baseDateInferred ? 1 : 0} ${base} ${zoneKey(ctx.zone)}`;
}
