/**
 * Versions of the incident index, so that `postmortem/index` can answer a client with only what changed since the
 * answer it holds (`since` → `delta`): each listed row remembers the version it last changed at (a row read again
 * that says the same keeps its version), each URI no longer listed the version it went at. Memory: a small record
 * per row, and the URIs removed since (forgotten past MAX_REMOVED: an older `since` gets a whole answer).
 */
import { sameEntry, type IndexEntry } from './indexFiles';

const MAX_REMOVED = 20_000;

interface Listed {
  entry: IndexEntry;
  changedAt: number;
  /** The last update that listed it. */
  seen: number;
}

export class IndexVersions {
  /** Starts at the clock, so that a version a client kept from an earlier server is older than this one's floor. */
  private version = Date.now();
  /** The oldest `since` a delta can be made from. */
  private floor = this.version;
  private updates = 0;
  private readonly listed = new Map<string, Listed>();
  private readonly removedAt = new Map<string, number>();

  get current(): number {
    return this.version;
  }

  /** The rows listed now: the version goes up when any was added, changed or is gone. */
  update(entries: readonly IndexEntry[]): number {
    const next = this.version + 1;
    const stamp = ++this.updates;
    let changed = false;
    for (const entry of entries) {
      const before = this.listed.get(entry.uri);
      if (!before) {
        this.listed.set(entry.uri, { entry, changedAt: next, seen: stamp });
        this.removedAt.delete(entry.uri);
        changed = true;
        continue;
      }
      before.seen = stamp;
      if (before.entry === entry) continue;
      if (!sameEntry(before.entry, entry)) {
        before.changedAt = next;
        changed = true;
      }
      before.entry = entry;
    }
    for (const [uri, l] of this.listed) {
      if (l.seen === stamp) continue;
      this.listed.delete(uri);
      this.removedAt.set(uri, next);
      changed = true;
    }
    if (!changed) return this.version;
    this.version = next;
    if (this.removedAt.size > MAX_REMOVED) {
      this.removedAt.clear();
      this.floor = this.version;
    }
    return this.version;
  }

  /** What changed since `since`, or null when that cannot be told (a version not given, or too old). */
  delta(since: unknown): { rows: IndexEntry[]; removed: string[] } | null {
    if (typeof since !== 'number' || !Number.isInteger(since) || since < this.floor || since > this.version) return null;
    const rows: IndexEntry[] = [];
    for (const l of this.listed.values()) if (l.changedAt > since) rows.push(l.entry);
    const removed: string[] = [];
    for (const [uri, at] of this.removedAt) if (at > since) removed.push(uri);
    return { rows, removed };
  }
}
