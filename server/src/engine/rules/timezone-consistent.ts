import { formatLike, offsetAt } from '../time';
import { defineRule } from './util';

export default defineRule(
  { id: 'timezone-consistent', description: 'The timeline uses one timezone.', defaultSeverity: 'warning', fixable: true },
  (ctx, _options, report) => {
    const docZone = ctx.zoneRef;
    if (!docZone || docZone.unknown || docZone.ambiguous) return;
    for (const entry of ctx.model.timeline) {
      const ts = entry.timestamp;
      const zone = ts?.zone;
      if (!ts || !zone || zone.unknown || entry.instant === null) continue;
      const theirs = offsetAt(zone, entry.instant);
      const ours = offsetAt(docZone, entry.instant);
      if (theirs === null || ours === null || theirs === ours) continue;
      let replacement: string | null;
      try {
        replacement = formatLike(entry.instant, docZone, ts);
      } catch {
        replacement = null;
      }
      report({
        message: `This entry is in ${zone.text} while the timeline is in ${docZone.text}.`,
        start: ts.start,
        end: ts.end,
        ...(replacement && replacement !== ts.text
          ? { fix: { title: `Convert to ${docZone.text} (${replacement})`, edits: [{ start: ts.start, end: ts.end, newText: replacement }] } }
          : {}),
      });
    }
  },
);
