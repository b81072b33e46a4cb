import type { ModelContext } from '../model';
import type { TimelineEntry } from '../types';

/**
 * Sorting a timeline, whatever its shape: the regions and slots a sort works in (this file), the plan that sorts
 * one region (`plan.ts`), the read-back that checks a sort (`readAgain.ts`), what "in order" means (`order.ts`).
 *
 * Every entry occupies a slot: the text it moves with (its continuation lines, sub-items, a heading's body), for a
 * list item everything after its marker and the one space after it, so numbers stay in place. The text between two
 * slots stays where it is. Entries whose slots are separated by nothing but blank lines, list markers and comments
 * form a region; a date line, a label, a note or a table's header between them parts two regions, and no entry is
 * ever moved across such text (its date or its meaning would change with its place).
 *
 * Within a region, entries are sorted inside their container (one list, one table, one run of paragraphs, one run of
 * sub-headings of one depth); where the containers' times still overlap the wrong way, whole containers trade places
 * when blank lines part them. An entry never changes its shape, so a list and paragraphs whose times interleave are
 * not sorted automatically, and the finding says so. Every sort is read back before it is offered: the same entries
 * at the same instants, in order, or no fix.
 */

/** A list marker with the one space or tab after it: what stays in place when a list item's text moves. */
// The marker alone: the spacing after it moves with the entry's text, so a tab or two spaces there stay on its line.
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|\r?\n|$)/;
/** List markers and task boxes at a line start, HTML comments: layout, not text that gives entries a meaning. */
const MARKERS = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*(?:\[[ xX]\](?=[ \t]|$))?[ \t]*)+/gm;
const COMMENT = /<!--[\s\S]*?-->/g;
/** Block-quote markers at a line start ("> 10:42 …"): layout too. */
const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)+/gm;
/** The block-quote markers that open an entry's line, and nothing else before the entry. */
const QUOTE_PREFIX = /^[ \t]*(?:>[ \t]?)+$/;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
export const BLANK_LINE = /\n[ \t]*\r?\n/;

export interface Slot {
  /** The entry's index in the model's timeline. */
  index: number;
  entry: TimelineEntry;
  /** The movable text. */
  start: number;
  end: number;
  /** The column the movable text starts at (list items: after the marker), to re-indent continuation lines. */
  column: number;
}

export interface Pool {
  key: string;
  kind: TimelineEntry['kind'];
  slots: Slot[];
  /** The container's whole text, when it moves whole: from its first marker, heading or table header. */
  blockStart: number;
  blockEnd: number;
}

export interface Region {
  /** Which timeline section (a second "Timeline" heading starts another sequence). */
  section: number;
  pools: Pool[];
  slots: Slot[];
}

function neutral(between: string): boolean {
  return !/\S/.test(between.replace(COMMENT, '').replace(QUOTE_MARKERS, '').replace(MARKERS, ''));
}

function slotOf(ctx: ModelContext, entry: TimelineEntry, index: number): Slot {
  let start = entry.start;
  if (entry.kind === 'list-item') {
    const m = LIST_MARKER.exec(ctx.text.slice(entry.start, Math.min(entry.end, entry.start + 24)));
    if (m) start = entry.start + m[0].length;
  }
  const column = start - ctx.lines.lineStart(ctx.lines.lineOf(start));
  return { index, entry, start: Math.min(start, entry.end), end: entry.end, column };
}

/** Where a table's header starts, when the entry is its first row right under the header and delimiter rows. */
function tableHeaderStart(ctx: ModelContext, entry: TimelineEntry): number | null {
  const line = ctx.lines.lineOf(entry.start);
  if (line < 3) return null;
  const delimiter = ctx.text.slice(ctx.lines.lineStart(line - 1), ctx.lines.lineEnd(line - 1));
  return TABLE_DELIMITER.test(delimiter) && delimiter.includes('-') ? ctx.lines.lineStart(line - 2) : null;
}

function headingDepth(ctx: ModelContext, entry: TimelineEntry): string {
  const m = /^ {0,3}(#{1,6})(?=\s|$)/.exec(ctx.text.slice(entry.start, entry.start + 10));
  return m?.[1] ? String(m[1].length) : 'setext';
}

/** The timeline's regions: runs of entries that only blank lines, list markers and comments part. */
export function timelineRegions(ctx: ModelContext): Region[] {
  const text = ctx.text;
  const sectionStarts = ctx.model.sections.filter((s) => s.id === 'timeline').map((s) => s.headingStart);
  const regions: Region[] = [];
  let region: Region | null = null;
  let previous: Slot | null = null;
  ctx.model.timeline.forEach((entry, index) => {
    const slot = slotOf(ctx, entry, index);
    const section = sectionStarts.filter((at) => at <= entry.start).length;
    let key: string = entry.kind;
    if (entry.kind === 'list-item' || entry.kind === 'table-row') key = `${entry.kind}:${ctx.groups[index] ?? -1}`;
    else if (entry.kind === 'heading') key = `heading:${headingDepth(ctx, entry)}`;
    // A block quote is a container of its own: its "> " markers stay with the lines they quote, so a quoted entry and
    // one outside the quote never trade places inside their containers (the quoted one would lose its markers).
    const lineStart = ctx.lines.lineStart(ctx.lines.lineOf(entry.start));
    const quote = QUOTE_PREFIX.exec(text.slice(lineStart, entry.start));
    const quoteDepth = quote ? (quote[0].match(/>/g) ?? []).length : 0;
    if (quoteDepth) key += `:quote${quoteDepth}`;
    const lastPool: Pool | undefined = region?.pools[region.pools.length - 1];
    const opensPool = !lastPool || lastPool.key !== key;
    const header = entry.kind === 'table-row' && opensPool ? tableHeaderStart(ctx, entry) : null;
    const joined =
      region !== null &&
      previous !== null &&
      region.section === section &&
      previous.end <= (header ?? slot.start) &&
      neutral(text.slice(previous.end, header ?? slot.start));
    if (!joined || !region) {
      region = { section, pools: [], slots: [] };
      regions.push(region);
    }
    const pool = region.pools[region.pools.length - 1];
    if (joined && pool && pool.key === key) {
      pool.slots.push(slot);
      pool.blockEnd = slot.end;
    } else {
      // A quoted container moves whole with the markers of its first line.
      region.pools.push({
        key,
        kind: entry.kind,
        slots: [slot],
        blockStart: header ?? (quoteDepth ? lineStart : entry.start),
        blockEnd: slot.end,
      });
    }
    region.slots.push(slot);
    previous = slot;
  });
  return regions;
}
