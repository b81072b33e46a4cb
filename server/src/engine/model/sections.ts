import type { Root } from 'mdast';
import type { Section } from '../types';
import type { Profile } from '../profiles/types';
import type { LineIndex } from '../util/lines';
import { headingMatcher } from './headings';
import { endOf, plainText, startOf } from './mdast';

const BOLD_LINE = /^[ \t]*(\*\*|__)(.+?)\1[ \t]*(.*)$/;
const LABEL_LINE = /^[ \t]*([^:*_#|>\-[\]`]{2,60}?)[ \t]*:[ \t]*(.*)$/;
const HTML_HEADING = /^\s*<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>\s*$/i;
const MAX_PLAIN_HEADING = 70;

interface Candidate extends Section {
  /** Index of the root child the heading stands in. */
  block: number;
}

/**
 * The document's sections: every Markdown heading, plus bold lines, plain lines ("Timeline:") and HTML headings
 * that name a section of the profile. A section runs until the next recognised section or a Markdown heading of
 * the same or higher rank.
 */
export function findSections(tree: Root, text: string, lines: LineIndex, profile: Profile): Section[] {
  const matcher = headingMatcher(profile);
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  let current: string | null = null;

  const push = (c: Candidate): void => {
    candidates.push(c);
    if (c.id) {
      seen.add(c.id);
      current = c.id;
    } else if (c.depth <= 6) {
      current = null;
    }
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
    const line = lines.lineOf(start);
    const lineEnd = Math.min(lines.lineEnd(line), endOf(node));
    const first = text.slice(start, lineEnd);
    const bold = BOLD_LINE.exec(first);
    let label: string | null = null;
    let rest = '';
    let kind: Section['kind'] = 'line';
    if (bold) {
      label = (bold[2] ?? '').trim();
      rest = (bold[3] ?? '').trim();
      kind = 'bold';
      // "**Timeline:**" and "**Timeline**:" both carry the colon somewhere.
      if (rest.startsWith(':')) rest = rest.slice(1).trim();
      label = label.replace(/:\s*$/, '');
    } else if (first.trim().length <= MAX_PLAIN_HEADING && !/[.!?]\s*$/.test(first.trim()) && !/:\s*\S/.test(first)) {
      label = first.trim().replace(/:\s*$/, '');
    } else {
      const m = LABEL_LINE.exec(first);
      if (m) {
        label = (m[1] ?? '').trim();
        rest = (m[2] ?? '').trim();
      }
    }
    if (!label || label.length > MAX_PLAIN_HEADING) return;
    const id = matcher.match(label);
    if (!id) return;
    if (rest) {
      // "Root cause: …" inside the summary is the summary's field, not a new section;
      // a labelled line only opens a section the document has not had yet.
      if (seen.has(id) || (current === 'summary' && id !== 'timeline')) return;
    }
    const bodyStart = rest ? lineEnd - (first.length - first.indexOf(rest)) : lineEnd;
    push({ id, heading: cleanHeading(label), kind, depth: 7, line, headingStart: start, headingEnd: rest ? bodyStart : lineEnd, bodyStart, end: text.length, block });
  });

  for (let i = 0; i < candidates.length; i++) {
    const s = candidates[i] as Candidate;
    for (let j = i + 1; j < candidates.length; j++) {
      const c = candidates[j] as Candidate;
      const closes = c.id !== null || (c.depth <= 6 && (c.depth <= s.depth || (s.depth === 7 && !looksLikeEntryHeading(c.heading))));
      if (closes) {
        s.end = c.headingStart;
        break;
      }
    }
  }
  return candidates.map(({ block: _block, ...section }) => section);
}

function cleanHeading(h: string): string {
  return h.replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s*:\s*$/, '').replace(/\s+/g, ' ').trim();
}

/** A sub-heading that starts with a time or date is a timeline entry, not a section. */
function looksLikeEntryHeading(heading: string): boolean {
  return /^\W*(\d{1,4}[:./-]\d|\d{1,2}\s*(am|pm)|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|day\s+\d|t\s*[+-])/i.test(heading);
}
