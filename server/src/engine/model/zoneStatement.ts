import type { TimeOptions, ZoneRef } from '../time/types';
import { parseZone } from '../time';

const STATEMENT = /\b(?:time\s*zone\W{0,4}|(?:all\s+)?times?\s+(?:are\s+|is\s+)?(?:shown\s+|given\s+|listed\s+|stated\s+|expressed\s+)?(?:in\s+|as\s+)?(?:the\s+)?[:(]?)\s*([A-Za-z][\w/+:\-. ]{0,48})/i;

/**
 * A statement of the zone all times are given in: "all times in UTC", "(all times WAT)", "Times are Central European Time".
 * Returns the zone, with offsets relative to `line`, or null.
 */
export function zoneStatement(line: string, opts: TimeOptions): ZoneRef | null {
  if (!/\btime/i.test(line)) return null;
  const m = STATEMENT.exec(line);
  if (!m || m[1] === undefined) return null;
  const phrase = m[1].replace(/[.)\s]+$/, '');
  const at = m.index + m[0].length - m[1].length;
  const words = phrase.split(/\s+/);
  // Longest prefix that reads as a zone: "Central European Time", then "Central European", … then "UTC".
  for (let n = Math.min(words.length, 5); n > 0; n--) {
    const candidate = words.slice(0, n).join(' ').replace(/[,;]+$/, '');
    const zone = parseZone(candidate, opts);
    if (zone && !zone.unknown) return { ...zone, text: candidate, start: at, end: at + candidate.length };
  }
  return null;
}
