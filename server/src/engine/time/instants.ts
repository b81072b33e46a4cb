/**
 * Wall dates and times to instants and back: calendar arithmetic on UTC milliseconds, and an IANA zone's wall time
 * read as the instant it names (gaps and overlaps of daylight saving resolved). Reading what is written is
 * timestamp.ts's job, carrying dates through a timeline resolve.ts's, writing times back format.ts's.
 */
import type { ZoneRef } from './types';
import { ianaOffset } from './iana';

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

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A wall date and time counted as if in UTC (epoch ms): the common ground of the arithmetic below. */
export function wallMs(date: SimpleDate, time: SimpleTime): number {
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

export function addDays(d: SimpleDate, n: number): SimpleDate {
  const t = new Date(wallMs(d, { hour: 12, minute: 0 }) + n * DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function wallHourAt(instant: number, offset: number): number {
  return new Date(instant + offset * MINUTE).getUTCHours();
}

export function dayIndex(d: SimpleDate): number {
  return Math.floor(wallMs(d, { hour: 0, minute: 0 }) / DAY);
}

/** The calendar date of `instant` at a fixed offset (minutes east of UTC). */
export function dateAt(instant: number, offsetMinutes: number): SimpleDate {
  const d = new Date(instant + offsetMinutes * MINUTE);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
