import type { Profile } from '../profiles/types';
import { editDistance } from '../util/editDistance';

const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;

/** A heading reduced to lower-case words: no markup, emoji, numbering, brackets or punctuation. */
export function normalizeHeading(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(EMOJI, ' ')
      .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
      .replace(/&/g, ' and ')
      .replace(/^\s*(?:\d+(?:\.\d+)*|[ivx]+)[.)]\s+/, '')
      // "# h2 Timeline": the level typed out by a writer copying a Markdown cheat sheet.
      .replace(/^\s*h[1-6]\s+/, '')
      .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Between a heading's title and its subtitle. */
const SUBTITLE = /\s*:\s+|\s+[-–—]\s+/;

/** A heading that holds a time or a date is a timeline entry ("### 10:30 - Resolution"), not a titled section. */
const TIMED =
  /\d{1,2}[:.h]\d{2}|\d\s*[ap]\.?m\b|\d{4}-\d{1,2}-\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;

/** A clock time in a heading: its numbers are not a date that may follow a section's name. */
const CLOCK = /\d{1,2}[:.h]\d{2}|\d\s*[ap]\.?m\b/i;

const LEADING_FILLER =
  /^(?:the|our|incident|outage|issue|events?|postmortem|post mortem|detailed|full|brief|short|complete|future|consolidated|overall|final|details of(?: the)?)\s+/;

/** Words of a date written after a section's name ("Timeline Monday May 10th, 2021"): they do not count as more title. */
const DATE_WORD =
  /^(?:\d+(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)$/;

/**
 * Headings a document that is not a postmortem has too ("Tasks", "Overview", "Notes"): alone they do not make a
 * postmortem's section, and they are never matched by spelling tolerance.
 */
const GENERIC = new Set([
  'overview',
  'tasks',
  'task',
  'todo',
  'to do',
  'todos',
  'notes',
  'measures',
  'improvements',
  'next steps',
  'prevention',
  'cause',
  'causes',
  'resolution',
  'remediation',
  'remediations',
  'actions',
  'background',
  'details',
  'description',
  'conclusion',
  'fix',
  'fixes',
  'impact',
  'detection',
  'recovery',
  'response',
  'introduction',
  'tldr',
  'tl dr',
  'lessons',
  'technical details',
  'what happened',
]);

/** A heading that names a section only in words any document may use as a heading ("Tasks", "Overview"). */
export function isGenericHeading(heading: string): boolean {
  return GENERIC.has(normalizeHeading(heading).replace(/^(?:the|our)\s+/, ''));
}

/** How many letters may differ between a heading and a section name of this length and still be read as it. */
function tolerance(length: number): number {
  return length < 7 ? 0 : length < 12 ? 1 : length < 24 ? 2 : 3;
}

export interface HeadingMatcher {
  /** The section id a heading names; `prefix` also accepts a known heading followed by a few words. */
  match(heading: string, prefix?: boolean): string | null;
}

const cache = new WeakMap<Profile, HeadingMatcher>();

/**
 * Matches headings to the profile's section ids: exactly, without filler words in front, as a prefix ("Timeline
 * (all times UTC) May 10, 2021"), as the end of a longer name ("Consolidated root causes"), as either side of "and",
 * or spelled a little differently ("Corective and Preventitive Measures", "Root Couse", "Timline").
 */
export function headingMatcher(profile: Profile): HeadingMatcher {
  const cached = cache.get(profile);
  if (cached) return cached;
  const exact = new Map<string, string>();
  for (const section of profile.sections) {
    for (const alias of [section.title, ...section.aliases]) {
      const n = normalizeHeading(alias);
      if (n && !exact.has(n)) exact.set(n, section.id);
    }
  }
  const byLength = [...exact.keys()].sort((a, b) => b.length - a.length);
  const prefixes = byLength.map((alias) => ({ alias, spaced: `${alias} `, words: alias.split(' ').length }));
  // Spelling tolerance: only names long and specific enough not to be another word.
  const fuzzy = byLength.filter((a) => !GENERIC.has(a) && tolerance(a.length) > 0).map((a) => ({ alias: a, words: a.split(' ').length }));

  const exactOrStripped = (heading: string): { hit: string | null; n: string } => {
    let n = heading;
    for (let i = 0; i < 3; i++) {
      const hit = exact.get(n);
      if (hit) return { hit, n };
      const stripped = n.replace(LEADING_FILLER, '');
      if (stripped === n) break;
      n = stripped;
    }
    return { hit: null, n };
  };

  const close = (n: string, prefix: boolean, clock: boolean): string | null => {
    const words = n.split(' ');
    /** The words after a name of k words that are more title, by k (the same for every alias of k words). */
    const extra: number[] = [];
    let best: { id: string; d: number } | null = null;
    for (const { alias, words: k } of fuzzy) {
      if (words.length < k || (!prefix && words.length !== k)) continue;
      // The first letters first: the test of the words after the name costs a regex per word and alias.
      if (n[0] !== alias[0]) continue;
      if (words.length > k && (extra[k] ??= extraWords(words.slice(k), clock)) > 3) continue;
      const head = words.slice(0, k).join(' ');
      const d = editDistance(head, alias);
      if (d > 0 && d <= tolerance(alias.length) && (!best || d < best.d)) best = { id: exact.get(alias) as string, d };
    }
    return best?.id ?? null;
  };

  const matchOne = (heading: string, prefix: boolean, clock: boolean): string | null => {
    const first = normalizeHeading(heading);
    if (!first) return null;
    const { hit, n } = exactOrStripped(first);
    if (hit) return hit;
    if (!prefix) return close(n, false, clock);
    const words = n.split(' ');
    for (const { alias, spaced, words: k } of prefixes) {
      if (n.startsWith(spaced) && extraWords(words.slice(k), clock) <= 3) return exact.get(alias) ?? null;
    }
    // "Consolidated root causes", "Technical root cause": one word in front of a name of two words or more.
    if (words.length >= 3) {
      const tail = exact.get(words.slice(1).join(' '));
      if (tail && words.length - 1 >= 2) return tail;
    }
    // "Lessons Learned and Future Improvements", "Mitigation and Future Prevention": a name on either side of "and".
    const parts = n.split(' and ');
    if (parts.length === 2) {
      for (const part of parts) {
        const found = exactOrStripped(part).hit;
        if (found && !GENERIC.has(exactOrStripped(part).n)) return found;
      }
      for (const part of parts) {
        const found = exactOrStripped(part).hit;
        if (found) return found;
      }
    }
    return close(n, true, clock);
  };
  const matcher: HeadingMatcher = {
    match(heading: string, prefix = true): string | null {
      const clock = CLOCK.test(heading);
      const hit = matchOne(heading, prefix, clock);
      if (hit || !prefix || TIMED.test(heading)) return hit;
      // A heading with a title and a subtitle names a section in either part: "The Fix: Root Cause and
      // Resolution", "Root Cause: a full disk", "Act 3 - Corrective Measures".
      const parts = heading
        .split(SUBTITLE)
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length < 2) return null;
      for (const part of [parts[parts.length - 1] as string, parts[0] as string]) {
        const found = matchOne(part, true, clock);
        if (found) return found;
      }
      return null;
    },
  };
  cache.set(profile, matcher);
  return matcher;
}

/** The words after a section's name that make more title: a date that follows it does not (a clock time does). */
function extraWords(words: string[], clock: boolean): number {
  return clock ? words.length : words.filter((w) => !DATE_WORD.test(w)).length;
}
