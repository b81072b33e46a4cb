/**
 * timeline-timestamp: each timeline entry the model read, for a timestamp at its start that can be (no 25:10,
 * no February 30); and a timeline indented into a code block. An entry without a time cannot be placed on the
 * incident's clock. A timeline with no times at all is one finding, not one per entry.
 */
import { fencedTimelines, indentedTimelines } from '../model/timeline';
import type { LineIndex } from '../util/lines';
import type { TextEdit } from '../types';
import { defineRule } from './util';

/** The fences removed (each with its line break) and each line between them made a list item, its text kept. */
function fencedToList(text: string, lines: LineIndex, block: { firstLine: number; lastLine: number; end: number }): TextEdit[] {
  const edits: TextEdit[] = [];
  const lineWithBreak = (l: number): { start: number; end: number } => {
    const start = lines.lineStart(l);
    const next = l + 1 <= lines.lineOf(text.length) ? lines.lineStart(l + 1) : text.length;
    return { start, end: Math.max(next, lines.lineEnd(l)) };
  };
  edits.push({ ...lineWithBreak(block.firstLine), newText: '' });
  for (let l = block.firstLine + 1; l < block.lastLine; l++) {
    const t = lines.lineText(l);
    if (!t.trim()) continue;
    const at = lines.lineStart(l) + (t.length - t.trimStart().length);
    edits.push({ start: lines.lineStart(l), end: at, newText: '- ' });
  }
  const closing = lines.lineText(block.lastLine);
  if (block.lastLine > block.firstLine && /^[ \t]*(?:```|~~~)/.test(closing)) {
    const r = lineWithBreak(block.lastLine);
    // The closing fence at the end of the document: remove the line break before it instead.
    edits.push(
      r.end > lines.lineEnd(block.lastLine) ? { ...r, newText: '' } : { start: lines.lineEnd(block.lastLine - 1), end: r.end, newText: '' },
    );
  }
  return edits;
}

export default defineRule(
  {
    id: 'timeline-timestamp',
    description: 'Every timeline entry starts with a possible timestamp.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx, _options, report, tree) => {
    // A timeline indented four spaces renders as a code block: its entries are read, but the reader sees code.
    for (const block of indentedTimelines(tree, ctx.text, ctx.lines, ctx.model.sections, ctx.timeOptions)) {
      const edits: TextEdit[] = [];
      for (let l = ctx.lines.lineOf(block.start); l <= ctx.lines.lineOf(Math.max(block.start, block.end - 1)); l++) {
        const ls = ctx.lines.lineStart(l);
        const indent = /^(?: {1,4}|\t)/.exec(ctx.text.slice(ls, ls + 4));
        if (indent) edits.push({ start: ls, end: ls + indent[0].length, newText: '' });
      }
      report({
        message: 'This timeline is indented four spaces and renders as a code block; remove the indentation so it reads as text.',
        start: block.start,
        end: Math.min(ctx.lines.lineEnd(ctx.lines.lineOf(block.start)), block.end),
        ...(edits.length ? { fix: { title: 'Remove the indentation', edits } } : {}),
      });
    }
    const timeline = ctx.model.timeline;
    // A timeline written only as preformatted text (a fenced block of timed lines): nothing is read from a log or a
    // command, so say so, and offer to write the lines as a list.
    if (!timeline.length) {
      for (const block of fencedTimelines(tree, ctx.text, ctx.lines, ctx.model.sections, ctx.timeOptions)) {
        report({
          message: 'This timeline is in a code block, so its entries are not read as a timeline; write them as a list.',
          start: block.start,
          end: Math.min(ctx.lines.lineEnd(block.firstLine), block.end),
          fix: { title: 'Write the code block as a list', edits: fencedToList(ctx.text, ctx.lines, block) },
        });
      }
    }
    if (timeline.length && !timeline.some((e) => e.timestamp)) {
      // A timeline written without any times is one finding, not one per line.
      const section = ctx.model.sections.find((s) => s.id === 'timeline');
      if (section) {
        report({
          message: `The timeline gives no times (${timeline.length} ${timeline.length === 1 ? 'entry' : 'entries'}); start each entry with when it happened, e.g. "10:42 PM WAT - Alert fired".`,
          start: section.headingStart,
          end: section.headingEnd,
        });
      }
      return;
    }
    for (const entry of timeline) {
      const ts = entry.timestamp;
      if (!ts) {
        const lineEnd = Math.min(ctx.lines.lineEnd(entry.line), entry.end);
        report({
          message: 'This timeline entry has no timestamp; start it with the time it happened.',
          start: entry.start,
          end: Math.max(entry.start + 1, lineEnd),
        });
        continue;
      }
      if (ts.problems.length) {
        report({
          message: `Impossible timestamp "${ts.text}": ${ts.problems.join('; ')}.`,
          start: ts.start,
          end: ts.end,
        });
      }
      // A weekday that contradicts its date: the date is read, the weekday is reported with the right one.
      const wrongDay = ts.date?.weekdayConflict;
      if (wrongDay && ts.date) {
        const at = ts.date.start;
        report({
          message: `"${wrongDay.text}" does not match the date: ${wrongDay.message}; the date is read as written.`,
          start: at,
          end: at + wrongDay.text.length,
          fix: {
            title: `Replace "${wrongDay.text}" with "${wrongDay.actual}"`,
            edits: [{ start: at, end: at + wrongDay.text.length, newText: wrongDay.actual }],
          },
        });
      }
    }
  },
);
