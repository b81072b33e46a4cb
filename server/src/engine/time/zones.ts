/**
 * Time zones as people write them in postmortems: abbreviations, offsets, IANA names and long names.
 * Pure functions; the tables (zoneTables.ts) and regular expressions are built once per process.
 */
import { ianaOffset, isIanaZone } from './iana';
import type { TimeOptions, ZoneRef } from './types';
import { ABBREVIATIONS, AMBIGUOUS, LONG_NAMES, LOWERCASE_OK, NOT_ZONES, type Candidate, type ZoneDef } from './zoneTables';

// ianaOffset's home is iana.ts; re-exported for rules/timezone-valid.ts and the zone tests, which import it from here.
export { ianaOffset };

const OFFSET_RE = /^(UTC|GMT|UT|Z)?[ \t]?([+\-−])[ \t]?(\d{1,2})(?:(:?)(\d{2}))?$/i;
const ABBR_PLUS_OFFSET_RE = /^([A-Za-z]{2,5})[ \t]*(?:\(|\[)?[ \t]*((?:UTC|GMT)?[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?)[ \t]*(?:\)|\])?$/i;
const IANA_FULL_RE = /^(?:[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z_-]+){1,2}|Etc\/[A-Za-z0-9+-]+)$/;
const WORD_RE = /^[A-Za-z]{1,5}$/;
const SPACES_RE = /\s+/g;

/** "+01:00" style text for an offset in minutes. */
export function formatOffset(minutes: number, opts: { colon?: boolean; pad?: boolean; minutes?: 'always' | 'auto' } = {}): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const hh = opts.pad === false ? String(h) : String(h).padStart(2, '0');
  const showMinutes = opts.minutes === 'always' || m !== 0;
  if (!showMinutes) return sign + hh;
  return sign + hh + (opts.colon === false ? '' : ':') + String(m).padStart(2, '0');
}

function parseOffsetText(text: string): { offset: number; valid: boolean } | null {
  const m = OFFSET_RE.exec(text);
  if (!m) return null;
  const prefix = m[1];
  const sign = m[2] === '+' ? 1 : -1;
  const hText = m[3] ?? '0';
  const colon = m[4];
  const mText = m[5];
  // Without a UTC/GMT prefix an offset must look like one: "+0100", "+01:00", "-05".
  if (!prefix && hText.length < 2) return null;
  if (!prefix && colon === undefined && mText === undefined && hText.length !== 2) return null;
  const h = Number(hText);
  const mi = mText === undefined ? 0 : Number(mText);
  const valid = h <= 14 && mi < 60;
  return { offset: sign * (h * 60 + mi), valid };
}

function fromDef(text: string, def: ZoneDef): ZoneRef {
  const z: ZoneRef = { text, start: 0, end: text.length, name: def.name };
  if (def.offset !== undefined) z.offsetMinutes = def.offset;
  if (def.region !== undefined) z.region = def.region;
  if (def.daylight !== undefined) z.daylight = def.daylight;
  if (def.generic) z.generic = true;
  return z;
}

function fromCandidate(text: string, c: Candidate): ZoneRef {
  const z: ZoneRef = { text, start: 0, end: text.length, offsetMinutes: c.offset, region: c.iana, name: c.label };
  z.daylight = c.daylight === true;
  return z;
}

/** Resolve an abbreviation through an alias value (an IANA name or an offset such as "UTC+5:30"). */
function viaAlias(text: string, key: string, alias: string): ZoneRef | null {
  const amb = AMBIGUOUS.get(key);
  const cand = amb?.candidates.find((c) => c.iana === alias);
  if (cand) return fromCandidate(text, cand);
  if (isIanaZone(alias)) {
    return { text, start: 0, end: text.length, region: alias, generic: true, name: alias };
  }
  const off = parseOffsetText(alias.trim());
  if (off && off.valid) return { text, start: 0, end: text.length, offsetMinutes: off.offset, name: alias };
  return null;
}

function lookupAbbreviation(text: string, key: string, opts?: TimeOptions): ZoneRef | null {
  const aliases = opts?.zoneAliases;
  if (aliases) {
    const alias = aliases[key] ?? aliases[text];
    if (alias !== undefined) {
      const z = viaAlias(text, key, alias);
      if (z) return z;
    }
  }
  const def = ABBREVIATIONS.get(key);
  if (def) return fromDef(text, def);
  const amb = AMBIGUOUS.get(key);
  if (amb) {
    const first = amb.candidates[0];
    if (!first) return null;
    const z = fromCandidate(text, first);
    z.ambiguous = amb.candidates.map((c) => c.label);
    return z;
  }
  return null;
}

/** True for a known abbreviation (unambiguous or ambiguous). */
export function isKnownAbbreviation(upper: string): boolean {
  return ABBREVIATIONS.has(upper) || AMBIGUOUS.has(upper);
}

/**
 * Whether a word written in running text right after a time should be read as a zone abbreviation:
 * known abbreviations in capitals (or "Gmt"/"utc" and a few common ones in lower case).
 */
export function acceptAbbreviationCase(word: string): boolean {
  const upper = word.toUpperCase();
  if (word === upper) return isKnownAbbreviation(upper) || word === 'Z';
  if (!isKnownAbbreviation(upper)) return false;
  if (word === word.toLowerCase()) return LOWERCASE_OK.has(upper);
  // Mixed case such as "Gmt", "Utc", "Est".
  return word[0] === upper[0] && LOWERCASE_OK.has(upper);
}

/** Whether an unknown word looks like a zone abbreviation ("XYZT"): 3-5 capitals ending in T. */
export function looksLikeZone(word: string): boolean {
  return /^[A-Z]{2,4}T$/.test(word) && !NOT_ZONES.has(word) && !isKnownAbbreviation(word);
}

/**
 * Read a zone written on its own: "WAT", "(WAT)", "UTC+1", "GMT+01:00", "+0100", "Z", "SAST+2",
 * "WAT (UTC+1)", "Africa/Lagos", "West Africa Time", "Gmt". Offsets of the result are 0..text.length
 * (of the trimmed text, parentheses removed). Returns null when the text is not a zone at all.
 */
export function parseZone(text: string, opts?: TimeOptions): ZoneRef | null {
  let t = text.trim();
  while (t.length >= 2 && ((t.startsWith('(') && t.endsWith(')')) || (t.startsWith('[') && t.endsWith(']')))) {
    t = t.slice(1, -1).trim();
  }
  if (t === '') return null;
  const len = t.length;

  if (IANA_FULL_RE.test(t) && t.includes('/')) {
    if (isIanaZone(t)) return { text: t, start: 0, end: len, iana: t, region: t };
    return { text: t, start: 0, end: len, unknown: true };
  }

  const off = parseOffsetText(t);
  if (off) {
    if (!off.valid) return { text: t, start: 0, end: len, unknown: true };
    return { text: t, start: 0, end: len, offsetMinutes: off.offset };
  }

  const upper = t.toUpperCase();
  if (WORD_RE.test(t)) {
    const z = lookupAbbreviation(t, upper, opts);
    if (z) return z;
    if (looksLikeZone(upper)) return { text: t, start: 0, end: len, unknown: true };
    return null;
  }

  const ap = ABBR_PLUS_OFFSET_RE.exec(t);
  if (ap) {
    const word = ap[1] ?? '';
    const offText = (ap[2] ?? '').replace(SPACES_RE, '');
    const o = parseOffsetText(offText.startsWith('+') || offText.startsWith('-') || offText.startsWith('−') ? 'UTC' + offText : offText);
    const key = word.toUpperCase();
    if (o && o.valid) {
      const amb = AMBIGUOUS.get(key);
      if (amb) {
        const cand = amb.candidates.find((c) => c.offset === o.offset);
        if (cand) {
          const z = fromCandidate(t, cand);
          return z;
        }
      }
      const base = lookupAbbreviation(t, key, opts);
      const z: ZoneRef = base ? { ...base } : { text: t, start: 0, end: len };
      delete z.ambiguous;
      delete z.generic;
      z.offsetMinutes = o.offset;
      if (base && base.offsetMinutes !== undefined && !base.generic && !base.ambiguous && base.offsetMinutes !== o.offset) {
        z.conflict = `${key} is UTC${formatOffset(base.offsetMinutes)}, not UTC${formatOffset(o.offset)}`;
      }
      if (!base && !looksLikeZone(key) && key !== 'UTC' && key !== 'GMT') return null;
      return z;
    }
  }

  // "Pacific Standard Timezone", "W. Central Africa Standard Time" (Windows' name): as "… Time".
  const long = LONG_NAMES.get(
    t
      .toLowerCase()
      .replace(SPACES_RE, ' ')
      .replace(/ ?time ?zone$/, ' time')
      .replace(/^w\. /, 'west '),
  );
  if (long) return fromDef(t, long);
  return null;
}

/**
 * The offset from UTC in minutes of a zone at an instant. IANA names and generic region names
 * ("Eastern Time") depend on the instant; abbreviations and written offsets are fixed.
 * Ambiguous abbreviations give their default reading. Null for unknown zones.
 */
export function offsetAt(zone: ZoneRef, epochMs: number): number | null {
  if (zone.iana) return ianaOffset(zone.iana, epochMs);
  if (zone.offsetMinutes !== undefined && !zone.generic) return zone.offsetMinutes;
  if (zone.region) return ianaOffset(zone.region, epochMs);
  return null;
}

/** The abbreviation(s) that denote `offset` for a region at that instant, e.g. America/New_York, -240 -> "EDT". */
export function abbreviationFor(region: string | undefined, offset: number): string | undefined {
  if (region) {
    for (const [abbr, def] of ABBREVIATIONS) {
      if (def.region === region && def.offset === offset && !def.generic) return abbr;
    }
  }
  if (offset === 0 && (region === undefined || region === 'Etc/UTC' || region === 'UTC')) return 'UTC';
  return undefined;
}

const FIND_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}/_])(?:` +
    String.raw`(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?` +
    String.raw`|[A-Z][a-z]+(?:_[A-Z][a-z]+)*\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?` +
    String.raw`|(?:[A-Z][a-zá]+[ \t]){1,3}Time` +
    String.raw`|[A-Za-z]{2,5}` +
    String.raw`)(?![\p{L}\p{N}_/])`,
  'gu',
);

/**
 * Every zone named in a line of prose ("All times in UTC", "Timezone: PST", "(Central European Time)").
 * Stricter than the scanner after a time: unknown abbreviations are not reported, and
 * abbreviations must be written in capitals (UTC/GMT also as "Utc"/"utc").
 */
export function findZones(text: string, opts?: TimeOptions): ZoneRef[] {
  const out: ZoneRef[] = [];
  FIND_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = FIND_RE.exec(text)) !== null) {
    const s = m[0];
    if (WORD_RE.test(s)) {
      const up = s.toUpperCase();
      const ok = s === up ? isKnownAbbreviation(up) && up !== 'Z' && up !== 'UT' : up === 'UTC' || up === 'GMT';
      if (!ok) continue;
    }
    const z = parseZone(s, opts);
    if (!z || z.unknown) continue;
    z.start = m.index;
    z.end = m.index + s.length;
    out.push(z);
  }
  return out;
}
