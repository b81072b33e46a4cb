import { buildModel, type ModelContext } from '../model';
import { defuseDeepNesting } from '../nestingLimit';
import { parseMarkdown } from '../parse';
import { LineIndex } from '../util/lines';
import type { TextEdit, TimelineEntry } from '../types';
import { ordered } from './order';

/** A fix that moves or rewrites entries is read back before it is offered: the same entries, the same instants. */

function entryKey(e: TimelineEntry): string {
  return `${e.text.replace(/^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/, '').trim()}\u0000${e.instant}`;
}

/** The document read again with `edits` applied, as the linter read it (null when it cannot be read). */
export function readAgain(ctx: ModelContext, edits: readonly TextEdit[]): ModelContext | null {
  let text = ctx.text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  try {
    const defaultZone = ctx.zoneSource === 'default' ? ctx.zoneRef?.text : undefined;
    return buildModel(parseMarkdown(defuseDeepNesting(text).text), text, new LineIndex(text), ctx.profile, ctx.timeOptions, defaultZone);
  } catch {
    return null;
  }
}

/** Whether the text with `edits` reads as the same entries at the same instants, in order inside the edits. */
export function readsTheSame(ctx: ModelContext, edits: TextEdit[]): boolean {
  const after = readAgain(ctx, edits);
  if (!after) return false;
  const before = ctx.model.timeline.map(entryKey).sort();
  const now = after.model.timeline.map(entryKey).sort();
  if (before.length !== now.length || before.some((k, i) => k !== now[i])) return false;
  if (after.model.unreadTimelineLines.length !== ctx.model.unreadTimelineLines.length) return false;
  // Where each edit lands in the new text.
  let shift = 0;
  const spans = [...edits]
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const span = { start: e.start + shift, end: e.start + shift + e.newText.length };
      shift += e.newText.length - (e.end - e.start);
      return span;
    });
  return spans.every((s) => ordered(after.model.timeline.filter((e) => e.start >= s.start && e.start < s.end).map((e) => e.instant)));
}
