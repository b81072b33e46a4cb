/**
 * Finding dates in a line of text (the dates half of the timestamp scanner, see timestamp.ts): month and weekday
 * names, ISO, numeric, month-name and "Day N" dates, each with its problems (an impossible day, a weekday that
 * contradicts its date).
 */
import type { DateStyle, TimeOptions, WeekdayConflict } from './types';

export const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
]);
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const WEEKDAY_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0],
  ['sun', 0],
  ['monday', 1],
  ['mon', 1],
  ['tuesday', 2],
  ['tues', 2],
  ['tue', 2],
  ['wednesday', 3],
  ['wed', 3],
  ['thursday', 4],
  ['thurs', 4],
  ['thur', 4],
  ['thu', 4],
  ['friday', 5],
  ['fri', 5],
  ['saturday', 6],
  ['sat', 6],
]);

export const MON =
  'January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
export const WD = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun';

export const ISO_RE =
  /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}]|[.-]\d|\/(?!\d{1,2}:\d{2}(?!\d))\d)/gu;
export const NUM_RE = /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[./:-]\d)/gu;
/**
 * "6/8" or "06-08" with no year: a date only when a time follows it ("6/8 22:42", "[11-02 23:04]"), since "1/2 of the
 * nodes" is none. With a dash both numbers have two digits ("5-10 minutes" is a range).
 */
export const NUM_MD_RE = /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(?:(\d{1,2})\/(\d{1,2})|(\d{2})-(\d{2}))(?![\p{N}]|[./:-]\d|\/)/gu;
/** "03, 14, 2024, 10:00 AM": month, day and year parted by commas; a date only when a time follows it. */
export const NUM_COMMA_RE = /(?<![\p{L}\p{N}.:/=,-])(\d{1,2}),[ \t](\d{1,2}),[ \t](\d{4})(?![\p{N}:])/gu;
// A day range ("June 8-9, 2024", "8–9 June") reads as its first day. Commas without spaces ("November,9,2023") are read.
export const MDY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${WD})\.?,?[ \t]+)?(${MON})(\.?)(?:[ \t]+|,(?=\d))(\d{1,2})(st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{1,2}(?:st|nd|rd|th)?)?(?![\p{L}\p{N}:]|\.\d|,\d(?!\d{3}(?!\d)))(?:(,?)(?:[ \t]+|(?<=,))(\d{4})(?![\p{N}:]))?`,
  'giu',
);
export const DMY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.:/])(?:(${WD})\.?,?[ \t]+)?(\d{1,2})(st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{1,2}(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?(${MON})(\.?)(?![\p{L}])(?:(,?)[ \t]+(\d{4})(?![\p{N}:]))?`,
  'giu',
);
export const DAYN_RE = /(?<![\p{L}\p{N}])[Dd]ay[ \t]+(\d{1,2})(?![\p{N}])/gu;
export const MONTH_WORD_RE = new RegExp(String.raw`(?<![\p{L}])(?:${MON})(?![\p{L}])`, 'giu');

export interface DatePiece {
  start: number;
  end: number;
  year?: number;
  month: number;
  day: number;
  style: DateStyle;
  problems: string[];
  used?: boolean;
  chrono?: boolean;
  /** A yearless numeric date ("6/8"): kept only as part of a timestamp with a time. */
  needsTime?: boolean;
  weekdayConflict?: WeekdayConflict;
}

export interface DayPiece {
  start: number;
  end: number;
  day: number;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(month: number, year?: number): number {
  if (month === 2) return year === undefined || isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A numeric date ("08/06/2024", "6/8") from its two numbers and year text ('' for none): read in `dateOrder` unless
 * one number is over 12, or null when it is no date.
 */
export function numericDate(
  m: RegExpExecArray,
  aText: string,
  bText: string,
  sep: string,
  yText: string,
  opts?: TimeOptions,
): DatePiece | null {
  const a = Number(aText);
  const b = Number(bText);
  if (a < 1 || b < 1 || (a > 12 && b > 12)) return null;
  const order: 'dmy' | 'mdy' = a > 12 ? 'dmy' : b > 12 ? 'mdy' : (opts?.dateOrder ?? 'mdy');
  const month = order === 'dmy' ? b : a;
  const day = order === 'dmy' ? a : b;
  if (day > 31) return null;
  const style: DateStyle = {
    kind: 'numeric',
    order,
    hasYear: yText !== '',
    separator: sep,
    pad: aText.length === 2 && bText.length === 2,
  };
  if (yText.length === 2) style.twoDigitYear = true;
  if (a <= 12 && b <= 12 && a !== b) style.orderAmbiguous = true;
  const p: DatePiece = { start: m.index, end: m.index + m[0].length, month, day, problems: [], style };
  if (yText) p.year = yText.length === 2 ? 2000 + Number(yText) : Number(yText);
  dateProblems(p, undefined);
  return p;
}

/** A weekday name written like `like`: its length (abbreviated or not) and its case. */
export function weekdayLike(day: number, like: string): string {
  const full = WEEKDAY_NAMES[day] ?? '';
  const name = like.length <= 4 ? full.slice(0, 3) : full;
  if (like === like.toUpperCase()) return name.toUpperCase();
  if (like === like.toLowerCase()) return name.toLowerCase();
  return name;
}

/**
 * The date's problems: a day the month does not have. A weekday that contradicts the date is no problem that stops
 * reading it (the date wins): it is kept as `weekdayConflict`, so that it can be reported and fixed.
 */
export function dateProblems(p: DatePiece, weekday: number | undefined, weekdayText?: string): void {
  const name = MONTH_NAMES[p.month - 1] ?? String(p.month);
  if (p.day > daysInMonth(p.month, p.year)) {
    if (p.month === 2 && p.day === 29 && p.year !== undefined) {
      p.problems.push(`February 29, ${p.year} does not exist: ${p.year} is not a leap year`);
    } else {
      p.problems.push(`${name} ${p.day} does not exist: ${name} has ${daysInMonth(p.month, p.year)} days`);
    }
    return;
  }
  if (weekday !== undefined && p.year !== undefined) {
    const at = new Date(0);
    at.setUTCFullYear(p.year, p.month - 1, p.day);
    const actual = at.getUTCDay();
    if (actual !== weekday && weekdayText) {
      p.weekdayConflict = {
        text: weekdayText,
        actual: weekdayLike(actual, weekdayText),
        message: `${name} ${p.day}, ${p.year} was a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[weekday]}`,
      };
    }
  }
}

/** "May" and "March" are also ordinary words: accept them only with a capital. */
export function monthWordOk(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === 'may' || lower === 'march' || lower === 'mar') return word[0] === 'M';
  return true;
}

export function findDates(text: string, opts: TimeOptions | undefined, out: DatePiece[]): void {
  let m: RegExpExecArray | null;

  ISO_RE.lastIndex = 0;
  while ((m = ISO_RE.exec(text)) !== null) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const sep = m[2] ?? '-';
    const p: DatePiece = {
      start: m.index,
      end: m.index + m[0].length,
      year: Number(m[1]),
      month,
      day,
      problems: [],
      style: { kind: 'iso', hasYear: true, separator: sep, pad: (m[3] ?? '').length === 2 },
    };
    dateProblems(p, undefined);
    out.push(p);
  }

  NUM_RE.lastIndex = 0;
  while ((m = NUM_RE.exec(text)) !== null) {
    const sep = m[2] ?? '/';
    const yText = m[4] ?? '';
    if (sep !== '/' && yText.length !== 4) continue;
    const p = numericDate(m, m[1] ?? '', m[3] ?? '', sep, yText, opts);
    if (p) out.push(p);
  }

  NUM_COMMA_RE.lastIndex = 0;
  while ((m = NUM_COMMA_RE.exec(text)) !== null) {
    const p = numericDate(m, m[1] ?? '', m[2] ?? '', ', ', m[3] ?? '', opts);
    if (p) out.push({ ...p, needsTime: true });
  }

  NUM_MD_RE.lastIndex = 0;
  while ((m = NUM_MD_RE.exec(text)) !== null) {
    const dash = m[3] !== undefined;
    const p = numericDate(m, (dash ? m[3] : m[1]) ?? '', (dash ? m[4] : m[2]) ?? '', dash ? '-' : '/', '', opts);
    if (p) out.push({ ...p, needsTime: true });
  }

  MDY_RE.lastIndex = 0;
  while ((m = MDY_RE.exec(text)) !== null) {
    const monWord = m[2] ?? '';
    if (!monthWordOk(monWord)) continue;
    const month = MONTH_NUMBERS.get(monWord.toLowerCase());
    const day = Number(m[4]);
    if (month === undefined || day < 1 || day > 31) continue;
    const wd = m[1] === undefined ? undefined : WEEKDAY_NUMBERS.get(m[1].toLowerCase());
    const style: DateStyle = {
      kind: 'long',
      hasYear: m[7] !== undefined,
      shortMonth: monWord.length <= 4 && monWord.toLowerCase() !== 'june' && monWord.toLowerCase() !== 'july',
    };
    if (m[1] !== undefined) style.weekday = true;
    if (m[5] !== undefined) style.ordinal = true;
    if (m[7] !== undefined) style.comma = m[6] === ',';
    const p: DatePiece = { start: m.index, end: m.index + m[0].length, month, day, problems: [], style };
    if (m[7] !== undefined) p.year = Number(m[7]);
    dateProblems(p, wd, m[1]);
    out.push(p);
  }

  DMY_RE.lastIndex = 0;
  while ((m = DMY_RE.exec(text)) !== null) {
    const monWord = m[4] ?? '';
    if (!monthWordOk(monWord)) continue;
    const month = MONTH_NUMBERS.get(monWord.toLowerCase());
    const day = Number(m[2]);
    if (month === undefined || day < 1 || day > 31) continue;
    const wd = m[1] === undefined ? undefined : WEEKDAY_NUMBERS.get(m[1].toLowerCase());
    const style: DateStyle = {
      kind: 'long-dmy',
      hasYear: m[7] !== undefined,
      shortMonth: monWord.length <= 4 && monWord.toLowerCase() !== 'june' && monWord.toLowerCase() !== 'july',
    };
    if (m[1] !== undefined) style.weekday = true;
    if (m[3] !== undefined) style.ordinal = true;
    if (m[7] !== undefined) style.comma = m[6] === ',';
    const p: DatePiece = { start: m.index, end: m.index + m[0].length, month, day, problems: [], style };
    if (m[7] !== undefined) p.year = Number(m[7]);
    dateProblems(p, wd, m[1]);
    out.push(p);
  }
}
