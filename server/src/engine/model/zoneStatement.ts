import type { TimeOptions, ZoneRef } from '../time/types';
import { findZones, parseZone } from '../time';
import type { LineIndex } from '../util/lines';

const STATEMENT =
  /\b(?:time\s*zone\W{0,4}|(?:all\s+)?times?\s+(?:are\s+|is\s+)?(?:shown\s+|given\s+|listed\s+|stated\s+|expressed\s+)?(?:in\s+|as\s+)?(?:the\s+)?[:(]?)\s*([A-Za-z][\w/+:\-. ]{0,48})/i;

/** A zone in brackets after a timeline's title: "## Timeline (CET)", "Timeline [in UTC]", "Timeline (UTC+1, June 8)". */
const TIMELINE_ZONE = /\btimeline\s*[([]\s*(?:in\s+)?([A-Za-z][\w/+:\-. ]{0,48}?)\s*(?:[)\],;]|$)/i;

const TIMELINE_BRACKETS = /\btimeline\s*[([]([^()[\]\n]{1,100})[)\]]/i;

/**
 * A statement of the zone all times are given in: "all times in UTC", "(all times WAT)", "Times are Central European Time".
 * Returns the zone, with offsets relative to `line`, or null.
 */
export function zoneStatement(line: string, opts: TimeOptions): ZoneRef | null {
  if (!/\btime/i.test(line)) return null;
  const t = TIMELINE_ZONE.exec(line);
  if (t?.[1] !== undefined) {
    const zone = parseZone(t[1], opts);
    const at = t.index + t[0].indexOf(t[1]);
    if (zone && !zone.unknown) return { ...zone, text: t[1], start: at, end: at + t[1].length };
  }
  // "Timeline (in 24-hour clock, West Africa Time)": one part of the brackets names the zone.
  const parts = TIMELINE_BRACKETS.exec(line);
  if (parts?.[1] !== undefined) {
    let at = parts.index + parts[0].indexOf(parts[1]);
    for (const part of parts[1].split(/([,;])/)) {
      const lead = /^\s*(?:(?:all\s+)?times?\s+)?(?:(?:are|is)\s+)?(?:in\s+)?/i.exec(part)?.[0] ?? '';
      const name = part.slice(lead.length).trimEnd();
      const zone = name ? parseZone(name, opts) : null;
      if (zone && !zone.unknown) return { ...zone, text: name, start: at + lead.length, end: at + lead.length + name.length };
      at += part.length;
    }
  }
  const m = STATEMENT.exec(line);
  if (!m || m[1] === undefined) return null;
  const phrase = m[1].replace(/[.)\s]+$/, '');
  const at = m.index + m[0].length - m[1].length;
  const words = phrase.split(/\s+/);
  // Longest prefix that reads as a zone: "Central European Time", then "Central European", … then "UTC".
  for (let n = Math.min(words.length, 5); n > 0; n--) {
    const candidate = words
      .slice(0, n)
      .join(' ')
      .replace(/[,;]+$/, '');
    const zone = parseZone(candidate, opts);
    if (zone && !zone.unknown) return { ...zone, text: candidate, start: at, end: at + candidate.length };
    // A region's name without "Time": "US Eastern", "Pacific" (the zone is the region's, as "Eastern Time").
    const regional = parseZone(`${candidate.replace(/^US\s+/i, '')} Time`, opts);
    if (regional?.generic && !regional.unknown) return { ...regional, text: candidate, start: at, end: at + candidate.length };
  }
  // The zone a few words on in the same sentence: "US Eastern (America/New_York)", "approximate and in PT".
  const sentence = /^[^;]*?(?=[.;](?:\s|$)|$)/.exec(m[1])?.[0] ?? '';
  const named = findZones(sentence, opts)[0];
  const before = named ? sentence.slice(0, named.start) : '';
  // Only a second name in brackets, or a zone said to be what the times are in ("… approximate and in PT").
  if (named && !/\d/.test(before) && before.split(/\s+/).filter(Boolean).length <= 4 && /(?:\(|\b(?:in|as)\s+)$/i.test(before)) {
    return { ...named, start: at + named.start, end: at + named.end };
  }
  return null;
}

/** A line that states the zone of every time ("All times in EDT (UTC-4)", "Times are UTC", "Timezone: CET"). */
const WHOLE_DOCUMENT =
  /\b(?:all\s+(?:the\s+)?times|all\s+timestamps|times\s+(?:are|in|shown|given|listed|below|above)|time\s*zone\s*(?:used\s*)?[:=(-]|time\s*zone\s+(?:is|used)\b)/i;
const MAX_STATEMENT_LINE = 160;

/**
 * A zone stated once for the whole document before `until` (the timeline): "All times in EDT (UTC-4)" above the
 * summary applies to the summary's window and to the timeline. Offsets absolute; null when none is stated.
 */
export function documentZoneStatement(text: string, lines: LineIndex, until: number, opts: TimeOptions): ZoneRef | null {
  const last = lines.lineOf(Math.max(0, Math.min(until, text.length) - 1));
  let inComment = false;
  for (let l = 1; l <= last; l++) {
    const start = lines.lineStart(l);
    if (start >= until) break;
    // What an HTML comment says is no statement of the document's ("<!-- timezone-valid: IST is … -->"): comments
    // are blanked out (same length, so offsets hold), and so is a line inside one.
    let line = lines.lineText(l);
    if (inComment) {
      const close = line.indexOf('-->');
      if (close < 0) continue;
      inComment = false;
      line = ' '.repeat(close + 3) + line.slice(close + 3);
    }
    line = line.replace(/<!--[\s\S]*?-->/g, (c) => ' '.repeat(c.length));
    const open = line.indexOf('<!--');
    if (open >= 0) {
      inComment = true;
      line = line.slice(0, open);
    }
    if (line.length > MAX_STATEMENT_LINE || !WHOLE_DOCUMENT.test(line)) continue;
    const z = zoneStatement(line, opts);
    if (z) return { ...z, start: z.start + start, end: z.end + start };
  }
  return null;
}
