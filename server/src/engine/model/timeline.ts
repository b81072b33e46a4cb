import type { List, ListItem, Root, RootContent, Table } from 'mdast';
import type { Section } from '../types';
import type { ParsedTimestamp, TimeOptions, ZoneRef } from '../time/types';
import { lineEndAt, type LineIndex } from '../util/lines';
import { scanLeadingTimestamp, shiftTimestamp } from '../time';
import { endOf, nestedList, startOf } from './mdast';
import { zoneStatement } from './zoneStatement';
import { datedOnce, placeOnce, type ModelCache } from './cache';
import {
  bracketLabelTime,
  FIELD,
  firstSentenceTime,
  hasTime,
  isDateOnly,
  isLabelLine,
  isTimeField,
  maskLine,
  onlyLinks,
} from './timelineLines';
import { asWritten, opensWithTime, PASTED_BULLET, rowTimestamp, timedLineFollows } from './timelineLines';
import { dropEpilogue, NO_PHASES, readPhases, type RawEntry, type TimelineScan } from './timelineEntries';

export type { RawEntry, TimelineScan } from './timelineEntries';

// An entry's phase is read in ./phase.ts, one line, item or row in ./timelineLines.ts; these names stay importable here.
export { entryPhases, phasesOf } from './phase';
export { fencedTimelines, indentedTimelines, isLabelLine, maskLine, opensWithTime, timedLineFollows } from './timelineLines';

/** Reads the timeline sections' blocks into entries. */
export function scanTimeline(
  tree: Root,
  text: string,
  lines: LineIndex,
  sections: Section[],
  opts: TimeOptions,
  cache?: ModelCache,
): TimelineScan {
  const entries: RawEntry[] = [];
  const unread: TimelineScan['unread'] = [];
  let statedZone: ZoneRef | null = null;
  let group = 0;
  let dateLine: ParsedTimestamp | null = null;

  const noteZone = (lineText: string, lineOffset: number): boolean => {
    const z = zoneStatement(lineText, opts);
    if (!z) return false;
    statedZone ??= { ...z, start: z.start + lineOffset, end: z.end + lineOffset };
    return true;
  };

  // Tags, `&nbsp;` and pasted bullets are read as spaces: "<li><strong>10:30 AM:</strong> …", "• 10:30 …".
  const read = (own: string): ParsedTimestamp | null => asWritten(scanLeadingTimestamp(maskLine(own), opts), own);
  /** The timestamp leading text[from, to); `owner`, the node whose only line that is, speeds up the memo. */
  const leading = (from: number, to: number, owner?: object): ParsedTimestamp | null => {
    const ts = cache ? cache.leading.getAt(text, from, to, read, owner) : read(text.slice(from, to));
    if (!ts) return null;
    return cache && owner ? placeOnce(cache, owner, ts, from) : shiftTimestamp(ts, from);
  };

  /** The time in the first sentence of a list item that does not open with a timestamp: the entry's time. */
  const sentenceTime = (from: number, to: number): ParsedTimestamp | null => firstSentenceTime(text, from, to, opts);
  /** "Incident Detection and Initial Impact (10/08/2023, 10:00 am):": a phase label whose time is in brackets at its end. */
  const labelTime = (from: number, to: number): ParsedTimestamp | null => bracketLabelTime(text, from, to, opts);

  /** The section being read: a label line groups entries only when timed lines follow it in the same section. */
  let sectionEnd = text.length;
  /** Where its body starts: a list may begin above it when the section's label stands inside the list ("- Timeline:"). */
  let sectionStart = 0;
  /** An item's end, or the end of its last line before the section ends inside it (a label at the margin, read lazily). */
  const clip = (end: number): number => (end <= sectionEnd ? end : sectionEnd - (/\s*$/.exec(text.slice(0, sectionEnd))?.[0].length ?? 0));

  /** The timestamp dated by the date line above it (with a cache, last lint's object again under the same date). */
  const withDate = (ts: ParsedTimestamp | null): ParsedTimestamp | null => {
    const line = dateLine?.date;
    if (!ts || ts.date || !line) return ts;
    return cache ? datedOnce(cache, ts, line) : { ...ts, date: { ...line } };
  };

  /**
   * A date without a time ("2023-04-03 | patch released") spans its day: after an entry of that same day it is read at
   * that entry's time, so it is never out of order against the day's entries (a date alone would read as midnight).
   */
  const spanDay = (ts: ParsedTimestamp | null): ParsedTimestamp | null => {
    if (!ts?.date || ts.time) return ts;
    const prev = entries[entries.length - 1]?.effective;
    const d = prev?.date;
    if (!prev?.time || !d || d.month !== ts.date.month || d.day !== ts.date.day) return ts;
    if (d.year !== undefined && ts.date.year !== undefined && d.year !== ts.date.year) return ts;
    const out: ParsedTimestamp = { ...ts, time: { ...prev.time } };
    if (prev.zone) out.zone = prev.zone;
    return out;
  };

  const addEntry = (
    kind: RawEntry['kind'],
    start: number,
    end: number,
    firstLineEnd: number,
    ts: ParsedTimestamp | null,
    owner?: object,
  ): RawEntry => {
    const entryText = text.slice(start, firstLineEnd).trim();
    const entry: RawEntry = {
      kind,
      line: lines.lineOf(start),
      start,
      end,
      text: entryText,
      timestamp: ts,
      effective: spanDay(withDate(ts)),
      // The phases are read once the scan knows where the entry ends (continuation lines, a heading's body).
      zone: ts?.zone?.text ?? null,
      phases: NO_PHASES,
      group,
      owner,
      phaseReading: undefined, // set later (readPhases, a field entry): made here, setting them does not grow the object
      phaseEnd: undefined,
    };
    entries.push(entry);
    return entry;
  };

  const markUnread = (from: number, to: number, reason: string, masked = false): void => {
    const first = lines.lineOf(from);
    const last = lines.lineOf(Math.max(from, to - 1));
    for (let l = first; l <= last; l++) {
      const t = lines.lineText(l).trim();
      // A line of tags alone ("<img …>", "</ul>") holds no text to read.
      if (t && (!masked || maskLine(t).trim())) unread.push({ line: l, text: t, reason });
    }
  };

  /** Whether a line of text[from, to) opens with a time. */
  const timedLines = (from: number, to: number): boolean => {
    for (let l = lines.lineOf(from); l <= lines.lineOf(Math.max(from, to - 1)); l++) {
      if (opensWithTime(text.slice(Math.max(lines.lineStart(l), from), Math.min(lines.lineEnd(l), to)), opts)) return true;
    }
    return false;
  };
  const fenced = (block: RootContent, from: number): boolean =>
    block.type === 'code' && /^[ \t]*(?:```|~~~)/.test(text.slice(from, from + 12));

  /** Where an item's text starts, and where the first line of that text ends (two numbers: no object per item). */
  const itemFrom = (item: ListItem): number => startOf(item.children[0] ?? item);
  const itemLineEnd = (item: ListItem, from: number): number => Math.min(lineEndAt(text, from), endOf(item));
  const itemOpensWithTime = (item: ListItem | undefined): boolean => {
    if (!item) return false;
    const from = itemFrom(item);
    return opensWithTime(text.slice(from, itemLineEnd(item, from)), opts);
  };

  const scanList = (list: List): void => {
    group++;
    /** An entry written as fields ("- Time: 09:10 UTC"): the untimed fields below it ("- Event: …") are part of it. */
    let fields: RawEntry | null = null;
    const items = list.children as ListItem[];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as ListItem;
      // Items of a list that also holds other sections ("- Issue Summary:", "- Timeline:", "Root Cause:" at the margin).
      if (endOf(item) <= sectionStart || startOf(item) >= sectionEnd) continue;
      const first = item.children[0];
      const contentStart = itemFrom(item);
      const firstLineEnd = itemLineEnd(item, contentStart);
      const readable = first?.type === 'paragraph' || first?.type === 'heading';
      let ts = readable ? leading(contentStart, firstLineEnd, item) : null;
      const nested = nestedList(item);
      if (isDateOnly(ts) && nested && firstLineEnd - ts.end < 30) {
        dateLine = ts;
        fields = null;
        scanList(nested);
        group++;
        continue;
      }
      const lineText = text.slice(contentStart, firstLineEnd);
      if (readable && !hasTime(ts)) {
        const label = !ts && !!first && endOf(first) <= firstLineEnd && isLabelLine(lineText);
        if (label && nested) {
          // "- **Detection time:**" over "  - March 11, 2024, 10:15 AM (UTC)": the field's value is the entry's time.
          const value = bareTimestamp(nested.children[0] as ListItem);
          if (value) {
            fields = addEntry('list-item', startOf(item), endOf(item), firstLineEnd, value, item);
            fields.phaseEnd = fields.end;
            continue;
          }
          // "- Detection:" over timed sub-items: a label that groups them.
          if (nested.children.some((c) => itemOpensWithTime(c as ListItem))) {
            fields = null;
            scanList(nested);
            group++;
            continue;
          }
        }
        // "- **Escalation:**" followed by timed items: a label over them, not an entry.
        if (label && !nested && itemOpensWithTime(items[i + 1])) {
          fields = null;
          continue;
        }
        if (!ts && fields && FIELD.test(maskLine(lineText))) {
          fields.phaseEnd ??= endOf(item);
          fields.end = endOf(item);
          continue;
        }
        if (!ts && noteZone(lineText, contentStart)) continue;
        if (!ts && onlyLinks(item)) {
          // "- [dashboard](https://…)": a reference list in the timeline, not an event.
          markUnread(startOf(item), endOf(item), 'a link, not a timeline entry');
          continue;
        }
        if (!ts) ts = labelTime(contentStart, firstLineEnd) ?? sentenceTime(contentStart, firstLineEnd);
      }
      const entry = addEntry('list-item', startOf(item), clip(endOf(item)), firstLineEnd, ts, item);
      fields = isTimeField(lineText, ts ? ts.start - contentStart : -1, ts ? ts.end - contentStart : -1) ? entry : null;
    }
  };

  /** A list item whose text is a timestamp and nothing else ("March 11, 2024, 10:15 AM (UTC)"). */
  function bareTimestamp(item: ListItem): ParsedTimestamp | null {
    if (item.children.length !== 1 || item.children[0]?.type !== 'paragraph') return null;
    const from = itemFrom(item);
    const to = itemLineEnd(item, from);
    if (endOf(item) > to) return null;
    const ts = leading(from, to, item);
    if (!hasTime(ts) || !ts) return null;
    return /^[\s*_.,;:)\]-]*$/.test(maskLine(text.slice(from, ts.start))) && /^[\s*_.,;)\]]*$/.test(maskLine(text.slice(ts.end, to)))
      ? ts
      : null;
  }

  const scanParagraph = (from: number, to: number, previousWasEntry: boolean, block: RootContent): boolean => {
    let current: RawEntry | null = null;
    let continued = previousWasEntry ? (entries[entries.length - 1] ?? null) : null;
    const firstLine = lines.lineOf(from);
    const lastLine = lines.lineOf(Math.max(from, to - 1));
    const single = firstLine === lastLine ? block : undefined;
    for (let l = firstLine; l <= lastLine; l++) {
      let ls = Math.max(lines.lineStart(l), from);
      // Inside a block quote, a line's entry starts after its "> " (the first line's paragraph already does).
      if (l > firstLine) ls += /^ {0,3}(?:>[ \t]?)+/.exec(text.slice(ls, ls + 16))?.[0].length ?? 0;
      const le = Math.min(lines.lineEnd(l), to);
      const lineText = text.slice(ls, le);
      // Blank, only tags ("<ul>", "<img …>") or a table's stray "|" line: nothing to read.
      if (!maskLine(lineText).trim() || /^[\s|:-]*$/.test(lineText)) continue;
      // "• 10:30 …", "&nbsp;• …": a bullet pasted from a document is a list item.
      const bullet = PASTED_BULLET.test(lineText);
      let ts = leading(ls, le, single) ?? labelTime(ls, le);
      if (bullet && !ts) ts = sentenceTime(ls, le);
      if (hasTime(ts)) {
        if (!current) group++;
        current = addEntry('paragraph', ls, le, le, ts, single);
        continue;
      }
      if (isDateOnly(ts) && le - ts.end < 30 && !current) {
        dateLine = ts;
        continue;
      }
      if (!current && noteZone(lineText, ls)) continue;
      // "Detection:", "**Escalation**" over timed entries: a label that groups them, neither an entry nor its text.
      if (isLabelLine(lineText) && timedLineFollows(text, lines, ls, sectionEnd, opts)) {
        current = null;
        continued = null;
        continue;
      }
      if (bullet) {
        if (!current) group++;
        current = addEntry('paragraph', ls, le, le, ts, single);
        continue;
      }
      const owner = current ?? continued;
      if (owner) {
        owner.end = le;
        continue;
      }
      markUnread(
        ls,
        le,
        entries.length
          ? 'no timestamp at the start of the line, and a blank line or the end of a list parts it from the entry above'
          : 'no timestamp at the start of the line, and no timeline entry before it to belong to',
      );
    }
    if (current) continued = current;
    return current !== null || (continued !== null && previousWasEntry);
  };

  const scanTable = (table: Table): void => {
    group++;
    table.children.forEach((row, i) => {
      if (i === 0) return;
      const rs = startOf(row);
      const re = endOf(row);
      // A stray row of empty cells ("|  |  |", "|"): no entry.
      if (/^[\s|:-]*$/.test(maskLine(text.slice(rs, re)))) return;
      addEntry('table-row', rs, re, re, rowTimestamp(text, rs, re, opts), row);
    });
  };

  /** Where the timeline sections read so far end: a second "Timeline" heading inside one continues it, read once. */
  let readUntil = -1;
  for (const section of sections) {
    if (section.id !== 'timeline' || section.headingStart < readUntil) continue;
    readUntil = section.end;
    sectionEnd = section.end;
    sectionStart = section.bodyStart;
    dateLine = null;
    noteZone(text.slice(section.headingStart, section.headingEnd), section.headingStart);
    const blocks = tree.children.filter((b) => endOf(b) > section.bodyStart && startOf(b) < section.end);
    let previousWasEntry = false;
    let headingEntry: RawEntry | null = null;
    const firstOfSection = entries.length;
    /** The last sub-heading with neither a time nor a date ("### Ongoing", "### Follow-up"). */
    let untimedHeading: number | null = null;
    for (const block of blocks) {
      const bs = Math.max(startOf(block), section.bodyStart);
      const be = Math.min(endOf(block), section.end);
      if (block.type === 'heading') {
        const ts = leading(bs, be, block);
        if (hasTime(ts)) {
          group++;
          headingEntry = addEntry('heading', bs, be, be, ts, block);
          previousWasEntry = true;
          continue;
        }
        headingEntry = null;
        if (!ts) untimedHeading = bs;
        if (isDateOnly(ts)) dateLine = ts;
        else noteZone(text.slice(bs, be), bs);
        previousWasEntry = false;
        continue;
      }
      if (headingEntry) {
        headingEntry.end = be;
        continue;
      }
      previousWasEntry = scanBlock(block, bs, be, previousWasEntry);
    }
    dropEpilogue(entries, firstOfSection, untimedHeading);
  }

  function scanBlock(block: RootContent, bs: number, be: number, previousWasEntry: boolean): boolean {
    switch (block.type) {
      case 'list': {
        // "… the log said:" over a list with no times (log lines, the errors seen): the list is part of that entry.
        const last = entries[entries.length - 1];
        if (
          previousWasEntry &&
          last &&
          last.kind !== 'list-item' &&
          /:[\s*_]*$/.test(text.slice(last.start, bs)) &&
          !(block.children as ListItem[]).some(itemOpensWithTime)
        ) {
          last.end = be;
          return false;
        }
        // Text after a list is not folded into its last item: moving that item would carry the text into the list.
        scanList(block);
        return false;
      }
      case 'paragraph':
        return scanParagraph(bs, be, previousWasEntry, block);
      case 'table':
        scanTable(block);
        return false;
      case 'thematicBreak':
      case 'definition':
        return previousWasEntry;
      case 'html':
        // A comment, closed or never closed ("<!--" to the end of the document), hides what it holds.
        if (/^\s*<!--(?:[\s\S]*-->\s*$|(?![\s\S]*-->))/.test(block.value)) return previousWasEntry;
        // "<li><strong>10:30 AM:</strong> …</li>", "<p>10:30 …</p>": lines read without their tags.
        if (timedLines(bs, be)) return scanParagraph(bs, be, previousWasEntry, block);
        markUnread(bs, be, 'HTML, not read as timeline entries', true);
        return false;
      case 'code':
        // A timeline indented four spaces renders as code: its entries are read all the same (timeline-timestamp
        // says so and offers to remove the indentation). A fenced block is a log or a command, not entries.
        if (!fenced(block, bs) && timedLines(bs, be)) return scanParagraph(bs, be, previousWasEntry, block);
        if (previousWasEntry && entries.length) {
          (entries[entries.length - 1] as RawEntry).end = be;
          return true;
        }
        markUnread(bs, be, 'a code block, not read as timeline entries');
        return false;
      case 'blockquote': {
        // "> 10:42 …": the entries inside a block quote are read like any others.
        let previous = previousWasEntry;
        for (const child of block.children) {
          previous = scanBlock(child, Math.max(startOf(child), bs), Math.min(endOf(child), be), previous);
        }
        return previous;
      }
      default:
        return previousWasEntry;
    }
  }

  readPhases(entries, text, cache);
  return { entries, unread, statedZone };
}
