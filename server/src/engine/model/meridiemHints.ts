/** The meridiem a timeline says for its entries in a line above them, without writing it on their times. */
import type { RawEntry } from './timelineEntries';

const SAYS_PM = /(?<![\p{L}])(?:p\.?m\.?|afternoon|evening)(?![\p{L}])/iu;
const SAYS_AM = /(?<![\p{L}])(?:a\.?m\.?|morning)(?![\p{L}])/iu;

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
    const between = text.slice(Math.max(0, from), Math.max(from, e.start));
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
