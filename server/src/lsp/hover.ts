/**
 * Hovering a timeline timestamp: the instant in UTC and in the document's zone, its place in the
 * incident ("T+1h03m") and the gap since the previous entry; or why it could not be placed. Below, the
 * incident's figures that are known: time to detect, to acknowledge, to mitigate and to resolve.
 */
import { MarkupKind, type Hover, type Position } from './languageServer';
import type { ParsedTimestamp, PostmortemModel, TimelineEntry } from '../engine/index';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { clockText, formatDateTime, formatSpan, formatUtc } from './timeFormat';
import { phaseHoverLine } from './phaseActions';

const MINUTE = 60_000;

function previousResolved(timeline: TimelineEntry[], index: number): TimelineEntry | null {
  for (let i = index - 1; i >= 0; i--) {
    const entry = timeline[i];
    if (entry && entry.instant !== null) return entry;
  }
  return null;
}

/**
 * The incident's times to detect, acknowledge, mitigate and resolve that the timeline gives, on one line; the
 * figure this entry ends is marked. Null when none is known.
 */
export function figuresLine(model: PostmortemModel, entry: TimelineEntry | null): string | null {
  const m = model.metrics;
  // The entry behind each figure is the one the metrics name (metrics.sources), by line.
  const sources = m.sources;
  const figures: [string, number | null, number | null | undefined][] = [
    ['detect', m.timeToDetectMinutes, sources?.detect],
    ['acknowledge', m.timeToAcknowledgeMinutes, sources?.acknowledge],
    ['mitigate', m.timeToMitigateMinutes, sources?.mitigate],
    ['resolve', m.timeToResolveMinutes, sources?.resolve],
  ];
  const known = figures.filter(([, minutes]) => minutes !== null);
  if (!known.length) return null;
  const parts = known.map(([name, minutes, line]) => {
    const from = line == null ? '' : entry && line === entry.line ? ' (this entry)' : ` (line ${line})`;
    return `${name} **${formatSpan(minutes as number)}**${from}`;
  });
  return `Time to ${parts.join(' · ')}`;
}

type Stamp = ParsedTimestamp & { instant: number | null };

/**
 * The instant in UTC and in the document's zone; for a time whose date the document states nowhere, the clock time
 * only and "date not stated" (the day it is drawn on is a stand-in, never shown as a date).
 */
function instantLines(instant: number, text: string, model: PostmortemModel, dateKnown = true): string[] {
  const zone = model.zone;
  if (!dateKnown) {
    const lines = [`\`${text}\` is **${clockText(instant, null)} UTC**, date not stated`, ''];
    if (zone && (zone.offsetMinutes !== null || zone.iana)) lines.push(`- ${clockText(instant, zone)} ${zone.text} (the document's zone)`);
    lines.push('- the document gives no date for this time (in the summary, a "Date:" line, the title, the front matter or the file name)');
    return lines;
  }
  const lines = [`\`${text}\` is **${formatUtc(instant)}**`, ''];
  if (zone && (zone.offsetMinutes !== null || zone.iana))
    lines.push(`- ${formatDateTime(instant, zone)} ${zone.text} (the document's zone)`);
  return lines;
}

/** The summary's "from X to Y": the two ends of the declared window. */
function summaryHover(analysis: Analysis, model: PostmortemModel, offset: number): Hover | null {
  const { windowStart, windowEnd } = model.summary;
  const stamp = [windowStart, windowEnd].find((s): s is Stamp => Boolean(s && s.start <= offset && offset <= s.end));
  if (!stamp) return null;
  const lines: string[] = [];
  if (stamp.instant === null) {
    lines.push(`\`${stamp.text}\` could not be placed in time.`, ...stamp.problems.map((p) => `- ${p}`));
  } else {
    lines.push(...instantLines(stamp.instant, stamp.text, model, model.datesKnown !== false));
    if (stamp === windowEnd && windowStart?.instant != null) {
      lines.push(`- the declared window lasts ${formatSpan((stamp.instant - windowStart.instant) / MINUTE)}`);
    } else if (stamp === windowStart) {
      lines.push('- start of the declared window');
    }
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: toRange(analysis.document, stamp.start, stamp.end),
  };
}

export function provideHover(analysis: Analysis, position: Position): Hover | null {
  const model = analysis.result?.model;
  if (!analysis.isPostmortem || !model) return null;
  const offset = analysis.document.offsetAt(position);
  const summary = summaryHover(analysis, model, offset);
  if (summary) return summary;
  const index = model.timeline.findIndex((e) => e.timestamp && e.timestamp.start <= offset && offset <= e.timestamp.end);
  const entry = model.timeline[index];
  if (!entry?.timestamp) return null;
  const timestamp = entry.timestamp;
  const lines: string[] = [];

  if (entry.instant === null) {
    lines.push(`\`${timestamp.text}\` could not be placed in time.`);
    const reasons = [entry.unresolved, ...timestamp.problems].filter((r): r is string => Boolean(r));
    for (const reason of new Set(reasons)) lines.push(`- ${reason}`);
    lines.push('', phaseHoverLine(entry));
  } else {
    const instant = entry.instant;
    const zone = model.zone;
    lines.push(...instantLines(instant, timestamp.text, model, entry.dateKnown !== false));
    const ownZone = entry.zone ?? entry.inheritedZone;
    if (entry.offsetMinutes !== null && ownZone && ownZone !== zone?.text && entry.offsetMinutes !== zone?.offsetMinutes) {
      const asWritten = { text: ownZone, offsetMinutes: entry.offsetMinutes };
      lines.push(
        `- ${entry.dateKnown === false ? clockText(instant, asWritten) : formatDateTime(instant, asWritten)} ${ownZone} (as written)`,
      );
    } else if (!entry.zone && entry.inheritedZone) {
      lines.push(`- no zone written; read as ${entry.inheritedZone}`);
    }
    const start = model.metrics.start;
    if (start !== null) {
      const since = (instant - start) / MINUTE;
      lines.push(
        since < 0 ? `- T${formatSpan(since)}, before the incident started` : `- T+${formatSpan(since)} since the incident started`,
      );
    }
    const previous = previousResolved(model.timeline, index);
    if (previous?.instant != null) {
      const gap = (instant - previous.instant) / MINUTE;
      lines.push(
        gap < 0
          ? `- ${formatSpan(gap)}: earlier than the previous entry (line ${previous.line})`
          : `- +${formatSpan(gap)} after the previous entry`,
      );
    }
    if (timestamp.problems.length) for (const problem of timestamp.problems) lines.push(`- ⚠ ${problem}`);
    lines.push('', phaseHoverLine(entry));
    const figures = figuresLine(model, entry);
    if (figures) lines.push('', figures);
  }
  return {
    contents: { kind: MarkupKind.Markdown, value: lines.join('\n') },
    range: toRange(analysis.document, timestamp.start, timestamp.end),
  };
}
