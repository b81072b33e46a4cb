/**
 * Writing an instant back in the style of a timestamp the document wrote (formatLike): its clock, padding, meridiem,
 * separators, date style and zone notation. Reading is timestamp.ts's job; instants.ts does the arithmetic.
 */
import { MINUTE, wallMs, type SimpleDate } from './instants';
import { MONTH_NAMES, WEEKDAY_NAMES } from './timestamp';
import type { DateStyle, ParsedTimestamp, TimeOptions, TimeStyle, ZoneRef } from './types';
import { abbreviationFor, formatOffset, isKnownAbbreviation, offsetAt, parseZone } from './zones';

function meridiemLike(original: string | undefined, pm: boolean): string {
  if (!original) return pm ? 'PM' : 'AM';
  const letter = original.replace(/[aApP]/, (c) => {
    const target = pm ? 'p' : 'a';
    return c === c.toUpperCase() ? target.toUpperCase() : target;
  });
  return letter;
}

function formatTime(hour: number, minute: number, second: number, style: TimeStyle): string {
  const sep = style.separator;
  const secText = style.seconds ? `${sep === '' ? '' : ':'}${String(second).padStart(2, '0')}` : '';
  if (style.clock === '12h') {
    if (style.word && minute === 0 && second === 0 && (hour === 12 || hour === 0) && !style.meridiemText) {
      const noon = hour === 12;
      const w = noon ? 'noon' : 'midnight';
      return style.word[0] === style.word[0]?.toUpperCase() ? w[0]?.toUpperCase() + w.slice(1) : w;
    }
    const h12 = hour % 12 === 0 ? 12 : hour % 12;
    const hText = style.padHour ? String(h12).padStart(2, '0') : String(h12);
    const mer = meridiemLike(style.meridiemText, hour >= 12);
    const space = style.meridiemText === undefined ? true : style.meridiemSpace === true;
    const sepText = sep === '' ? ':' : sep;
    const core =
      style.noMinutes && minute === 0 && !style.seconds ? hText : `${hText}${sepText}${String(minute).padStart(2, '0')}${secText}`;
    return `${core}${space ? ' ' : ''}${mer}`;
  }
  const hText = style.padHour ? String(hour).padStart(2, '0') : String(hour);
  return `${hText}${sep}${String(minute).padStart(2, '0')}${secText}${style.suffix ?? ''}`;
}

function formatDate(d: SimpleDate, style: DateStyle, originalText: string): string {
  const monthName = MONTH_NAMES[d.month - 1] ?? '';
  const month = style.shortMonth ? monthName.slice(0, 3) : monthName;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const weekdayLen = /^\p{L}+/u.exec(originalText)?.[0].length ?? 0;
  const wdName = WEEKDAY_NAMES[new Date(wallMs(d, { hour: 12, minute: 0 })).getUTCDay()] ?? '';
  const wd = weekdayLen > 0 && weekdayLen <= 4 ? wdName.slice(0, 3) : wdName;
  const ord = (n: number): string => {
    if (!style.ordinal) return String(n);
    const t = n % 100;
    const suf = t >= 11 && t <= 13 ? 'th' : n % 10 === 1 ? 'st' : n % 10 === 2 ? 'nd' : n % 10 === 3 ? 'rd' : 'th';
    return `${n}${suf}`;
  };
  switch (style.kind) {
    case 'iso': {
      const sep = style.separator ?? '-';
      return `${d.year}${sep}${style.pad === false ? d.month : pad(d.month)}${sep}${pad(d.day)}`;
    }
    case 'numeric': {
      const sep = style.separator ?? '/';
      const p = (n: number): string => (style.pad ? pad(n) : String(n));
      const y = style.twoDigitYear ? pad(d.year % 100) : String(d.year);
      const core = style.order === 'dmy' ? `${p(d.day)}${sep}${p(d.month)}` : `${p(d.month)}${sep}${p(d.day)}`;
      return style.hasYear === false ? core : `${core}${sep}${y}`;
    }
    case 'long-dmy': {
      const core = `${ord(d.day)} ${month}${style.hasYear ? `${style.comma ? ',' : ''} ${d.year}` : ''}`;
      return style.weekday ? `${wd}, ${core}` : core;
    }
    default: {
      const core = `${month} ${ord(d.day)}${style.hasYear ? `${style.comma === false ? '' : ','} ${d.year}` : ''}`;
      return style.weekday ? `${wd}, ${core}` : core;
    }
  }
}

/** A zone text for `zone` at `offset`, written in the form of `like` (an abbreviation, an offset, an IANA name…). */
function zoneTextLike(zone: ZoneRef, offset: number, like: ZoneRef | undefined, opts?: TimeOptions): string {
  const abbrOk = (a: string | undefined): a is string => {
    if (!a) return false;
    const z = parseZone(a, opts);
    return z !== null && z.offsetMinutes === offset && !z.generic;
  };
  const own = /^[A-Za-z]{1,5}$/.test(zone.text) && isKnownAbbreviation(zone.text.toUpperCase()) ? zone.text : undefined;
  const abbr = abbrOk(own) ? own : abbreviationFor(zone.region ?? zone.iana, offset);
  const pick = abbrOk(abbr) ? abbr : undefined;
  const likeText = like?.text ?? '';
  const m = /^(UTC|GMT|UT)?[ \t]?([+\-−])[ \t]?(\d{1,2})(:?)(\d{2})?$/i.exec(likeText);
  if (like && m) {
    const prefix = m[1];
    const colon = m[4] === ':';
    const pad = (m[3] ?? '').length === 2;
    const always = m[5] !== undefined;
    const body = formatOffset(offset, {
      colon: colon || !always ? true : false,
      pad,
      minutes: always ? 'always' : 'auto',
    });
    const fixedBody = always && !colon ? body.replace(':', '') : body;
    return `${prefix ?? ''}${fixedBody}`;
  }
  if (likeText === 'Z') return offset === 0 ? 'Z' : formatOffset(offset, { colon: true, minutes: 'always' });
  if (likeText.includes('/')) {
    if (zone.iana) return zone.iana;
    if (zone.generic && zone.region) return zone.region;
  }
  const ap = /^([A-Za-z]{2,5})([+\-−])(\d{1,2})(?::?(\d{2}))?$/.exec(likeText);
  if (ap && pick) return `${pick}${formatOffset(offset, { pad: false })}`;
  if (like && /\s/.test(likeText) && /time$/i.test(likeText)) {
    const named = pick ? parseZone(pick, opts) : null;
    if (zone.name && /time$/i.test(zone.name) && parseZone(zone.name, opts)?.offsetMinutes === offset) return zone.name;
    if (named?.name && /time$/i.test(named.name) && parseZone(named.name, opts)?.offsetMinutes === offset) return named.name;
  }
  if (pick) return pick;
  if (zone.iana) return zone.iana;
  return `UTC${formatOffset(offset)}`;
}

/** Whether the wall time of `instant` in an IANA `zone` also occurred earlier (the clocks went back): it reads as the first. */
function secondOccurrence(zone: ZoneRef, instant: number, offset: number): boolean {
  if (!zone.iana) return false;
  const wall = instant + offset * MINUTE;
  return [offsetAt(zone, instant - 6 * 60 * MINUTE), offsetAt(zone, instant - 60 * MINUTE)].some((other) => {
    if (other === null || other === offset) return false;
    const t = wall - other * MINUTE;
    return t < instant && offsetAt(zone, t) === other;
  });
}

/** For the second of two equal wall times, the zone's abbreviation (CET rather than Europe/Berlin) or the offset. */
function unambiguousZoneText(text: string, zone: ZoneRef, offset: number, opts?: TimeOptions): string {
  if (text !== zone.iana) return text;
  const abbr = abbreviationFor(zone.region ?? zone.iana, offset);
  const z = abbr ? parseZone(abbr, opts) : null;
  return abbr && z && !z.generic && z.offsetMinutes === offset ? abbr : `UTC${formatOffset(offset)}`;
}

export interface FormatOptions extends TimeOptions {
  /** The date the original timestamp stood for; a date is written when the new one differs from it. */
  originalDate?: SimpleDate | null;
  /** Write the zone even when the original had none (default true). */
  includeZone?: boolean;
}

/**
 * Write `instant` in `zone` in the style of `original`: 12/24-hour clock, padding, meridiem, separator,
 * seconds, the date in its own style (when the original had one, or when the new date differs from
 * `opts.originalDate`), and the zone in the form of the original zone. Text around the pieces of the
 * original (commas, "at", parentheses) is kept. The result reads back to the same instant.
 */
export function formatLike(instant: number, zone: ZoneRef, original: ParsedTimestamp, opts?: FormatOptions): string {
  const off = offsetAt(zone, instant) ?? 0;
  const w = new Date(instant + off * MINUTE);
  const date: SimpleDate = { year: w.getUTCFullYear(), month: w.getUTCMonth() + 1, day: w.getUTCDate() };
  const hour = w.getUTCHours();
  const minute = w.getUTCMinutes();
  const second = w.getUTCSeconds();
  // The second of two equal wall times (the clocks went back) needs a zone that tells them apart, written even
  // where the original had none.
  const again = secondOccurrence(zone, instant, off);
  const zoneText = again
    ? unambiguousZoneText(zoneTextLike(zone, off, original.zone, opts), zone, off, opts)
    : zoneTextLike(zone, off, original.zone, opts);
  const base = original.start;
  const pieces: { start: number; end: number; text: string }[] = [];
  if (original.date) {
    pieces.push({
      start: original.date.start - base,
      end: original.date.end - base,
      text: formatDate(date, original.date.style, original.text.slice(original.date.start - base)),
    });
  }
  if (original.time) {
    pieces.push({
      start: original.time.start - base,
      end: original.time.end - base,
      text: formatTime(hour, minute, second, original.time.style),
    });
  }
  if (original.zone && !original.zone.borrowed)
    pieces.push({ start: original.zone.start - base, end: original.zone.end - base, text: zoneText });
  pieces.sort((a, b) => b.start - a.start);
  let text = original.text;
  for (const p of pieces) text = text.slice(0, p.start) + p.text + text.slice(p.end);
  if (!original.zone && original.time && (opts?.includeZone !== false || again)) text += ` ${zoneText}`;
  // A zone borrowed from the end of a range ("01:58–02:00 CET") is not rewritten there: the start says its own zone
  // when it differs.
  else if (original.zone?.borrowed && original.time && zoneText !== original.zone.text) text += ` ${zoneText}`;
  const od = opts?.originalDate;
  if (!original.date && original.time && od && (od.year !== date.year || od.month !== date.month || od.day !== date.day)) {
    const style: DateStyle = { kind: 'long', hasYear: true, comma: true };
    text = `${formatDate(date, style, '')}, ${text}`;
  }
  return text;
}

/** "2024-06-08 22:42 WAT": `instant` as the wall date and time in `zone`, then the zone as written (no style to follow). */
export function plainStamp(instant: number, zone: ZoneRef): string {
  const off = offsetAt(zone, instant) ?? 0;
  const d = new Date(instant + off * MINUTE);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${zone.text}`;
}
