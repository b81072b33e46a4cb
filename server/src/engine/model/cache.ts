/**
 * Memo tables for the model's pure per-line work, kept by an incremental linter between edits of one document:
 * an edit changes a line or two, so nearly every timestamp, phase list and block word count is read again
 * unchanged. Only `createLinter` passes one; `lint()` computes everything afresh.
 */
import type { PhaseReading, Section } from '../types';
import type { ParsedTimestamp } from '../time/types';
import { shiftTimestamp } from '../time';

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
  get(key: string, compute: (key: string) => V, owner?: object): V {
    if (key.length > MAX_KEY) return compute(key);
    if (owner) {
      const last = this.byOwner.get(owner);
      if (last && last.key === key) return last.value;
    }
    return this.lookup(key, compute, owner);
  }

  /**
   * `get(text.slice(from, to), compute, owner)`, but an owner whose last key is that text again (most nodes, most
   * keystrokes) is answered by comparing in place, without slicing the key out of the document.
   */
  getAt(text: string, from: number, to: number, compute: (key: string) => V, owner?: object): V {
    if (owner && to - from <= MAX_KEY) {
      const last = this.byOwner.get(owner);
      // A slice compared with === is compared natively, several times faster than `startsWith(key, from)` in V8.
      if (last && last.key.length === to - from && text.slice(from, to) === last.key) return last.value;
      return this.lookup(text.slice(from, to), compute, owner);
    }
    return this.get(text.slice(from, to), compute, owner);
  }

  private lookup(key: string, compute: (key: string) => V, owner?: object): V {
    let entry = this.map.get(key);
    if (!entry) {
      // A key sliced from the document keeps that whole version of the text alive, and so would any string in the
      // value sliced from it: keep and compute from a copy of its own. (Slicing a concatenation copies it, flat.)
      const own = key.length >= 13 ? (' ' + key).slice(1) : key;
      entry = { key: own, value: compute(own) };
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
  placed: WeakMap<object, { relative: ParsedTimestamp; at: number; moved: ParsedTimestamp }>;
  /** By where the timestamp sits in the entry: entry text → how its phase reads (never mutated by readers). */
  phases: Memos<PhaseReading>;
  /** By node type: top-level block source → its word count. */
  words: Memos<number>;
  /** Per heading matcher (profile), by first line of its paragraph or not (1, 0): a paragraph line → its reading as a pseudo-heading. */
  sectionLines: WeakMap<object, Memos<PseudoHit | null>>;
  /** Tables for rules' own per-block work, by a name that includes the rule's options. */
  rules: Map<string, Memo<unknown>>;
}

export function createModelCache(): ModelCache {
  return {
    key: '',
    leading: new Memo(),
    placed: new WeakMap(),
    phases: new Memos(),
    words: new Memos(),
    sectionLines: new WeakMap(),
    rules: new Map(),
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

/** `shiftTimestamp(ts, at)`, the same object again for the same node, timestamp and place as last time. */
export function placeOnce(cache: ModelCache, owner: object, ts: ParsedTimestamp, at: number): ParsedTimestamp {
  const last = cache.placed.get(owner);
  if (last && last.relative === ts && last.at === at) return last.moved;
  const moved = shiftTimestamp(ts, at);
  cache.placed.set(owner, { relative: ts, at, moved });
  return moved;
}

/** The cache for these options, emptied if they changed since it was filled. */
export function cacheFor(cache: ModelCache, optionsKey: string): ModelCache {
  if (cache.key !== optionsKey) {
    cache.key = optionsKey;
    cache.leading = new Memo();
    cache.placed = new WeakMap();
    cache.phases = new Memos();
    cache.words = new Memos();
    cache.sectionLines = new WeakMap();
    cache.rules = new Map();
  }
  return cache;
}
