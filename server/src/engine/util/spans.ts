/**
 * Spans of time (a number of minutes) written for a reader, in the four house styles. Writing a
 * duration back the way the document wrote it ("7 hours and 5 minutes") is time/durations.ts
 * formatDuration's job, not this.
 */

/** Compact, for hovers: 63 → "1h03m", 12 → "12m", 1500 → "25h00m"; negative spans get a minus sign. */
export function compactSpan(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? `${sign}${h}h${String(m).padStart(2, '0')}m` : `${sign}${m}m`;
}

/** Spaced, for the preview's figures: 0 → "0m", 267 → "4h 27m", 120 → "2h", 1500 → "1d 1h" (days from 24 hours, to the hour). */
export function spacedSpan(minutes: number): string {
  if (minutes >= 1440) {
    const d = Math.floor(minutes / 1440);
    const hours = Math.round((minutes - d * 1440) / 60);
    return hours ? `${d}d ${hours}h` : `${d}d`;
  }
  const sign = minutes < 0 ? '-' : '';
  const total = Math.round(Math.abs(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${sign}${m}m`;
  return m ? `${sign}${h}h ${m}m` : `${sign}${h}h`;
}

/** In words, for rule messages: 63 → "1 h 3 min", 120 → "2 h", 5 → "5 min" (no sign). */
export function describeMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (h && r) return `${h} h ${r} min`;
  if (h) return `${h} h`;
  return `${r} min`;
}

/** In the incident index (its tables and chart): 45 → "45 min", 443 → "7 h 23 min", 3120 → "2 d 4 h"; null → "—". */
export function indexSpan(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return '—';
  const total = Math.round(m);
  if (total < 60) return `${total} min`;
  if (total < 48 * 60) {
    const h = Math.floor(total / 60);
    const r = total % 60;
    return r ? `${h} h ${r} min` : `${h} h`;
  }
  const d = Math.floor(total / 1440);
  const h = Math.round((total % 1440) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}
