/**
 * summary-matches-timeline: the first "detected" entry and the last "resolved" entry of the timeline (their
 * phases, from their words or markers) against the summary's window. A detection before the outage starts, or a
 * resolution after it ends, means one of the two is wrong.
 */
import { defineRule, describeMinutes } from './util';

export default defineRule(
  {
    id: 'summary-matches-timeline',
    description: "Detection and resolution in the timeline fall inside the summary's window.",
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      toleranceMinutes: {
        type: 'number',
        default: 5,
        description: "How far, in minutes, detection or resolution may fall outside the summary's window.",
      },
    },
  },
  (ctx, options, report) => {
    const { windowStart, windowEnd } = ctx.model.summary;
    const from = windowStart?.instant ?? null;
    const to = windowEnd?.instant ?? null;
    if (from === null || to === null || to < from) return;
    const tolerance = options.toleranceMinutes * 60000;
    const timeline = ctx.model.timeline;
    const detected = timeline.find((e) => e.instant !== null && e.phases.includes('detected'));
    const resolved = [...timeline].reverse().find((e) => e.instant !== null && e.phases.includes('resolved'));
    const check = (entry: typeof detected, what: string): void => {
      if (!entry?.timestamp || entry.instant === null) return;
      const before = from - entry.instant;
      const after = entry.instant - to;
      if (before > tolerance) {
        report({
          message: `The ${what} (${entry.timestamp.text}) is ${describeMinutes(before / 60000)} before the outage starts in the summary (${windowStart!.text}).`,
          start: entry.timestamp.start,
          end: entry.timestamp.end,
        });
      } else if (after > tolerance) {
        report({
          message: `The ${what} (${entry.timestamp.text}) is ${describeMinutes(after / 60000)} after the outage ends in the summary (${windowEnd!.text}).`,
          start: entry.timestamp.start,
          end: entry.timestamp.end,
        });
      }
    };
    check(detected, 'detection');
    if (resolved !== detected) check(resolved, 'resolution');
  },
);
