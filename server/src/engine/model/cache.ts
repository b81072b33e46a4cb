/**
 * Memo tables for the model's pure per-line work, kept by an incremental linter between edits of one document:
 * an edit changes a line or two, so nearly every timestamp, phase list and block word count is read again
 * unchanged. Only `createLinter` passes one; `lint()` computes everything afresh.
 */
import type { Phase, PhaseReading, Section, TimelineEntry } from '../types';
import type { ParsedTimestamp } from '../time/types';
import { shiftTimestamp } from '../time';
import { createResolveMemo, type ResolveMemo } from '../time/resolveMemo';
import type { ResolvedStamp } from '../time/resolve';

/** Longer texts are computed every time: keeping them would hold large strings for little gain. */
export const MAX_KEY = 1024;

/** A map that forgets its oldest half when full. */
export class Memo<V> {
  private readonly map = new Map<string, { key: string; value: V }>();
  /** The last entry looked up for a syntax tree node: most nodes survive an incremental re-parse, and comparing two texts is cheaper than hashing one. */
  private readonly byOwner = new WeakMap<object, { key: string; value: V }>();
  constructor(private readonly capacity = 8_000) {}

  /**
   * The value for `key`, computed once (from the key: see below); keys longer than MAX_KEY are not kept (a whole
   * list is one block). `owner`, the node the key was read from, only makes the lookup faster.
   */
  get<A>(key: string, compute: (key: string, arg: A) => V, owner?: object, arg?: A): V {
    if (key.length > MAX_KEY) return compute(key, arg as A);
    if (owner) {
      const last = this.byOwner.get(owner);
      if (last && last.key === key) return last.value;
    }
    return this.lookup(key, compute, owner, arg);
  }

  /**
   * `get(text.slice(from, to), compute, owner, arg)`, but an owner whose last key is that text again (most nodes, most
   * keystrokes) is answered by comparing in place, without slicing the key out of the document. `arg` is passed on to
   * `compute`, so that a caller reading thousands of nodes need not make a closure per node.
   */
  getAt<A>(text: string, from: number, to: number, compute: (key: string, arg: A) => V, owner?: object, arg?: A): V {
    if (owner && to - from <= MAX_KEY) {
      const last = this.byOwner.get(owner);
      // A slice compared with === is compared natively, several times faster than `startsWith(key, from)` in V8.
      if (last && last.key.length === to - from && text.slice(from, to) === last.key) return last.value;
      return this.lookup(text.slice(from, to), compute, owner, arg);
    }
    return this.get(text.slice(from, to), compute, owner, arg);
  }

  /**
   * Like getAt, for a value that follows from the node rather than from its text alone (a block's words are counted
   * from its parse, and the same text can parse differently in another context: "2) …" after a table is a paragraph,
   * elsewhere a list). Kept only for the node it was computed for, never looked up by text for another node.
   */
  getOwn<N extends object>(text: string, from: number, to: number, compute: (owner: N) => V, owner: N): V {
    if (to - from > MAX_KEY) return compute(owner);
    const last = this.byOwner.get(owner);
    if (last && last.key.length === to - from && text.slice(from, to) === last.key) return last.value;
    const key = text.slice(from, to);
    const value = compute(owner);
    // Its key a copy of its own, as in lookup: a slice would keep this version of the document alive.
    this.byOwner.set(owner, { key: key.length >= 13 ? (' ' + key).slice(1) : key, value });
    return value;
  }

  private lookup<A>(key: string, compute: (key: string, arg: A) => V, owner: object | undefined, arg: A | undefined): V {
    let entry = this.map.get(key);
    if (!entry) {
      // A key sliced from the document keeps that whole version of the text alive, and so would any string in the
      // value sliced from it: keep and compute from a copy of its own. (Slicing a concatenation copies it, flat.)
      const own = key.length >= 13 ? (' ' + key).slice(1) : key;
      entry = { key: own, value: compute(own, arg as A) };
      if (this.map.size >= this.capacity) {
        let drop = this.map.size >> 1;
        for (const k of this.map.keys()) {
          if (drop-- <= 0) break;
          this.map.delete(k);
        }
      }
      this.map.set(own, entry);
    }
    if (owner) this.byOwner.set(owner, entry);
    return entry.value;
  }
}

/**
 * Memos by a small variant (a node type, an offset pair), so that keys stay the plain text slices: building
 * "variant + text" keys would copy every text on every lookup.
 */
export class Memos<V> {
  private readonly memos = new Map<string | number, Memo<V>>();

  of(variant: string | number): Memo<V> {
    let memo = this.memos.get(variant);
    if (!memo) {
      if (this.memos.size >= 256) this.memos.clear();
      memo = new Memo<V>();
      this.memos.set(variant, memo);
    }
    return memo;
  }
}

/** A paragraph line read as a heading that names a section (model/sections.ts). */
export interface PseudoHit {
  found: { label: string; rest: string; restAt: number; kind: Section['kind'] };
  id: string;
}

export interface ModelCache {
  /** Options the entries were computed with (time options): a change empties the tables. */
  key: string;
  /** Line text → its leading timestamp, offsets relative to the line. Never mutated by readers. */
  leading: Memo<ParsedTimestamp | null>;
  /**
   * By the node a leading timestamp was read from: that timestamp moved to where the line was, so that a line the
   * edit did not move (everything before it) gives the same object again instead of a new copy per keystroke.
   */
  placed: WeakMap<object, { relative: ParsedTimestamp; at: number; moved: ParsedTimestamp; lint: number }>;
  /** By an entry's timestamp: that timestamp dated by the date line above it (model/timeline.ts withDate). */
  dated: WeakMap<ParsedTimestamp, ParsedTimestamp>;
  /** Counts the lints that used the cache (cacheFor): what a lint placed is not moved again within that lint. */
  lints: number;
  /** By where the timestamp sits in the entry: entry text → how its phase reads (never mutated by readers). */
  phases: Memos<PhaseReading>;
  /** By node (a top-level block, or an item of a top-level list): its word count, while its source is the same (getOwn). */
  words: Memo<number>;
  /** Per heading matcher (profile), by first line of its paragraph or not (1, 0): a paragraph line → its reading as a pseudo-heading. */
  sectionLines: WeakMap<object, Memos<PseudoHit | null>>;
  /** Tables for rules' own per-block work, by a name that includes the rule's options. */
  rules: Map<string, Memo<unknown>>;
  /** By the node an entry was read from: last lint's entry, and its phases before the model's own corrections. */
  entries: WeakMap<object, { entry: TimelineEntry; phases: Phase[]; phase: Phase | null | undefined }>;
  /** The timeline's stamps as last resolved (time/resolveMemo.ts). */
  resolve: ResolveMemo<ResolvedStamp>;
}

export function createModelCache(): ModelCache {
  return {
    key: '',
    leading: new Memo(),
    placed: new WeakMap(),
    dated: new WeakMap(),
    lints: 0,
    phases: new Memos(),
    words: new Memo(),
    sectionLines: new WeakMap(),
    rules: new Map(),
    entries: new WeakMap(),
    resolve: createResolveMemo(),
  };
}

/** The rule table called `name` (a rule id and its options): at most a few are kept. */
export function ruleMemo<V>(cache: ModelCache, name: string): Memo<V> {
  let memo = cache.rules.get(name);
  if (!memo) {
    if (cache.rules.size >= 32) cache.rules.clear();
    memo = new Memo<unknown>();
    cache.rules.set(name, memo);
  }
  return memo as Memo<V>;
}

/**
 * `shiftTimestamp(ts, at)`, the same object again for the same node and timestamp. When the node moved (an edit
 * before it), last lint's object is moved in place rather than copied: on a long document every entry after the
 * edit moves on every keystroke, and copies of them all would be most of what the lint keeps. The previous lint's
 * model, which held that object, is stale by then (an incremental linter's result is valid until its next lint).
 */
export function placeOnce(cache: ModelCache, owner: object, ts: ParsedTimestamp, at: number): ParsedTimestamp {
  const last = cache.placed.get(owner);
  if (last && last.relative === ts) {
    if (last.at === at) return last.moved;
    // Placed elsewhere in this same lint already (one node read twice): a copy, so the first stays where it is.
    if (last.lint !== cache.lints) {
      moveTimestamp(last.moved, at - last.at);
      last.at = at;
      last.lint = cache.lints;
      return last.moved;
    }
  }
  const moved = shiftTimestamp(ts, at);
  cache.placed.set(owner, { relative: ts, at, moved, lint: cache.lints });
  return moved;
}

/**
 * The entry read as `probe` says (a scratch object, filled afresh per entry): last lint's entry for `owner` when it
 * read the same (moved to the probe's place, in place), else a new one. On a long document nearly every entry is the
 * same on every keystroke: keeping the same objects keeps the lint's new data small, and the young-generation
 * collections that copy it short. Without a cache (a one-off lint), always a new one.
 */
export function keptEntry(cache: ModelCache | undefined, owner: object | undefined, probe: TimelineEntry): TimelineEntry {
  const kept = cache && owner ? cache.entries.get(owner) : undefined;
  const last = kept?.entry;
  if (
    kept &&
    last &&
    kept.phases === probe.phases &&
    kept.phase === probe.phase &&
    last.timestamp === probe.timestamp &&
    last.instant === probe.instant &&
    last.kind === probe.kind &&
    last.zone === probe.zone &&
    last.inheritedZone === probe.inheritedZone &&
    last.offsetMinutes === probe.offsetMinutes &&
    last.dateKnown === probe.dateKnown &&
    last.dateSource === probe.dateSource &&
    last.unresolved === probe.unresolved &&
    last.phaseReading === probe.phaseReading &&
    last.text === probe.text
  ) {
    last.line = probe.line;
    last.start = probe.start;
    last.end = probe.end;
    last.phases = probe.phases;
    last.phase = probe.phase;
    return last;
  }
  const entry: TimelineEntry = {
    kind: probe.kind,
    line: probe.line,
    start: probe.start,
    end: probe.end,
    // Kept across lints, its text is a copy of its own: a slice would keep this version of the whole document alive.
    text: cache && probe.text.length >= 13 ? (' ' + probe.text).slice(1) : probe.text,
    timestamp: probe.timestamp,
    instant: probe.instant,
    zone: probe.zone,
    inheritedZone: probe.inheritedZone,
    offsetMinutes: probe.offsetMinutes,
    dateKnown: probe.dateKnown,
    phases: probe.phases,
    phase: probe.phase ?? null,
  };
  if (probe.phaseReading) entry.phaseReading = probe.phaseReading;
  if (probe.dateSource) entry.dateSource = probe.dateSource;
  if (probe.unresolved !== undefined) entry.unresolved = probe.unresolved;
  if (cache && owner) cache.entries.set(owner, { entry, phases: entry.phases, phase: entry.phase });
  return entry;
}

/** Moves a timestamp placed by shiftTimestamp `by` characters, in place: the parts it copied (its relativeDay it shares, unmoved). */
function moveTimestamp(ts: ParsedTimestamp, by: number): void {
  ts.start += by;
  ts.end += by;
  if (ts.date) {
    ts.date.start += by;
    ts.date.end += by;
  }
  if (ts.time) {
    ts.time.start += by;
    ts.time.end += by;
  }
  if (ts.zone) {
    ts.zone.start += by;
    ts.zone.end += by;
  }
}

/** `ts` dated `date` (a date line's), the same object as last lint's while that date is the same. */
export function datedOnce(cache: ModelCache, ts: ParsedTimestamp, date: NonNullable<ParsedTimestamp['date']>): ParsedTimestamp {
  const kept = cache.dated.get(ts);
  const d = kept?.date;
  if (kept && d && d.year === date.year && d.month === date.month && d.day === date.day) {
    // Where the timestamp now is (placeOnce moves it in place); its date stays the date line's.
    kept.start = ts.start;
    kept.end = ts.end;
    return kept;
  }
  const dated = { ...ts, date: { ...date } };
  cache.dated.set(ts, dated);
  return dated;
}

/** The cache for these options, emptied if they changed since it was filled. */
export function cacheFor(cache: ModelCache, optionsKey: string): ModelCache {
  cache.lints++;
  if (cache.key !== optionsKey) {
    cache.key = optionsKey;
    cache.leading = new Memo();
    cache.placed = new WeakMap();
    cache.dated = new WeakMap();
    cache.phases = new Memos();
    cache.words = new Memo();
    cache.sectionLines = new WeakMap();
    cache.rules = new Map();
    cache.entries = new WeakMap();
    cache.resolve = createResolveMemo();
  }
  return cache;
}
