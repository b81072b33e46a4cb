/**
 * Finding times of day in a line of text (the clock half of the timestamp scanner, see timestamp.ts): "10:42",
 * "10.42pm", "6 PM", "1930h", "noon", each with its problems, and the zone written right after it.
 */
import type { TimeOptions, TimeStyle, ZoneRef } from './types';
import { acceptAbbreviationCase, looksLikeZone, parseZone } from './zones';

export const NOON_WORD_RE = /(?<![\p{L}\p{N}])(noon|midday|midnight)(?![\p{L}])/giu;
export const TIME_RE =
  /(?<![\p{L}\p{N}.:+$€£#])(?<!(?<!\d{4}[-/.]\d{1,2}[-/.]\d{1,2})\/)(?<![\p{L}\p{N}]_+)(\d{1,2})(?:(:[ \t]?|\.|h(?=\d{2}(?!\d)))(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?)?(?:([ \t]?)(a\.m\.?|p\.m\.?|am|pm|noon|midnight|hrs|hr|h)(?![\p{L}\p{N}]))?/giu;
export const HHMM_RE = /(?<![\p{L}\p{N}.:/+#])(?<![\p{L}\p{N}]_+)([01]\d|2[0-4])([0-5]\d)([ \t]?)(hrs|hr|h|Z)(?![\p{L}\p{N}])/gu;

const EMPH_CLOSE_RE = /^(?:[*_]{1,3}|\])(?=[ \t])/;

// Zone readers, used at a position right after a time.
const Z_IANA_RE = /[A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?/y;
const Z_PREFIXED_RE = /(?:UTC|GMT|UT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?(?![\p{N}])/iuy;
const Z_LONG_RE = /(?:[A-Z][a-zá]+[ \t]){1,3}[Tt]ime(?![\p{L}])/uy;
const Z_WORD_RE = /([A-Za-z]{1,5})(?:([+\-−])(\d{1,2}(?::?\d{2})?))?(?![\p{L}\p{N}])/uy;
const Z_REDUNDANT_RE = /[ \t]*\([ \t]*(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?[ \t]*\)/iy;
const Z_BARE_RE = /[+\-−]\d{2}(?::?\d{2})?(?![\p{N}])/uy;

export interface TimePiece {
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

export interface ZoneRead {
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
export function readZoneAfter(text: string, pos: number, opts: TimeOptions | undefined, hasSeconds: boolean): ZoneRead | null {
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

export function meridiemKind(mer: string): 'am' | 'pm' | 'noon' | 'midnight' | 'suffix' {
  const c = mer[0]?.toLowerCase();
  if (c === 'a') return 'am';
  if (c === 'p') return 'pm';
  if (c === 'n') return 'noon';
  if (c === 'm') return 'midnight';
  return 'suffix';
}

export function timeProblems(p: TimePiece, written: string): void {
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

export function findTimes(text: string, opts: TimeOptions | undefined, out: TimePiece[]): void {
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
    // "14h35" (French): two-digit hours only, not followed by a unit ("2h30", "14h30m" are durations).
    if (sepRaw === 'h' && (hText.length !== 2 || /\p{L}/u.test(next ?? ''))) continue;
    const sep = sepRaw === undefined ? '' : (sepRaw[0] ?? '');
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
    if (sep === '.' && kind === undefined && !zr) continue;
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
