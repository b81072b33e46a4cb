import type { LintMessage, LintOptions, LintResult, TextEdit } from './types';
import type { LineEnding } from './util/lineEndings';
import { lint } from './lint';

/**
 * Applies the fixes carried by messages, in one pass. Identical edits (one fix shared by several messages) apply
 * once; a fix whose edits overlap an earlier one is left for the next pass. Text outside the edits is untouched.
 */
export function applyFixes(text: string, messages: LintMessage[]): { text: string; applied: LintMessage[] } {
  const taken: TextEdit[] = [];
  const applied: LintMessage[] = [];
  const same = (a: TextEdit, b: TextEdit): boolean => a.start === b.start && a.end === b.end && a.newText === b.newText;
  // Two inserts at one offset do not conflict; anything sharing characters does (an insert inside a replaced range too).
  const overlaps = (a: TextEdit, b: TextEdit): boolean => a.start < b.end && b.start < a.end;
  for (const message of messages) {
    const edits = message.fix?.edits;
    if (!edits?.length) continue;
    if (edits.some((e) => e.start < 0 || e.end > text.length || e.start > e.end)) continue;
    const fresh = edits.filter((e) => !taken.some((t) => same(t, e)));
    if (fresh.length < edits.length && fresh.length === 0) {
      applied.push(message);
      continue;
    }
    if (fresh.some((e) => taken.some((t) => overlaps(t, e)))) continue;
    taken.push(...fresh);
    applied.push(message);
  }
  // Apply from the end so earlier offsets stay valid; inserts at one offset keep their message order.
  const order = taken.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  let out = text;
  for (const { e } of order) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied };
}

export interface FixAllOptions {
  /** At most this many rounds of lint-and-fix (10 by default). */
  passes?: number;
  /** The line ending the inserted text takes (the CLI passes the file's own); as the rules wrote it when unset. */
  eol?: LineEnding;
}

/** The messages with the line endings their fixes insert turned into `eol`. */
export function withLineEnding(messages: LintMessage[], eol: LineEnding): LintMessage[] {
  return messages.map((m) => {
    if (!m.fix) return m;
    const edits = m.fix.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, eol) }));
    return { ...m, fix: { ...m.fix, edits } };
  });
}

/**
 * Lints and fixes until nothing fixable is left (at most `passes` rounds). `result` is the lint of the returned
 * text, so a caller that reports what remains need not lint again.
 */
export function fixAll(
  text: string,
  options: LintOptions = {},
  { passes = 10, eol }: FixAllOptions = {},
): { text: string; fixed: number; result: LintResult } {
  let current = text;
  let fixed = 0;
  let result = lint(current, options);
  for (let i = 0; i < passes; i++) {
    const fixable = result.messages.filter((m) => m.fix);
    if (!fixable.length) break;
    const { text: next, applied } = applyFixes(current, eol ? withLineEnding(fixable, eol) : fixable);
    if (!applied.length || next === current) break;
    fixed += applied.length;
    current = next;
    result = lint(current, options);
  }
  return { text: current, fixed, result };
}
