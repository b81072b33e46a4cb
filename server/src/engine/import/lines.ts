/**
 * Plain lines pasted from anywhere (a chat window, a terminal, a log) where each message starts with a time:
 *   "[10:42 PM] Ada: rolling back"                  a time in brackets, an author before a colon
 *   "[6/8/2024 10:42 PM] Ada Lovelace: rolling back" a date and a time in brackets
 *   "2024-06-08 22:42:05 UTC Deploy 4512 started"    a log line: the text after the time, author not split off
 *   "Ada Lovelace  10:42 PM" then the message lines   a name and a time alone on a line (a chat window's copy)
 * A line without a time at its start continues the message above it. Times are read with the engine's timestamp
 * reader; a time without a date takes the caller's date (and rolls past midnight as a timeline does), a time without
 * a zone the caller's zone.
 */
import { findTimestamps, parseZone, resolveSequence, scanLeadingTimestamp } from '../time';
import type { ParsedTimestamp, SimpleDate, TimeOptions } from '../time';
import { emptyResult, oneLine, type ReadResult } from './types';

export interface LinesOptions extends TimeOptions {
  /** The day of the first message when the lines give none: "YYYY-MM-DD" or a date. */
  date?: string | SimpleDate | null;
  /** The zone of times that name none: an IANA name, an abbreviation, an offset. */
  zone?: string | null;
}

interface Message {
  line: number;
  stamp: ParsedTimestamp;
  author?: string;
  parts: string[];
}

const NAME = /^@?[\p{L}][\p{L}\p{M}'’.\- ]{0,40}$/u;

function nameLike(s: string): boolean {
  const t = s.trim();
  return NAME.test(t) && t.split(/\s+/).length <= 4;
}

export function parseDate(date: string | SimpleDate | null | undefined): SimpleDate | null {
  if (!date) return null;
  if (typeof date !== 'string') return date;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31 ? d : null;
}

/** A line that starts a message: its timestamp, author and first text, or null. */
export function messageHeader(line: string, opts: TimeOptions = {}): { stamp: ParsedTimestamp; author?: string; text: string } | null {
  const ts = scanLeadingTimestamp(line, opts);
  if (ts?.time && /^[\s[(<*]*$/.test(line.slice(0, ts.start))) {
    const bracketed = /[[(<]\s*$/.test(line.slice(0, ts.start));
    let rest = line.slice(ts.end).replace(/^[\])>*]*\s*/, '');
    let author: string | undefined;
    const irc = /^<([^<>\s]{1,40})>\s*(.*)$/.exec(rest);
    const colon = /^([^:]{1,42}):\s+(.*)$/.exec(rest);
    // "6/8/24, 10:42 PM - Ada Lovelace: …" (an exported chat): a dash, then the author.
    const dashed = /^[-–—]\s+([^:]{1,42}):\s+(.*)$/.exec(rest);
    if (irc) [author, rest] = [irc[1], irc[2] ?? ''];
    else if (bracketed && colon && nameLike(colon[1] ?? '')) [author, rest] = [colon[1]?.trim(), colon[2] ?? ''];
    else if (dashed && nameLike(dashed[1] ?? '') && /^[\p{Lu}@]/u.test(dashed[1] ?? ''))
      [author, rest] = [dashed[1]?.trim(), dashed[2] ?? ''];
    else rest = rest.replace(/^[-–—|:]\s+/, '');
    return { stamp: ts, ...(author ? { author } : {}), text: rest.trim() };
  }
  // "Ada Lovelace  10:42 PM" alone on its line: the message follows.
  const found = findTimestamps(line, opts).filter((t) => t.time);
  const last = found[found.length - 1];
  if (last && found.length === 1 && /^[\s\]]*$/.test(line.slice(last.end)) && last.start > 0) {
    // The name and the time are set apart (two spaces, a tab, a comma, a bracket): "see you at 10:42 PM" is prose.
    const gap = /(?: {2,}|\t|,\s*|\s*\[)$/.exec(line.slice(0, last.start));
    const who = gap ? line.slice(0, last.start - gap[0].length) : '';
    if (who.trim() && nameLike(who)) return { stamp: last, author: who.trim(), text: '' };
  }
  return null;
}

/** Whether most non-blank lines of a text start a message (for auto-detection). */
export function looksLikeLines(content: string, opts: TimeOptions = {}): boolean {
  const lines = content
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 200);
  if (!lines.length) return false;
  const headers = lines.filter((l) => messageHeader(l, opts)).length;
  return headers > 0 && messageHeader(lines[0] as string, opts) !== null;
}

export function readLines(content: string, name: string, options: LinesOptions = {}): ReadResult {
  const result = emptyResult();
  const timeOpts: TimeOptions = {};
  if (options.dateOrder) timeOpts.dateOrder = options.dateOrder;
  if (options.zoneAliases) timeOpts.zoneAliases = options.zoneAliases;
  const messages: Message[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const header = messageHeader(line, timeOpts);
    if (header) {
      messages.push({
        line: i + 1,
        stamp: header.stamp,
        ...(header.author ? { author: header.author } : {}),
        parts: header.text ? [header.text] : [],
      });
      return;
    }
    const current = messages[messages.length - 1];
    if (current) current.parts.push(line.trim());
    else
      result.unreadable.push({
        source: 'lines',
        ref: `${name}:${i + 1}`,
        reason: 'no time at the start of the line, and no message above it to continue',
      });
  });
  const zoneText = options.zone?.trim();
  const zone = zoneText ? parseZone(zoneText, timeOpts) : null;
  if (zoneText && (!zone || zone.unknown)) {
    for (const m of messages)
      result.unreadable.push({ source: 'lines', ref: `${name}:${m.line}`, reason: `"${zoneText}" is not a time zone` });
    return result;
  }
  const resolved = resolveSequence(
    messages.map((m) => m.stamp),
    { baseDate: parseDate(options.date), zone, opts: timeOpts },
  );
  messages.forEach((m, i) => {
    const ref = `${name}:${m.line}`;
    const r = resolved[i];
    const text = oneLine(m.parts.join(' '));
    if (!text) {
      result.dropped.push({ source: 'lines', ref, reason: 'a time with no message' });
      return;
    }
    if (!r || r.instant === null) {
      result.unreadable.push({
        source: 'lines',
        ref,
        reason: r?.unresolved ?? `"${m.stamp.text}" could not be read as a time`,
      });
      return;
    }
    if (r.dateInferred) {
      result.unreadable.push({ source: 'lines', ref, reason: `"${m.stamp.text}" has no date, and none was given` });
      return;
    }
    if (r.zoneFloating || !r.zone) {
      result.unreadable.push({
        source: 'lines',
        ref,
        reason: `"${m.stamp.text}" has no time zone, and none was given`,
      });
      return;
    }
    result.records.push({ instant: r.instant, text, ...(m.author ? { author: m.author } : {}), source: 'lines', ref });
  });
  return result;
}
