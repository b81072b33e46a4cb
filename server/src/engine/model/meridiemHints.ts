/** The meridiem a timeline says for its entries in a line above them, without writing it on their times. */
import type { RawEntry } from './timelineEntries';

const SAYS_PM = /(?<![\p{L}])(?:p\.?m\.?|afternoon|evening)(?![\p{L}])/iu;
const SAYS_AM = /(?<![\p{L}])(?:a\.?m\.?|morning)(?![\p{L}])/iu;

/** Whether text[from, to) holds a letter (any character from "A" on that is not one of "[\\]^_`{|}~"). */
function hasLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 128) return true;
  }
  return false;
}

/**
 * Per entry, the meridiem a line above it says without a time ("### Afternoon (PM)", "Times below are PM"): it holds
 * for the entries below, until another such line or the end of the timeline section.
 */
export function meridiemHints(
  text: string,
  sections: { id: string | null; headingStart: number; end: number }[],
  entries: RawEntry[],
): ('am' | 'pm' | undefined)[] {
  const timelines = sections.filter((sec) => sec.id === 'timeline');
  let hint: 'am' | 'pm' | undefined;
  let from = -1;
  let section: (typeof timelines)[number] | undefined;
  return entries.map((e) => {
    const own = timelines.find((sec) => sec.headingStart <= e.start && e.start < sec.end);
    if (own !== section) {
      section = own;
      hint = undefined;
      from = own ? own.headingStart : e.start;
    }
    const gapStart = Math.max(0, from);
    const gapEnd = Math.max(from, e.start);
    // Between the entries of a list or of paragraphs there is a line break and a marker, no word: nothing to read.
    if (!hasLetter(text, gapStart, gapEnd)) {
      from = e.end;
      return hint;
    }
    const between = text.slice(gapStart, gapEnd);
    // A line that says AM or PM says so in the text around it too: most gaps say neither, and need no split.
    if (!SAYS_PM.test(between) && !SAYS_AM.test(between)) {
      from = e.end;
      return hint;
    }
    for (const line of between.split('\n')) {
      if (/\d{1,2}[:.]\d{2}/.test(line)) continue;
      const pm = SAYS_PM.test(line);
      const am = SAYS_AM.test(line);
      if (pm !== am) hint = pm ? 'pm' : 'am';
    }
    from = e.end;
    return hint;
  });
}
