/**
 * timezone-consistent: each timeline entry's zone against the document's zone (stated once, else the summary's,
 * else the entries' most used one, else the default zone), compared by offset at the entry's instant. One entry in another zone is easy to misread; the fix
 * converts it in the style it was written, and is read back so it never moves an entry to another day.
 */
import { dateAt, findTimestamps, formatLike, offsetAt } from '../time';
import type { SimpleDate, ZoneRef } from '../time';
import type { Fix } from '../types';
import { defineRule, type Finding } from './util';
import type { ModelContext } from '../model';
import { readAgain } from '../sort/readAgain';

/**
 * "Timeline (all times Pacific Time)" over entries that each say "(UTC)": the statement is what is wrong, once, not
 * every entry. True (and reported at the statement, with a fix writing the entries' zone there) when every timed
 * entry names a zone of its own, at least two do, they agree with each other and none with the statement.
 */
function statementContradicted(ctx: ModelContext, stated: ZoneRef, report: (f: Finding) => void): boolean {
  const timed = ctx.model.timeline.filter((e) => e.timestamp?.time && e.instant !== null);
  if (timed.length < 2) return false;
  let theirs: ZoneRef | undefined;
  for (const e of timed) {
    const zone = e.timestamp?.zone;
    if (!zone || zone.unknown || zone.borrowed || e.instant === null) return false;
    const own = offsetAt(zone, e.instant);
    if (own === null || own === offsetAt(stated, e.instant)) return false;
    if (theirs && own !== offsetAt(theirs, e.instant)) return false;
    theirs ??= zone;
  }
  if (!theirs) return false;
  const n = timed.length;
  report({
    message: `The timeline says its times are in ${stated.text}, but all ${n} entries are written in ${theirs.text}. Write ${theirs.text} in the statement, or convert the entries with Postmortem: Convert Timeline to Zone.`,
    start: stated.start,
    end: stated.end,
    fix: { title: `Write ${theirs.text} in the statement`, edits: [{ start: stated.start, end: stated.end, newText: theirs.text }] },
  });
  return true;
}

/**
 * Whether the converted time, followed by the rest of its line, is read as that time alone: "2:30 AM PDT -1 US
 * on-call …" converted to "9:30 AM UTC" would read "UTC -1" as an offset, another moment, and the next fix would drop
 * the "-1". Such an entry is reported without a fix.
 */
function readsAlone(ctx: ModelContext, replacement: string, end: number): boolean {
  const lineEnd = ctx.text.indexOf('\n', end);
  const rest = ctx.text.slice(end, lineEnd === -1 ? ctx.text.length : lineEnd);
  const first = findTimestamps(replacement + rest, ctx.timeOptions)[0];
  return first !== undefined && first.start === 0 && first.end === replacement.length;
}

const sameDay = (a: SimpleDate, b: SimpleDate): boolean => a.year === b.year && a.month === b.month && a.day === b.day;

export default defineRule(
  {
    id: 'timezone-consistent',
    description: 'The timeline uses one timezone.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx, _options, report) => {
    const docZone = ctx.zoneRef;
    if (!docZone || docZone.unknown || docZone.ambiguous) return;
    if (ctx.zoneSource === 'stated' && statementContradicted(ctx, docZone, report)) return;
    for (const entry of ctx.model.timeline) {
      const ts = entry.timestamp;
      const zone = ts?.zone;
      if (!ts || !zone || zone.unknown || entry.instant === null) continue;
      const theirs = offsetAt(zone, entry.instant);
      const ours = offsetAt(docZone, entry.instant);
      if (theirs === null || ours === null || theirs === ours) continue;
      const message = `This entry is in ${zone.text} while the timeline is in ${docZone.text}.`;
      // A time without a date whose day changes in the new zone ("11:55 PM PDT" is the next morning in UTC) takes its
      // date from the entries around it: the date is written where the document's dates are real, and the result is
      // read again, so that the fix never moves the entry to another day.
      const crosses = !ts.date && !sameDay(dateAt(entry.instant, theirs), dateAt(entry.instant, ours));
      let replacement: string | null;
      try {
        replacement = formatLike(
          entry.instant,
          docZone,
          ts,
          crosses && ctx.datesKnown ? { originalDate: dateAt(entry.instant, theirs) } : undefined,
        );
      } catch {
        replacement = null;
      }
      let fix: Fix | null =
        replacement && replacement !== ts.text && readsAlone(ctx, replacement, ts.end)
          ? {
              title: `Convert to ${docZone.text} (${replacement})`,
              edits: [{ start: ts.start, end: ts.end, newText: replacement }],
            }
          : null;
      if (fix && crosses) {
        const after = readAgain(ctx, fix.edits)?.model.timeline;
        const kept = after?.length === ctx.model.timeline.length && after.every((e, i) => e.instant === ctx.model.timeline[i]!.instant);
        if (!kept) fix = null;
      }
      report({
        message:
          fix || !replacement || !crosses
            ? message
            : `${message} In ${docZone.text} it falls on another day, and written without a date it would be read as another moment: convert it by hand, with its date.`,
        start: ts.start,
        end: ts.end,
        ...(fix ? { fix } : {}),
      });
    }
  },
);
