import { formatDuration, roundingOf } from '../time';
import { defineRule, describeMinutes, numberOption } from './util';

export default defineRule(
  { id: 'duration-consistent', description: "The declared duration matches the summary's start and end.", defaultSeverity: 'warning', fixable: true },
  (ctx, options, report) => {
    const { duration, windowStart, windowEnd } = ctx.model.summary;
    if (!duration || windowStart?.instant == null || windowEnd?.instant == null) return;
    const actual = Math.round((windowEnd.instant - windowStart.instant) / 60000);
    if (actual < 0) return;
    // "5 days" against 5 days 6 hours is rounding: the writer's unit sets how close the figure can be.
    const tolerance = Math.max(numberOption(options, 'toleranceMinutes', 5), roundingOf(duration));
    const diff = duration.minutes - actual;
    if (Math.abs(diff) <= tolerance) return;
    const replacement = formatDuration(actual, duration);
    report({
      message: `The summary says ${duration.text}, but ${windowStart.text} to ${windowEnd.text} is ${replacement} (${diff > 0 ? 'over' : 'under'} by ${describeMinutes(diff)}).`,
      start: duration.start,
      end: duration.end,
      fix: { title: `Replace "${duration.text}" with "${replacement}"`, edits: [{ start: duration.start, end: duration.end, newText: replacement }] },
    });
  },
);
