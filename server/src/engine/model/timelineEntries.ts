/**
 * The timeline scanner's entries before their instants are resolved (model/timeline.ts reads them): their type, the
 * sub-heading epilogue that is not entries, and each entry's phase (model/phase.ts), cached across edits.
 */
import type { PhaseReading, TimelineEntry } from '../types';
import type { ParsedTimestamp, ZoneRef } from '../time/types';
import type { ModelCache } from './cache';
import { hasTime } from './timelineLines';
import { readEntryPhase } from './phase';

/** A timeline entry before its instant is resolved. */
export interface RawEntry extends Omit<
  TimelineEntry,
  'instant' | 'offsetMinutes' | 'inheritedZone' | 'unresolved' | 'dateKnown' | 'dateSource'
> {
  /** The timestamp with a date supplied by a date line above it, when it had none. */
  effective: ParsedTimestamp | null;
  /** The list, table, paragraph or heading the entry was read from: timeline-order's sort tells one list or table from the next by it. */
  group: number;
  /**
   * An entry written as fields: where the fields that tell its phase end (the time and the field after it). The
   * fields further down ("Escalation: …", "Resolution: …") are part of the entry but not of its phase.
   */
  phaseEnd?: number;
  /** The node the entry was read from when it is that node's only entry: the phases memo finds its reading by it. */
  owner?: object;
}

/** An entry's phases until readPhases reads them: one frozen empty list for all, not a new one per entry and keystroke. */
export const NO_PHASES: TimelineEntry['phases'] = [];
Object.freeze(NO_PHASES);

export interface TimelineScan {
  entries: RawEntry[];
  unread: { line: number; text: string; reason: string }[];
  /** "All times in UTC" and the like, with absolute offsets. */
  statedZone: ZoneRef | null;
}

/**
 * "### Ongoing" (or "### Follow-up") after the last timed entry, over items with no time at all: work that goes on
 * after the timeline, not entries that lack their time. When the section has timed entries before that sub-heading
 * and none after it, the untimed items below it are not entries.
 */
export function dropEpilogue(entries: RawEntry[], first: number, heading: number | null): void {
  if (heading === null) return;
  const own = entries.slice(first);
  if (!own.some((e) => hasTime(e.timestamp) && e.start < heading)) return;
  if (own.some((e) => e.start > heading && e.timestamp)) return;
  // Read as what they are (like a label line), so not counted as unread either.
  const kept = own.filter((e) => e.start < heading);
  entries.length = first;
  entries.push(...kept);
}

/**
 * The phases memo's variant for a timestamp at [from, to) of the entry's text: a number when the offsets fit (a number
 * key is looked up without building and hashing a string per entry and keystroke), else the two offsets as text.
 */
function variant(from: number, to: number): number | string {
  return from >= -1 && to >= -1 && from < 0x3ffffff && to < 0x3ffffff ? (from + 1) * 0x4000000 + (to + 1) : `${from}:${to}`;
}

function frozen(reading: PhaseReading): PhaseReading {
  Object.freeze(reading.phases);
  return reading;
}

/** Each entry's phases, read from its text and where its timestamp sits in it (cached by that text across edits). */
export function readPhases(entries: RawEntry[], text: string, cache: ModelCache | undefined): void {
  // One function for every entry (the entry passed to it), not a closure per entry and keystroke.
  const read = (_key: string, phased: RawEntry): PhaseReading => frozen(readEntryPhase(text, phased));
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as RawEntry;
    const phased = entry.phaseEnd === undefined ? entry : { ...entry, end: entry.phaseEnd };
    // The phases follow from the entry's text and where its timestamp sits in it.
    const ts = entry.timestamp;
    const at = variant(ts ? ts.start - entry.start : -1, ts ? ts.end - entry.start : -1);
    const reading = cache
      ? cache.phases.of(at).getAt(text, entry.start, phased.end, read, phased === entry ? entry.owner : undefined, phased)
      : readEntryPhase(text, phased);
    // Shared with the memo and the readings of later keystrokes, not copied per entry and keystroke: frozen there, so a
    // reader that changed an entry's phases in place would fail loudly rather than change every later reading.
    entry.phases = reading.phases;
    entry.phaseReading = reading;
  }
}
