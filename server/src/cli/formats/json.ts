/**
 * The machine format: one JSON array, one object per file, with the model's sections, timeline and metrics.
 */
import type { LintMessage, Metrics, TimelineEntry } from '../../engine';
import type { FileReport, FormatContext } from './types';

function iso(ms: number | null | undefined): string | null {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The wall date and clock time of an instant at an offset: "2024-06-08" and "22:42" (with ":05" when seconds were written). */
function wall(ms: number, offsetMinutes: number, seconds: boolean): { date: string; time: string } {
  const w = new Date(ms + offsetMinutes * 60_000);
  const time = `${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}${seconds ? `:${pad(w.getUTCSeconds())}` : ''}`;
  return { date: `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}`, time };
}

/**
 * One timeline entry: its date and clock time as read (in its zone), and its instant. An entry whose date the
 * document does not state has its clock time, a null date and a null instant: no made-up day is published.
 */
function timelineItem(e: TimelineEntry): Record<string, unknown> {
  const placed =
    typeof e.instant === 'number' && Number.isFinite(e.instant)
      ? wall(e.instant, e.offsetMinutes ?? 0, e.timestamp?.time?.style.seconds === true)
      : null;
  const known = e.dateKnown !== false;
  return {
    line: e.line,
    text: e.timestamp?.text || e.text,
    instant: known ? iso(e.instant) : null,
    date: known && placed ? placed.date : null,
    time: placed && e.timestamp?.time ? placed.time : null,
    dateSource: known && placed ? (e.dateSource ?? null) : null,
    zone: e.zone ?? e.inheritedZone ?? null,
    offsetMinutes: e.offsetMinutes ?? null,
    phase: PUBLISHED_PHASES.has(e.phase ?? '') ? e.phase : null,
  };
}

/** The phases an entry is published with; a trigger ("deployed") is no phase of the response. */
const PUBLISHED_PHASES = new Set<string>(['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved']);

/**
 * The metrics; without a stated date the start and end are clock times on no day, so they are null here. `sources`
 * gives the 1-based line behind each figure (the entry, or the summary's line for a start it states), like `line`
 * on the timeline entries.
 */
function metrics(m: Metrics | undefined, datesKnown: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    start: null,
    end: null,
    durationMinutes: null,
    declaredDurationMinutes: null,
    timeToDetectMinutes: null,
    timeToAcknowledgeMinutes: null,
    timeToMitigateMinutes: null,
    timeToResolveMinutes: null,
  };
  const sources = {
    start: null as number | null,
    detect: null as number | null,
    acknowledge: null as number | null,
    mitigate: null as number | null,
    resolve: null as number | null,
  };
  if (!m) return { ...out, sources };
  for (const [key, value] of Object.entries(m)) {
    if (key === 'sources') continue;
    out[key] = key === 'start' || key === 'end' ? (datesKnown ? iso(value as number | null) : null) : (value ?? null);
  }
  if (m.sources) for (const key of Object.keys(sources) as (keyof typeof sources)[]) sources[key] = m.sources[key] ?? null;
  if (out.start === null) sources.start = null;
  return { ...out, sources };
}

function diagnostic(m: LintMessage): Record<string, unknown> {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.message,
    line: m.line,
    column: m.column,
    endLine: m.endLine,
    endColumn: m.endColumn,
    fixable: Boolean(m.fix),
  };
}

export function toJsonReport(report: FileReport): Record<string, unknown> {
  const model = report.model;
  return {
    file: report.displayPath,
    sections: (model?.sections ?? []).map((s) => ({ id: s.id, heading: s.heading, line: s.line })),
    timeline: (model?.timeline ?? []).map(timelineItem),
    metrics: metrics(model?.metrics, model?.datesKnown !== false),
    diagnostics: report.messages
      .slice()
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map(diagnostic),
    unreadTimelineLines: (model?.unreadTimelineLines ?? []).map((u) => ({
      line: u.line,
      text: u.text,
      reason: u.reason,
    })),
  };
}

export function formatJson(reports: FileReport[], _ctx: FormatContext): string {
  return JSON.stringify(reports.map(toJsonReport), null, 2) + '\n';
}
