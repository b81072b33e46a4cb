/** Presenting instants and spans to a reader (hover, completion). Reading time is the engine's job. */

/** 63 → "1h03m" (engine/util/spans.ts compactSpan). */
export { compactSpan as formatSpan } from '../engine/util/spans';

export interface ZoneLike {
  text: string;
  offsetMinutes: number | null;
  iana?: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Wall-clock fields of `instant` in a zone (IANA name, else fixed offset, else UTC). */
export function wallClock(
  instant: number,
  zone: ZoneLike | null,
): { year: number; month: number; day: number; hour: number; minute: number } {
  if (zone?.iana) {
    try {
      const parts = new Intl.DateTimeFormat('en-US', {
        timeZone: zone.iana,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      }).formatToParts(new Date(instant));
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
      return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
    } catch {
      // An IANA name this runtime does not know: fall through to the fixed offset.
    }
  }
  const d = new Date(instant + (zone?.offsetMinutes ?? 0) * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

export function formatDateTime(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** "14:05": the wall clock of an instant in a zone, without its date. */
export function clockText(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

export function formatUtc(instant: number): string {
  return `${formatDateTime(instant, null)} UTC`;
}
