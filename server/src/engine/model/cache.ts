/**
 * Memo tables for the model's pure per-line work, kept by an incremental linter between edits of one document:
 * an edit changes a line or two, so nearly every timestamp, phase list and block word count is read again
 * unchanged. Only `createLinter` passes one; `lint()` computes everything afresh.
 */
import type { Phase } from '../types';
import type { ParsedTimestamp } from '../time/types';
import type { PseudoHit } from './sections';

/** Longer texts are computed every time: keeping them would hold large strings for little gain. */
export const MAX_KEY = 1024;

/** A map that forgets its oldest half when full. */
export class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity = 8_000) {}

  /** The value for `key`, computed once; keys longer than MAX_KEY are not kept (a whole list is one block). */
  get(key: string, compute: () => V): V {
    if (key.length > MAX_KEY) return compute();
    const hit = this.map.get(key);
    if (hit !== undefined || this.map.has(key)) return hit as V;
    const value = compute();
    if (this.map.size >= this.capacity) {
      let drop = this.map.size >> 1;
      for (const k of this.map.keys()) {
        if (drop-- <= 0) break;
        this.map.delete(k);
      }
    }
    this.map.set(key, value);
    return value;
  }
}

export interface ModelCache {
  /** Options the entries were computed with (time options): a change empties the tables. */
  key: string;
  /** Line text → its leading timestamp, offsets relative to the line. Never mutated by readers. */
  leading: Memo<ParsedTimestamp | null>;
  /** Entry text → its phases (copied by readers before any change). */
  phases: Memo<Phase[]>;
  /** Top-level block source → its word count. */
  words: Memo<number>;
  /** Per heading matcher (profile): a paragraph line → its reading as a pseudo-heading. */
  sectionLines: WeakMap<object, Memo<PseudoHit | null>>;
  /** Tables for rules' own per-block work, by a name that includes the rule's options. */
  rules: Map<string, Memo<unknown>>;
}

export function createModelCache(): ModelCache {
  return { key: '', leading: new Memo(), phases: new Memo(), words: new Memo(), sectionLines: new WeakMap(), rules: new Map() };
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

/** The cache for these options, emptied if they changed since it was filled. */
export function cacheFor(cache: ModelCache, optionsKey: string): ModelCache {
  if (cache.key !== optionsKey) {
    cache.key = optionsKey;
    cache.leading = new Memo();
    cache.phases = new Memo();
    cache.words = new Memo();
    cache.sectionLines = new WeakMap();
    cache.rules = new Map();
  }
  return cache;
}
