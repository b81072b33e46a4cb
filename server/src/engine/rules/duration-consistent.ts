/**
 * duration-consistent: the summary's declared duration ("8 hours") against its window ("from 10:42 PM to 6:05
 * AM"), both read by the summary model. The duration a reader quotes should be the one the times give; the fix writes
 * the true one in the style of the original. A duration rounded to the unit it is written in passes.
 */
import { formatDuration, roundingOf } from '../time';
import { defineRule, describeMinutes } from './util';

export default defineRule(
  {
    id: 'duration-consistent',
    description: "The declared duration matches the summary's start and end.",
    defaultSeverity: 'warning',
    fixable: true,
    options: {
      toleranceMinutes: {
        type: 'number',
        default: 5,
        description:
          'How far, in minutes, the declared duration may be from the window; a duration written in whole hours or days is allowed its rounding when that is larger.',
      },
    },
  },
  (ctx, options, report) => {
    const { duration, windowStart, windowEnd } = ctx.model.summary;
    if (!duration || windowStart?.instant == null || windowEnd?.instant == null) return;
    const actual = Math.round((windowEnd.instant - windowStart.instant) / 60000);
    if (actual < 0) return;
    // "5 days" against 5 days 6 hours is rounding: the writer's unit sets how close the figure can be.
    const tolerance = Math.max(options.toleranceMinutes, roundingOf(duration));
    const diff = duration.minutes - actual;
    if (Math.abs(diff) <= tolerance) return;
    const replacement = formatDuration(actual, duration);
    report({
      message: `The summary says ${duration.text}, but ${windowStart.text} to ${windowEnd.text} is ${replacement} (${diff > 0 ? 'over' : 'under'} by ${describeMinutes(diff)}).`,
      start: duration.start,
      end: duration.end,
      fix: {
        title: `Replace "${duration.text}" with "${replacement}"`,
        edits: [{ start: duration.start, end: duration.end, newText: replacement }],
      },
    });
  },
);
