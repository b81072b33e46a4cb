import type { Profile } from '../profiles/types';

const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{200D}/gu;

/** A heading reduced to lower-case words: no markup, emoji, numbering, brackets or punctuation. */
export function normalizeHeading(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(EMOJI, ' ')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/&/g, ' and ')
    .replace(/^\s*(?:\d+(?:\.\d+)*|[ivx]+)[.)]\s+/, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Between a heading's title and its subtitle. */
const SUBTITLE = /\s*:\s+|\s+[-–—]\s+/;

/** A heading that holds a time or a date is a timeline entry ("### 10:30 - Resolution"), not a titled section. */
const TIMED = /\d{1,2}[:.h]\d{2}|\d\s*[ap]\.?m\b|\d{4}-\d{1,2}-\d{1,2}|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i;

const LEADING_FILLER = /^(?:the|our|incident|outage|issue|events?|postmortem|post mortem|detailed|full|brief|short|complete)\s+/;

export interface HeadingMatcher {
  /** The section id a heading names; `prefix` also accepts a known heading followed by a few words. */
  match(heading: string, prefix?: boolean): string | null;
}

const cache = new WeakMap<Profile, HeadingMatcher>();

/** Matches headings to the profile's section ids: exactly, without filler words in front, or as a prefix. */
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
  const matchOne = (heading: string, prefix: boolean): string | null => {
    let n = normalizeHeading(heading);
    if (!n) return null;
    for (let i = 0; i < 3; i++) {
      const hit = exact.get(n);
      if (hit) return hit;
      const stripped = n.replace(LEADING_FILLER, '');
      if (stripped === n) break;
      n = stripped;
    }
    if (!prefix) return null;
    const words = n.split(' ').length;
    for (const alias of byLength) {
      if (n.startsWith(alias + ' ') && words - alias.split(' ').length <= 3) return exact.get(alias) ?? null;
    }
    return null;
  };
  const matcher: HeadingMatcher = {
    match(heading: string, prefix = true): string | null {
      const hit = matchOne(heading, prefix);
      if (hit || !prefix || TIMED.test(heading)) return hit;
      // A heading with a title and a subtitle names a section in either part: "The Fix: Root Cause and
      // Resolution", "Root Cause: a full disk", "Act 3 - Corrective Measures".
      const parts = heading.split(SUBTITLE).map((p) => p.trim()).filter(Boolean);
      if (parts.length < 2) return null;
      for (const part of [parts[parts.length - 1] as string, parts[0] as string]) {
        const found = matchOne(part, true);
        if (found) return found;
      }
      return null;
    },
  };
  cache.set(profile, matcher);
  return matcher;
}
