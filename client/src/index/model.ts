/**
 * What the Postmortems view shows, kept between answers: the rows by URI and the nodes of the tree (groups and rows,
 * the same objects from one answer to the next, as a TreeDataProvider's elements must be). A whole answer of
 * `postmortem/index` rebuilds it; a delta (the rows changed since the version held, the URIs gone) changes only the
 * rows it names and says which nodes to refresh: a row whose place did not change, the groups whose rows did, or
 * the whole tree when a group came or went. No vscode import: bench/ measures it as it is.
 */
import type { IndexResult, IndexRowInfo } from '../preview/protocol';
import { periodLabel } from './format';

export type IndexGrouping = 'month' | 'quarter' | 'status' | 'none';

export interface RowNode {
  kind: 'row';
  row: IndexRowInfo;
}
export interface GroupNode {
  kind: 'group';
  key: string;
  label: string;
  rows: RowNode[];
}
export type IndexNode = GroupNode | RowNode;

/** What to refresh after an answer: everything (undefined), or these nodes. */
export type Refresh = { all: true } | { all: false; nodes: IndexNode[] };

const STATUS_ORDER = ['With errors', 'Incomplete', 'With warnings', 'Complete'];
const collator = new Intl.Collator();

/** Newest first; undated last, by file. */
export function compareRows(a: IndexRowInfo, b: IndexRowInfo): number {
  if (a.start !== null && b.start !== null && a.start !== b.start) return b.start - a.start;
  if ((a.start === null) !== (b.start === null)) return a.start === null ? 1 : -1;
  return collator.compare(a.file, b.file);
}

function statusOf(r: IndexRowInfo): string {
  return r.errors ? 'With errors' : r.missing.length ? 'Incomplete' : r.warnings ? 'With warnings' : 'Complete';
}

/** The first index at which `node` may go in `list` (sorted by compareRows). */
function placeOf(list: RowNode[], row: IndexRowInfo): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRows((list[mid] as RowNode).row, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class IndexModel {
  private readonly byUri = new Map<string, RowNode>();
  private readonly groupOf = new Map<RowNode, GroupNode>();
  private groups = new Map<string, GroupNode>();
  /** The root's children in order. */
  private roots: IndexNode[] = [];
  /** The version of the answer last applied (ask with it as `since`). */
  version: number | undefined;

  constructor(private grouping: IndexGrouping = 'month') {}

  get size(): number {
    return this.byUri.size;
  }

  get groupedBy(): IndexGrouping {
    return this.grouping;
  }

  /** Every row, newest first. */
  rows(): IndexRowInfo[] {
    return [...this.byUri.values()].map((n) => n.row).sort(compareRows);
  }

  children(node?: IndexNode): IndexNode[] {
    if (!node) return this.roots;
    return node.kind === 'group' ? node.rows : [];
  }

  /** Group anew (the nodes of the rows stay the same objects). */
  regroup(by: IndexGrouping): void {
    this.grouping = by;
    this.rebuild([...this.byUri.values()]);
  }

  /**
   * An answer applied: a whole one replaces all; a delta changes what it names. A delta from a version no later than
   * the one held applies as well (it names more than changed since, and each row as it is now). Null: a delta this
   * model cannot apply (it holds nothing, or something older): ask again without `since`.
   */
  apply(result: IndexResult): Refresh | null {
    const delta = result.delta;
    if (delta && (this.version === undefined || delta.since > this.version)) {
      this.version = undefined;
      return null;
    }
    if (!delta) {
      this.byUri.clear();
      for (const row of result.rows) this.byUri.set(row.uri, { kind: 'row', row });
      this.version = result.version;
      this.rebuild([...this.byUri.values()]);
      return { all: true };
    }
    this.version = result.version;
    let all = false;
    const touched = new Set<IndexNode>();
    const take = (node: RowNode): void => {
      const group = this.groupOf.get(node);
      if (!group) return;
      group.rows.splice(group.rows.indexOf(node), 1);
      this.groupOf.delete(node);
      if (group.rows.length === 0) {
        this.groups.delete(group.key);
        all = true;
      } else touched.add(group);
    };
    const put = (node: RowNode): void => {
      const key = this.keyOf(node.row);
      let group = this.groups.get(key);
      if (!group) {
        group = {
          kind: 'group',
          key,
          label: this.grouping === 'month' || this.grouping === 'quarter' ? periodLabel(key || null) : key,
          rows: [],
        };
        this.groups.set(key, group);
        all = true;
      }
      group.rows.splice(placeOf(group.rows, node.row), 0, node);
      this.groupOf.set(node, group);
      touched.add(group);
    };
    for (const uri of delta.removed) {
      const node = this.byUri.get(uri);
      if (!node) continue;
      this.byUri.delete(uri);
      take(node);
    }
    for (const row of result.rows) {
      const node = this.byUri.get(row.uri);
      if (!node) {
        const added: RowNode = { kind: 'row', row };
        this.byUri.set(row.uri, added);
        put(added);
        continue;
      }
      const group = this.groupOf.get(node);
      const list = group?.rows ?? [];
      const at = list.indexOf(node);
      const before = list[at - 1];
      const after = list[at + 1];
      const stays =
        group !== undefined &&
        this.keyOf(row) === group.key &&
        (!before || compareRows(before.row, row) <= 0) &&
        (!after || compareRows(row, after.row) <= 0);
      node.row = row;
      if (stays) {
        touched.add(node);
      } else {
        take(node);
        put(node);
      }
    }
    if (this.grouping === 'none') all = all || [...touched].some((n) => n.kind === 'group');
    if (all) {
      this.orderRoots();
      return { all: true };
    }
    // A row refreshed inside a group refreshed anyway need not be named.
    const nodes = [...touched].filter((n) => n.kind === 'group' || !touched.has(this.groupOf.get(n) as GroupNode));
    return { all: false, nodes };
  }

  private keyOf(r: IndexRowInfo): string {
    switch (this.grouping) {
      case 'status':
        return statusOf(r);
      case 'month':
        return r.month ?? '';
      case 'quarter':
        return r.quarter ?? '';
      default:
        return '';
    }
  }

  private rebuild(nodes: RowNode[]): void {
    nodes.sort((a, b) => compareRows(a.row, b.row));
    this.groups = new Map();
    this.groupOf.clear();
    const months = this.grouping === 'month' || this.grouping === 'quarter';
    for (const node of nodes) {
      const key = this.keyOf(node.row);
      let group = this.groups.get(key);
      if (!group) {
        group = { kind: 'group', key, label: months ? periodLabel(key || null) : key, rows: [] };
        this.groups.set(key, group);
      }
      group.rows.push(node);
      this.groupOf.set(node, group);
    }
    this.orderRoots();
  }

  /** Months and quarters in the order of their newest rows (undated last); statuses in their fixed order. */
  private orderRoots(): void {
    const groups = [...this.groups.values()];
    if (this.grouping === 'none') {
      this.roots = groups[0]?.rows ?? [];
      return;
    }
    if (this.grouping === 'status') groups.sort((a, b) => STATUS_ORDER.indexOf(a.key) - STATUS_ORDER.indexOf(b.key));
    else groups.sort((a, b) => compareRows((a.rows[0] as RowNode).row, (b.rows[0] as RowNode).row));
    this.roots = groups;
  }
}
