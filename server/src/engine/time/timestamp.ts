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
import type { DateStyle, ParsedTimestamp, TimeOptions, TimeStyle, WeekdayConflict, ZoneRef } from './types';
import { acceptAbbreviationCase, looksLikeZone, parseZone } from './zones';

const MONTH_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8], ['september', 9],
  ['sept', 9], ['sep', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11], ['december', 12], ['dec', 12],
]);
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'] as const;
export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const WEEKDAY_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['sunday', 0], ['sun', 0], ['monday', 1], ['mon', 1], ['tuesday', 2], ['tues', 2], ['tue', 2], ['wednesday', 3],
  ['wed', 3], ['thursday', 4], ['thurs', 4], ['thur', 4], ['thu', 4], ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6],
]);

const MON = 'January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec';
const WD = 'Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun';

// Module-level compiled expressions (global/sticky ones are reset before each use).
const HAS_DIGIT_RE = /\d/;
const NOON_WORD_RE = /(?<![\p{L}\p{N}])(noon|midday|midnight)(?![\p{L}])/giu;
const TIME_RE = /(?<![\p{L}\p{N}.:/+$€£#])(?<![\p{L}\p{N}]_+)(\d{1,2})(?:(:[ \t]?|\.)(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?(?:([ \t]?)(a\.m\.?|p\.m\.?|am|pm|noon|midnight|hrs|hr|h)(?![\p{L}\p{N}]))?/giu;
const HHMM_RE = /(?<![\p{L}\p{N}.:/+#])(?<![\p{L}\p{N}]_+)([01]\d|2[0-4])([0-5]\d)([ \t]?)(hrs|hr|h|Z)(?![\p{L}\p{N}])/gu;
const ISO_RE = /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\p{N}]|[./-]\d)/gu;
const ISO_T_RE = /T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?/y;
const NUM_RE = /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[./:-]\d)/gu;
/**
 * "6/8" or "06-08" with no year: a date only when a time follows it ("6/8 22:42", "[11-02 23:04]"), since "1/2 of the
 * nodes" is none. With a dash both numbers have two digits ("5-10 minutes" is a range).
 */
const NUM_MD_RE = /(?<![\p{L}\p{N}.:/=-])(?<![\p{L}\p{N}]_+)(?:(\d{1,2})\/(\d{1,2})|(\d{2})-(\d{2}))(?![\p{N}]|[./:-]\d|\/)/gu;
/** "03, 14, 2024, 10:00 AM": month, day and year parted by commas; a date only when a time follows it. */
const NUM_COMMA_RE = /(?<![\p{L}\p{N}.:/=,-])(\d{1,2}),[ \t](\d{1,2}),[ \t](\d{4})(?![\p{N}:])/gu;
// A day range ("June 8-9, 2024", "8–9 June") reads as its first day. Commas without spaces ("November,9,2023") are read.
const MDY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(${WD})\.?,?[ \t]+)?(${MON})(\.?)(?:[ \t]+|,(?=\d))(\d{1,2})(st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{1,2}(?:st|nd|rd|th)?)?(?![\p{L}\p{N}:]|\.\d|,\d(?!\d{3}(?!\d)))(?:(,?)(?:[ \t]+|(?<=,))(\d{4})(?![\p{N}:]))?`,
  'giu',
);
const DMY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.:/])(?:(${WD})\.?,?[ \t]+)?(\d{1,2})(st|nd|rd|th)?(?:[ \t]*[-–][ \t]*\d{1,2}(?:st|nd|rd|th)?)?[ \t]+(?:of[ \t]+)?(${MON})(\.?)(?![\p{L}])(?:(,?)[ \t]+(\d{4})(?![\p{N}:]))?`,
  'giu',
);
const DAYN_RE = /(?<![\p{L}\p{N}])[Dd]ay[ \t]+(\d{1,2})(?![\p{N}])/gu;
const MONTH_WORD_RE = new RegExp(String.raw`(?<![\p{L}])(?:${MON})(?![\p{L}])`, 'giu');

// Zone readers, used at a position right after a time.
const Z_IANA_RE = /[A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?/y;
const Z_PREFIXED_RE = /(?:UTC|GMT|UT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?(?![\p{N}])/iuy;
const Z_LONG_RE = /(?:[A-Z][a-zá]+[ \t]){1,3}[Tt]ime(?![\p{L}])/uy;
const Z_WORD_RE = /([A-Za-z]{1,5})(?:([+\-−])(\d{1,2}(?::?\d{2})?))?(?![\p{L}\p{N}])/uy;
const Z_REDUNDANT_RE = /[ \t]*\([ \t]*(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?[ \t]*\)/iy;
const Z_BARE_RE = /[+\-−]\d{2}(?::?\d{2})?(?![\p{N}])/uy;

const EMPH_CLOSE_RE = /^(?:[*_]{1,3}|\])(?=[ \t])/;
// "June 8, 2024, 10:42", "June 8 at 10:42", "2024-06-08T10:42", "June 8, 2024 - 10:42 PM" (a dash between spaces).
const DATE_TIME_GAP_RE = /^(?:T|[ \t]*,?[ \t]*(?:(?:at|@)[ \t]+)?|[ \t]*@[ \t]*|[ \t]+[-–—][ \t]+)$/;
const TIME_DATE_GAP_RE = /^[ \t]*,?[ \t]*(?:on[ \t]+)?$/;
const DAY_TIME_GAP_RE = /^[ \t]*[,:-]?[ \t]*(?:at[ \t]+)?$/;
const LABEL_RE = /^[\s>*_#|[(-]*(?:\d{1,3}[.)][ \t]+)?[\s*_]*[^:\n]{1,60}?:[\s*_|)\]-]*$/;
const MARKUP_PREFIX_RE = /^[\s>*_#|[(~`+-]*(?:\d{1,3}[.)][ \t]+)?[\s>*_#|[(~`+-]*$/;

interface DatePiece {
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

interface TimePiece {
  start: number;
  end: number;
  /** End including the zone (and its closing parenthesis). */
  fullEnd: number;
  hour: number;
  minute: number;
  second?: number;
  style: TimeStyle;
  zone?: ZoneRef;
  problems: string[];
  used?: boolean;
}

interface DayPiece {
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
function numericDate(m: RegExpExecArray, aText: string, bText: string, sep: string, yText: string, opts?: TimeOptions): DatePiece | null {
  const a = Number(aText);
  const b = Number(bText);
  if (a < 1 || b < 1 || (a > 12 && b > 12)) return null;
  const order: 'dmy' | 'mdy' = a > 12 ? 'dmy' : b > 12 ? 'mdy' : (opts?.dateOrder ?? 'mdy');
  const month = order === 'dmy' ? b : a;
  const day = order === 'dmy' ? a : b;
  if (day > 31) return null;
  const style: DateStyle = { kind: 'numeric', order, hasYear: yText !== '', separator: sep, pad: aText.length === 2 && bText.length === 2 };
  if (yText.length === 2) style.twoDigitYear = true;
  if (a <= 12 && b <= 12 && a !== b) style.orderAmbiguous = true;
  const p: DatePiece = { start: m.index, end: m.index + m[0].length, month, day, problems: [], style };
  if (yText) p.year = yText.length === 2 ? 2000 + Number(yText) : Number(yText);
  dateProblems(p, undefined);
  return p;
}

/** A weekday name written like `like`: its length (abbreviated or not) and its case. */
function weekdayLike(day: number, like: string): string {
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
function dateProblems(p: DatePiece, weekday: number | undefined, weekdayText?: string): void {
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
        text: weekdayText, actual: weekdayLike(actual, weekdayText),
        message: `${name} ${p.day}, ${p.year} was a ${WEEKDAY_NAMES[actual]}, not a ${WEEKDAY_NAMES[weekday]}`,
      };
    }
  }
}

/** "May" and "March" are also ordinary words: accept them only with a capital. */
function monthWordOk(word: string): boolean {
  const lower = word.toLowerCase();
  if (lower === 'may' || lower === 'march' || lower === 'mar') return word[0] === 'M';
  return true;
}

function findDates(text: string, opts: TimeOptions | undefined, out: DatePiece[]): void {
  let m: RegExpExecArray | null;

  ISO_RE.lastIndex = 0;
  while ((m = ISO_RE.exec(text)) !== null) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    const sep = m[2] ?? '-';
    const p: DatePiece = {
      start: m.index, end: m.index + m[0].length, year: Number(m[1]), month, day, problems: [],
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
    const style: DateStyle = { kind: 'long', hasYear: m[7] !== undefined, shortMonth: monWord.length <= 4 && monWord.toLowerCase() !== 'june' && monWord.toLowerCase() !== 'july' };
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
    const style: DateStyle = { kind: 'long-dmy', hasYear: m[7] !== undefined, shortMonth: monWord.length <= 4 && monWord.toLowerCase() !== 'june' && monWord.toLowerCase() !== 'july' };
    if (m[1] !== undefined) style.weekday = true;
    if (m[3] !== undefined) style.ordinal = true;
    if (m[7] !== undefined) style.comma = m[6] === ',';
    const p: DatePiece = { start: m.index, end: m.index + m[0].length, month, day, problems: [], style };
    if (m[7] !== undefined) p.year = Number(m[7]);
    dateProblems(p, wd, m[1]);
    out.push(p);
  }
}

interface ZoneRead {
  zone: ZoneRef;
  /** End of everything consumed (zone text plus closing parenthesis). */
  end: number;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t';
}

/**
 * Read a zone right after a time at `pos`: " UTC", " (WAT)", ", GMT+1", "Z", " +0100", " SAST+2",
 * " WAT (UTC+1)", " America/New_York", " West Africa Time".
 */
function readZoneAfter(text: string, pos: number, opts: TimeOptions | undefined, hasSeconds: boolean): ZoneRead | null {
  // Glued Z: "22:42Z".
  if (text[pos] === 'Z' && !/[\p{L}\p{N}]/u.test(text[pos + 1] ?? '')) {
    return { zone: { text: 'Z', start: pos, end: pos + 1, offsetMinutes: 0, name: 'UTC (Zulu)' }, end: pos + 1 };
  }
  let i = pos;
  // Closing emphasis between the time and its zone: "**10:45 AM** (WAT)".
  const emph = EMPH_CLOSE_RE.exec(text.slice(pos, pos + 4));
  if (emph) i += emph[0].length;
  const glued = !isSpace(text[i]) && text[i] !== ',' && text[i] !== '(' && text[i] !== '[';
  while (isSpace(text[i])) i++;
  let comma = false;
  if (text[i] === ',') {
    comma = true;
    i++;
    while (isSpace(text[i])) i++;
  }
  let open: string | undefined;
  if (text[i] === '(' || text[i] === '[') {
    open = text[i] === '(' ? ')' : ']';
    i++;
    while (isSpace(text[i])) i++;
  }
  const j = i;
  let zone: ZoneRef | null = null;
  let zEnd = j;

  const tryRe = (re: RegExp): string | null => {
    re.lastIndex = j;
    const mm = re.exec(text);
    return mm ? mm[0] : null;
  };

  let s: string | null;
  if ((s = tryRe(Z_IANA_RE)) !== null) {
    zone = parseZone(s, opts);
    if (zone && zone.unknown && comma) zone = null;
    zEnd = j + s.length;
  } else if ((s = tryRe(Z_PREFIXED_RE)) !== null) {
    zone = parseZone(s, opts);
    zEnd = j + s.length;
  } else if ((s = tryRe(Z_LONG_RE)) !== null && (zone = parseZone(s, opts)) !== null) {
    zEnd = j + s.length;
  } else if ((s = tryRe(Z_WORD_RE)) !== null) {
    zone = null;
    Z_WORD_RE.lastIndex = j;
    const mm = Z_WORD_RE.exec(text);
    const word = mm?.[1] ?? '';
    const known = acceptAbbreviationCase(word);
    const unknownLooking = !known && !comma && looksLikeZone(word);
    if ((known || unknownLooking) && !(glued && word.length > 1 && !open && !known)) {
      zone = parseZone(s, opts);
      zEnd = j + s.length;
      if (zone && mm?.[2] === undefined) {
        // A redundant offset in parentheses: "WAT (UTC+1)".
        Z_REDUNDANT_RE.lastIndex = zEnd;
        const red = Z_REDUNDANT_RE.exec(text);
        if (red && !open) {
          const both = parseZone(text.slice(j, zEnd + red[0].length), opts);
          if (both) {
            zone = both;
            zEnd += red[0].length;
          }
        }
      }
    }
  } else if ((s = tryRe(Z_BARE_RE)) !== null && !comma) {
    const plus = s[0] === '+';
    if (plus || !s.includes(':') || hasSeconds) {
      zone = parseZone(s, opts);
      zEnd = j + s.length;
    }
  }
  if (!zone) return null;
  zone.text = text.slice(j, zEnd);
  zone.start = j;
  zone.end = zEnd;
  let end = zEnd;
  if (open) {
    let k = end;
    while (isSpace(text[k])) k++;
    if (text[k] === open) end = k + 1;
  }
  return { zone, end };
}

function meridiemKind(mer: string): 'am' | 'pm' | 'noon' | 'midnight' | 'suffix' {
  const c = mer[0]?.toLowerCase();
  if (c === 'a') return 'am';
  if (c === 'p') return 'pm';
  if (c === 'n') return 'noon';
  if (c === 'm') return 'midnight';
  return 'suffix';
}

function timeProblems(p: TimePiece, written: string): void {
  const { hour, minute, second } = p;
  if (hour === 24 && minute === 0 && (second ?? 0) === 0 && p.style.clock === '24h') {
    // Accepted: the end of the day.
  } else if (hour >= 24) {
    p.problems.push(`${written} is not a time of day: hours run from 00 to 23`);
  }
  if (minute >= 60) p.problems.push(`${written} is not a time of day: minutes run from 00 to 59`);
  if (second !== undefined) {
    if (second === 60) p.problems.push(`${written} is a leap second, which cannot be placed on a timeline: seconds run from 00 to 59`);
    else if (second > 60) p.problems.push(`${written} is not a time of day: seconds run from 00 to 59`);
  }
}

function findTimes(text: string, opts: TimeOptions | undefined, out: TimePiece[]): void {
  let m: RegExpExecArray | null;
  TIME_RE.lastIndex = 0;
  while ((m = TIME_RE.exec(text)) !== null) {
    const start = m.index;
    const hText = m[1] ?? '';
    const sepRaw = m[2];
    const mText = m[3];
    const sText = m[4];
    const merSpace = m[6];
    const mer = m[7];
    const end = start + m[0].length;
    const h = Number(hText);
    const prev = text[start - 1];
    // "UTC-05:00", "GMT-5": an offset, not a time.
    if ((prev === '-' || prev === '−') && /\p{L}/u.test(text[start - 2] ?? '')) continue;
    // Part of a date range/ratio/number on the left: "1/10:00" handled by lookbehind; "T" ISO handled elsewhere.
    const kind = mer === undefined ? undefined : meridiemKind(mer);
    if (mText === undefined) {
      // Hour-only: needs a meridiem or noon/midnight.
      if (kind === undefined || kind === 'suffix') continue;
    }
    if (h > 29) continue;
    // Reject when digits continue: "1.10.2", "10:42:05:33", "10:30%".
    const next = text[end];
    if (next !== undefined) {
      if (/\d/.test(next)) continue;
      if ((next === '.' || next === ':') && /\d/.test(text[end + 1] ?? '')) continue;
      if (next === '%') continue;
    }
    const sep = sepRaw === undefined ? '' : sepRaw[0] ?? '';
    const straySpace = sepRaw !== undefined && sepRaw.length > 1;
    const minute = mText === undefined ? 0 : Number(mText);
    const style: TimeStyle = {
      clock: kind === 'am' || kind === 'pm' || kind === 'noon' || kind === 'midnight' ? '12h' : '24h',
      separator: mText === undefined ? ':' : sep,
      padHour: false,
      seconds: sText !== undefined,
    };
    // "09:05" is padded; "10:42" says nothing, so a 24-hour clock is taken as padded and a 12-hour one not.
    style.padHour = hText.length === 2 && (hText[0] === '0' || style.clock === '24h');
    if (mText === undefined) style.noMinutes = true;
    if (mer !== undefined && kind !== 'suffix') {
      style.meridiemText = mer;
      style.meridiemSpace = merSpace !== undefined && merSpace.length > 0;
    }
    if (kind === 'suffix' && mer !== undefined) style.suffix = (merSpace ?? '') + mer;
    const zr = readZoneAfter(text, end, opts, sText !== undefined);
    // Dotted times and stray spaces need more evidence.
    if (sep === '.' && (kind === undefined) && !zr) continue;
    if (straySpace && kind === undefined && !zr) {
      const after = /^[ \t]*(.)/.exec(text.slice(end, end + 8))?.[1];
      if (after !== undefined && /[\p{Ll}\p{N}]/u.test(after)) continue;
    }
    // Letters glued after a plain time ("1:10x") that are not a zone.
    if (kind === undefined && !zr && next !== undefined && /\p{L}/u.test(next)) continue;

    let hour = h;
    const problems: string[] = [];
    const writtenTime = text.slice(start, end);
    if (kind === 'am' || kind === 'pm') {
      if (h > 12 || (h === 0 && kind === 'pm')) {
        problems.push(`${writtenTime} mixes a 24-hour time with ${mer}`);
      } else if (h === 12) hour = kind === 'am' ? 0 : 12;
      else if (kind === 'pm') hour = h + 12;
    } else if (kind === 'noon' || kind === 'midnight') {
      if (h !== 12 || minute !== 0) continue;
      hour = kind === 'noon' ? 12 : 0;
      style.word = mer;
    }
    const piece: TimePiece = { start, end, fullEnd: end, hour, minute, style, problems };
    if (sText !== undefined) piece.second = Number(sText);
    timeProblems(piece, writtenTime.replace(/[ \t]?(a\.m\.?|p\.m\.?|am|pm)$/i, ''));
    if (zr) {
      piece.zone = zr.zone;
      piece.fullEnd = zr.end;
      if (zr.zone.conflict) piece.problems.push(zr.zone.conflict);
    }
    out.push(piece);
  }

  HHMM_RE.lastIndex = 0;
  while ((m = HHMM_RE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const hText = m[1] ?? '';
    const hour = Number(hText);
    const minute = Number(m[2]);
    const suffix = m[4] ?? '';
    const style: TimeStyle = { clock: '24h', separator: '', padHour: true, seconds: false };
    const piece: TimePiece = { start, end, fullEnd: end, hour, minute, style, problems: [] };
    if (suffix === 'Z') {
      const zEnd = end;
      piece.end = end - 1;
      piece.zone = { text: 'Z', start: zEnd - 1, end: zEnd, offsetMinutes: 0, name: 'UTC (Zulu)' };
    } else {
      style.suffix = (m[3] ?? '') + suffix;
      const zr = readZoneAfter(text, end, opts, false);
      if (zr) {
        piece.zone = zr.zone;
        piece.fullEnd = zr.end;
        if (zr.zone.conflict) piece.problems.push(zr.zone.conflict);
      }
    }
    timeProblems(piece, text.slice(start, start + 4));
    out.push(piece);
  }

  NOON_WORD_RE.lastIndex = 0;
  while ((m = NOON_WORD_RE.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (out.some((t) => t.start <= start && t.end >= end)) continue;
    const word = m[1] ?? '';
    const hour = word.toLowerCase() === 'midnight' ? 0 : 12;
    const style: TimeStyle = { clock: '12h', separator: ':', padHour: false, seconds: false, word, noMinutes: true };
    const piece: TimePiece = { start, end, fullEnd: end, hour, minute: 0, style, problems: [] };
    const zr = readZoneAfter(text, end, opts, false);
    if (zr) {
      piece.zone = zr.zone;
      piece.fullEnd = zr.end;
    }
    out.push(piece);
  }
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function toTimestamp(text: string, date: DatePiece | undefined, time: TimePiece | undefined, day?: DayPiece): ParsedTimestamp {
  const starts: number[] = [];
  const ends: number[] = [];
  if (date) { starts.push(date.start); ends.push(date.end); }
  if (time) { starts.push(time.start); ends.push(time.fullEnd); }
  if (day) { starts.push(day.start); ends.push(day.end); }
  const start = Math.min(...starts);
  const end = Math.max(...ends);
  const ts: ParsedTimestamp = { start, end, text: text.slice(start, end), problems: [] };
  if (date) {
    const dd: NonNullable<ParsedTimestamp['date']> = { month: date.month, day: date.day, start: date.start, end: date.end, style: date.style };
    if (date.year !== undefined) dd.year = date.year;
    if (date.weekdayConflict) dd.weekdayConflict = date.weekdayConflict;
    ts.date = dd;
    ts.problems.push(...date.problems);
  }
  if (time) {
    const tt: NonNullable<ParsedTimestamp['time']> = { hour: time.hour, minute: time.minute, start: time.start, end: time.end, style: time.style };
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
    const piece: TimePiece = { start, end, fullEnd: end, hour: Number(m[1]), minute: Number(m[2]), style, problems: [] };
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
    const piece: TimePiece = { start, end, fullEnd: end, hour: Number(m[1]), minute: Number(m[2]), style, problems: [] };
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
    if (a.style.clock === '24h' && !a.style.suffix && !a.style.word && a.style.separator !== ''
      && b.style.clock === '12h' && b.style.meridiemText !== undefined && !b.problems.length && a.hour >= 1 && a.hour <= 12) {
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
    const style: DateStyle = { kind: firstDigit >= 0 && (firstLetter < 0 || firstDigit < firstLetter) ? 'long-dmy' : 'long', hasYear };
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
      out.push(toTimestamp(text, d, t));
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
