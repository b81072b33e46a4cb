// Writes postmortem.injection.tmLanguage.json from the named pieces below, so each regex is read
// (and changed) once. Run `node syntaxes/build-injection-grammar.mjs` after an edit;
// `--check` exits 1 when the JSON beside it is out of date (test/unit/grammar.test.ts runs it).
//
// The grammar is injected into Markdown and scopes the times, dates, zones, durations and T+ offsets
// of a postmortem. It must stay quiet on everything else that has digits in it: versions, IPs,
// ports, HTTP status codes, counts, percentages.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = fileURLToPath(new URL('./postmortem.injection.tmLanguage.json', import.meta.url));

// ---- pieces (Oniguruma syntax) ------------------------------------------------------------------

const MERIDIEM = String.raw`(?i:[ap]\.?m\.?)(?![A-Za-z])`;
/** "10:42", "22:45", "10:42:05", "10:42 PM", "9:00 am", "10.42pm", "6 p.m.", "6PM". */
const TIME = [
  String.raw`(?:[01]?\d|2[0-4]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,6})?)?(?:\s?${MERIDIEM})?`,
  String.raw`(?:1[0-2]|0?[1-9])\.[0-5]\d\s?${MERIDIEM}`,
  String.raw`(?:1[0-2]|0?[1-9])\s?${MERIDIEM}`,
].join('|');
/** Not inside a word, a number, a version, a path or an amount. */
const TIME_BEFORE = String.raw`(?<![\w.:/@#$€£+])`;
/** Not followed by more of a number ("10:42:99", "10:4201", "10:42.5"). */
const TIME_AFTER = String.raw`(?![\w]|[:.,]\d)`;

/** Abbreviations that are zones wherever they stand (all capitals, as written). */
const ZONES_ALWAYS = [
  'UTC',
  'GMT',
  'WAT',
  'CAT',
  'EAT',
  'SAST',
  'WET',
  'CET',
  'CEST',
  'EET',
  'EEST',
  'BST',
  'IST',
  'MSK',
  'EST',
  'EDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'AKST',
  'AKDT',
  'HST',
  'JST',
  'KST',
  'HKT',
  'SGT',
  'AEST',
  'AEDT',
  'ACST',
  'ACDT',
  'AWST',
  'NZST',
  'NZDT',
];
/** Shorter or commoner words, zones only right after a time or in parentheses. */
const ZONES_AFTER_TIME = [
  ...ZONES_ALWAYS,
  'WEST',
  'IDT',
  'PKT',
  'ICT',
  'WIB',
  'PHT',
  'GST',
  'AST',
  'ADT',
  'NST',
  'NDT',
  'BRT',
  'ART',
  'CLT',
  'COT',
  'PET',
  'ET',
  'CT',
  'MT',
  'PT',
];
const alternation = (words) => [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');

/** "UTC+1", "GMT+01:00", "UTC-5", "UTC−05:30". */
const UTC_OFFSET = String.raw`(?:UTC|GMT|(?i:utc|gmt))\s?[+\-−]\s?(?:1[0-4]|0?\d)(?::?[0-5]\d)?`;
/** "+0100", "-05:00": only right after a time. */
const BARE_OFFSET = String.raw`[+\-−](?:0\d|1[0-4]):?[0-5]\d`;
/** "Africa/Lagos", "America/Argentina/Buenos_Aires", "Etc/GMT+1". */
const IANA = String.raw`(?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Z][A-Za-z0-9_+\-]*(?:/[A-Z][A-Za-z_\-]*)?`;
/** "Central European Time", "West Africa Time", "Pacific Daylight Time", "Coordinated Universal Time". */
const LONG_ZONE = String.raw`(?:Coordinated Universal|Greenwich Mean|(?:Central|Eastern|Western) European(?: (?:Standard|Summer))?|(?:West|Central|East|South) Africa(?:n)?(?: (?:Standard|Summer))?|(?:Eastern|Central|Mountain|Pacific|Atlantic|Alaska|Hawaii)(?: (?:Standard|Daylight))?|India(?:n)? Standard|British Summer|Irish Standard|Japan Standard|China Standard|Singapore(?: Standard)?|Australian (?:Eastern|Central|Western)(?: (?:Standard|Daylight))?) Time`;
const ZONE_END = String.raw`(?![\w/+\-−]|:\d)`;
const ZONE_AFTER_TIME = String.raw`(?:${UTC_OFFSET}|${BARE_OFFSET}|${IANA}|${LONG_ZONE}|(?:${alternation(ZONES_AFTER_TIME)}|(?i:utc|gmt)))${ZONE_END}`;
const ZONE_IN_PARENS = String.raw`(?:${UTC_OFFSET}|${BARE_OFFSET}|${IANA}|${LONG_ZONE}|${alternation(ZONES_AFTER_TIME)}|(?i:utc|gmt))`;
const ZONE_ALONE = String.raw`(?:${UTC_OFFSET}|${IANA}|${LONG_ZONE}|${alternation(ZONES_ALWAYS)})${ZONE_END}`;

const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![A-Za-z])\.?`;
const WEEKDAY = String.raw`(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?(?![A-Za-z])\.?,?\s+)`;
const DAY = String.raw`(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const MM = String.raw`(?:0[1-9]|1[0-2])`;
const DD = String.raw`(?:0[1-9]|[12]\d|3[01])`;
const ISO_DATE = String.raw`${YEAR}-${MM}-${DD}`;
/** "June 8, 2024", "Jun 8th", "Saturday, June 8", "8 June 2024", "8th of June", "March 2025", "2024-06-08", "8/6/2024", "08.06.2024". */
const DATE = [
  String.raw`${WEEKDAY}?${MONTH}\s+${YEAR}(?!\d)`,
  String.raw`${WEEKDAY}?${MONTH}\s+${DAY}(?:,?\s+${YEAR})?(?![\w]|:\d)`,
  String.raw`${WEEKDAY}?${DAY}\s+(?:of\s+)?${MONTH}(?:,?\s+${YEAR})?(?!\w)`,
  String.raw`(?<![\w.\-/])${ISO_DATE}(?![\w\-]|[.:]\d)`,
  String.raw`(?<![\w.\-/])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}/\d{1,2}/\d{1,2})(?![\w/]|[.:]\d)`,
  String.raw`(?<![\w.])\d{2}\.\d{2}\.${YEAR}(?![\w.]|:\d)`,
].join('|');
const DATE_BEFORE = String.raw`(?<![\w.\-/$])`;

/** Things counted in millions or thousands: "2m requests" is not two minutes. */
const COUNTED = String.raw`(?!\s+(?:users?|requests?|customers?|clients?|visitors?|people|rows?|records?|events?|messages?|orders?|accounts?|devices?|calls?|queries|transactions?|jobs?|items?|files?|bytes?|keys?|hits?|errors?|pages?|emails?))`;
const NUMBER = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?[-–]\s?\d+(?:\.\d+)?)?`;
const WORD_NUMBER = String.raw`(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety|a few|a couple of|several)`;
const LONG_UNIT = String.raw`(?:milliseconds?|seconds?|minutes?|hours?|days?|weeks?|(?:msecs?|secs?|mins?|hrs?|wks?)(?:\.(?!\s*$))?)(?![A-Za-z])`;
const LONG_PART = String.raw`(?:${NUMBER}|${WORD_NUMBER})\s?-?\s?${LONG_UNIT}`;
/** "45 minutes", "8 hours", "1.5 hours", "2 hrs 30 mins", "1 hour and 35 minutes", "an hour", "a 5-minute window". */
const DURATION_LONG = String.raw`(?:${LONG_PART}(?:(?:\s*,\s*|\s+and\s+|\s+)${LONG_PART})*|(?i:half an|an)\s+hour(?![A-Za-z]))`;
/** "7h 23m", "1h03m", "45m", "100ms", "2d"; never "500s" (HTTP status codes) or "2m requests". */
const DURATION_SHORT = String.raw`(?!\d{3,}s(?![\w]))\d+(?:\.\d+)?(?:ms|[dhms])(?:\s?\d+(?:ms|[dhms]))*(?![\w])`;
const DURATION_BEFORE = String.raw`(?<![\w.$€£/:+\-−#])`;

/** "T+1h03m", "T+15m", "T-5m", "T+0", "T+1:03". */
const OFFSET = String.raw`(?<![\w])T\s?[+\-−±]\s?\d+(?:(?:ms|[dhms])(?:\d+(?:ms|[dhms]))*|:[0-5]\d)?(?![\w])`;

// ---- the grammar --------------------------------------------------------------------------------

const S = {
  time: 'constant.numeric.time.postmortem',
  date: 'constant.numeric.date.postmortem',
  zone: 'support.constant.timezone.postmortem',
  duration: 'constant.numeric.duration.postmortem',
  offset: 'constant.numeric.offset.postmortem',
  open: 'punctuation.definition.timezone.begin.postmortem',
  close: 'punctuation.definition.timezone.end.postmortem',
  separator: 'punctuation.separator.date-time.postmortem',
};

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Postmortem times (injected into Markdown)',
  comment: 'Generated by build-injection-grammar.mjs: edit that file, not this one.',
  scopeName: 'postmortem.injection',
  // No "L:" (left) priority: Markdown's own rules must win a tie, or a line that starts with a time
  // ("10:42 PM - the **deploy** failed") would never open its paragraph and lose its bold, links and
  // inline code (test/unit/grammar.test.ts shows it).
  injectionSelector: 'text.html.markdown -markup.fenced_code -markup.inline.raw -markup.raw -markup.underline.link -comment',
  patterns: [
    { include: '#iso-datetime' },
    { include: '#offset' },
    { include: '#date' },
    { include: '#time' },
    { include: '#duration' },
    { include: '#zone' },
  ],
  repository: {
    'iso-datetime': {
      comment: '2024-06-08T22:42:00Z, 2024-06-08T22:42+01:00: a date whose time and zone are scoped too.',
      match: String.raw`(?<![\w.\-/])(${ISO_DATE})(T)((?:[01]\d|2[0-4]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?)(Z|[+\-−](?:0\d|1[0-4]):?[0-5]\d)?(?![\w]|[:.]\d)`,
      name: S.date,
      captures: { 2: { name: S.separator }, 3: { name: S.time }, 4: { name: S.zone } },
    },
    offset: {
      comment: 'Time since the start of the incident: T+1h03m, T+15m, T-5m.',
      match: OFFSET,
      name: S.offset,
    },
    date: {
      match: String.raw`${DATE_BEFORE}(?:${DATE})`,
      name: S.date,
    },
    time: {
      comment: 'A time of day and the zone written right after it: 10:42 PM (WAT), 22:45 UTC, 10:42 +0100, 22:42Z.',
      match: String.raw`${TIME_BEFORE}(${TIME})(?:(Z)(?![\w])|${TIME_AFTER}(?:\s*(\()\s*(${ZONE_IN_PARENS})\s*(\))|\s+(${ZONE_AFTER_TIME}))?)`,
      captures: {
        1: { name: S.time },
        2: { name: S.zone },
        3: { name: S.open },
        4: { name: S.zone },
        5: { name: S.close },
        6: { name: S.zone },
      },
    },
    duration: {
      match: String.raw`${DURATION_BEFORE}(?:${DURATION_LONG}|${DURATION_SHORT})${COUNTED}`,
      name: S.duration,
    },
    zone: {
      comment: 'A zone on its own: in parentheses, or an abbreviation that is nothing but a zone, an offset from UTC, an IANA name.',
      patterns: [
        {
          match: String.raw`(\()\s*(${ZONE_IN_PARENS})\s*(\))`,
          captures: { 1: { name: S.open }, 2: { name: S.zone }, 3: { name: S.close } },
        },
        {
          match: String.raw`(?<![\w/\-+.])${ZONE_ALONE}`,
          name: S.zone,
        },
      ],
    },
  },
};

const json = `${JSON.stringify(grammar, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: out of date
  }
  if (current !== json) {
    console.error(`${out} is out of date: run node syntaxes/build-injection-grammar.mjs`);
    process.exit(1);
  }
} else {
  writeFileSync(out, json);
}
