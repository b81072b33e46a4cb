import type { Root } from 'mdast';
import type { Section } from '../types';
import type { Profile } from '../profiles/types';
import type { LineIndex } from '../util/lines';
import { headingMatcher, isGenericHeading, normalizeHeading } from './headings';
import { endOf, plainText, startOf } from './mdast';
import { Memos as MemosOf, type Memos, type PseudoHit } from './cache';
import { timedLineFollows } from './timeline';
import { cleanHeading, htmlHeadings, listHeadings, looksLikeEntryHeading, pseudoHeading, type Candidate } from './headingLines';

/** A summary field written before any heading ("**Duration:** …", "### Impact"): the summary, without its title. */
const SUMMARY_FIELD =
  /^(?:duration(?: of (?:the )?(?:disruption|outage|incident|downtime))?|(?:outage|incident|total) duration|impact|start(?:ed)?(?: time)?|incident (?:start|date))$/;
/** The start of a line that holds a timed entry: a time or a date, after any list marker or emphasis. */
const TIMED_LINE =
  /^[ \t]*(?:[-*+•●]|\d{1,3}[.)]|\|)?[ \t]*[*_[(~]*[ \t]*(?:\d{1,2}[:.h]\d{2}|\d{1,2}[ \t]*[ap]\.?m\b|\d{3,4}[ \t]*(?:hrs?|hours)\b|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]+\d|t[ \t]*[+-][ \t]*\d)/i;

const FIELD_HEADING =
  /^(?:duration|impact|root causes?|start(?: time)?|end(?: time)?|detection(?: time| method)?|severity|status|affected (?:services?|users)|who was affected|how long|outage duration|downtime|trigger)$/;

/**
 * The document's sections: every Markdown heading, plus bold lines, plain lines ("Timeline:") and HTML headings
 * that name a section of the profile. A section runs until the next recognised section or a Markdown heading of
 * the same or higher rank.
 */
export function findSections(
  tree: Root,
  text: string,
  lines: LineIndex,
  profile: Profile,
  memos?: WeakMap<object, Memos<PseudoHit | null>>,
): Section[] {
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
  const classifyFirst = (line: string): PseudoHit | null => classify(line, true);
  const classifyLater = (line: string): PseudoHit | null => classify(line, false);
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
        id: matcher.match(heading, !isTitle),
        heading: cleanHeading(heading),
        kind,
        depth: node.depth,
        line: lines.lineOf(start),
        headingStart: start,
        headingEnd: endOf(node),
        bodyStart: endOf(node),
        end: text.length,
        block,
      });
      return;
    }
    if (node.type === 'html') {
      htmlHeadings(text, start, endOf(node), lines, block, (h) => {
        const isTitle = h.depth === 1 && !candidates.some((c) => c.depth <= 6);
        push({ ...h, id: matcher.match(h.heading, !isTitle), heading: cleanHeading(h.heading) });
      });
      return;
    }
    if (node.type === 'code') {
      // A short line indented four spaces or more ("            Summary of outage", centred by hand) renders as code,
      // but its writer meant a heading.
      const source = text.slice(start, endOf(node));
      if (/^[ \t]*(?:`{3}|~{3})/.test(source) || source.includes('\n')) return;
      const at = start + (source.length - source.trimStart().length);
      const line = source.trim();
      const hit = line ? classify(line, true) : null;
      if (hit && !hit.found.rest) {
        pseudo.push({
          id: hit.id,
          heading: cleanHeading(hit.found.label),
          kind: 'line',
          depth: 7,
          line: lines.lineOf(at),
          headingStart: at,
          headingEnd: at + line.length,
          bodyStart: endOf(node),
          end: text.length,
          block,
          rest: '',
        });
      }
      return;
    }
    if (node.type === 'list') {
      listHeadings(node, text, lines, block, classify, (c) => pseudo.push(c));
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
      const first = l === firstLine;
      // A one-line paragraph is its line: the memo finds it by the node.
      const hit = memo
        ? memo.of(first ? 1 : 0).getAt(text, ls, le, first ? classifyFirst : classifyLater, firstLine === lastLine ? node : undefined)
        : classify(text.slice(ls, le), first);
      if (!hit) continue;
      const { found, id } = hit;
      pseudo.push({
        id,
        heading: cleanHeading(found.label),
        kind: found.kind,
        depth: 7,
        line: l,
        headingStart: ls,
        headingEnd: found.rest ? ls + found.restAt : le,
        bodyStart: found.rest ? ls + found.restAt : le,
        end: text.length,
        block,
        rest: found.rest,
      });
    }
  });

  // Merge the pseudo-headings in, keeping those that open a section rather than label a part of one.
  const all = [...candidates, ...pseudo].sort((a, b) => a.headingStart - b.headingStart);
  sectionsByContent(all, text, profile);
  storySummary(all, profile);
  genericHeadings(all, profile);
  if (profile.sections.some((s) => s.id === 'summary') && !all.some((c) => c.id === 'summary')) {
    const summary = implicitSummary(tree, text, lines, all);
    if (summary) {
      const at = all.findIndex((c) => c.headingStart >= summary.headingStart);
      const same = all[at];
      if (same && same.headingStart === summary.headingStart) all[at] = summary;
      else if (at < 0) all.push(summary);
      else all.splice(at, 0, summary);
    }
  }
  // What the summary holds ("root-cause", "impact"): a section of that name right after the summary and again later
  // is the summary's field.
  const held = new Set<string>(profile.sections.find((s) => s.id === 'summary')?.holds ?? []);
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
      if (
        current === 'summary' &&
        c.id !== null &&
        c.id !== 'timeline' &&
        (label || held.has(c.id)) &&
        all.slice(i + 1).some((later) => later.id === c.id)
      ) {
        c.id = null;
        c.field = true;
      }
      // "### Resolution" under "## Timeline" is a step of the timeline when "## Root Cause and Resolution" comes later at
      // the timeline's own level: a sub-heading naming another section that the document opens later, higher up.
      if (
        current !== null &&
        c.id !== null &&
        c.id !== current &&
        c.depth > currentDepth &&
        c.kind !== 'html' &&
        all.slice(i + 1).some((later) => later.id === c.id && later.depth <= currentDepth)
      ) {
        c.id = null;
        c.field = true;
      }
      // "### Resolution" under "## Timeline" with timed entries below it groups those entries: a phase, not a section.
      if (current === 'timeline' && c.id !== null && c.id !== 'timeline' && c.depth > currentDepth && followedByTimed(text, c)) {
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
    // "Resolution:" inside the timeline over timed entries labels a phase of it (the timeline goes on); over prose it
    // opens the section.
    if (current === 'timeline' && (followedByTimed(text, c) || (!c.rest && timedLineFollows(text, lines, c.headingEnd, text.length))))
      return;
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
      const closes =
        c.id !== null
          ? c.id !== s.id || s.id === null
          : c.depth <= 6 && (c.depth <= s.depth || (s.depth === 7 && !looksLikeEntryHeading(c.heading)));
      if (closes) {
        s.end = c.closeAt !== undefined && c.closeAt >= s.bodyStart ? c.closeAt : c.headingStart;
        break;
      }
    }
  }
  return candidates.map(({ block: _block, rest: _rest, field: _field, closeAt: _closeAt, ...section }) => section);
}

/** The heading is followed by a timed entry: on its own line after a label ("Resolution: 10:40 …") or on the next line with text. */
function followedByTimed(text: string, c: Candidate): boolean {
  if (c.rest) return TIMED_LINE.test(c.rest);
  const after = text.slice(c.headingEnd, c.headingEnd + 400).replace(/^[^\n]*\n/, '');
  const next = /^[ \t]*\S[^\n]*/m.exec(after.replace(/^(?:[ \t]*(?:<!--[\s\S]*?-->)?[ \t]*\r?\n)+/, ''));
  return !!next && TIMED_LINE.test(next[0]);
}

/**
 * Generic headings ("Tasks", "Overview") name a section only beside something more of a postmortem: alone they name
 * none, and one that comes before the document's first specific section while the profile puts it later (a course
 * page's "## Tasks" above the postmortem) is not that section.
 */
function genericHeadings(all: Candidate[], profile: Profile): void {
  const order = profile.sections.map((s) => s.id);
  const specific = all.find((c) => c.id !== null && !isGenericHeading(c.heading));
  for (const c of all) {
    if (c.id === null || !isGenericHeading(c.heading)) continue;
    if (!specific) c.id = null;
    else if (c.headingStart < specific.headingStart && order.indexOf(c.id) > order.indexOf(specific.id as string)) c.id = null;
  }
}

/** The label a line starts with ("**Duration:** …", "Duration of Disruption:", "### Impact"), normalized. */
function lineLabel(line: string): string | null {
  const bare = line.replace(/[*_]/g, '').replace(/^[ \t]*#{1,6}[ \t]+/, '');
  const m = /^[ \t]*([A-Za-z][A-Za-z ]{2,40}?)[ \t]*(?::|$)/.exec(bare);
  return m ? normalizeHeading(m[1] ?? '') : null;
}

/**
 * A summary written without its heading: the document opens with the summary's fields ("**Duration:** …",
 * "### Impact", "Duration of Disruption:") before any section of the profile. The summary starts at the first field
 * and holds it (its body starts with the field's label).
 */
function implicitSummary(tree: Root, text: string, lines: LineIndex, all: Candidate[]): Candidate | null {
  const firstKnown = all.find((c) => c.id !== null && !c.field);
  const limit = firstKnown ? firstKnown.headingStart : text.length;
  for (const [block, node] of tree.children.entries()) {
    const start = startOf(node);
    if (start >= limit) break;
    if (node.type !== 'heading' && node.type !== 'paragraph') continue;
    const lineEnd = Math.min(lines.lineEnd(lines.lineOf(start)), endOf(node));
    const label = lineLabel(text.slice(start, lineEnd));
    if (!label || !SUMMARY_FIELD.test(label)) continue;
    const heading = node.type === 'heading';
    const labelEnd = /^[ \t]*(?:\*\*|__)?[^:\n]{2,60}?:(?:[ \t]*(?:\*\*|__))?/.exec(text.slice(start, lineEnd));
    return {
      id: 'summary',
      heading: cleanHeading(label.replace(/^./, (ch) => ch.toUpperCase())),
      kind: heading ? 'atx' : /^[ \t]*(?:\*\*|__)/.test(text.slice(start, lineEnd)) ? 'bold' : 'line',
      depth: heading ? node.depth : 7,
      line: lines.lineOf(start),
      headingStart: start,
      headingEnd: heading ? endOf(node) : labelEnd ? start + labelEnd[0].length : lineEnd,
      bodyStart: start,
      end: text.length,
      block,
    };
  }
  return leadSummary(tree, text, lines, limit);
}

/** A lead that tells how long and whom it hurt: "Yesterday, March 12, users could not log in for 1 hour and 47 minutes." */
const LEAD_SPAN =
  /\b\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|m|mins?|minutes?)\b|\b\d{1,2}[:.]\d{2}\b[^.\n]{0,20}?\b(?:to|until|and|-|–)\s*\d{1,2}[:.]\d{2}\b/i;
const LEAD_IMPACT =
  /\b(?:users?|customers?|visitors?|clients?|merchants?|requests?|could not|couldn't|unable|failed|outage|down|errors?|unavailable|degraded|slow|latency)\b/i;

/**
 * A document with no summary heading and no summary fields whose title is followed by a paragraph of prose saying how
 * long and whom it hurt (a blog post's lead): that paragraph is the summary.
 */
function leadSummary(tree: Root, text: string, lines: LineIndex, limit: number): Candidate | null {
  for (const [block, node] of tree.children.entries()) {
    const start = startOf(node);
    if (start >= limit || (node.type === 'heading' && node.depth > 1)) break;
    if (node.type !== 'paragraph') continue;
    const prose = text.slice(start, endOf(node));
    if (prose.split(/\s+/).length < 15 || !LEAD_SPAN.test(prose) || !LEAD_IMPACT.test(prose)) continue;
    return {
      id: 'summary',
      heading: 'Summary',
      kind: 'line',
      depth: 7,
      line: lines.lineOf(start),
      headingStart: start,
      headingEnd: start,
      bodyStart: start,
      end: text.length,
      block,
    };
  }
  return null;
}

/**
 * A document without a timeline heading whose "## What happened" (or any heading but the summary's) holds mostly
 * timed lines, three or more: that section is the timeline, whatever its name would otherwise mean. Likewise a
 * section with no known name over two or more task items is the section of tasks, when there is none.
 */
function sectionsByContent(all: Candidate[], text: string, profile: Profile): void {
  byContent(all, text, profile, 'timeline', TIMED_LINE, 3);
  // "## What we'll do" over "- [ ] …" items: the section of tasks.
  const tasks = profile.sections.find((s) => s.holds?.includes('tasks'));
  if (tasks && !all.some((c) => c.id !== null && profile.sections.find((s) => s.id === c.id)?.holds?.includes('tasks')))
    byContent(all, text, profile, tasks.id, TASK_LINE, 2, true);
}

const TASK_LINE = /^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\[[ xX]\][ \t]/;

/** The first section (not the summary) of three or more lines like `line`, twice as many as its other lines, becomes `id`. */
function byContent(all: Candidate[], text: string, profile: Profile, id: string, line: RegExp, least: number, unnamedOnly = false): void {
  if (!profile.sections.some((s) => s.id === id) || all.some((c) => c.id === id)) return;
  for (let i = 0; i < all.length; i++) {
    const c = all[i]!;
    if (c.id === 'summary' || (unnamedOnly && c.id !== null) || (c.depth > 6 && c.kind !== 'html')) continue;
    const next = all.slice(i + 1).find((n) => n.depth <= c.depth || n.kind === 'html');
    let hits = 0;
    let other = 0;
    for (const l of text.slice(c.headingEnd, next ? next.headingStart : text.length).split(/\r?\n|\r/)) {
      if (!l.trim()) continue;
      if (line.test(l)) hits++;
      else other++;
    }
    if (hits >= least && hits >= 2 * other) {
      c.id = id;
      return;
    }
  }
}

/** Headings that tell the story in brief when they open the document: before the timeline, they are its summary. */
const STORY = /^(?:what happened|what went on|the story|incident description|description)$/;

/** "## What happened?" before the timeline, in a document without a summary heading, is the summary (not the root cause). */
function storySummary(all: Candidate[], profile: Profile): void {
  if (!profile.sections.some((s) => s.id === 'summary') || all.some((c) => c.id === 'summary')) return;
  const timeline = all.find((c) => c.id === 'timeline');
  const story = all.find((c) => (!timeline || c.headingStart < timeline.headingStart) && STORY.test(normalizeHeading(c.heading)));
  if (story && (story.depth <= 6 || story.kind === 'html' || story.id !== null)) story.id = 'summary';
}
