/**
 * summary-fields: what the summary model found in the summary (duration or window, impact, root cause), against
 * what the profile's summary section "holds". A summary is what most readers read alone, so it must carry these;
 * start and end times there without a zone are reported too, unless the document states its zone once.
 */
import { defineRule } from './util';

export default defineRule(
  {
    id: 'summary-fields',
    description: 'The summary states the duration, the impact and the root cause.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report) => {
    const section = ctx.model.sections.find((s) => s.id === 'summary');
    if (!section) return;
    const holds = ctx.profile.sections.find((s) => s.id === 'summary')?.holds ?? [];
    const s = ctx.model.summary;
    const missing: string[] = [];
    if (
      holds.includes('duration') &&
      !s.duration &&
      !s.noOutage &&
      !s.durationBound &&
      !s.severalWindows &&
      !(s.windowStart && s.windowEnd)
    )
      missing.push('how long the outage lasted (a duration, or start and end times)');
    if (holds.includes('impact') && !s.impact) missing.push('the impact (what was down, what users saw, how many were affected)');
    if (holds.includes('root-cause') && !s.rootCause) missing.push('the root cause in a sentence');
    if (missing.length) {
      report({
        message: `The summary does not say ${missing.join(', nor ')}.`,
        start: section.headingStart,
        end: section.headingEnd,
      });
    }
    const win = [s.windowStart, s.windowEnd].filter((w) => w !== null);
    if (holds.includes('duration') && win.length && win.every((w) => !w.zone) && ctx.zoneSource !== 'stated') {
      const w = win[0]!;
      report({ message: 'The summary gives the start and end times without a timezone.', start: w.start, end: w.end });
    }
  },
);
