import type { List, ListItem, Root, RootContent, Table } from 'mdast';
import type { Phase, Section, TimelineEntry } from '../types';
import type { ParsedTimestamp, TimeOptions, ZoneRef } from '../time/types';
import type { LineIndex } from '../util/lines';
import { scanLeadingTimestamp, findTimestamps } from '../time';
import { endOf, startOf } from './mdast';
import { zoneStatement } from './zoneStatement';
import type { ModelCache } from './cache';

/** A timeline entry before its instant is resolved. */
export interface RawEntry extends Omit<TimelineEntry, 'instant' | 'offsetMinutes' | 'inheritedZone' | 'unresolved'> {
  /** The timestamp with a date supplied by a date line above it, when it had none. */
  effective: ParsedTimestamp | null;
  /** The list, table, paragraph or heading the entry was read from: timeline-order's sort tells one list or table from the next by it. */
  group: number;
}

export interface TimelineScan {
  entries: RawEntry[];
  unread: { line: number; text: string; reason: string }[];
  /** "All times in UTC" and the like, with absolute offsets. */
  statedZone: ZoneRef | null;
}

/** A phase marker at the start of the entry's text, after the timestamp and its separator ("10:30 - [mitigated] …"). */
const MARKER = /^[\s\-–—:|*_)\]]*\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/i;
const PHASES: [Phase, RegExp][] = [
  ['triggered', /\b(deploy(?:ed|ment|ing)?|rolled out|released|pushed (?:a |the )?(?:change|config|update)|config(?:uration)? change|migration (?:started|ran))\b/i],
  ['detected', /\b(detect(?:ed|s|ion)?|alert(?:ed|s)?|alarm|notic(?:e|ed|es|ing)|discover(?:ed|s|y)|reported|reports? (?:that|the|an?|of|on|from|by|fail\w*|errors?|problems?|issues?|outages?|down|slow\w*|timeouts?|missing|broken|seeing)|reporting (?:that|an? |failures?|errors?|problems?|issues?|the (?:issue|problem|error|outage|failure))|(?:informed|notified|made aware|became aware) (?:of|about|that)|received (?:a |an |the )?(?:warning|alert|page|report|e-?mail|message|notification|complaint|call)|(?:automated|automatic) (?:warning|e-?mail|notification)|spott?(?:ed|s)|paged|pages (?:the |an? )?(?:on-?call|engineer|sre|team|responder)|pager|(?:first|initial|early) (?:reports?|signs?)|complain(?:ed|ts?)|monitor(?:ing)? (?:flagged|flags|showed|shows|triggered|picked up)|(?:alert|alarm|monitor|check|probe)\w*\s+(?:\w+\s+){0,2}?(?:fires?|fired|firing|trips?|tripped|went off|goes off))\b/i],
  ['acknowledged', /\b(acknowledg(?:ed|es)|ack(?:ed)?|on-?call (?:engineer )?(?:responded|joined|picked up)|began investigating|started investigating)\b/i],
  ['escalated', /\b(escalat(?:ed|ion|es)|paged (?:the )?(?:senior|lead|manager|team)|incident (?:declared|opened)|declar(?:es|ed|ing) (?:an? |the )?(?:incident|sev))\b/i],
  ['mitigated', /\b(mitigat(?:ed|ion|es)|workaround|rolled back|roll(?:ed)?back|reverted|fail(?:ed)? ?over|restarted|traffic (?:was )?(?:shifted|drained))\b/i],
  ['resolved', /\b(resolved|resolution|fully (?:restored|recovered|operational)|(?:service|services|site|website|api) (?:was |were |is )?(?:fully )?(?:restored|recovered|back)|back (?:online|to normal|up)|(?:incident|outage|impact) (?:closed|over|ended|ends|is over)|recovered|all clear|normal operation)\b/i],
];

/**
 * The phases of an entry from its whole text, continuation lines included, without its timestamp: a marker
 * right after the timestamp ("10:30 - [mitigated] …") wins; else the words anywhere in the entry.
 */
export function entryPhases(text: string, entry: { start: number; end: number; timestamp: ParsedTimestamp | null }): Phase[] {
  const ts = entry.timestamp;
  const after = text.slice(ts ? ts.end : entry.start, entry.end);
  if (MARKER.test(after)) return phasesOf(after);
  const before = ts ? text.slice(entry.start, ts.start) : '';
  return phasesOf(`${before} ${after}`);
}

export function phasesOf(text: string): Phase[] {
  const marker = MARKER.exec(text);
  if (marker?.[1]) return [marker[1].toLowerCase() as Phase];
  const out: Phase[] = [];
  for (const [phase, re] of PHASES) if (re.test(text)) out.push(phase);
  return out;
}

/** A list item that holds nothing but links or images ("[overview](https://…)", a bare URL). */
function onlyLinks(item: ListItem): boolean {
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

function hasTime(ts: ParsedTimestamp | null): boolean {
  return !!ts?.time;
}

function isDateOnly(ts: ParsedTimestamp | null): ts is ParsedTimestamp {
  return !!ts && !!ts.date && !ts.time;
}

function shift(ts: ParsedTimestamp, by: number): ParsedTimestamp {
  const moved: ParsedTimestamp = { ...ts, start: ts.start + by, end: ts.end + by };
  if (ts.date) moved.date = { ...ts.date, start: ts.date.start + by, end: ts.date.end + by };
  if (ts.time) moved.time = { ...ts.time, start: ts.time.start + by, end: ts.time.end + by };
  if (ts.zone) moved.zone = { ...ts.zone, start: ts.zone.start + by, end: ts.zone.end + by };
  return moved;
}

/** Reads the timeline sections' blocks into entries. */
export function scanTimeline(tree: Root, text: string, lines: LineIndex, sections: Section[], opts: TimeOptions, cache?: ModelCache): TimelineScan {
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

  /** The timestamp leading text[from, to); `owner`, the node whose only line that is, speeds up the memo. */
  const leading = (from: number, to: number, owner?: object): ParsedTimestamp | null => {
    const slice = text.slice(from, to);
    const ts = cache ? cache.leading.get(slice, (own) => scanLeadingTimestamp(own, opts), owner) : scanLeadingTimestamp(slice, opts);
    return ts ? shift(ts, from) : null;
  };

  const withDate = (ts: ParsedTimestamp | null): ParsedTimestamp | null => {
    if (!ts || ts.date || !dateLine?.date) return ts;
    return { ...ts, date: { ...dateLine.date } };
  };

  /** Per entry, the node it was read from when it is the node's only entry (for the phases memo). */
  const owners = new Map<RawEntry, object>();
  const addEntry = (kind: RawEntry['kind'], start: number, end: number, firstLineEnd: number, ts: ParsedTimestamp | null, owner?: object): RawEntry => {
    const entryText = text.slice(start, firstLineEnd).trim();
    const entry: RawEntry = {
      kind, line: lines.lineOf(start), start, end, text: entryText, timestamp: ts, effective: withDate(ts),
      // The phases are read once the scan knows where the entry ends (continuation lines, a heading's body).
      zone: ts?.zone?.text ?? null, phases: [], group,
    };
    entries.push(entry);
    if (owner) owners.set(entry, owner);
    return entry;
  };

  const markUnread = (from: number, to: number, reason: string): void => {
    const first = lines.lineOf(from);
    const last = lines.lineOf(Math.max(from, to - 1));
    for (let l = first; l <= last; l++) {
      const t = lines.lineText(l).trim();
      if (t) unread.push({ line: l, text: t, reason });
    }
  };

  const scanList = (list: List): void => {
    group++;
    for (const item of list.children as ListItem[]) {
      const first = item.children[0];
      const contentStart = first ? startOf(first) : startOf(item);
      const firstLineEnd = Math.min(lines.lineEnd(lines.lineOf(contentStart)), endOf(item));
      const ts = first && (first.type === 'paragraph' || first.type === 'heading') ? leading(contentStart, firstLineEnd, item) : null;
      const nested = item.children.find((c): c is List => c.type === 'list');
      if (isDateOnly(ts) && nested && firstLineEnd - ts.end < 30) {
        dateLine = ts;
        scanList(nested);
        group++;
        continue;
      }
      if (!ts && noteZone(text.slice(contentStart, firstLineEnd), contentStart)) continue;
      if (!ts && onlyLinks(item)) {
        // "- [dashboard](https://…)": a reference list in the timeline, not an event.
        markUnread(startOf(item), endOf(item), 'a link, not a timeline entry');
        continue;
      }
      addEntry('list-item', startOf(item), endOf(item), firstLineEnd, ts, item);
    }
  };

  const scanParagraph = (from: number, to: number, previousWasEntry: boolean, block: RootContent): boolean => {
    let current: RawEntry | null = null;
    let continued = previousWasEntry ? entries[entries.length - 1] ?? null : null;
    const firstLine = lines.lineOf(from);
    const lastLine = lines.lineOf(Math.max(from, to - 1));
    const single = firstLine === lastLine ? block : undefined;
    for (let l = firstLine; l <= lastLine; l++) {
      const ls = Math.max(lines.lineStart(l), from);
      const le = Math.min(lines.lineEnd(l), to);
      const lineText = text.slice(ls, le);
      if (!lineText.trim()) continue;
      const ts = leading(ls, le, single);
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
      const found = findTimestamps(text.slice(rs, re), opts).map((t) => shift(t, rs));
      const firstTime = found.find(hasTime) ?? null;
      const firstDate = found.find((t) => !!t.date) ?? null;
      let ts = firstTime ?? firstDate;
      if (ts && !ts.date && firstDate && firstDate !== ts && firstDate.end <= ts.start) ts = { ...ts, date: { ...firstDate.date! } };
      addEntry('table-row', rs, re, re, ts, row);
    });
  };

  /** Where the timeline sections read so far end: a second "Timeline" heading inside one continues it, read once. */
  let readUntil = -1;
  for (const section of sections) {
    if (section.id !== 'timeline' || section.headingStart < readUntil) continue;
    readUntil = section.end;
    dateLine = null;
    noteZone(text.slice(section.headingStart, section.headingEnd), section.headingStart);
    const blocks = tree.children.filter((b) => endOf(b) > section.bodyStart && startOf(b) < section.end);
    let previousWasEntry = false;
    let headingEntry: RawEntry | null = null;
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
  }

  function scanBlock(block: RootContent, bs: number, be: number, previousWasEntry: boolean): boolean {
    switch (block.type) {
      case 'list':
        // Text after a list is not folded into its last item: moving that item would carry the text into the list.
        scanList(block);
        return false;
      case 'paragraph':
        return scanParagraph(bs, be, previousWasEntry, block);
      case 'table':
        scanTable(block);
        return false;
      case 'thematicBreak':
      case 'definition':
        return previousWasEntry;
      case 'html':
        if (/^\s*<!--[\s\S]*-->\s*$/.test(block.value)) return previousWasEntry;
        markUnread(bs, be, 'HTML, not read as timeline entries');
        return false;
      case 'code':
        if (previousWasEntry && entries.length) {
          (entries[entries.length - 1] as RawEntry).end = be;
          return true;
        }
        markUnread(bs, be, 'a code block, not read as timeline entries');
        return false;
      case 'blockquote':
        markUnread(bs, be, 'a block quote, not read as timeline entries');
        return false;
      default:
        return previousWasEntry;
    }
  }

  for (const entry of entries) {
    if (!cache) {
      entry.phases = entryPhases(text, entry);
      continue;
    }
    // The phases follow from the entry's text and where its timestamp sits in it.
    const ts = entry.timestamp;
    const at = `${ts ? ts.start - entry.start : -1}:${ts ? ts.end - entry.start : -1}`;
    entry.phases = [...cache.phases.of(at).get(text.slice(entry.start, entry.end), () => entryPhases(text, entry), owners.get(entry))];
  }
  return { entries, unread, statedZone };
}
