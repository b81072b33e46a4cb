import type { Root } from 'mdast';
import type { Node, Point } from 'unist';
import { parse as parseYaml } from 'yaml';
import type { DateSource, Metrics, PostmortemModel, TimelineEntry } from '../types';
import type { Profile } from '../profiles/types';
import type { ParsedTimestamp, TimeOptions, ZoneRef } from '../time/types';
import { parseZone, resolveSequence } from '../time';
import type { LineIndex } from '../util/lines';
import { findSections } from './sections';
import { readSummary } from './summary';
import { documentZoneStatement } from './zoneStatement';
import { contextYear, dateFieldDate, fileNameDate, frontMatterDate, textDate, titleDate, type StatedDate } from './incidentDate';
import { scanTimeline, type RawEntry } from './timeline';
import { keptEntry, type ModelCache } from './cache';
import { meridiemHints } from './meridiemHints';
import { countWords } from './words';

/** The model plus what rules and fixes need that is not part of the public model. */
export interface ModelContext {
  model: PostmortemModel;
  text: string;
  lines: LineIndex;
  profile: Profile;
  timeOptions: TimeOptions;
  /** Per timeline entry: the run of entries it can be reordered within. */
  groups: number[];
  /** The zone the document is written in, as a zone reference. */
  zoneRef: ZoneRef | null;
  /** Where the document zone came from. */
  zoneSource: 'stated' | 'summary' | 'entries' | 'default' | null;
  /** Whether the document states the incident's date anywhere: else instants rest on a stand-in day. */
  datesKnown: boolean;
  /** The incremental linter's memo tables, for rules' pure per-block work (absent for a one-off lint). */
  cache?: ModelCache;
}

function mostCommonZone(entries: RawEntry[]): ZoneRef | null {
  // Counted by the zone as written first (a few distinct texts, no string made per entry), then merged by case.
  const written = new Map<string, { n: number; zone: ZoneRef }>();
  for (let i = 0; i < entries.length; i++) {
    const z = entries[i]?.timestamp?.zone;
    if (!z || z.unknown) continue;
    const c = written.get(z.text);
    if (c) c.n++;
    else written.set(z.text, { n: 1, zone: z });
  }
  // In order of first appearance, keeping the first zone written of each: as counting by the upper-cased text would.
  const counts = new Map<string, { n: number; zone: ZoneRef }>();
  for (const [text, w] of written) {
    const key = text.toUpperCase();
    const c = counts.get(key);
    if (c) c.n += w.n;
    else counts.set(key, { n: w.n, zone: w.zone });
  }
  let best: { n: number; zone: ZoneRef } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.zone ?? null;
}

function readFrontMatter(tree: Root): Record<string, unknown> | null {
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') return null;
  try {
    const data: unknown = parseYaml(first.value);
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Trees whose positions already count a leading byte order mark. */
const bomCounted = new WeakSet<Root>();

/**
 * The Markdown parser skips a leading byte order mark without counting it, so every offset in its tree is one short
 * of the text's (and every column on line 1). Shift them once so they index `text` like everything else.
 */
function countBom(tree: Root, text: string): void {
  if (text.charCodeAt(0) !== 0xfeff || bomCounted.has(tree)) return;
  bomCounted.add(tree);
  const seen = new Set<Point>();
  const shift = (point: Point | undefined): void => {
    if (!point || seen.has(point)) return;
    seen.add(point);
    if (point.offset !== undefined) point.offset += 1;
    if (point.line === 1) point.column += 1;
  };
  const visit = (node: Node & { children?: Node[] }): void => {
    shift(node.position?.start);
    shift(node.position?.end);
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
}

/** A year for a stand-in day when the document states no date: instants on it order clock times and are never published as dates. */
const SYNTHETIC_YEAR = 2000;

export function buildModel(
  tree: Root,
  text: string,
  lines: LineIndex,
  profile: Profile,
  timeOptions: TimeOptions,
  defaultZone?: string,
  cache?: ModelCache,
  filePath?: string,
): ModelContext {
  countBom(tree, text);
  const sections = findSections(tree, text, lines, profile, cache?.sectionLines);
  const summary = readSummary(text, lines, sections, timeOptions);
  const scan = scanTimeline(tree, text, lines, sections, timeOptions, cache);
  const frontMatter = readFrontMatter(tree);

  let zoneRef: ZoneRef | null = null;
  let zoneSource: ModelContext['zoneSource'] = null;
  const windowZone = summary.windowStart?.zone ?? summary.windowEnd?.zone ?? null;
  const entryZone = mostCommonZone(scan.entries);
  const configured = defaultZone ? parseZone(defaultZone, timeOptions) : null;
  // "All times in EDT (UTC-4)" in the timeline, or once above it (over the summary), is the zone of both.
  const timelineAt = sections.find((sec) => sec.id === 'timeline')?.headingStart ?? text.length;
  const statedZone = scan.statedZone ?? documentZoneStatement(text, lines, timelineAt, timeOptions);
  if (statedZone) [zoneRef, zoneSource] = [statedZone, 'stated'];
  else if (windowZone && !windowZone.unknown) [zoneRef, zoneSource] = [windowZone, 'summary'];
  else if (entryZone) [zoneRef, zoneSource] = [entryZone, 'entries'];
  else if (configured && !configured.unknown) [zoneRef, zoneSource] = [configured, 'default'];

  // The incident's date, for entries that give a time only: the summary's window or date, a "Date:" field, the title,
  // a full date in the text before the timeline, the front matter, the file name, else the first date the timeline writes.
  const summaryDate = summary.windowStart?.date ?? summary.windowEnd?.date ?? summary.date ?? null;
  const firstEntryDate = scan.entries.find((e) => e.effective?.date)?.effective?.date ?? null;
  const stated: (StatedDate | null)[] = [
    summaryDate ? { ...pickDate(summaryDate), source: 'summary' } : null,
    dateFieldDate(tree, text, lines, sections, timeOptions),
    titleDate(tree, timeOptions),
    textDate(tree, text, sections, timeOptions),
    frontMatterDate(frontMatter),
    fileNameDate(filePath),
  ];
  const baseDate: StatedDate | null =
    stated.find((d): d is StatedDate => d !== null) ?? (firstEntryDate ? { ...pickDate(firstEntryDate), source: 'date-line' } : null);
  // A year written anywhere near the incident ("June 8 to June 9, 2024", the title, the file name) dates a window or
  // timeline that omits it.
  const yearHint =
    [...stated, summary.windowStart?.date, summary.windowEnd?.date].find((d) => d?.year !== undefined)?.year ??
    scan.entries.find((e) => e.effective?.date?.year !== undefined)?.effective?.date?.year ??
    contextYear(tree, text, sections);
  const baseYear = baseDate?.year ?? yearHint;
  const base = baseDate ? { year: baseYear ?? SYNTHETIC_YEAR, month: baseDate.month, day: baseDate.day } : null;
  const baseKnown = baseDate !== null && baseYear !== undefined;
  const datesKnown = baseKnown;

  const resolved = resolveSequence(
    scan.entries.map((e) => e.effective),
    {
      baseDate: base,
      baseDateInferred: !baseKnown,
      zone: zoneRef,
      opts: timeOptions,
      meridiemHints: meridiemHints(text, sections, scan.entries),
      datesFromLine: scan.entries.map((e) => e.effective?.date !== undefined && e.timestamp?.date === undefined),
      ...(cache ? { memo: cache.resolve } : {}),
    },
  );
  let previousSource: DateSource | undefined;
  /** One entry's reading, filled afresh for each entry: a new object is made only for an entry not kept from last lint. */
  const probe: TimelineEntry = {
    kind: 'paragraph',
    line: 0,
    start: 0,
    end: 0,
    text: '',
    timestamp: null,
    instant: null,
    zone: null,
    inheritedZone: null,
    offsetMinutes: null,
    dateKnown: false,
    dateSource: undefined,
    unresolved: undefined,
    phases: [],
    phase: null,
    phaseReading: undefined,
  };
  const timeline: TimelineEntry[] = scan.entries.map((e, i) => {
    const r = resolved[i];
    const dateKnown = r !== undefined && r.date !== null && !r.dateInferred;
    let dateSource: DateSource | undefined;
    if (dateKnown) {
      // An entry that gives a time only carries the date of the entry before it (over midnight too), and so its source.
      dateSource =
        e.timestamp?.date || e.timestamp?.relativeDay
          ? 'entry'
          : e.effective?.date
            ? 'date-line'
            : (previousSource ?? baseDate?.source ?? 'entry');
      previousSource = dateSource;
    }
    const instant = r?.instant ?? null;
    probe.kind = e.kind;
    probe.line = e.line;
    probe.start = e.start;
    probe.end = e.end;
    probe.text = e.text;
    probe.timestamp = e.timestamp;
    probe.instant = instant;
    probe.zone = e.timestamp?.zone?.text ?? null;
    probe.inheritedZone = r?.zoneInherited && r.zone ? r.zone.text : null;
    probe.offsetMinutes = r?.offsetMinutes ?? null;
    probe.dateKnown = dateKnown;
    probe.dateSource = dateSource;
    probe.unresolved =
      instant === null
        ? (r?.unresolved ?? (e.timestamp ? 'the timestamp could not be resolved to an instant' : 'the entry has no timestamp'))
        : undefined;
    probe.phases = e.phases;
    probe.phase = e.phaseReading?.phase ?? null;
    probe.phaseReading = e.phaseReading;
    return keptEntry(cache, e.owner, probe);
  });
  // A deploy after the incident was detected is part of the response ("fix deployed"), not its trigger.
  const firstDetected = timeline.find((e) => e.instant !== null && e.phases.includes('detected'))?.instant ?? null;
  if (firstDetected !== null) {
    for (let i = 0; i < timeline.length; i++) {
      const e = timeline[i] as TimelineEntry;
      if (e.instant !== null && e.instant > firstDetected && e.phases.includes('triggered')) {
        e.phases = e.phases.filter((p) => p !== 'triggered');
        if (e.phase === 'triggered') e.phase = null;
      }
    }
  }

  // The summary's window, read with the same rules as the timeline ("10:42 PM to 6:05 AM" crosses midnight).
  if (summary.windowStart || summary.windowEnd) {
    // "from 10:42 PM to 6:05 AM on June 8, 2024": a date written once, after the window, is the day it started.
    let startStamp: ParsedTimestamp | null = summary.windowStart;
    let endStamp: ParsedTimestamp | null = summary.windowEnd;
    if (startStamp && endStamp && !startStamp.date && endStamp.date && endStamp.time && endStamp.date.start > endStamp.time.start) {
      startStamp = { ...startStamp, date: endStamp.date };
      const { date: _moved, ...rest } = endStamp;
      endStamp = rest;
    }
    const stamps: (ParsedTimestamp | null)[] = [startStamp, endStamp];
    const win = resolveSequence(stamps, {
      baseDate: base,
      baseDateInferred: !baseKnown,
      zone: zoneRef,
      opts: timeOptions,
    });
    if (summary.windowStart) summary.windowStart.instant = win[0]?.instant ?? null;
    if (summary.windowEnd) summary.windowEnd.instant = win[1]?.instant ?? null;
  }

  const windowLine = summary.windowStart?.instant != null ? lines.lineOf(summary.windowStart.start) : null;
  const metrics = computeMetrics(
    summary.windowStart?.instant ?? null,
    summary.windowEnd?.instant ?? null,
    timeline,
    summary.duration?.minutes ?? null,
    windowLine,
  );

  const model: PostmortemModel = {
    profile: profile.id,
    sections,
    summary,
    timeline,
    unreadTimelineLines: scan.unread,
    metrics,
    zone: zoneRef
      ? {
          text: zoneRef.text,
          offsetMinutes: zoneRef.offsetMinutes ?? null,
          ...(zoneRef.iana ? { iana: zoneRef.iana } : {}),
        }
      : null,
    wordCount: countWords(tree, text, cache),
    frontMatter,
    datesKnown: datesKnown || timeline.some((e) => e.dateKnown),
  };
  return {
    model,
    text,
    lines,
    profile,
    timeOptions,
    groups: scan.entries.map((e) => e.group),
    zoneRef,
    zoneSource,
    datesKnown: model.datesKnown === true,
    ...(cache ? { cache } : {}),
  };
}

/** The day of a written date, without its offsets and style. */
function pickDate(d: { year?: number; month: number; day: number }): { year?: number; month: number; day: number } {
  return d.year === undefined ? { month: d.month, day: d.day } : { year: d.year, month: d.month, day: d.day };
}

function minutesBetween(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : Math.round((b - a) / 60000);
}

const OUTAGE_BEGINS =
  /\b(?:outage|impact|downtime|degradation|user impact|customer impact)\s+(?:begins|began|starts|started|start)\b|\bfirst (?:known )?(?:user |customer )?impact\b|\bstart of (?:the )?(?:impact|outage|downtime)\b/i;

/**
 * The incident's metrics from its window and the phases of its timeline entries. The start is the summary's window
 * start, else the entry that says the outage begins ("OUTAGE BEGINS", "first known impact"), else the earliest
 * entry. Times to detect, mitigate and resolve run from the start; the time to acknowledge runs from detection.
 * A negative span (a phase before the start) gives null. `sources` names the line behind each figure: the entry
 * (or, for a start the summary gives, `windowLine`).
 */
export function computeMetrics(
  windowStart: number | null,
  windowEnd: number | null,
  timeline: TimelineEntry[],
  declared: number | null,
  windowLine: number | null = null,
): Metrics {
  const placed = timeline.filter((e): e is TimelineEntry & { instant: number } => e.instant !== null);
  // "14:54 OUTAGE BEGINS", "first known impact": the outage starts there, after its lead-up, not at the first entry.
  const begins = placed.find((e) => OUTAGE_BEGINS.test(e.text)) ?? null;
  const earliest = placed.reduce<(typeof placed)[number] | null>((a, e) => (a === null || e.instant < a.instant ? e : a), null);
  const latest = placed.reduce<(typeof placed)[number] | null>((a, e) => (a === null || e.instant > a.instant ? e : a), null);
  const startEntry = windowStart === null ? (begins ?? earliest) : null;
  const start = windowStart ?? startEntry?.instant ?? null;
  const end = windowEnd ?? latest?.instant ?? null;
  type P = TimelineEntry['phases'][number];
  const firstWith = (phase: P, from: number | null = null): (typeof placed)[number] | null =>
    placed.find((e) => e.phases.includes(phase) && (from === null || e.instant >= from)) ?? null;
  const detected = firstWith('detected');
  const acknowledged = firstWith('acknowledged', detected?.instant ?? null) ?? firstWith('escalated', detected?.instant ?? null);
  // A mitigation is something done after the outage began: an entry at its very start ("maintenance drains pool B")
  // is how it began, and a time to mitigate of zero says nothing.
  const mitigated = placed.find((e) => e.phases.includes('mitigated') && (start === null || e.instant > start) && e !== startEntry) ?? null;
  const resolved = [...placed].reverse().find((e) => e.phases.includes('resolved')) ?? null;
  const span = (from: number | null, to: number | null): number | null => {
    const m = minutesBetween(from, to);
    return m !== null && m >= 0 ? m : null;
  };
  const timeToDetectMinutes = span(start, detected?.instant ?? null);
  const timeToAcknowledgeMinutes = span(detected?.instant ?? null, acknowledged?.instant ?? null);
  const timeToMitigateMinutes = span(start, mitigated?.instant ?? null);
  const timeToResolveMinutes = span(start, resolved?.instant ?? null);
  const lineOf = (minutes: number | null, e: TimelineEntry | null): number | null => (minutes === null || !e ? null : e.line);
  return {
    start,
    end,
    durationMinutes: minutesBetween(start, end),
    declaredDurationMinutes: declared,
    timeToDetectMinutes,
    timeToAcknowledgeMinutes,
    timeToMitigateMinutes,
    timeToResolveMinutes,
    sources: {
      start: start === null ? null : startEntry ? startEntry.line : windowLine,
      detect: lineOf(timeToDetectMinutes, detected),
      acknowledge: lineOf(timeToAcknowledgeMinutes, acknowledged),
      mitigate: lineOf(timeToMitigateMinutes, mitigated),
      resolve: lineOf(timeToResolveMinutes, resolved),
    },
  };
}
