/**
 * timezone-missing: timeline entries with a time but no zone while others name one (and the document states no
 * zone once). Such a time is read in the zone of the entries around it, which may not be what the writer meant; the
 * fix writes that zone after the time.
 */
import { defineRule } from './util';

export default defineRule(
  {
    id: 'timezone-missing',
    description: 'Timestamps carry a timezone when others in the timeline do.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx, _options, report) => {
    if (ctx.zoneSource === 'stated') return;
    const timeline = ctx.model.timeline;
    // Counted, not filtered: a long timeline's copy per keystroke for two facts.
    let zoned = 0;
    let firstZoned: (typeof timeline)[number] | null = null;
    for (const e of timeline) {
      if (!e.timestamp?.zone || e.timestamp.zone.unknown) continue;
      zoned++;
      firstZoned ??= e;
    }
    if (!firstZoned) return;
    // A zone written on the first entry only reads as stated once for the whole timeline.
    const firstTimed = timeline.find((e) => e.timestamp?.time);
    if (zoned === 1 && firstZoned === firstTimed) return;
    const zone = ctx.model.zone?.text ?? (firstZoned.timestamp?.zone?.text as string);
    for (const entry of timeline) {
      const ts = entry.timestamp;
      if (!ts?.time || ts.zone) continue;
      const at = ts.time.end;
      // The start of a range ("11:50-12:10  PM UTC"): a zone written between the two times would read as an offset
      // ("11:50 UTC-12:10"), so no fix is offered there (the finding stays).
      const rangeStart = /^[ \t]*[-–—~][ \t]*\d/.test(ctx.text.slice(at, at + 8));
      report({
        message: `This time has no timezone while other entries give one (${zone}).`,
        start: ts.start,
        end: ts.end,
        ...(rangeStart ? {} : { fix: { title: `Add the timezone (${zone})`, edits: [{ start: at, end: at, newText: ` ${zone}` }] } }),
      });
    }
  },
);
