/**
 * The zone names people write, as tables: unambiguous abbreviations, abbreviations with several meanings, long names,
 * which abbreviations may be written in lower case, and capitalised words that only look like zones. Data only;
 * zones.ts reads them.
 */

export interface ZoneDef {
  /** Fixed offset in minutes (absent for generic names such as "ET"). */
  offset?: number;
  name: string;
  region?: string;
  daylight?: boolean;
  generic?: boolean;
}

export interface Candidate {
  label: string;
  offset: number;
  iana: string;
  daylight?: boolean;
}

export interface AmbiguousDef {
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
export const ABBREVIATIONS: ReadonlyMap<string, ZoneDef> = new Map<string, ZoneDef>([
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
export const AMBIGUOUS: ReadonlyMap<string, AmbiguousDef> = new Map<string, AmbiguousDef>([
  [
    'IST',
    {
      candidates: [
        { label: 'India Standard Time (UTC+05:30)', offset: 330, iana: 'Asia/Kolkata' },
        { label: 'Irish Standard Time (UTC+01:00)', offset: 60, iana: 'Europe/Dublin', daylight: true },
        { label: 'Israel Standard Time (UTC+02:00)', offset: 120, iana: 'Asia/Jerusalem' },
      ],
    },
  ],
  [
    'CST',
    {
      candidates: [
        { label: 'Central Standard Time, North America (UTC-06:00)', offset: -360, iana: 'America/Chicago' },
        { label: 'China Standard Time (UTC+08:00)', offset: 480, iana: 'Asia/Shanghai' },
        { label: 'Cuba Standard Time (UTC-05:00)', offset: -300, iana: 'America/Havana' },
      ],
    },
  ],
  [
    'BST',
    {
      candidates: [
        { label: 'British Summer Time (UTC+01:00)', offset: 60, iana: 'Europe/London', daylight: true },
        { label: 'Bangladesh Standard Time (UTC+06:00)', offset: 360, iana: 'Asia/Dhaka' },
      ],
    },
  ],
  [
    'GST',
    {
      candidates: [
        { label: 'Gulf Standard Time (UTC+04:00)', offset: 240, iana: 'Asia/Dubai' },
        { label: 'South Georgia Time (UTC-02:00)', offset: -120, iana: 'Atlantic/South_Georgia' },
      ],
    },
  ],
  [
    'AST',
    {
      candidates: [
        { label: 'Atlantic Standard Time (UTC-04:00)', offset: -240, iana: 'America/Halifax' },
        { label: 'Arabia Standard Time (UTC+03:00)', offset: 180, iana: 'Asia/Riyadh' },
      ],
    },
  ],
  [
    'SST',
    {
      candidates: [
        { label: 'Singapore Standard Time (UTC+08:00)', offset: 480, iana: 'Asia/Singapore' },
        { label: 'Samoa Standard Time (UTC-11:00)', offset: -660, iana: 'Pacific/Pago_Pago' },
      ],
    },
  ],
  [
    'AMT',
    {
      candidates: [
        { label: 'Amazon Time (UTC-04:00)', offset: -240, iana: 'America/Manaus' },
        { label: 'Armenia Time (UTC+04:00)', offset: 240, iana: 'Asia/Yerevan' },
      ],
    },
  ],
  // Writers in West Africa often mean "West Africa Standard Time", i.e. WAT.
  [
    'WAST',
    {
      candidates: [
        { label: 'West Africa Time, as "West Africa Standard Time" (UTC+01:00)', offset: 60, iana: 'Africa/Lagos' },
        { label: 'West Africa Summer Time (UTC+02:00)', offset: 120, iana: 'Africa/Windhoek', daylight: true },
        { label: 'Western Australia Standard Time (UTC+08:00)', offset: 480, iana: 'Australia/Perth' },
      ],
    },
  ],
]);

/** Long names, lower case, single spaces. Values: an abbreviation of the tables above or a definition. */
export const LONG_NAMES: ReadonlyMap<string, ZoneDef> = (() => {
  const m = new Map<string, ZoneDef>();
  const abbr = (key: string): ZoneDef => {
    const def = ABBREVIATIONS.get(key);
    if (!def) throw new Error(`zone table: ${key}`);
    return def;
  };
  const add = (names: string[], def: ZoneDef): void => {
    for (const n of names) m.set(n, def);
  };
  add(['coordinated universal time', 'universal time', 'universal coordinated time'], abbr('UTC'));
  add(['greenwich mean time', 'greenwich time'], abbr('GMT'));
  add(
    [
      'west africa time',
      'west african time',
      'west africa standard time',
      'west african standard time',
      'west central africa standard time',
    ],
    abbr('WAT'),
  );
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
export const LOWERCASE_OK: ReadonlySet<string> = new Set([
  'UTC',
  'GMT',
  'EST',
  'EDT',
  'PST',
  'PDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'CET',
  'CEST',
  'BST',
  'IST',
  'WAT',
  'SAST',
  'AEST',
  'AEDT',
  'JST',
  'EEST',
  'HKT',
  'SGT',
]);

/** Capitalised words ending in T that are not zones. */
export const NOT_ZONES: ReadonlySet<string> = new Set([
  'IT',
  'AT',
  'BUT',
  'NOT',
  'OUT',
  'GOT',
  'LET',
  'SET',
  'GET',
  'PUT',
  'HIT',
  'ALERT',
  'START',
  'ABOUT',
  'LAST',
  'FIRST',
  'EVENT',
  'ABORT',
  'RESET',
  'REST',
  'POST',
  'TEST',
  'HOST',
  'LIST',
  'EXIT',
  'EDIT',
  'JUST',
  'MUST',
  'NEXT',
  'PART',
  'WAIT',
  'QUIT',
  'SPLIT',
  'ROOT',
  'BOOT',
  'PORT',
  'SORT',
  'FAULT',
  'CUT',
  'CART',
  'SIT',
  'KIT',
  'FACT',
  'ACT',
  'ANT',
  'ANY',
  'DNT',
  'TXT',
  'FMT',
  'INT',
  'OPT',
  'PPT',
  'MGMT',
  'DEPT',
  'MAT',
  'TAT',
  'EXT',
  'ALT',
  'RPT',
  'SAT',
  'DDT',
  'HTTPT',
  'REQT',
  'GIT',
  'UNIT',
  'SHIFT',
  'BOLT',
  'BEST',
  'MOST',
]);
