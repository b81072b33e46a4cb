/**
 * The incident index put together: rows grouped by the month or quarter their incident started in, with the count
 * and the median and 90th percentile of the duration, the time to detect and the time to resolve.
 *
 * Statistics:
 * - the median is the usual one: the middle value, or the mean of the two middle values for an even count;
 * - the 90th percentile is by nearest rank: the smallest value that at least 90% of the values are at or under
 *   (sorted ascending, the value at rank ceil(0.9 × n)); so it is always a value some incident had.
 * Only the figures a document states count: a missing figure is left out, never taken as zero. A group with no
 * figure for a measure has null statistics for it.
 *
 * Undated postmortems (no date stated) are not in any month: they form one last group whose period is null,
 * counted and summarised like the others from the figures they do give (a duration read from clock times is real).
 */
import type { IndexRow } from './row';

export type GroupBy = 'month' | 'quarter';

export interface Stat {
  median: number | null;
  p90: number | null;
}

export interface GroupSummary {
  /** "2024-06" (month) or "2024-Q2" (quarter); null for the undated postmortems. */
  period: string | null;
  /** The period's first instant and the next period's (epoch ms, UTC): null for the undated group. */
  from: number | null;
  to: number | null;
  count: number;
  durationMinutes: Stat;
  detectMinutes: Stat;
  resolveMinutes: Stat;
  /** The rows of the group, in order of their start (file name for undated ones). */
  rows: IndexRow[];
}

export interface Aggregation {
  groups: GroupSummary[];
  /** Rows without a date, in file order: also the last group. */
  undated: IndexRow[];
}

function finite(values: readonly (number | null | undefined)[]): number[] {
  return values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
}

/** The median of the finite values (mean of the two middle ones for an even count); null when there are none. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const v = finite(values);
  if (!v.length) return null;
  const mid = v.length >> 1;
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** The p-th percentile (0 < p ≤ 100) by nearest rank: the value at rank ceil(p/100 × n) of the sorted values. */
export function percentile(values: readonly (number | null | undefined)[], p: number): number | null {
  const v = finite(values);
  if (!v.length) return null;
  const rank = Math.min(v.length, Math.max(1, Math.ceil((p / 100) * v.length)));
  return v[rank - 1] as number;
}

export function stat(values: readonly (number | null | undefined)[]): Stat {
  return { median: median(values), p90: percentile(values, 90) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The period a dated row falls in, read on the calendar of the document's zone (an incident at 00:30 CET on March 1
 * is in March), or UTC when the zone is unknown.
 */
export function periodOf(row: Pick<IndexRow, 'start' | 'offsetMinutes'>, by: GroupBy): { period: string; from: number; to: number } | null {
  if (row.start === null || !Number.isFinite(row.start)) return null;
  const local = new Date(row.start + (row.offsetMinutes ?? 0) * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  if (by === 'month') return { period: `${year}-${pad(month + 1)}`, from: Date.UTC(year, month, 1), to: Date.UTC(year, month + 1, 1) };
  const q = Math.floor(month / 3);
  return { period: `${year}-Q${q + 1}`, from: Date.UTC(year, q * 3, 1), to: Date.UTC(year, q * 3 + 3, 1) };
}

/** Dated rows by start, then undated rows by file. */
export function sortRows(rows: readonly IndexRow[]): IndexRow[] {
  return [...rows].sort((a, b) => {
    if (a.start !== null && b.start !== null && a.start !== b.start) return a.start - b.start;
    if ((a.start === null) !== (b.start === null)) return a.start === null ? 1 : -1;
    return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
  });
}

/**
 * Rows of incidents that started at or after `since` (epoch ms). Undated rows are kept: nothing says they are older,
 * and a report never drops a postmortem it cannot place.
 */
export function filterSince(rows: readonly IndexRow[], since: number | null): IndexRow[] {
  if (since === null) return [...rows];
  return rows.filter((r) => r.start === null || r.start >= since);
}

function summarise(period: string | null, from: number | null, to: number | null, rows: IndexRow[]): GroupSummary {
  return {
    period,
    from,
    to,
    count: rows.length,
    durationMinutes: stat(rows.map((r) => r.durationMinutes)),
    detectMinutes: stat(rows.map((r) => r.detectMinutes)),
    resolveMinutes: stat(rows.map((r) => r.resolveMinutes)),
    rows,
  };
}

/** Groups of the rows by month or quarter, in time order, with the undated ones last. Periods without incidents are absent. */
export function aggregate(rows: readonly IndexRow[], by: GroupBy): Aggregation {
  const sorted = sortRows(rows);
  const groups = new Map<string, { from: number; to: number; rows: IndexRow[] }>();
  const undated: IndexRow[] = [];
  for (const row of sorted) {
    const p = periodOf(row, by);
    if (!p) {
      undated.push(row);
      continue;
    }
    const g = groups.get(p.period);
    if (g) g.rows.push(row);
    else groups.set(p.period, { from: p.from, to: p.to, rows: [row] });
  }
  const out = [...groups.entries()].sort((a, b) => a[1].from - b[1].from).map(([period, g]) => summarise(period, g.from, g.to, g.rows));
  if (undated.length) out.push(summarise(null, null, null, undated));
  return { groups: out, undated };
}
