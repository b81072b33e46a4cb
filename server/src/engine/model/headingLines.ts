/**
 * Headings as people write them besides Markdown's own (the heading-finding half of findSections, see sections.ts):
 * bold and plain lines ("**Timeline**", "Timeline:"), a line's label over its body ("Root Cause: the cache …"),
 * section labels inside a list, HTML headings anywhere in an HTML block.
 */
import type { List } from 'mdast';
import type { Section } from '../types';
import { lineEndAt, type LineIndex } from '../util/lines';
import { endOf, startOf } from './mdast';
import type { PseudoHit } from './cache';
import { timedLineFollows } from './timelineLines';

const BOLD_LINE = /^[ \t]*(\*\*|__|\*|_)(.+?)\1[ \t]*(.*)$/;
const LABEL_LINE = /^[ \t]*([^:*_#|>\-[\]`]{2,60}?)[ \t]*:[ \t]*(.*)$/;
/** An HTML heading anywhere in an HTML block: several may share one block ("<h1>…</h1>\n<h3>…</h3>"). */
const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
/** A Markdown heading line swallowed by an HTML block that starts on the line above ("<img …>\n## Issue Summary"). */
const ATX_IN_HTML = /^ {0,3}(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/;

const MAX_PLAIN_HEADING = 70;

export interface Candidate extends Section {
  /** Index of the root child the heading stands in. */
  block: number;
  /** Body text on the heading's own line, after its colon. */
  rest?: string;
  /** A heading that labels a field of the section it stands in ("Duration:", "Impact:"): it neither opens nor closes a section. */
  field?: boolean;
  /** Where the section before it ends, when not at the heading: before the tags that open its HTML block ("<div>\n<h2>"). */
  closeAt?: number;
}

/** A label alone on its line that ends with a colon or is bold ("Timeline:", "**Root Cause**"). */
const LABEL_ONLY = /^(?:[^:\n]{2,70}:[ \t]*|[ \t]*(\*\*|__)[^*_\n]{2,70}\1[ \t]*:?[ \t]*)$/;

/** Whether text[from, to) has a line after its first: a line starts inside it, after `from`. */
function spansLines(text: string, from: number, to: number): boolean {
  const nl = text.indexOf('\n', from);
  return nl !== -1 && nl < Math.max(from, to - 1);
}

/**
 * Section labels a writer put inside a list: an item that is a label over the section's text ("- Timeline:" with the
 * entries nested under it), when two items or more of the list are such labels; and a label line at the margin that
 * Markdown reads as a lazy continuation of the item above ("- Impact: …" then "Timeline:" on the next line).
 */
export function listHeadings(
  list: List,
  text: string,
  lines: LineIndex,
  block: number,
  classify: (line: string, first: boolean) => PseudoHit | null,
  add: (c: Candidate & { rest: string }) => void,
): void {
  const labelled: (Candidate & { rest: string })[] = [];
  const lazy: (Candidate & { rest: string })[] = [];
  let timed = false;
  const make = (hit: PseudoHit, at: number, lineStart: number, le: number): Candidate & { rest: string } => ({
    id: hit.id,
    heading: cleanHeading(hit.found.label),
    kind: hit.found.kind,
    depth: 7,
    line: lines.lineOf(lineStart),
    headingStart: at,
    headingEnd: le,
    bodyStart: le,
    end: text.length,
    block,
    rest: '',
  });
  // Most items are one line: where a line ends is found by searching the text, and the line index (a binary search
  // per call) is asked only about an item that is a label or a paragraph that runs over several lines.
  for (const item of list.children) {
    const first = item.children[0];
    if (first?.type !== 'paragraph') continue;
    const ps = startOf(first);
    const pe = endOf(first);
    const firstEnd = Math.min(lineEndAt(text, ps), pe);
    const label = text.slice(ps, firstEnd);
    // The last item may be a label over what follows the list.
    if (
      LABEL_ONLY.test(label) &&
      (item.children.length > 1 || spansLines(text, ps, pe) || item === list.children[list.children.length - 1])
    ) {
      const hit = classify(label, true);
      if (hit && !hit.found.rest) {
        labelled.push(make(hit, startOf(item), lines.lineStart(lines.lineOf(ps)), firstEnd));
        if (hit.id === 'timeline' && timedLineFollows(text, lines, firstEnd, endOf(item))) timed = true;
      }
    }
    for (const child of item.children) {
      if (child.type !== 'paragraph' || !spansLines(text, startOf(child), endOf(child))) continue;
      const from = lines.lineOf(startOf(child)) + 1;
      const to = lines.lineOf(Math.max(startOf(child), endOf(child) - 1));
      for (let l = from; l <= to; l++) {
        const ls = lines.lineStart(l);
        const le = Math.min(lines.lineEnd(l), endOf(child));
        const line = text.slice(ls, le);
        // Only at the margin: an indented line is the item's own text.
        if (/^[ \t>]/.test(line) || !LABEL_ONLY.test(line)) continue;
        const hit = classify(line, true);
        if (hit && !hit.found.rest) lazy.push(make(hit, ls, ls, le));
      }
    }
  }
  // A list of what a postmortem must hold (an assignment's "- Timeline: when was it detected?") is no postmortem: the
  // labels are its sections when the timeline label holds timed entries.
  if (timed && new Set(labelled.map((c) => c.id)).size >= 2) labelled.forEach(add);
  lazy.forEach(add);
}

export function cleanHeading(h: string): string {
  return h
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\s*:\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A sub-heading that starts with a time or date is a timeline entry, not a section. */
export function looksLikeEntryHeading(heading: string): boolean {
  return /^\W*(\d{1,4}[:./-]\d|\d{1,2}\s*(am|pm)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|day\s+\d|t\s*[+-])/i.test(
    heading,
  );
}

/** A line that may be a heading: bold or italic text, a short plain line, or (first line only) "Label: body". */
export function pseudoHeading(line: string, first: boolean): { label: string; rest: string; restAt: number; kind: Section['kind'] } | null {
  const bold = BOLD_LINE.exec(line);
  if (bold) {
    let rest = (bold[3] ?? '').trim();
    if (rest.startsWith(':')) rest = rest.slice(1).trim();
    if (rest && !first) return null;
    const label = (bold[2] ?? '').trim().replace(/:\s*$/, '');
    return label.length <= MAX_PLAIN_HEADING ? { label, rest, restAt: rest ? line.lastIndexOf(rest) : line.length, kind: 'bold' } : null;
  }
  const trimmed = line.trim().replace(/\s+$/, '');
  if (trimmed.length <= MAX_PLAIN_HEADING && !/[.!?,;]$/.test(trimmed) && !/:\s*\S/.test(trimmed)) {
    return { label: trimmed.replace(/^#+\s*/, '').replace(/:$/, ''), rest: '', restAt: line.length, kind: 'line' };
  }
  if (!first) return null;
  const m = LABEL_LINE.exec(line);
  if (!m) return null;
  const rest = (m[2] ?? '').trim();
  const label = (m[1] ?? '').trim();
  return { label, rest, restAt: rest ? line.indexOf(rest, line.indexOf(':')) : line.length, kind: 'line' };
}

/** Decodes the few entities written in headings. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;|&emsp;|&ensp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'");
}

export type Found = Omit<Candidate, 'id'>;

/**
 * The headings in an HTML block [from, to): every <h1>…<h6>, wherever it sits in the block, and any Markdown heading
 * line the block swallowed. A heading's body starts after it; when nothing but spaces follows it on its line, on
 * the next line (so that the heading line itself is not read as the section's content).
 */
export function htmlHeadings(text: string, from: number, to: number, lines: LineIndex, block: number, add: (h: Found) => void): void {
  const source = text.slice(from, to);
  const found: Found[] = [];
  const bodyAfter = (end: number): number => {
    const lineEnd = Math.min(lines.lineEnd(lines.lineOf(end)), to);
    if (text.slice(end, lineEnd).trim()) return end;
    if (!text.slice(end, to).trim()) return to;
    return Math.min(to, lines.lineStart(lines.lineOf(end) + 1));
  };
  // A comment ("<!-- ## Timeline … -->", or one never closed) hides what it holds: nothing in it is a heading.
  const comments = [...source.matchAll(/<!--[\s\S]*?(?:-->|$)/g)].map((c) => [from + c.index, from + c.index + c[0].length] as const);
  const commented = (at: number): boolean => comments.some(([cs, ce]) => at >= cs && at < ce);
  HTML_HEADING.lastIndex = 0;
  for (let m = HTML_HEADING.exec(source); m; m = HTML_HEADING.exec(source)) {
    if (commented(from + m.index)) continue;
    const heading = decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (!heading) continue;
    const hs = from + m.index;
    const he = hs + m[0].length;
    // Tags alone before the heading in its block ("<div class=…>") open it: the section above ends before them.
    const closeAt = from + text.slice(from, hs).replace(/(?:\s*<[^>]*>)*\s*$/, '').length;
    found.push({
      heading,
      kind: 'html',
      depth: Number(m[1]),
      line: lines.lineOf(hs),
      headingStart: hs,
      headingEnd: he,
      bodyStart: bodyAfter(he),
      end: text.length,
      block,
      closeAt,
    });
  }
  const first = lines.lineOf(from);
  const last = lines.lineOf(Math.max(from, to - 1));
  for (let l = first + 1; l <= last; l++) {
    const ls = lines.lineStart(l);
    const le = Math.min(lines.lineEnd(l), to);
    const m = ATX_IN_HTML.exec(text.slice(ls, le));
    if (!m || commented(ls + m.index) || found.some((f) => f.headingStart < le && f.headingEnd > ls)) continue;
    const heading = decodeEntities((m[2] ?? '').replace(/<[^>]*>/g, ' '))
      .replace(/[*_`]/g, '')
      .trim();
    if (heading)
      found.push({
        heading,
        kind: 'atx',
        depth: (m[1] ?? '#').length,
        line: l,
        headingStart: ls,
        headingEnd: le,
        bodyStart: bodyAfter(le),
        end: text.length,
        block,
      });
  }
  found.sort((a, b) => a.headingStart - b.headingStart).forEach(add);
}
