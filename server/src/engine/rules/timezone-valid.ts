import type { ZoneRef } from '../time/types';
import { defineRule } from './util';

export default defineRule(
  { id: 'timezone-valid', description: 'Timezones are known and unambiguous.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report) => {
    const zones: ZoneRef[] = [];
    for (const e of ctx.model.timeline) if (e.timestamp?.zone) zones.push(e.timestamp.zone);
    for (const w of [ctx.model.summary.windowStart, ctx.model.summary.windowEnd]) if (w?.zone) zones.push(w.zone);
    const said = new Set<string>();
    for (const zone of zones) {
      const key = zone.text.toUpperCase();
      if (zone.ambiguous?.length) {
        report({
          message: `"${zone.text}" can mean ${zone.ambiguous.join(' or ')}; say which with "zoneAliases" in settings or .postmortemrc.json, or write an offset such as UTC+5:30.`,
          start: zone.start,
          end: zone.end,
        });
      } else if (zone.unknown && !said.has(key)) {
        said.add(key);
        report({ message: `"${zone.text}" is not a timezone this linter knows; use an abbreviation such as UTC, an offset such as UTC+1, or an IANA name.`, start: zone.start, end: zone.end });
      }
    }
  },
);
