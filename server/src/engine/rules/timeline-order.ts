import { buildModel, type ModelContext } from '../model';
import { defuseDeepNesting } from '../nestingLimit';
import { parseMarkdown } from '../parse';
import { LineIndex } from '../util/lines';
import type { Fix, TextEdit, TimelineEntry } from '../types';
import { defineRule } from './util';

/**
 * Sorting a timeline, whatever its shape.
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
const LIST_MARKER = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|(?=\r?\n|$))/;
/** List markers and task boxes at a line start, HTML comments: layout, not text that gives entries a meaning. */
const MARKERS = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*(?:\[[ xX]\](?=[ \t]|$))?[ \t]*)+/gm;
const COMMENT = /<!--[\s\S]*?-->/g;
/** Block-quote markers at a line start ("> 10:42 …"): layout too. */
const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)+/gm;
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const BLANK_LINE = /\n[ \t]*\r?\n/;

interface Slot {
  /** The entry's index in the model's timeline. */
  index: number;
  entry: TimelineEntry;
  /** The movable text. */
  start: number;
  end: number;
  /** The column the movable text starts at (list items: after the marker), to re-indent continuation lines. */
  column: number;
}

interface Pool {
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

export type RegionPlan = { edit: TextEdit | null; reason?: undefined } | { edit: null; reason: string };

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
    const lastPool: Pool | undefined = region?.pools[region.pools.length - 1];
    const opensPool = !lastPool || lastPool.key !== key;
    const header = entry.kind === 'table-row' && opensPool ? tableHeaderStart(ctx, entry) : null;
    const joined = region !== null && previous !== null && region.section === section && previous.end <= (header ?? slot.start) && neutral(text.slice(previous.end, header ?? slot.start));
    if (!joined || !region) {
      region = { section, pools: [], slots: [] };
      regions.push(region);
    }
    const pool = region.pools[region.pools.length - 1];
    if (joined && pool && pool.key === key) {
      pool.slots.push(slot);
      pool.blockEnd = slot.end;
    } else {
      region.pools.push({ key, kind: entry.kind, slots: [slot], blockStart: header ?? entry.start, blockEnd: slot.end });
    }
    region.slots.push(slot);
    previous = slot;
  });
  return regions;
}

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
  return items.map((item, order) => ({ item, order })).sort((a, b) => a.item.key - b.item.key || a.order - b.order).map((x) => x.item);
}

function ordered(instants: (number | null)[]): boolean {
  let last = Number.NEGATIVE_INFINITY;
  for (const t of instants) {
    if (t === null) continue;
    if (t < last) return false;
    last = t;
  }
  return true;
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
  const pools = region.pools.map((p) => ({ pool: p, ...sortedPool(text, p) }));
  let blocks = pools;
  if (!ordered(pools.flatMap((p) => p.instants))) {
    const moves = stableSort(units(pools, (p) => p.instants.find((t) => t !== null) ?? null));
    blocks = moves.flatMap((m) => m.items);
    if (!ordered(blocks.flatMap((b) => b.instants))) {
      return { edit: null, reason: `the timeline is written as ${shapesOf(region.pools)} whose times interleave, and an entry does not change its shape` };
    }
    for (let i = 0; i + 1 < pools.length; i++) {
      if (!BLANK_LINE.test(text.slice(pools[i]!.pool.blockEnd, pools[i + 1]!.pool.blockStart))) {
        return { edit: null, reason: `${shapesOf(region.pools)} would have to trade places, and no blank line parts them` };
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
  if (!readsTheSame(ctx, [edit])) return { edit: null, reason: 'sorted, some entries would read differently (their date, or where they end)' };
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
function readsTheSame(ctx: ModelContext, edits: TextEdit[]): boolean {
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

/**
 * The indices (into `values`) of a longest non-decreasing subsequence, the one that keeps the earliest written entries
 * where several are as long.
 */
export function longestOrderedRun(values: number[]): number[] {
  const n = values.length;
  if (!n) return [];
  const ranks = [...new Set(values)].sort((a, b) => a - b);
  const rankOf = new Map(ranks.map((v, i) => [v, i]));
  // Fenwick tree over reversed ranks: the longest run starting at a value >= v, among the entries after the current one.
  const tree = new Array<number>(ranks.length + 1).fill(0);
  const query = (i: number): number => {
    let best = 0;
    for (let k = i; k > 0; k -= k & -k) best = Math.max(best, tree[k]!);
    return best;
  };
  const update = (i: number, v: number): void => {
    for (let k = i; k <= ranks.length; k += k & -k) tree[k] = Math.max(tree[k]!, v);
  };
  const best = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    const reversed = ranks.length - (rankOf.get(values[i]!) as number);
    best[i] = 1 + query(reversed);
    update(reversed, best[i]!);
  }
  let need = Math.max(...best);
  let last = Number.NEGATIVE_INFINITY;
  const run: number[] = [];
  for (let i = 0; i < n && need > 0; i++) {
    if (best[i] === need && values[i]! >= last) {
      run.push(i);
      last = values[i]!;
      need--;
    }
  }
  return run;
}

function clock(e: TimelineEntry): string {
  return e.timestamp?.text ?? `line ${e.line}`;
}

export default defineRule(
  { id: 'timeline-order', description: 'Timeline entries are in chronological order.', defaultSeverity: 'error', fixable: true },
  (ctx, _options, report) => {
    const regions = timelineRegions(ctx);
    const regionOf = new Map<number, Region>();
    for (const r of regions) for (const s of r.slots) regionOf.set(s.index, r);
    const plans = new Map<Region, RegionPlan>();
    const planOf = (r: Region): RegionPlan => {
      let plan = plans.get(r);
      if (!plan) {
        plan = planRegion(ctx, r);
        plans.set(r, plan);
      }
      return plan;
    };

    // Each timeline section is one sequence: the entries outside its longest ordered run are the ones out of order.
    const bySection = new Map<number, number[]>();
    for (const r of regions) {
      const timed = r.slots.filter((s) => s.entry.instant !== null && s.entry.timestamp).map((s) => s.index);
      const list = bySection.get(r.section);
      if (list) list.push(...timed);
      else bySection.set(r.section, timed);
    }
    const timeline = ctx.model.timeline;
    for (const indices of bySection.values()) {
      const instants = indices.map((i) => timeline[i]!.instant as number);
      const run = longestOrderedRun(instants);
      if (run.length === indices.length) continue;
      const kept = new Set(run);
      // The nearest kept entry before and after each position.
      const before = new Array<number>(indices.length).fill(-1);
      const after = new Array<number>(indices.length).fill(-1);
      for (let k = 0, last = -1; k < indices.length; k++) {
        before[k] = last;
        if (kept.has(k)) last = k;
      }
      for (let k = indices.length - 1, next = -1; k >= 0; k--) {
        after[k] = next;
        if (kept.has(k)) next = k;
      }
      // The run's instants do not decrease: where an instant would go in it is a binary search.
      const firstAbove = (at: number): number => {
        let lo = 0;
        let hi = run.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (instants[run[mid]!]! > at) hi = mid;
          else lo = mid + 1;
        }
        return lo;
      };
      indices.forEach((index, k) => {
        if (kept.has(k)) return;
        const entry = timeline[index]!;
        const at = entry.instant as number;
        const earlier = before[k]! >= 0 && at < instants[before[k]!]!;
        const otherAt = earlier ? before[k]! : after[k]!;
        if (otherAt < 0) return;
        const otherIndex = indices[otherAt]!;
        const other = timeline[otherIndex]!;
        // Where its time puts it among the ordered entries.
        const slot = firstAbove(at);
        const goesAt = earlier ? run[slot] : run[slot - 1];
        const goes = goesAt === undefined ? null : timeline[indices[goesAt]!]!;
        const place = goes && goes !== other ? `; by its time it belongs ${earlier ? 'before' : 'after'} ${clock(goes)} (line ${goes.line})` : '';
        const relation = earlier ? 'earlier than the entry before it' : 'later than the entry after it';
        let message = `This entry (${clock(entry)}) is out of order: it is ${relation} (${clock(other)}, line ${other.line})${place}.`;
        const region = regionOf.get(index);
        let fix: Fix | null = null;
        if (region && region === regionOf.get(otherIndex)) {
          const plan = planOf(region);
          if (plan.edit) fix = { title: 'Sort the timeline chronologically', edits: [plan.edit] };
          else if (plan.reason) message += ` It is not sorted automatically: ${plan.reason}.`;
        } else {
          message += ` It is not sorted automatically: text that is not an entry (a date line, a label, a note) stands between it and line ${other.line}, and entries are not moved across it.`;
        }
        const ts = entry.timestamp!;
        report({ message, start: ts.start, end: ts.end, ...(fix ? { fix } : {}) });
      });
    }
  },
);
