import { anyCrlf } from './lineEndings';

/** Offsets <-> 1-based line/column for one text, computed once. */
export class LineIndex {
  /** Where each line starts; a typed array, so that an edit's copy of a long document's index is one block move. */
  private readonly starts: Int32Array;

  /** `starts`, when given, are the text's line starts already (see `edited`). */
  constructor(
    readonly text: string,
    starts?: Int32Array,
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    let count = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
    const all = new Int32Array(count);
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) all[n++] = i + 1;
    this.starts = all;
  }

  /**
   * The index of `text`, the previous index's text with [change.start, change.end) replaced by `change.length`
   * characters: the lines before the change are kept, those after it moved, and only the new text is searched.
   */
  static edited(previous: LineIndex, text: string, change: { start: number; end: number; length: number }): LineIndex {
    const before = previous.text;
    const { start, end, length } = change;
    if (start < 0 || end < start || end > before.length || before.length - (end - start) + length !== text.length)
      return new LineIndex(text);
    const old = previous.starts;
    const delta = length - (end - start);
    // A line starts after a newline: kept when that newline is before the change, moved when it is after it.
    const kept = firstAbove(old, start);
    const moved = firstAbove(old, end);
    const added: number[] = [];
    for (let at = text.indexOf('\n', start); at !== -1 && at < start + length; at = text.indexOf('\n', at + 1)) added.push(at + 1);
    const starts = new Int32Array(kept + added.length + old.length - moved);
    starts.set(old.subarray(0, kept));
    starts.set(added, kept);
    let n = kept + added.length;
    for (let i = moved; i < old.length; i++) starts[n++] = (old[i] as number) + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  point(offset: number): { line: number; column: number; offset: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, column: clamped - (this.starts[line - 1] as number) + 1, offset: clamped };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] as number;
  }

  /** Offset of the end of a 1-based line, before its line ending. */
  lineEnd(line: number): number {
    const next = line < this.starts.length ? (this.starts[line] as number) - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next - 1 >= this.lineStart(line) ? next - 1 : next;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** '\r\n' when any line of the document ends so, else '\n' (lineEndings.ts anyCrlf). */
  get eol(): string {
    return anyCrlf(this.text);
  }
}

/**
 * The end of the line holding offset `at` (before its line ending), found by searching the text: no line index needed
 * where one line is all that is asked about.
 */
export function lineEndAt(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  const end = nl === -1 ? text.length : nl;
  return text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** The line around offset `at` in `text`: from its start to its end, before its line ending. */
export function lineBounds(text: string, at: number): { start: number; end: number } {
  return { start: text.lastIndexOf('\n', at - 1) + 1, end: lineEndAt(text, at) };
}

/** The index of the first line start in `starts` (ascending) above `offset`: those at or below it come before. */
function firstAbove(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
