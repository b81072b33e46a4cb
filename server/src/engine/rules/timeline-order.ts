import type { ModelContext } from '../model';
import type { Fix, TextEdit, TimelineEntry } from '../types';
import { defineRule } from './util';

const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;

/** Where an entry's movable text starts: after its list marker, so numbered lists keep their numbers in place. */
function movableStart(ctx: ModelContext, entry: TimelineEntry): number {
  if (entry.kind !== 'list-item') return entry.start;
  const m = LIST_MARKER.exec(ctx.text.slice(entry.start, Math.min(entry.end, entry.start + 20)));
  return entry.start + (m ? m[0].length : 0);
}

/**
 * Sorts one run of entries by instant, moving each entry whole. Entries without an instant travel with the entry
 * above them. The separators between entries stay where they are, so the result is a permutation of the entries.
 */
export function sortGroupEdit(ctx: ModelContext, indices: number[]): TextEdit | null {
  const entries = indices.map((i) => ctx.model.timeline[i] as TimelineEntry);
  const spans = entries.map((e) => ({ start: movableStart(ctx, e), end: e.end, instant: e.instant }));
  const chunks: { key: number; order: number; parts: number[] }[] = [];
  spans.forEach((s, i) => {
    const last = chunks[chunks.length - 1];
    if (s.instant === null && last) last.parts.push(i);
    else chunks.push({ key: s.instant ?? Number.NEGATIVE_INFINITY, order: chunks.length, parts: [i] });
  });
  const sorted = [...chunks].sort((a, b) => a.key - b.key || a.order - b.order);
  if (sorted.every((c, i) => c === chunks[i])) return null;
  const pieces = sorted.flatMap((c) => c.parts).map((i) => ctx.text.slice(spans[i]!.start, spans[i]!.end));
  let out = '';
  for (let i = 0; i < spans.length; i++) {
    out += pieces[i];
    if (i + 1 < spans.length) out += ctx.text.slice(spans[i]!.end, spans[i + 1]!.start);
  }
  const first = spans[0]!;
  const last = spans[spans.length - 1]!;
  return { start: first.start, end: last.end, newText: out };
}

export function sortTimelineFix(ctx: ModelContext, group: number): Fix | null {
  const indices = ctx.groups.map((g, i) => (g === group ? i : -1)).filter((i) => i >= 0);
  const edit = sortGroupEdit(ctx, indices);
  return edit ? { title: 'Sort the timeline chronologically', edits: [edit] } : null;
}

function clock(e: TimelineEntry): string {
  return e.timestamp?.text ?? `line ${e.line}`;
}

export default defineRule(
  { id: 'timeline-order', description: 'Timeline entries are in chronological order.', defaultSeverity: 'error', fixable: true },
  (ctx, _options, report) => {
    const timeline = ctx.model.timeline;
    let previous: { entry: TimelineEntry; index: number } | null = null;
    const fixes = new Map<number, Fix | null>();
    const sectionStarts = ctx.model.sections.filter((s) => s.id === 'timeline').map((s) => s.headingStart);
    timeline.forEach((entry, index) => {
      // A second timeline section starts its own sequence (duplicate-section reports the repetition).
      if (previous && sectionStarts.some((at) => at > previous!.entry.start && at < entry.start)) previous = null;
      if (entry.instant === null || !entry.timestamp) return;
      if (previous && previous.entry.instant !== null && entry.instant < previous.entry.instant) {
        const group = ctx.groups[index] as number;
        const sameGroup = ctx.groups[previous.index] === group;
        if (sameGroup && !fixes.has(group)) fixes.set(group, sortTimelineFix(ctx, group));
        const fix = sameGroup ? fixes.get(group) : null;
        report({
          message: `This entry (${clock(entry)}) is earlier than the one before it (${clock(previous.entry)}, line ${previous.entry.line}).`,
          start: entry.timestamp.start,
          end: entry.timestamp.end,
          ...(fix ? { fix } : {}),
        });
        return;
      }
      previous = { entry, index };
    });
  },
);
