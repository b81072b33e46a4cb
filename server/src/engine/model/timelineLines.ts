/**
 * Reading one line, item or row of a timeline (the line-level half of the timeline scan, see timeline.ts): markup
 * masked, labels, whether a line opens with a time, a time given as a field, in a first sentence, in a label's
 * brackets or in a table row; and the timelines indented four spaces that Markdown renders as code.
 */
import type { ListItem, Root, RootContent } from 'mdast';
import type { Section } from '../types';
import type { ParsedTimestamp, TimeOptions } from '../time/types';
import type { LineIndex } from '../util/lines';
import { findTimestamps, scanLeadingTimestamp, shiftTimestamp } from '../time';
import { endOf, startOf } from './mdast';

/** A list item that holds nothing but links or images ("[overview](https://…)", a bare URL). */
export function onlyLinks(item: ListItem): boolean {
  if (item.children.length !== 1) return false;
  const first = item.children[0];
  if (first?.type !== 'paragraph') return false;
  let links = 0;
  for (const c of first.children) {
    if (c.type === 'link' || c.type === 'image' || c.type === 'linkReference' || c.type === 'imageReference') links++;
    else if (c.type !== 'text' || !/^[\s,.;:()\-–—|]*$/.test(c.value)) return false;
  }
  return links > 0;
}

export function hasTime(ts: ParsedTimestamp | null): boolean {
  return !!ts?.time;
}

export function isDateOnly(ts: ParsedTimestamp | null): ts is ParsedTimestamp {
  return !!ts && !!ts.date && !ts.time;
}

/** Pasted bullets at a line start ("●", "•", "&nbsp;•", "◦", "▪"): list items written without Markdown. */
export const PASTED_BULLET = /^[ \t]*(?:&nbsp;|\u00a0)*[ \t]*[●•◦▪‣■∙]/u;
const TAG = /<\/?[A-Za-z][^<>\n]*>|&nbsp;|[\u00a0●•◦▪‣■∙]/gu;

/**
 * A line as it reads: HTML tags, `&nbsp;` and pasted bullets blanked out with spaces of the same length, so that
 * offsets into the masked line are offsets into the line.
 */
export function maskLine(line: string): string {
  if (!/[<&\u00a0●•◦▪‣■∙]/u.test(line)) return line;
  return line.replace(TAG, (m) => ' '.repeat(m.length));
}

/** A timestamp read on a masked line, with its text as the line writes it (the offsets are the same): a no-break space stays one. */
export function asWritten(ts: ParsedTimestamp | null, line: string): ParsedTimestamp | null {
  return ts ? { ...ts, text: line.slice(ts.start, ts.end) } : null;
}

/** Where a line's first sentence ends ("… at 11:20 UTC. They joined …"): a stop followed by a capital, or the line's end. */
export function firstSentenceEnd(line: string): number {
  const m = /(?<!\b(?:[ap]\.m|e\.g|i\.e|etc|vs|approx))[.!?;](?=[ \t]+[\p{Lu}"“(])/u.exec(line);
  return m ? m.index : line.length;
}

/** "Detection:", "**Escalation**", "__Response:__", "Investigation and Resolution:": a short label alone on its line. */
const LABEL_TEXT =
  /^[ \t>]*(?:[-*+][ \t]+)?(?:#{1,6}[ \t]+)?(?:(\*\*|__|\*|_)[ \t]*\p{L}[^*_:\n]{0,58}?:?[ \t]*\1[ \t]*:?|\p{L}[^*_:\n]{0,58}?:)[ \t]*$/u;

export function isLabelLine(line: string): boolean {
  const masked = maskLine(line);
  if (masked.trim().length > 64 || /\d{1,2}[:.]\d{2}/.test(masked)) return false;
  return LABEL_TEXT.test(masked);
}

/**
 * Whether the line text opens with a time, after nothing but markup or a short label ("- 10:30 …",
 * "| 10:30 | …", "**Detected at 10:30:**"): a timed entry, as opposed to prose that mentions a time.
 */
export function opensWithTime(line: string, opts?: TimeOptions): boolean {
  const ts = scanLeadingTimestamp(maskLine(line), opts);
  if (!ts?.time) return false;
  const before = maskLine(line).slice(0, ts.start);
  return /^[\s>*_#|[(~`+-]*(?:\d{1,3}[.)][ \t]+)?[\s*_|[(]*(?:\p{L}[\p{L} ]{0,24}?(?:[ \t]+(?:at|@|on))?[ \t]*:?[\s*_|)\]-]*)?$/u.test(
    before,
  );
}

/** Whether one of the next few non-blank lines after `from` (before `to`) opens with a time. */
export function timedLineFollows(text: string, lines: LineIndex, from: number, to: number, opts?: TimeOptions): boolean {
  let l = lines.lineOf(from) + 1;
  let seen = 0;
  while (seen < 3 && l <= lines.lineCount) {
    const ls = lines.lineStart(l);
    if (ls >= to) return false;
    const line = text.slice(ls, Math.min(lines.lineEnd(l), to));
    l++;
    if (!line.trim()) continue;
    if (/^[\s|:-]*$/.test(line)) continue;
    if (opensWithTime(line, opts)) return true;
    seen++;
  }
  return false;
}

/** A field item: "How it was found: a customer email", "**Event:** …", "__Actions Taken:__ …". */
export const FIELD = /^[\s*_]*\p{L}[^:\n]{0,40}?:/u;

/** A field whose label names a time: "Time:", "When:", "Date/Time:", "Detection Time:", "Started at:". */
const TIME_LABEL = /^[\s*_]*(?:[\p{L}/ ]{0,30}[ /])?(?:time|when|date|timestamp|started(?: at)?|detected(?: at)?)[\s*_]*:/iu;

/**
 * An entry written as fields: a time as a field's value and nothing more ("Time: 09:10 UTC", "**Issue Detected:**
 * July 29, 09:00 AM"), or a field whose label names the time ("*Detection Time:* detected at 11:00am through …").
 */
export function isTimeField(line: string, tsStart: number, tsEnd: number): boolean {
  if (tsStart < 0) return false;
  // Both forms need a label before the time: with no letter there (most entries open with their time) neither can match.
  if (!/\p{L}/u.test(line.slice(0, tsStart))) return false;
  const masked = maskLine(line);
  if (TIME_LABEL.test(masked.slice(0, tsStart))) return true;
  return /^[\s*_]*\p{L}[^:\n]{0,40}?:[\s*_]*$/u.test(masked.slice(0, tsStart)) && /^[\s*_.,;)\]]*$/.test(masked.slice(tsEnd));
}

/**
 * The time in the first sentence of a list item that does not open with a timestamp ("The on-call engineer paged
 * the database team at 11:20 UTC."): the entry's time. Only a possible time of day counts (no durations, no dates).
 */
export function firstSentenceTime(text: string, from: number, to: number, opts: TimeOptions): ParsedTimestamp | null {
  const line = maskLine(text.slice(from, to));
  const found = findTimestamps(line.slice(0, firstSentenceEnd(line)), opts).find((t) => hasTime(t) && !t.problems.length && !t.date);
  return found ? shiftTimestamp(asWritten(found, text.slice(from, to)) as ParsedTimestamp, from) : null;
}

/** "Incident Detection and Initial Impact (10/08/2023, 10:00 am):": a phase label whose time is in brackets at its end. */
export function bracketLabelTime(text: string, from: number, to: number, opts: TimeOptions): ParsedTimestamp | null {
  const line = maskLine(text.slice(from, to));
  if (line.trim().length > 120) return null;
  const m = /\(([^()\n]{3,60})\)[ \t*_]*:?[ \t*_]*$/.exec(line);
  // The label is words ("Total impact: 5 hours (10:45 - 16:11 UTC)" is a duration), the brackets one timestamp.
  if (!m || /\d/.test(line.slice(0, m.index))) return null;
  const inside = m[1] ?? '';
  const all = findTimestamps(inside, opts);
  const found = all.length === 1 ? all[0] : undefined;
  if (!found || !hasTime(found) || found.problems.length || !/^[\s,;]*$/.test(inside.slice(0, found.start) + inside.slice(found.end)))
    return null;
  return shiftTimestamp(asWritten(found, text.slice(from + m.index + 1, to)) as ParsedTimestamp, from + m.index + 1);
}

/** A table row's timestamp: its first time (with the date of a cell before it), or its first date. */
export function rowTimestamp(text: string, rs: number, re: number, opts: TimeOptions): ParsedTimestamp | null {
  const found = findTimestamps(text.slice(rs, re), opts).map((t) => shiftTimestamp(t, rs));
  const firstTime = found.find(hasTime) ?? null;
  const firstDate = found.find((t) => !!t.date) ?? null;
  let ts = firstTime ?? firstDate;
  if (ts && !ts.date && firstDate && firstDate !== ts && firstDate.end <= ts.start) ts = { ...ts, date: { ...firstDate.date! } };
  return ts;
}

/** A line that opens or closes a code fence. */
const FENCE = /^[ \t]*(?:```|~~~)/;

/** An opening code fence at `start`: the code block there is fenced, not indented. */
function fencedAt(text: string, start: number): boolean {
  return FENCE.test(text.slice(start, start + 12));
}

/** The code blocks that start in a timeline section, fenced or indented as asked, each once. */
function timelineCodeBlocks(tree: Root, text: string, sections: Section[], fenced: boolean): RootContent[] {
  const out: RootContent[] = [];
  for (const section of sections) {
    if (section.id !== 'timeline') continue;
    for (const block of tree.children) {
      const bs = startOf(block);
      if (block.type !== 'code' || bs < section.bodyStart || bs >= section.end || fencedAt(text, bs) !== fenced || out.includes(block))
        continue;
      out.push(block);
    }
  }
  return out;
}

/**
 * The code blocks of the timeline sections that are a timeline indented four spaces (not fenced, with lines that open
 * with a time): Markdown renders them as code, though the engine reads their entries.
 */
export function indentedTimelines(
  tree: Root,
  text: string,
  lines: LineIndex,
  sections: Section[],
  opts?: TimeOptions,
): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const block of timelineCodeBlocks(tree, text, sections, false)) {
    const bs = startOf(block);
    const be = endOf(block);
    let timed = false;
    for (let l = lines.lineOf(bs); l <= lines.lineOf(Math.max(bs, be - 1)) && !timed; l++) timed = opensWithTime(lines.lineText(l), opts);
    if (timed) out.push({ start: bs, end: be });
  }
  return out;
}

/**
 * Fenced code blocks in the timeline whose lines are mostly timed (two or more): a timeline written as preformatted
 * text. Each with the range of its lines between the fences (`inner`), for a fix that writes them as a list.
 */
export function fencedTimelines(
  tree: Root,
  text: string,
  lines: LineIndex,
  sections: Section[],
  opts?: TimeOptions,
): { start: number; end: number; firstLine: number; lastLine: number }[] {
  const out: { start: number; end: number; firstLine: number; lastLine: number }[] = [];
  for (const block of timelineCodeBlocks(tree, text, sections, true)) {
    const bs = startOf(block);
    const be = endOf(block);
    const open = lines.lineOf(bs);
    const last = lines.lineOf(Math.max(bs, be - 1));
    const close = last > open && FENCE.test(lines.lineText(last)) ? last : last + 1;
    let timed = 0;
    let other = 0;
    for (let l = open + 1; l < close; l++) {
      const t = lines.lineText(l);
      if (!t.trim()) continue;
      if (opensWithTime(t, opts)) timed++;
      else other++;
    }
    if (timed >= 2 && timed >= other) out.push({ start: bs, end: be, firstLine: open, lastLine: Math.min(close, last) });
  }
  return out;
}
