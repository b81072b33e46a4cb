/**
 * Phases in the editor: the hover line that says how an entry's phase was read ("escalation: 'was escalated'"), and
 * the quick actions that set another phase by writing its marker after the timestamp ("Mark as resolved"), so a
 * writer corrects the reader in one keystroke. The marker is what the engine reads first (model/phase.ts).
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Phase, TimelineEntry } from '../engine/index';

export const MARKABLE_PHASES: readonly Phase[] = ['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved'];

const NOUN: Record<Phase, string> = {
  triggered: 'trigger',
  detected: 'detection',
  acknowledged: 'acknowledgement',
  escalated: 'escalation',
  mitigated: 'mitigation',
  resolved: 'resolution',
};

const WHY: Record<string, string> = {
  purpose: 'what it was for',
  negated: 'said not to have happened',
  attempt: 'an attempt',
  plan: 'a plan',
  quoted: 'quoted',
  'not done': 'not finished',
  context: 'the circumstance, not the statement',
  'did not work': 'said not to have worked',
};

const clip = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s).replace(/[`*_[\]]/g, '');

/** "Phase: **escalated** — escalation: 'was escalated'", with the phase words it did not count. */
export function phaseHoverLine(entry: TimelineEntry): string {
  const r = entry.phaseReading;
  const phase = entry.phase ?? null;
  let line: string;
  if (!r || r.source === 'none' || !phase) line = 'Phase: none read from the words';
  else if (r.source === 'marker') line = `Phase: **${phase}** — marker \`${r.cue ?? `[${phase}]`}\``;
  else if (r.source === 'label') line = `Phase: **${phase}** — label '${clip(r.cue ?? '')}'`;
  else line = `Phase: **${phase}** — ${NOUN[phase]}: '${clip(r.cue ?? '')}'`;
  const ignored = (r?.ignored ?? []).slice(0, 2).map((i) => `'${clip(i.words, 30)}' (${WHY[i.why] ?? i.why}: '${clip(i.in, 50)}')`);
  if (ignored.length) line += `; not counted: ${ignored.join(', ')}`;
  return line;
}

/** Where a marker goes in the entry: right after the timestamp and its separator ("10:30 - ", "| 10:30 | "), or null. */
function markerSpot(text: string, entry: TimelineEntry): { start: number; end: number } | null {
  const ts = entry.timestamp;
  if (!ts) return null;
  const rest = text.slice(ts.end, entry.end);
  const existing = /^[ \t\-–—:|*_)\]]*(\[(?:detected|acknowledged|escalated|mitigated|resolved|triggered)\][ \t]?)/i.exec(rest);
  if (existing?.[1]) {
    const at = ts.end + existing[0].length - existing[1].length;
    return { start: at, end: ts.end + existing[0].length };
  }
  const sep = /^[ \t\-–—:|*_)\]]*/.exec(rest)?.[0] ?? '';
  const after = rest.slice(sep.length);
  // Nothing to mark on this line (a table whose last cell is the time, a heading that ends at its time).
  if (!after || /^[\r\n]/.test(after) || /^\|?\s*$/.test(after.split('\n')[0] ?? '')) return null;
  const at = ts.end + sep.length;
  return { start: at, end: at };
}

/** "Mark as resolved" for each other phase, on the timeline entry whose first line the range touches. */
export function phaseActions(
  document: TextDocument,
  text: string,
  timeline: TimelineEntry[],
  range: Range,
  wrap: (edits: TextEdit[]) => CodeAction['edit'],
): CodeAction[] {
  const from = document.offsetAt(range.start);
  const to = document.offsetAt(range.end);
  const entry = timeline.find((e) => {
    const firstLineEnd = text.indexOf('\n', e.start);
    const end = firstLineEnd < 0 || firstLineEnd > e.end ? e.end : firstLineEnd;
    return from <= end && to >= e.start;
  });
  if (!entry) return [];
  const spot = markerSpot(text, entry);
  if (!spot) return [];
  const current = entry.phaseReading?.source === 'marker' ? entry.phase : null;
  return MARKABLE_PHASES.filter((p) => p !== current).map((p) => ({
    title: `Mark as ${p}`,
    kind: CodeActionKind.QuickFix,
    edit: wrap([{ range: { start: document.positionAt(spot.start), end: document.positionAt(spot.end) }, newText: `[${p}] ` }]),
  }));
}
