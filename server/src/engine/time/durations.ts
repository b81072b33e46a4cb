/**
 * Durations written in prose: "8 hours", "2h 30m", "2 hrs 30 mins", "1.5 hours", "7 hours and 23 minutes",
 * "an hour", "half an hour", "an hour and a half", "one and a half hours", "1½ hours", "a half hour", "1:30 hours", "90 min",
 * "3 days", "a 2-hour outage".
 *
 * Conservative choices: a lone "s" ("10s") is not read (log output is full of them) unless it follows
 * another part ("1m 30s"); a lone "m" ("5m") is read as minutes only when nothing word-like follows
 * it or the next word is one that goes with a duration ("5m later", "30m outage"), since "5m users" means millions.
 */
import type { Duration } from './types';

const WORD_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['fifteen', 15],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['forty-five', 45],
  ['fifty', 50],
  ['sixty', 60],
  ['ninety', 90],
]);

const NUM = String.raw`(\d+(?:\.\d+)?|forty-five|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)`;
const UNIT = String.raw`(days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|d|h|m|s)`;
const COMPONENT_RE = new RegExp(String.raw`(?<![\p{L}\p{N}.:/$€£-])${NUM}([ \t]?-?[ \t]?)${UNIT}(?![\p{L}\p{N}])`, 'giu');
const NEXT_COMPONENT_RE = new RegExp(String.raw`(,?[ \t]*(?:and[ \t]+)?)${NUM}([ \t]?-?[ \t]?)${UNIT}(?![\p{L}\p{N}])`, 'iuy');
const AND_HALF_RE = /[ \t]+and[ \t]+(?:a[ \t]+)?half(?![\p{L}])/iuy;
const HALF_RE = /(?<![\p{L}])(?:half[ \t]+an?[ \t]+|an?[ \t]+half[ \t-]?)(hour|day|minute)(?![\p{L}])/giu;
/** "one and a half hours", "2 and a half days". */
const N_AND_HALF_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.])${NUM}[ \t]+and[ \t]+a[ \t]+half[ \t]+(days?|hours?|minutes?)(?![\p{L}\p{N}])`,
  'giu',
);
/** "1½ hours", "½ hour". */
const VULGAR_HALF_RE = /(?<![\p{L}\p{N}.])(\d*)½[ \t]?(days?|hours?|hrs?|minutes?|mins?)(?![\p{L}\p{N}])/giu;
/** "1:30 hours", "2:15 hrs", "0:45h": a clock-style span; only the H:MM is the duration's text, the unit stays. */
const CLOCK_HOURS_RE = /(?<![\p{L}\p{N}.:])(\d{1,3}):([0-5]\d)(?=[ \t]?(?:hours?|hrs?|h)(?![\p{L}\p{N}]))/giu;
const HAS_UNIT_HINT_RE =
  /\d|½|\b(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|half)\b/i;
const AFTER_M_OK_RE =
  /^(?:[ \t]*$|[ \t]*[^\p{L}\p{N}\s]|[ \t]+(?:of|later|after|before|ago|outage|downtime|delay|window|to|and|in|or|total|long|max|min)(?![\p{L}]))/iu;

type UnitKind = 'day' | 'hour' | 'minute' | 'second';

function unitKind(u: string): UnitKind {
  const c = u[0]?.toLowerCase();
  if (c === 'd') return 'day';
  if (c === 'h') return 'hour';
  if (c === 's') return 'second';
  return 'minute';
}

function unitForm(u: string): 'long' | 'abbr' | 'letter' {
  if (u.length === 1) return 'letter';
  const l = u.toLowerCase();
  if (l.startsWith('day') || l.startsWith('hour') || l.startsWith('minute') || l.startsWith('second')) return 'long';
  return 'abbr';
}

const MINUTES_PER: Record<UnitKind, number> = { day: 1440, hour: 60, minute: 1, second: 1 / 60 };

function numberValue(t: string): number | undefined {
  const w = WORD_NUMBERS.get(t.toLowerCase());
  if (w !== undefined) return w;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** "0300" before an hour unit, or "1430" glued to or abbreviating it ("1430hrs", "1430 hrs"): four digits that read as HHMM. */
function isMilitaryTime(num: string, unit: string, gap: string): boolean {
  const m = /^([01]\d|2[0-3])([0-5]\d)$/.exec(num);
  if (!m) return false;
  return num.startsWith('0') || gap === '' || unitForm(unit) !== 'long';
}

/** Every duration in a line of text, in order. */
export function findDurations(text: string): Duration[] {
  if (!HAS_UNIT_HINT_RE.test(text)) return [];
  const out: Duration[] = [];
  let m: RegExpExecArray | null;
  HALF_RE.lastIndex = 0;
  while ((m = HALF_RE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const kind = unitKind(m[1] ?? 'hour');
    out.push({
      minutes: MINUTES_PER[kind] / 2,
      start,
      end,
      text: m[0],
      style: 'words',
      format: { units: 'long', and: false, space: true, days: kind === 'day' },
    });
  }
  N_AND_HALF_RE.lastIndex = 0;
  while ((m = N_AND_HALF_RE.exec(text)) !== null) {
    const n = numberValue(m[1] ?? '');
    if (n === undefined) continue;
    const kind = unitKind(m[2] ?? 'hour');
    out.push({
      minutes: (n + 0.5) * MINUTES_PER[kind],
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      style: 'words',
      format: { units: 'long', and: true, space: true, days: kind === 'day' },
    });
  }
  VULGAR_HALF_RE.lastIndex = 0;
  while ((m = VULGAR_HALF_RE.exec(text)) !== null) {
    const unit = m[2] ?? 'hour';
    const kind = unitKind(unit);
    const minutes = (Number(m[1] || 0) + 0.5) * MINUTES_PER[kind];
    out.push({
      minutes,
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      style: 'words',
      format: { units: unitForm(unit) === 'long' ? 'long' : 'abbr', and: false, space: true, days: kind === 'day' },
    });
  }
  CLOCK_HOURS_RE.lastIndex = 0;
  while ((m = CLOCK_HOURS_RE.exec(text)) !== null) {
    out.push({
      minutes: Number(m[1]) * 60 + Number(m[2]),
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
      style: 'clock',
    });
  }
  const halves = out.length;
  COMPONENT_RE.lastIndex = 0;
  while ((m = COMPONENT_RE.exec(text)) !== null) {
    const start = m.index;
    const first = numberValue(m[1] ?? '');
    const unit = m[3] ?? '';
    if (first === undefined) continue;
    if (halves > 0 && out.some((d) => d.start <= start && start < d.end)) continue;
    let end = start + m[0].length;
    const kind = unitKind(unit);
    const lower = unit.toLowerCase();
    // Word numbers need a long unit: "a h" is not a duration.
    if (!/^\d/.test(m[1] ?? '') && unitForm(unit) !== 'long') continue;
    if (lower === 's') continue;
    // A 24-hour clock time written military style ("0300hrs", "1430 hrs", "0900 hours") is a time, not a duration.
    if (kind === 'hour' && isMilitaryTime(m[1] ?? '', unit, m[2] ?? '')) continue;
    if (lower === 'm' && !AFTER_M_OK_RE.test(text.slice(end, end + 12))) {
      // "5m users": only a duration when another part follows ("5m 30s").
      NEXT_COMPONENT_RE.lastIndex = end;
      if (!NEXT_COMPONENT_RE.test(text)) continue;
    }
    let minutes = first * MINUTES_PER[kind];
    const forms = new Set<string>([unitForm(unit)]);
    let useAnd = false;
    let days = kind === 'day';
    let decimal = /\./.test(m[1] ?? '');
    let space = (m[2] ?? '').length > 0;
    AND_HALF_RE.lastIndex = end;
    const half = AND_HALF_RE.exec(text);
    if (half) {
      minutes += MINUTES_PER[kind] / 2;
      end += half[0].length;
      useAnd = true;
    }
    let lastKind = kind;
    for (;;) {
      NEXT_COMPONENT_RE.lastIndex = end;
      const n = NEXT_COMPONENT_RE.exec(text);
      if (!n) break;
      const v = numberValue(n[2] ?? '');
      const u = n[4] ?? '';
      const k = unitKind(u);
      if (v === undefined || MINUTES_PER[k] >= MINUTES_PER[lastKind]) break;
      if (!/^\d/.test(n[2] ?? '') && unitForm(u) !== 'long') break;
      if (/and/i.test(n[1] ?? '')) useAnd = true;
      if (k === 'day') days = true;
      if (/\./.test(n[2] ?? '')) decimal = true;
      if ((n[3] ?? '').length > 0) space = true;
      forms.add(unitForm(u));
      minutes += v * MINUTES_PER[k];
      lastKind = k;
      end += n[0].length;
    }
    const units: 'long' | 'abbr' | 'letter' = forms.has('long') ? 'long' : forms.has('abbr') ? 'abbr' : 'letter';
    let style: Duration['style'] = units === 'long' ? 'words' : 'compact';
    if (decimal && kind === 'hour') style = 'decimal-hours';
    out.push({
      minutes,
      start,
      end,
      text: text.slice(start, end),
      style,
      format: { units, and: useAnd, space: units === 'long' ? true : space, days },
    });
    COMPONENT_RE.lastIndex = end;
  }
  // Patterns can overlap ("one and a half hour" holds "a half hour"): keep the longest reading of each span.
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Duration[] = [];
  for (const d of out) if (!kept.length || d.start >= (kept[kept.length - 1] as Duration).end) kept.push(d);
  return kept;
}

const UNIT_TEXT: Record<'long' | 'abbr' | 'letter', Record<'day' | 'hour' | 'minute', [string, string]>> = {
  long: { day: ['day', 'days'], hour: ['hour', 'hours'], minute: ['minute', 'minutes'] },
  abbr: { day: ['day', 'days'], hour: ['hr', 'hrs'], minute: ['min', 'mins'] },
  letter: { day: ['d', 'd'], hour: ['h', 'h'], minute: ['m', 'm'] },
};

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 10) / 10);
}

/**
 * Write a number of minutes the way `like` was written: "8 hours" -> "7 hours 23 minutes",
 * "7 hours and 5 minutes" -> "6 hours and 2 minutes", "2h 30m" -> "7h 23m", "1.5 hours" -> "7.5 hours"
 * (decimal only when exact to a tenth of an hour, else words), "1 hour", "45 minutes".
 */
export function formatDuration(minutes: number, like: Duration): string {
  const total = Math.max(0, Math.round(minutes));
  const fmt = like.format ?? {
    units: like.style === 'compact' ? 'letter' : 'long',
    and: false,
    space: like.style !== 'compact',
    days: false,
  };
  if (like.style === 'clock') {
    return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
  }
  if (like.style === 'decimal-hours' && total % 6 === 0) {
    const h = total / 60;
    const [one, many] = UNIT_TEXT[fmt.units].hour;
    return `${trimNumber(h)}${fmt.space ? ' ' : ''}${h === 1 ? one : many}`;
  }
  const units = like.style === 'decimal-hours' ? 'long' : fmt.units;
  const space = units === 'long' ? true : fmt.space;
  let rest = total;
  const parts: string[] = [];
  const push = (n: number, k: 'day' | 'hour' | 'minute'): void => {
    const [one, many] = UNIT_TEXT[units][k];
    parts.push(`${n}${space ? ' ' : ''}${n === 1 ? one : many}`);
  };
  if (fmt.days && rest >= 1440) {
    push(Math.floor(rest / 1440), 'day');
    rest %= 1440;
  }
  if (rest >= 60) {
    push(Math.floor(rest / 60), 'hour');
    rest %= 60;
  }
  if (rest > 0 || parts.length === 0) push(rest, 'minute');
  if (parts.length === 1) return parts[0] ?? '';
  if (fmt.and && units === 'long') {
    const last = parts.pop() ?? '';
    return `${parts.join(', ')} and ${last}`;
  }
  return parts.join(' ');
}

/**
 * How precisely a duration was written, in minutes: a writer who says "5 days" rounds to the day, "3 hours" to the
 * hour. Half the finest unit the writer used when it is days or whole hours; 0 when minutes (or finer) are given.
 */
export function roundingOf(d: Duration): number {
  if (d.style === 'clock' || d.style === 'decimal-hours') return 0;
  const units = [...d.text.matchAll(/(?<![\p{L}])(days?|hours?|hrs?|h|d|minutes?|mins?|m|seconds?|secs?|s)(?![\p{L}])/giu)].map((m) =>
    unitKind(m[1] ?? ''),
  );
  if (!units.length || units.some((k) => k === 'minute' || k === 'second')) return 0;
  if (/½|half/i.test(d.text)) return 0;
  // Less than half the unit: a span exactly halfway (1 h 30 min for "2 hours") is not rounding but a wrong figure.
  if (units.includes('hour')) return d.minutes % 60 === 0 ? 29 : 0;
  return d.minutes % 1440 === 0 ? 719 : 0;
}
