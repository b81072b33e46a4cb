/**
 * The time vocabulary shared by the model, the rules and the fixes.
 * Offsets are UTF-16 code-unit offsets into the string that was scanned.
 */

export type DateOrder = 'dmy' | 'mdy';

/** How a time of day was written, so a fix can write another time the same way. */
export interface TimeStyle {
  /** 12-hour clock with a meridiem, or 24-hour clock. */
  clock: '12h' | '24h';
  /** The meridiem exactly as written ("PM", "pm", "p.m.", "PM" glued as in "6PM"). */
  meridiemText?: string;
  /** Whether there was a space between the time and the meridiem. */
  meridiemSpace?: boolean;
  /** The separator between hours and minutes (":" or "."), or "" when written "1030". */
  separator: string;
  /** Hours padded to two digits ("09:05") or not ("9:05"). */
  padHour: boolean;
  /** Seconds were written. */
  seconds: boolean;
  /** Only the hour was written ("6 PM", "6pm"): minutes are left out when they are zero. */
  noMinutes?: boolean;
  /** A suffix glued to the time, e.g. "hrs" in "0300hrs" or "h" in "1430h". */
  suffix?: string;
  /** Written as a word ("noon", "midnight"). */
  word?: string;
}

/** How a calendar date was written. */
export interface DateStyle {
  /** "iso" 2024-06-08, "long" June 8, 2024, "long-dmy" 8 June 2024, "numeric" 08/06/2024 */
  kind: 'iso' | 'long' | 'long-dmy' | 'numeric';
  /** For numeric dates, the order used to read it. */
  order?: DateOrder;
  /** Month names abbreviated ("Jun") or full ("June"). */
  shortMonth?: boolean;
  /** Weekday written in front ("Saturday, June 8"). */
  weekday?: boolean;
  /** Whether a year was written. */
  hasYear: boolean;
  /** Numeric/iso dates: the separator ("/", "-", "."). */
  separator?: string;
  /** Numeric dates: day and month padded to two digits. */
  pad?: boolean;
  /** Numeric dates: the year was written with two digits. */
  twoDigitYear?: boolean;
  /** Long dates: an ordinal suffix on the day ("8th"). */
  ordinal?: boolean;
  /** Long dates: a comma between the day and the year ("June 8, 2024"). */
  comma?: boolean;
  /** Numeric dates that read as a valid date in both orders (e.g. 04/12/2022). */
  orderAmbiguous?: boolean;
}

export interface ZoneRef {
  /** As written, e.g. "WAT", "UTC+1", "GMT+01:00", "+0100", "Z", "Africa/Lagos". */
  text: string;
  start: number;
  end: number;
  /** Fixed offset from UTC in minutes when the zone is a fixed offset or an unambiguous abbreviation. */
  offsetMinutes?: number;
  /** IANA name when written as one (offset then depends on the instant). */
  iana?: string;
  /** For an ambiguous abbreviation (IST, CST, BST…) that no setting resolved: the candidate meanings. */
  ambiguous?: string[];
  /** True when the text looks like a zone but is not known (e.g. "XYZT"). */
  unknown?: boolean;
  /** For abbreviations and long names: the IANA zone of the region they belong to (EST -> America/New_York). */
  region?: string;
  /** For abbreviations: true for a daylight-saving (summer) abbreviation (EDT, CEST, BST), false for standard. */
  daylight?: boolean;
  /** For generic region names without a fixed offset ("Eastern Time", "ET", "PT"): offset follows `region`. */
  generic?: boolean;
  /** A human name for the zone, e.g. "West Africa Time". */
  name?: string;
  /** The abbreviation and a written offset disagree ("SAST+3": SAST is UTC+2); the written offset wins. */
  conflict?: string;
  /** Written after the end of a range and shared by its start ("01:58–02:00 CET"): start and end point at the end's zone. */
  borrowed?: boolean;
}

/**
 * A weekday written before a date that falls on another day ("Friday, March 12, 2024": a Tuesday). The date wins. The
 * weekday opens the date: it runs from the date's start for `text.length`.
 */
export interface WeekdayConflict {
  /** The weekday as written. */
  text: string;
  /** The weekday the date falls on, written like the original ("Tue" for "Fri", "tuesday" for "friday"). */
  actual: string;
  /** "March 12, 2024 was a Tuesday, not a Friday". */
  message: string;
}

export interface ParsedTimestamp {
  /** Offsets of the whole timestamp (date + time + zone) in the scanned string. */
  start: number;
  end: number;
  text: string;
  /** The calendar date, when written. month 1-12. */
  date?: {
    year?: number;
    month: number;
    day: number;
    start: number;
    end: number;
    style: DateStyle;
    weekdayConflict?: WeekdayConflict;
  };
  /** The time of day, when written, as a 24-hour value. */
  time?: { hour: number; minute: number; second?: number; start: number; end: number; style: TimeStyle };
  zone?: ZoneRef;
  /** "Day 2, 09:00": a day counted from the start of the incident (1-based). */
  relativeDay?: { day: number; start: number; end: number };
  /** Which reader found it: the fast scanner or the chrono-node fallback. */
  source?: 'scanner' | 'chrono';
  /**
   * What is impossible about it, in words a user understands
   * ("25:10 is not a time of day", "February 30 does not exist", "13:00 PM mixes a 24-hour time with PM").
   * Empty when the timestamp is valid.
   */
  problems: string[];
}

export interface TimeOptions {
  /** How to read numeric dates such as 08/06/2024. Default 'mdy'. */
  dateOrder?: DateOrder;
  /** How to resolve ambiguous abbreviations, e.g. { IST: 'Asia/Kolkata', BST: 'Europe/London' }. */
  zoneAliases?: Record<string, string>;
}

export interface Duration {
  minutes: number;
  start: number;
  end: number;
  text: string;
  /** Enough to write another duration the same way: "8 hours", "2h 30m", "7 hours and 23 minutes", "1.5 hours". */
  style: 'words' | 'compact' | 'decimal-hours' | 'clock';
  /** Finer style: unit spelling ("long" hours, "abbr" hrs, "letter" h), "and" between parts, space between number and unit. */
  format?: { units: 'long' | 'abbr' | 'letter'; and: boolean; space: boolean; days: boolean };
}
