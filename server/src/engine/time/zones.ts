/**
 * Time zones as people write them in postmortems: abbreviations, offsets, IANA names and long names.
 * Pure functions; the tables and regular expressions are built once per process.
 */
import { IANAZone } from 'luxon';
import type { TimeOptions, ZoneRef } from './types';

interface ZoneDef {
  /** Fixed offset in minutes (absent for generic names such as "ET"). */
  offset?: number;
  name: string;
  region?: string;
  daylight?: boolean;
  generic?: boolean;
}

interface Candidate {
  label: string;
  offset: number;
  iana: string;
  daylight?: boolean;
}

interface AmbiguousDef {
  /** The first candidate is the default reading. */
  candidates: Candidate[];
}

const d = (offset: number, name: string, region?: string, daylight?: boolean): ZoneDef => {
  const def: ZoneDef = { offset, name };
  if (region !== undefined) def.region = region;
  if (daylight !== undefined) def.daylight = daylight;
  return def;
};
const g = (name: string, region: string): ZoneDef => ({ name, region, generic: true });

/** Unambiguous abbreviations (upper case). */
const ABBREVIATIONS: ReadonlyMap<string, ZoneDef> = new Map<string, ZoneDef>([
  ['UTC', d(0, 'Coordinated Universal Time')],
  ['UT', d(0, 'Universal Time')],
  ['GMT', d(0, 'Greenwich Mean Time')],
  ['Z', d(0, 'UTC (Zulu)')],
  ['WAT', d(60, 'West Africa Time', 'Africa/Lagos', false)],
  ['CAT', d(120, 'Central Africa Time', 'Africa/Maputo', false)],
  ['EAT', d(180, 'East Africa Time', 'Africa/Nairobi', false)],
  ['SAST', d(120, 'South Africa Standard Time', 'Africa/Johannesburg', false)],
  ['EST', d(-300, 'Eastern Standard Time', 'America/New_York', false)],
  ['EDT', d(-240, 'Eastern Daylight Time', 'America/New_York', true)],
  ['CDT', d(-300, 'Central Daylight Time', 'America/Chicago', true)],
  ['MST', d(-420, 'Mountain Standard Time', 'America/Denver', false)],
  ['MDT', d(-360, 'Mountain Daylight Time', 'America/Denver', true)],
  ['PST', d(-480, 'Pacific Standard Time', 'America/Los_Angeles', false)],
  ['PDT', d(-420, 'Pacific Daylight Time', 'America/Los_Angeles', true)],
  ['AKST', d(-540, 'Alaska Standard Time', 'America/Anchorage', false)],
  ['AKDT', d(-480, 'Alaska Daylight Time', 'America/Anchorage', true)],
  ['HST', d(-600, 'Hawaii Standard Time', 'Pacific/Honolulu', false)],
  ['ADT', d(-180, 'Atlantic Daylight Time', 'America/Halifax', true)],
  ['NST', d(-210, 'Newfoundland Standard Time', 'America/St_Johns', false)],
  ['NDT', d(-150, 'Newfoundland Daylight Time', 'America/St_Johns', true)],
  ['CET', d(60, 'Central European Time', 'Europe/Paris', false)],
  ['CEST', d(120, 'Central European Summer Time', 'Europe/Paris', true)],
  ['EET', d(120, 'Eastern European Time', 'Europe/Athens', false)],
  ['EEST', d(180, 'Eastern European Summer Time', 'Europe/Athens', true)],
  ['WET', d(0, 'Western European Time', 'Europe/Lisbon', false)],
  ['WEST', d(60, 'Western European Summer Time', 'Europe/Lisbon', true)],
  ['IDT', d(180, 'Israel Daylight Time', 'Asia/Jerusalem', true)],
  ['JST', d(540, 'Japan Standard Time', 'Asia/Tokyo', false)],
  ['KST', d(540, 'Korea Standard Time', 'Asia/Seoul', false)],
  ['AEST', d(600, 'Australian Eastern Standard Time', 'Australia/Sydney', false)],
  ['AEDT', d(660, 'Australian Eastern Daylight Time', 'Australia/Sydney', true)],
  ['ACST', d(570, 'Australian Central Standard Time', 'Australia/Adelaide', false)],
  ['ACDT', d(630, 'Australian Central Daylight Time', 'Australia/Adelaide', true)],
  ['AWST', d(480, 'Australian Western Standard Time', 'Australia/Perth', false)],
  ['NZST', d(720, 'New Zealand Standard Time', 'Pacific/Auckland', false)],
  ['NZDT', d(780, 'New Zealand Daylight Time', 'Pacific/Auckland', true)],
  ['MSK', d(180, 'Moscow Time', 'Europe/Moscow', false)],
  ['HKT', d(480, 'Hong Kong Time', 'Asia/Hong_Kong', false)],
  ['SGT', d(480, 'Singapore Time', 'Asia/Singapore', false)],
  ['PHT', d(480, 'Philippine Time', 'Asia/Manila', false)],
  ['WIB', d(420, 'Western Indonesia Time', 'Asia/Jakarta', false)],
  ['WITA', d(480, 'Central Indonesia Time', 'Asia/Makassar', false)],
  ['WIT', d(540, 'Eastern Indonesia Time', 'Asia/Jayapura', false)],
  ['PKT', d(300, 'Pakistan Standard Time', 'Asia/Karachi', false)],
  ['BRT', d(-180, 'Brasília Time', 'America/Sao_Paulo', false)],
  ['ART', d(-180, 'Argentina Time', 'America/Argentina/Buenos_Aires', false)],
  ['ICT', d(420, 'Indochina Time', 'Asia/Bangkok', false)],
  ['MYT', d(480, 'Malaysia Time', 'Asia/Kuala_Lumpur', false)],
  ['NPT', d(345, 'Nepal Time', 'Asia/Kathmandu', false)],
  ['IRST', d(210, 'Iran Standard Time', 'Asia/Tehran', false)],
  ['AFT', d(270, 'Afghanistan Time', 'Asia/Kabul', false)],
  ['TRT', d(180, 'Turkey Time', 'Europe/Istanbul', false)],
  ['CLT', d(-240, 'Chile Standard Time', 'America/Santiago', false)],
  ['CLST', d(-180, 'Chile Summer Time', 'America/Santiago', true)],
  ['COT', d(-300, 'Colombia Time', 'America/Bogota', false)],
  ['PET', d(-300, 'Peru Time', 'America/Lima', false)],
  ['VET', d(-240, 'Venezuela Time', 'America/Caracas', false)],
  ['UYT', d(-180, 'Uruguay Time', 'America/Montevideo', false)],
  ['ET', g('Eastern Time', 'America/New_York')],
  ['CT', g('Central Time', 'America/Chicago')],
  ['MT', g('Mountain Time', 'America/Denver')],
  ['PT', g('Pacific Time', 'America/Los_Angeles')],
]);

/** Abbreviations with several meanings; the first candidate is the default reading. */
const AMBIGUOUS: ReadonlyMap<string, AmbiguousDef> = new Map<string, AmbiguousDef>([
  ['IST', { candidates: [
    { label: 'India Standard Time (UTC+05:30)', offset: 330, iana: 'Asia/Kolkata' },
    { label: 'Irish Standard Time (UTC+01:00)', offset: 60, iana: 'Europe/Dublin', daylight: true },
    { label: 'Israel Standard Time (UTC+02:00)', offset: 120, iana: 'Asia/Jerusalem' },
  ] }],
  ['CST', { candidates: [
    { label: 'Central Standard Time, North America (UTC-06:00)', offset: -360, iana: 'America/Chicago' },
    { label: 'China Standard Time (UTC+08:00)', offset: 480, iana: 'Asia/Shanghai' },
    { label: 'Cuba Standard Time (UTC-05:00)', offset: -300, iana: 'America/Havana' },
  ] }],
  ['BST', { candidates: [
    { label: 'British Summer Time (UTC+01:00)', offset: 60, iana: 'Europe/London', daylight: true },
    { label: 'Bangladesh Standard Time (UTC+06:00)', offset: 360, iana: 'Asia/Dhaka' },
  ] }],
  ['GST', { candidates: [
    { label: 'Gulf Standard Time (UTC+04:00)', offset: 240, iana: 'Asia/Dubai' },
    { label: 'South Georgia Time (UTC-02:00)', offset: -120, iana: 'Atlantic/South_Georgia' },
  ] }],
  ['AST', { candidates: [
    { label: 'Atlantic Standard Time (UTC-04:00)', offset: -240, iana: 'America/Halifax' },
    { label: 'Arabia Standard Time (UTC+03:00)', offset: 180, iana: 'Asia/Riyadh' },
  ] }],
  ['SST', { candidates: [
    { label: 'Singapore Standard Time (UTC+08:00)', offset: 480, iana: 'Asia/Singapore' },
    { label: 'Samoa Standard Time (UTC-11:00)', offset: -660, iana: 'Pacific/Pago_Pago' },
  ] }],
  ['AMT', { candidates: [
    { label: 'Amazon Time (UTC-04:00)', offset: -240, iana: 'America/Manaus' },
    { label: 'Armenia Time (UTC+04:00)', offset: 240, iana: 'Asia/Yerevan' },
  ] }],
  // Writers in West Africa often mean "West Africa Standard Time", i.e. WAT.
  ['WAST', { candidates: [
    { label: 'West Africa Time, as "West Africa Standard Time" (UTC+01:00)', offset: 60, iana: 'Africa/Lagos' },
    { label: 'West Africa Summer Time (UTC+02:00)', offset: 120, iana: 'Africa/Windhoek', daylight: true },
    { label: 'Western Australia Standard Time (UTC+08:00)', offset: 480, iana: 'Australia/Perth' },
  ] }],
]);

/** Long names, lower case, single spaces. Values: an abbreviation of the tables above or a definition. */
const LONG_NAMES: ReadonlyMap<string, ZoneDef> = (() => {
  const m = new Map<string, ZoneDef>();
  const abbr = (key: string): ZoneDef => {
    const def = ABBREVIATIONS.get(key);
    if (!def) throw new Error(`zone table: ${key}`);
    return def;
  };
  const add = (names: string[], def: ZoneDef): void => { for (const n of names) m.set(n, def); };
  add(['coordinated universal time', 'universal time', 'universal coordinated time'], abbr('UTC'));
  add(['greenwich mean time', 'greenwich time'], abbr('GMT'));
  add(['west africa time', 'west african time', 'west africa standard time', 'west african standard time'], abbr('WAT'));
  add(['central africa time', 'central african time'], abbr('CAT'));
  add(['east africa time', 'east african time'], abbr('EAT'));
  add(['south africa standard time', 'south african standard time', 'south africa time', 'south african time'], abbr('SAST'));
  add(['eastern time'], abbr('ET'));
  add(['central time'], abbr('CT'));
  add(['mountain time'], abbr('MT'));
  add(['pacific time'], abbr('PT'));
  add(['eastern standard time'], abbr('EST'));
  add(['eastern daylight time'], abbr('EDT'));
  add(['central standard time'], d(-360, 'Central Standard Time', 'America/Chicago', false));
  add(['central daylight time'], abbr('CDT'));
  add(['mountain standard time'], abbr('MST'));
  add(['mountain daylight time'], abbr('MDT'));
  add(['pacific standard time'], abbr('PST'));
  add(['pacific daylight time'], abbr('PDT'));
  add(['alaska standard time'], abbr('AKST'));
  add(['hawaii standard time', 'hawaii time'], abbr('HST'));
  add(['atlantic standard time'], d(-240, 'Atlantic Standard Time', 'America/Halifax', false));
  add(['central european time', 'central europe time', 'central european standard time'], abbr('CET'));
  add(['central european summer time', 'central european daylight time'], abbr('CEST'));
  add(['eastern european time', 'eastern european standard time'], abbr('EET'));
  add(['eastern european summer time'], abbr('EEST'));
  add(['western european time'], abbr('WET'));
  add(['western european summer time'], abbr('WEST'));
  add(['british summer time'], d(60, 'British Summer Time', 'Europe/London', true));
  add(['india standard time', 'indian standard time'], d(330, 'India Standard Time', 'Asia/Kolkata', false));
  add(['irish standard time'], d(60, 'Irish Standard Time', 'Europe/Dublin', true));
  add(['israel standard time'], d(120, 'Israel Standard Time', 'Asia/Jerusalem', false));
  add(['china standard time'], d(480, 'China Standard Time', 'Asia/Shanghai', false));
  add(['bangladesh standard time'], d(360, 'Bangladesh Standard Time', 'Asia/Dhaka', false));
  add(['gulf standard time'], d(240, 'Gulf Standard Time', 'Asia/Dubai', false));
  add(['arabia standard time', 'arabian standard time'], d(180, 'Arabia Standard Time', 'Asia/Riyadh', false));
  add(['japan standard time', 'japan time'], abbr('JST'));
  add(['korea standard time', 'korean standard time'], abbr('KST'));
  add(['australian eastern standard time'], abbr('AEST'));
  add(['australian eastern daylight time'], abbr('AEDT'));
  add(['new zealand standard time'], abbr('NZST'));
  add(['moscow time', 'moscow standard time'], abbr('MSK'));
  add(['hong kong time'], abbr('HKT'));
  add(['singapore time', 'singapore standard time'], abbr('SGT'));
  add(['philippine time', 'philippine standard time', 'philippines time'], abbr('PHT'));
  add(['pakistan standard time', 'pakistan time'], abbr('PKT'));
  add(['brasilia time', 'brasília time'], abbr('BRT'));
  add(['argentina time'], abbr('ART'));
  add(['western indonesia time', 'western indonesian time'], abbr('WIB'));
  return m;
})();

/** Abbreviations accepted in lower case inside running text (others must be written in capitals). */
const LOWERCASE_OK: ReadonlySet<string> = new Set(['UTC', 'GMT', 'EST', 'EDT', 'PST', 'PDT', 'CST', 'CDT', 'MST', 'MDT',
  'CET', 'CEST', 'BST', 'IST', 'WAT', 'SAST', 'AEST', 'AEDT', 'JST', 'EEST', 'HKT', 'SGT']);

/** Capitalised words ending in T that are not zones. */
const NOT_ZONES: ReadonlySet<string> = new Set(['IT', 'AT', 'BUT', 'NOT', 'OUT', 'GOT', 'LET', 'SET', 'GET', 'PUT', 'HIT',
  'ALERT', 'START', 'ABOUT', 'LAST', 'FIRST', 'EVENT', 'ABORT', 'RESET', 'REST', 'POST', 'TEST', 'HOST', 'LIST',
  'EXIT', 'EDIT', 'JUST', 'MUST', 'NEXT', 'PART', 'WAIT', 'QUIT', 'SPLIT', 'ROOT', 'BOOT', 'PORT', 'SORT', 'FAULT',
  'CUT', 'CART', 'SIT', 'KIT', 'FACT', 'ACT', 'ANT', 'ANY', 'DNT', 'TXT', 'FMT', 'INT', 'OPT', 'PPT', 'MGMT', 'DEPT',
  'MAT', 'TAT', 'EXT', 'ALT', 'RPT', 'SAT', 'DDT', 'HTTPT', 'REQT', 'GIT', 'UNIT', 'SHIFT', 'BOLT', 'BEST', 'MOST']);


const OFFSET_RE = /^(UTC|GMT|UT|Z)?[ \t]?([+\-−])[ \t]?(\d{1,2})(?:(:?)(\d{2}))?$/i;
const ABBR_PLUS_OFFSET_RE = /^([A-Za-z]{2,5})[ \t]*(?:\(|\[)?[ \t]*((?:UTC|GMT)?[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?)[ \t]*(?:\)|\])?$/i;
const IANA_FULL_RE = /^(?:[A-Z][A-Za-z]+(?:\/[A-Z][A-Za-z_-]+){1,2}|Etc\/[A-Za-z0-9+-]+)$/;
const WORD_RE = /^[A-Za-z]{1,5}$/;
const SPACES_RE = /\s+/g;

const ianaValidity = new Map<string, boolean>();
const ianaZones = new Map<string, IANAZone>();

/** Whether `name` is an IANA zone this runtime knows (cached). */
export function isIanaZone(name: string): boolean {
  let ok = ianaValidity.get(name);
  if (ok === undefined) {
    ok = IANAZone.isValidZone(name);
    ianaValidity.set(name, ok);
  }
  return ok;
}

/** Offsets by zone and quarter hour: asking Intl for one costs about 0.1 ms, and a timeline asks thousands of times. */
const QUARTER_HOUR = 15 * 60_000;
const offsetMemo = new Map<string, Map<number, number>>();
const OFFSET_MEMO_MAX = 4096;

function zoneOffset(name: string, epochMs: number): number {
  let z = ianaZones.get(name);
  if (!z) {
    z = IANAZone.create(name);
    ianaZones.set(name, z);
  }
  return z.offset(epochMs);
}

function quarterOffset(name: string, quarter: number): number {
  let memo = offsetMemo.get(name);
  if (!memo) offsetMemo.set(name, (memo = new Map()));
  let off = memo.get(quarter);
  if (off === undefined) {
    if (memo.size >= OFFSET_MEMO_MAX) memo.clear();
    off = zoneOffset(name, quarter * QUARTER_HOUR);
    memo.set(quarter, off);
  }
  return off;
}

/** The offset of an IANA zone at an instant, in minutes, or null when the zone is not known. */
export function ianaOffset(name: string, epochMs: number): number | null {
  if (!isIanaZone(name) || !Number.isFinite(epochMs)) return null;
  // The offset at both ends of the instant's quarter hour: equal, it holds all through it (clocks change at most once
  // in a quarter hour); else this quarter holds a change, and the instant is asked for itself.
  const quarter = Math.floor(epochMs / QUARTER_HOUR);
  const before = quarterOffset(name, quarter);
  const off = before === quarterOffset(name, quarter + 1) ? before : zoneOffset(name, epochMs);
  return Number.isFinite(off) ? off : null;
}

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

  const long = LONG_NAMES.get(t.toLowerCase().replace(SPACES_RE, ' '));
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
      const ok = s === up ? isKnownAbbreviation(up) && up !== 'Z' && up !== 'UT' : (up === 'UTC' || up === 'GMT');
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
