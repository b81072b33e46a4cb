/**
 * Incremental Markdown parsing: keeps the previous text and mdast tree and, on an edit, re-parses only a
 * window of whole blocks around it (top-level blocks, or the items of a top-level list), splicing the
 * result into the previous tree and shifting the positions of everything after it.
 *
 * Correctness first. The window always includes one unchanged neighbour on each side, parsed again; it is
 * accepted only when both neighbours come back exactly as they were (type, values, positions, children).
 * CommonMark blocks never look ahead past the next line except for link reference definitions (global) and
 * front matter (document start), so when the block before the edit and the block after it parse as before,
 * nothing outside the window can have changed. Everything else — definitions anywhere, the first block, a
 * neighbour that changed, a list turning loose — falls back to a full parse.
 */
import type { List, Nodes, Root, RootContent, Table, TableRow } from 'mdast';
import { diffTexts, type TextChange } from './util/textDiff';

export { diffTexts, type TextChange } from './util/textDiff';

export interface IncrementalStats {
  full: number;
  blocks: number;
  items: number;
  rows: number;
  /** Why the last update parsed in full, or how it went incremental. */
  last: string;
}

type Parse = (text: string) => Root;

interface Point {
  line: number;
  column: number;
  offset?: number;
}

function startOffset(node: Nodes): number {
  return node.position?.start.offset ?? -1;
}

function endOffset(node: Nodes): number {
  return node.position?.end.offset ?? -1;
}

/** Moves every position in the subtree by `offset` characters and `lines` lines (columns stay). */
function shiftTree(node: Nodes, offset: number, lines: number): void {
  const p = node.position;
  if (p) {
    if (p.start.offset !== undefined) p.start.offset += offset;
    if (p.end.offset !== undefined) p.end.offset += offset;
    p.start.line += lines;
    p.end.line += lines;
  }
  if ('children' in node) for (const child of node.children) shiftTree(child, offset, lines);
}

function samePoint(a: Point | undefined, b: Point | undefined, offset: number, lines: number): boolean {
  if (!a || !b) return a === b;
  return (
    a.line + lines === b.line && a.column === b.column && (a.offset === undefined ? b.offset === undefined : a.offset + offset === b.offset)
  );
}

/**
 * Whether `b` is `a` moved by (offset, lines): same type, same fields, same children, positions shifted.
 * `data` is ignored (the parser leaves none that matters for the model or the rules).
 */
export function sameNode(a: unknown, b: unknown, offset = 0, lines = 0): boolean {
  if (a === b) return offset === 0 && lines === 0 ? true : typeof a !== 'object' || a === null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameNode(a[i], b[i], offset, lines)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x).filter((k) => k !== 'data' && x[k] !== undefined);
  const keysB = Object.keys(y).filter((k) => k !== 'data' && y[k] !== undefined);
  if (keys.length !== keysB.length) return false;
  for (const k of keys) {
    if (!(k in y)) return false;
    if (k === 'position') {
      const pa = x[k] as { start: Point; end: Point } | undefined;
      const pb = y[k] as { start: Point; end: Point } | undefined;
      if (!pa || !pb) {
        if (pa !== pb) return false;
        continue;
      }
      if (!samePoint(pa.start, pb.start, offset, lines) || !samePoint(pa.end, pb.end, offset, lines)) return false;
      continue;
    }
    const va = x[k];
    const vb = y[k];
    if (typeof va === 'object' && va !== null) {
      if (!sameNode(va, vb, offset, lines)) return false;
    } else if (va !== vb) return false;
  }
  return true;
}

/** Index of the last child ending strictly before `offset`, or -1. */
function lastBefore(children: readonly Nodes[], offset: number): number {
  let lo = 0;
  let hi = children.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (endOffset(children[mid] as Nodes) < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the first child starting strictly after `offset`, or children.length. */
function firstAfter(children: readonly Nodes[], offset: number): number {
  let lo = 0;
  let hi = children.length - 1;
  let found = children.length;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOffset(children[mid] as Nodes) > offset) {
      found = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return found;
}

/** Link reference and footnote definitions are document-wide: any sign of one and the window cannot be trusted. */
function mayDefine(text: string): boolean {
  return text.includes(']:');
}

/**
 * Puts the re-parsed `fresh` nodes in place of `siblings[ia..ib]` inside `container` (the `index`-th top-level block),
 * then moves what follows, in the container and after it, by the edit's `delta` characters and `lines` lines.
 */
function spliceInto<T extends Nodes>(
  children: Root['children'],
  index: number,
  container: Nodes,
  siblings: T[],
  ia: number,
  ib: number,
  fresh: T[],
  delta: number,
  lines: number,
): void {
  for (let i = ib + 1; i < siblings.length; i++) shiftTree(siblings[i] as T, delta, lines);
  siblings.splice(ia, ib - ia + 1, ...fresh);
  if (container.position) {
    container.position.end.line += lines;
    if (container.position.end.offset !== undefined) container.position.end.offset += delta;
  }
  for (let i = index + 1; i < children.length; i++) shiftTree(children[i] as Nodes, delta, lines);
}

export class IncrementalParser {
  private text: string | null = null;
  private tree: Root | null = null;
  readonly stats: IncrementalStats = { full: 0, blocks: 0, items: 0, rows: 0, last: '' };

  constructor(private readonly parse: Parse) {}

  /** Forget the previous text (the next update parses in full). */
  reset(): void {
    this.text = null;
    this.tree = null;
  }

  /**
   * The tree of `text`. With a previous text, re-parses only around the change (computed by common prefix
   * and suffix when not given). The returned tree is owned by the parser: the next update mutates it.
   */
  update(text: string, change?: TextChange): Root {
    const before = this.text;
    const tree = this.tree;
    if (before === null || tree === null) return this.full(text, 'first parse');
    if (before === text) {
      this.stats.last = 'unchanged';
      return tree;
    }
    const c = change ?? diffTexts(before, text);
    if (c.start < 0 || c.end < c.start || c.end > before.length || before.length - (c.end - c.start) + c.length !== text.length) {
      return this.full(text, 'change out of range');
    }
    if (mayDefine(text) || mayDefine(before)) return this.full(text, 'definitions');
    // A document opening with "---" that is not front matter parses differently throughout (a micromark quirk), after a
    // byte order mark too (the parser skips it).
    if (tree.children[0]?.type !== 'yaml' && (/^\ufeff?[-+]{3}/.test(text) || /^\ufeff?[-+]{3}/.test(before)))
      return this.full(text, 'unclosed front matter');
    let parsed: Root | null;
    try {
      parsed = this.items(tree, text, c) ?? this.rows(tree, text, c) ?? this.blocks(tree, text, c);
    } catch {
      parsed = null;
    }
    if (!parsed) return this.full(text, this.stats.last || 'no window');
    this.text = text;
    this.tree = parsed;
    return parsed;
  }

  private full(text: string, reason: string): Root {
    this.stats.full++;
    this.stats.last = `full: ${reason}`;
    const tree = this.parse(text);
    this.text = text;
    this.tree = tree;
    return tree;
  }

  /** Parses text[from, to) as a document, positions moved to where it sits (it starts at a line start). */
  private parseWindow(text: string, from: number, to: number, line: number): Root {
    const root = this.parse(text.slice(from, to));
    for (const child of root.children) shiftTree(child, from, line - 1);
    return root;
  }

  /** Re-parses whole top-level blocks around the change. */
  private blocks(tree: Root, text: string, c: TextChange): Root | null {
    const children = tree.children;
    const delta = c.length - (c.end - c.start);
    const ia = lastBefore(children, c.start);
    if (ia < 0) return this.reject('edit in the first block');
    const a = children[ia] as RootContent;
    if (a.position?.start.column !== 1) return this.reject('window start not at column 1');
    // The first block after the edit that starts on a later line, at column 1.
    const ib = firstAfter(children, c.end);
    const b = children[ib];
    if (b && b.position?.start.column !== 1) return this.reject('window end not at column 1');
    const from = startOffset(a);
    // A window opening with "---" would be read as (unclosed) front matter.
    if (/^[-+]{3}/.test(text.slice(from, from + 3))) return this.reject('window starts with ---');
    const to = b ? endOffset(b) + delta : text.length;
    if (ib - ia > 64 && to - from > 64 * 1024) return this.reject('window too large');
    const window = this.parseWindow(text, from, to, a.position.start.line);
    const w = window.children;
    const first = w[0];
    if (!first || !sameNode(a, first)) return this.reject('block before the edit changed');
    let lines = 0;
    if (b) {
      const last = w[w.length - 1];
      if (!last || w.length < 2 || !b.position) return this.reject('block after the edit changed');
      lines = (last.position?.start.line ?? 0) - b.position.start.line;
      if (!sameNode(b, last, delta, lines)) return this.reject('block after the edit changed');
    }
    for (let i = ib + 1; i < children.length; i++) shiftTree(children[i] as Nodes, delta, lines);
    children.splice(ia, (b ? ib : children.length - 1) - ia + 1, ...w);
    this.fixRootEnd(tree, window, from, a.position.start.line, b ? lines : null, delta);
    this.stats.blocks++;
    this.stats.last = `blocks: ${w.length} re-parsed`;
    return tree;
  }

  /** Re-parses whole items of a top-level list around the change. */
  private items(tree: Root, text: string, c: TextChange): Root | null {
    const children = tree.children;
    const index = lastBefore(children, c.start) + 1;
    const list = children[index];
    if (!list || list.type !== 'list' || startOffset(list) >= c.start || endOffset(list) <= c.end) return null;
    if (list.position?.start.column !== 1) return null;
    const items = list.children;
    const delta = c.length - (c.end - c.start);
    const ia = lastBefore(items, c.start);
    const ib = firstAfter(items, c.end);
    const a = items[ia];
    const b = items[ib];
    if (!a || !b || ib - ia > 64) return null;
    if (a.position?.start.column !== 1 || b.position?.start.column !== 1) return null;
    const from = startOffset(a);
    if (/^[-+]{3}/.test(text.slice(from, from + 3))) return null;
    const to = endOffset(b) + delta;
    const window = this.parseWindow(text, from, to, a.position.start.line);
    const only = window.children[0];
    if (window.children.length !== 1 || !only || only.type !== 'list') return null;
    const w = (only as List).children;
    const first = w[0];
    const last = w[w.length - 1];
    if (!first || !last || w.length < 2 || !b.position) return null;
    if (only.ordered !== list.ordered || only.spread !== list.spread) return null;
    if (!sameNode(a, first)) return null;
    const lines = (last.position?.start.line ?? 0) - b.position.start.line;
    if (!sameNode(b, last, delta, lines)) return null;
    spliceInto(children, index, list, items, ia, ib, w, delta, lines);
    this.fixRootEnd(tree, window, from, a.position.start.line, lines, delta);
    this.stats.items++;
    this.stats.last = `items: ${w.length} re-parsed`;
    return tree;
  }

  /**
   * Re-parses whole body rows of a top-level table around the change, under the table's own header and delimiter
   * lines (a row is one line, read against the header alone), and splices them in. The window is those two lines
   * followed by the rows, so its header must come back as it was and its first and last rows as the neighbours.
   */
  private rows(tree: Root, text: string, c: TextChange): Root | null {
    const children = tree.children;
    const index = lastBefore(children, c.start) + 1;
    const table = children[index];
    if (!table || table.type !== 'table' || startOffset(table) >= c.start || endOffset(table) <= c.end) return null;
    if (table.position?.start.column !== 1) return null;
    const rows = (table as Table).children;
    const delta = c.length - (c.end - c.start);
    const ia = lastBefore(rows, c.start);
    const ib = firstAfter(rows, c.end);
    const head = rows[0];
    const a = rows[ia];
    const b = rows[ib];
    const body = rows[1];
    // Row a is a body row: an edit in the header, the delimiter line or the first row re-reads the whole table.
    if (ia < 1 || !head || !a || !b || !body || ib - ia > 64) return null;
    if (a.position?.start.column !== 1 || b.position?.start.column !== 1 || body.position?.start.column !== 1) return null;
    const tableStart = startOffset(table);
    const prefix = text.slice(tableStart, startOffset(body));
    // The header line and the delimiter line, nothing else.
    if (!prefix.endsWith('\n') || prefix.split('\n').length !== 3) return null;
    const from = startOffset(a);
    const to = endOffset(b) + delta;
    const root = this.parse(prefix + text.slice(from, to));
    const only = root.children[0];
    if (root.children.length !== 1 || !only || only.type !== 'table') return null;
    const w = (only as Table).children;
    if (w.length < 3 || JSON.stringify(only.align) !== JSON.stringify((table as Table).align)) return null;
    const tableLine = table.position.start.line;
    if (!sameNode(head, w[0], -tableStart, 1 - tableLine)) return null;
    const moved = w.slice(1);
    for (const row of moved) shiftTree(row, from - prefix.length, a.position.start.line - 3);
    const first = moved[0] as TableRow;
    const last = moved[moved.length - 1] as TableRow;
    if (!b.position || !sameNode(a, first)) return null;
    const lines = (last.position?.start.line ?? 0) - b.position.start.line;
    if (!sameNode(b, last, delta, lines)) return null;
    spliceInto(children, index, table, rows, ia, ib, moved, delta, lines);
    this.fixRootEnd(tree, root, from, a.position.start.line, lines, delta);
    this.stats.rows++;
    this.stats.last = `rows: ${moved.length} re-parsed`;
    return tree;
  }

  /** The root's own position: it spans the whole document. */
  private fixRootEnd(tree: Root, window: Root, from: number, line: number, lines: number | null, delta: number): void {
    const end = tree.position?.end;
    if (!end) return;
    if (lines === null) {
      // The window ran to the end of the document: its end is the document's end.
      const we = window.position?.end;
      if (!we) return;
      end.line = we.line + line - 1;
      end.column = we.column;
      end.offset = (we.offset ?? 0) + from;
      return;
    }
    end.line += lines;
    if (end.offset !== undefined) end.offset += delta;
  }

  private reject(reason: string): null {
    this.stats.last = reason;
    return null;
  }
}
