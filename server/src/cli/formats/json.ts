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

function timelineItem(e: TimelineEntry): Record<string, unknown> {
  return {
    line: e.line,
    text: e.timestamp?.text || e.text,
    instant: iso(e.instant),
    zone: e.zone ?? e.inheritedZone ?? null,
    offsetMinutes: e.offsetMinutes ?? null,
  };
}

function metrics(m: Metrics | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    start: null, end: null, durationMinutes: null, declaredDurationMinutes: null,
    timeToDetectMinutes: null, timeToAcknowledgeMinutes: null, timeToMitigateMinutes: null, timeToResolveMinutes: null,
  };
  if (!m) return out;
  for (const [key, value] of Object.entries(m)) {
    out[key] = key === 'start' || key === 'end' ? iso(value as number | null) : (value ?? null);
  }
  return out;
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
    metrics: metrics(model?.metrics),
    diagnostics: report.messages
      .slice()
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map(diagnostic),
    unreadTimelineLines: (model?.unreadTimelineLines ?? []).map((u) => ({ line: u.line, text: u.text, reason: u.reason })),
  };
}

export function formatJson(reports: FileReport[], _ctx: FormatContext): string {
  return JSON.stringify(reports.map(toJsonReport), null, 2) + '\n';
}
