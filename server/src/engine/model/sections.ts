import type { Root } from 'mdast';
import type { Section } from '../types';
import type { Profile } from '../profiles/types';
import type { LineIndex } from '../util/lines';
import { headingMatcher, normalizeHeading } from './headings';
import { endOf, plainText, startOf } from './mdast';
import { Memos as MemosOf, type Memos } from './cache';
import { timedLineFollows } from './timeline';

const BOLD_LINE = /^[ \t]*(\*\*|__|\*|_)(.+?)\1[ \t]*(.*)$/;
const LABEL_LINE = /^[ \t]*([^:*_#|>\-[\]`]{2,60}?)[ \t]*:[ \t]*(.*)$/;
const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>\s*$/i;
const MAX_PLAIN_HEADING = 70;

interface Candidate extends Section {
  /** Index of the root child the heading stands in. */
  block: number;
  /** Body text on the heading's own line, after its colon. */
  rest?: string;
  /** A heading that labels a field of the section it stands in ("Duration:", "Impact:"): it neither opens nor closes a section. */
  field?: boolean;
}

/** A paragraph line read as a heading that names a section. */
export interface PseudoHit {
  found: NonNullable<ReturnType<typeof pseudoHeading>>;
  id: string;
}

const FIELD_HEADING = /^(?:duration|impact|root causes?|start(?: time)?|end(?: time)?|detection(?: time| method)?|severity|status|affected (?:services?|users)|who was affected|how long|outage duration|downtime|trigger)$/;

/**
 * The document's sections: every Markdown heading, plus bold lines, plain lines ("Timeline:") and HTML headings
 * that name a section of the profile. A section runs until the next recognised section or a Markdown heading of
 * the same or higher rank.
 */
export function findSections(tree: Root, text: string, lines: LineIndex, profile: Profile, memos?: WeakMap<object, Memos<PseudoHit | null>>): Section[] {
  const matcher = headingMatcher(profile);
  // Per matcher (per profile), a line's reading as a pseudo-heading follows from its text alone.
  let memo = memos?.get(matcher);
  if (memos && !memo) {
    memo = new MemosOf<PseudoHit | null>();
    memos.set(matcher, memo);
  }
  const classify = (line: string, first: boolean): PseudoHit | null => {
    const found = pseudoHeading(line, first);
    if (!found) return null;
    const id = matcher.match(found.label);
    return id ? { found, id } : null;
  };
  const candidates: Candidate[] = [];
  const pseudo: (Candidate & { rest: string })[] = [];
  const push = (c: Candidate): void => {
    candidates.push(c);
  };

  tree.children.forEach((node, block) => {
    const start = startOf(node);
    if (node.type === 'heading') {
      const heading = plainText(node).trim();
      // The document's title ("# Timeline shapes of the March outage") names no section unless it is one exactly.
      const isTitle = node.depth === 1 && !candidates.some((c) => c.depth <= 6);
      const kind = text.charCodeAt(start) === 35 /* # */ || /^[ \t]*#/.test(text.slice(start, start + 8)) ? 'atx' : 'setext';
      push({
        id: matcher.match(heading, !isTitle), heading: cleanHeading(heading), kind, depth: node.depth,
        line: lines.lineOf(start), headingStart: start, headingEnd: endOf(node), bodyStart: endOf(node), end: text.length, block,
      });
      return;
    }
    if (node.type === 'html') {
      const m = HTML_HEADING.exec(node.value);
      if (m) {
        const heading = (m[2] ?? '').replace(/<[^>]*>/g, '').trim();
        const id = matcher.match(heading);
        if (id) push({ id, heading: cleanHeading(heading), kind: 'html', depth: Number(m[1]), line: lines.lineOf(start), headingStart: start, headingEnd: endOf(node), bodyStart: endOf(node), end: text.length, block });
      }
      return;
    }
    if (node.type !== 'paragraph') return;
    // Any line of a paragraph may be a heading written as plain or bold text ("Timeline:", "**Root Cause**");
    // only the first line may carry body text after its colon ("Root cause: the disk filled up").
    const firstLine = lines.lineOf(start);
    const lastLine = lines.lineOf(Math.max(start, endOf(node) - 1));
    for (let l = firstLine; l <= lastLine; l++) {
      const ls = Math.max(lines.lineStart(l), start);
      const le = Math.min(lines.lineEnd(l), endOf(node));
      const line = text.slice(ls, le);
      // A one-line paragraph is its line: the memo finds it by the node.
      const hit = memo ? memo.of(l === firstLine ? 1 : 0).get(line, (own) => classify(own, l === firstLine), firstLine === lastLine ? node : undefined) : classify(line, l === firstLine);
      if (!hit) continue;
      const { found, id } = hit;
      pseudo.push({ id, heading: cleanHeading(found.label), kind: found.kind, depth: 7, line: l, headingStart: ls,
        headingEnd: found.rest ? ls + found.restAt : le, bodyStart: found.rest ? ls + found.restAt : le, end: text.length, block, rest: found.rest });
    }
  });

  // Merge the pseudo-headings in, keeping those that open a section rather than label a part of one.
  const all = [...candidates, ...pseudo].sort((a, b) => a.headingStart - b.headingStart);
  const kept: Candidate[] = [];
  let current: string | null = null;
  let currentDepth = 7;
  const seen = new Set<string>();
  all.forEach((c, i) => {
    if (c.depth <= 6 || c.kind === 'html') {
      // "### Root Cause:" inside the summary is the summary's field when the document has its root-cause section later.
      // At the summary's own level only a label does ("# Root Cause:" under "# Issue Summary"): "## Impact" after
      // "## Summary" opens the Impact section.
      const label = c.depth > currentDepth || /:\s*(?:\*\*|__)?\s*$/.test(text.slice(c.headingStart, c.headingEnd));
      if (current === 'summary' && c.id !== null && c.id !== 'timeline' && label && all.slice(i + 1).some((later) => later.id === c.id)) {
        c.id = null;
        c.field = true;
      }
      // "### Resolution" under "## Timeline" is a step of the timeline when "## Root Cause and Resolution" comes later at
      // the timeline's own level: a sub-heading naming another section that the document opens later, higher up.
      if (current !== null && c.id !== null && c.id !== current && c.depth > currentDepth && c.kind !== 'html'
        && all.slice(i + 1).some((later) => later.id === c.id && later.depth <= currentDepth)) {
        c.id = null;
        c.field = true;
      }
      if (c.id === null && FIELD_HEADING.test(normalizeHeading(c.heading))) c.field = true;
      kept.push(c);
      if (c.field) return;
      if (c.id) seen.add(c.id);
      // An unknown sub-heading inside a section stays part of it.
      if (c.id || c.depth <= currentDepth) {
        current = c.id;
        currentDepth = c.depth;
      }
      return;
    }
    const id = c.id as string;
    if (id === current || seen.has(id)) return;
    // "Resolution:" inside the timeline over timed entries labels a phase of it; over prose it opens the section.
    if (current === 'timeline' && !c.rest && timedLineFollows(text, lines, c.headingEnd, text.length)) return;
    if (current === 'summary' && id !== 'timeline') {
      // "Root cause:" inside the summary is the summary's own field, unless nothing later opens that section.
      if (c.rest || all.slice(i + 1).some((later) => later.id === id)) return;
    }
    kept.push(c);
    seen.add(id);
    current = id;
    currentDepth = 7;
  });
  candidates.length = 0;
  candidates.push(...kept);

  for (let i = 0; i < candidates.length; i++) {
    const s = candidates[i] as Candidate;
    for (let j = i + 1; j < candidates.length; j++) {
      const c = candidates[j] as Candidate;
      if (c.field) continue;
      // A heading naming the same section ("# Root Cause" under "# Root Cause and Resolution") continues it.
      const closes = c.id !== null
        ? c.id !== s.id || s.id === null
        : c.depth <= 6 && (c.depth <= s.depth || (s.depth === 7 && !looksLikeEntryHeading(c.heading)));
      if (closes) {
        s.end = c.headingStart;
        break;
      }
    }
  }
  return candidates.map(({ block: _block, rest: _rest, field: _field, ...section }) => section);
}

function cleanHeading(h: string): string {
  return h.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s*:\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** A sub-heading that starts with a time or date is a timeline entry, not a section. */
function looksLikeEntryHeading(heading: string): boolean {
  return /^\W*(\d{1,4}[:./-]\d|\d{1,2}\s*(am|pm)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|day\s+\d|t\s*[+-])/i.test(heading);
}

/** A line that may be a heading: bold or italic text, a short plain line, or (first line only) "Label: body". */
function pseudoHeading(line: string, first: boolean): { label: string; rest: string; restAt: number; kind: Section['kind'] } | null {
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
