import type { ModelContext } from '../model';
import type { TextEdit, TimelineEntry } from '../types';
import { ordered } from './order';
import { readsTheSame } from './readAgain';
import { BLANK_LINE, timelineRegions, type Pool, type Region, type Slot } from './regions';

/** How a region of the timeline is put in order: its entries sorted inside their containers, then the containers. */

export type RegionPlan = { edit: TextEdit | null; reason?: undefined } | { edit: null; reason: string };

/** Moves a slot's text to another slot's column: continuation lines indented for the old column follow it. */
function moved(text: string, from: Slot, to: Slot): string {
  const piece = text.slice(from.start, from.end);
  const delta = to.column - from.column;
  if (!delta || from.entry.kind !== 'list-item') return piece;
  return piece.replace(/(\n)( *)(?=[^ \r\n])/g, (all: string, nl: string, spaces: string) => {
    if (spaces.length < from.column) return all;
    return nl + (delta > 0 ? spaces + ' '.repeat(delta) : spaces.slice(-delta));
  });
}

/** Entries without an instant travel with the entry above them; a leading one stays first. */
function units<T>(items: T[], instantOf: (item: T) => number | null): { key: number; items: T[] }[] {
  const out: { key: number; items: T[] }[] = [];
  for (const item of items) {
    const instant = instantOf(item);
    const last = out[out.length - 1];
    if (instant === null && last) last.items.push(item);
    else out.push({ key: instant ?? Number.NEGATIVE_INFINITY, items: [item] });
  }
  return out;
}

function stableSort<T extends { key: number }>(items: T[]): T[] {
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => a.item.key - b.item.key || a.order - b.order)
    .map((x) => x.item);
}

const SHAPES: Record<TimelineEntry['kind'], [string, string]> = {
  'list-item': ['a list', 'lists'],
  paragraph: ['paragraphs', 'paragraphs'],
  'table-row': ['a table', 'tables'],
  heading: ['sub-headings', 'sub-headings'],
};

function shapesOf(pools: Pool[]): string {
  const kinds = [...new Set(pools.map((p) => p.kind))];
  if (kinds.length === 1) {
    const kind = kinds[0]!;
    return pools.length > 1 ? `${pools.length} ${SHAPES[kind][1]}` : SHAPES[kind][0];
  }
  const names = kinds.map((k) => SHAPES[k][0]);
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** The text of a pool with its entries sorted, from its block start to its last entry's end, and its instants in order. */
function sortedPool(text: string, pool: Pool): { text: string; instants: (number | null)[] } {
  const chunks = stableSort(units(pool.slots, (s) => s.entry.instant));
  const from = chunks.flatMap((c) => c.items);
  let out = text.slice(pool.blockStart, pool.slots[0]!.start);
  pool.slots.forEach((slot, i) => {
    out += moved(text, from[i]!, slot);
    const next = pool.slots[i + 1];
    if (next) out += text.slice(slot.end, next.start);
  });
  return { text: out, instants: from.map((s) => s.entry.instant) };
}

/** How to put one region in order: the edit (null when it is in order), or why it cannot be done. */
export function planRegion(ctx: ModelContext, region: Region): RegionPlan {
  const text = ctx.text;
  if (ordered(region.slots.map((s) => s.entry.instant))) return { edit: null };
  // A carriage return alone is a line break to Markdown but not to every editor or tool: entries moved across one (or
  // beside one on their first or last line) would change which lines hold which text. Nothing is moved; the finding says why.
  const first = region.pools[0]!.blockStart;
  const last = region.pools[region.pools.length - 1]!.blockEnd;
  const lineEnd = text.indexOf('\n', last);
  if (/\r(?!\n)/.test(text.slice(text.lastIndexOf('\n', first - 1) + 1, lineEnd < 0 ? text.length : lineEnd + 1)))
    return {
      edit: null,
      reason:
        'a carriage return without a line feed (an old Mac line ending) stands between its entries; make the line endings one kind first',
    };
  const pools = region.pools.map((p) => ({ pool: p, ...sortedPool(text, p) }));
  let blocks = pools;
  if (!ordered(pools.flatMap((p) => p.instants))) {
    const moves = stableSort(units(pools, (p) => p.instants.find((t) => t !== null) ?? null));
    blocks = moves.flatMap((m) => m.items);
    if (!ordered(blocks.flatMap((b) => b.instants))) {
      return {
        edit: null,
        reason: `the timeline is written as ${shapesOf(region.pools)} whose times interleave, and an entry does not change its shape`,
      };
    }
    for (let i = 0; i + 1 < pools.length; i++) {
      if (!BLANK_LINE.test(text.slice(pools[i]!.pool.blockEnd, pools[i + 1]!.pool.blockStart))) {
        return {
          edit: null,
          reason: `${shapesOf(region.pools)} would have to trade places, and no blank line parts them`,
        };
      }
    }
  }
  let newText = '';
  blocks.forEach((b, i) => {
    newText += b.text;
    const here = pools[i]!.pool;
    const next = pools[i + 1]?.pool;
    if (next) newText += text.slice(here.blockEnd, next.blockStart);
  });
  const start = pools[0]!.pool.blockStart;
  const end = pools[pools.length - 1]!.pool.blockEnd;
  const edit = { start, end, newText };
  if (!readsTheSame(ctx, [edit]))
    return { edit: null, reason: 'sorted, some entries would read differently (their date, or where they end)' };
  return { edit: narrow(text, edit) };
}

/** The same edit, cut to the lines it changes. */
function narrow(text: string, edit: TextEdit): TextEdit {
  const old = text.slice(edit.start, edit.end);
  const neu = edit.newText;
  const max = Math.min(old.length, neu.length);
  let head = 0;
  while (head < max && old[head] === neu[head]) head++;
  head = old.lastIndexOf('\n', head - 1) + 1;
  let tail = 0;
  while (tail < max - head && old[old.length - 1 - tail] === neu[neu.length - 1 - tail]) tail++;
  // The kept tail starts at a line break (a whole CRLF).
  while (tail > 0) {
    const at = old.length - tail;
    if ((old[at] === '\n' && old[at - 1] !== '\r') || (old[at] === '\r' && old[at + 1] === '\n')) break;
    tail--;
  }
  return { start: edit.start + head, end: edit.end - tail, newText: neu.slice(head, neu.length - tail) };
}

/** Every edit that sorts a region of the timeline, for the Sort Timeline command: the regions that can be sorted. */
export function timelineSortEdits(ctx: ModelContext): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const region of timelineRegions(ctx)) {
    const plan = planRegion(ctx, region);
    if (!plan.edit) continue;
    // Each region reads the same sorted alone; sorted together too (a date rolls over from one region into the next).
    if (edits.length && !readsTheSame(ctx, [...edits, plan.edit])) continue;
    edits.push(plan.edit);
  }
  return edits;
}
