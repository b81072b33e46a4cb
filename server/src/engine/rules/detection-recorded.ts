import type { TimelineEntry } from '../types';
import { phasesOf } from '../model/timeline';
import { defineRule } from './util';

/**
 * detection-recorded: the timeline says when the incident was detected (an entry whose phases include "detected",
 * from its words or a `[detected]` marker) and how (an alert, monitoring, a customer report, someone noticing).
 */

export const HOW_DETECTED = /\b(?:alert(?:s|ed|ing)?|alarms?|monitor(?:s|ed|ing)?|pag(?:e|ed|es|ing)|pager(?:duty)?|opsgenie|dashboards?|graphs?|metrics?|probes?|health ?checks?|synthetic|uptime|pingdom|datadog|prometheus|grafana|nagios|zabbix|borgmon|sentry|new relic|cloudwatch|statuspage|status page|canar(?:y|ies)|smoke tests?|tests?|ci|logs?|error rates?|customers?|users?|issues?|bug reports?|github|clients?|visitors?|support|tickets?|complain(?:ed|ts?)|reports?|reported|tweets?|twitter|social media|emails?|slack|warnings?|automated|automatic|notifications?|informed|notified|told|reached out|contacted|engineers?|developers?|operations|ops|on-?call|sre|team|someone|colleague|we|i)\b/i;

export default defineRule(
  { id: 'detection-recorded', description: 'The timeline says when and how the incident was detected.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report) => {
    const { model, text } = ctx;
    const section = model.sections.find((s) => s.id === 'timeline');
    // No timeline, or none read: required-sections and timeline-timestamp say so.
    if (!section || !model.timeline.length) return;
    // The entry's phases come from its first line; an entry written as a heading or a paragraph says more below.
    const whole = (e: TimelineEntry): string => text.slice(e.timestamp?.end ?? e.start, e.end).replace(/<!--[\s\S]*?-->/g, ' ');
    const detected = model.timeline.find((e) => e.phases.includes('detected') || phasesOf(whole(e)).includes('detected'));
    // "Detection time:" written above its timestamp, or a line of the timeline that is not an entry, says it too
    // (read only when no entry says it: the whole section is long).
    const saysDetected = (): boolean => phasesOf(text.slice(section.bodyStart, section.end).replace(/<!--[\s\S]*?-->/g, ' ').replace(/\[(?:acknowledged|escalated|mitigated|resolved|triggered)\]/gi, '')).includes('detected');
    if (!detected && !saysDetected()) {
      report({
        message: 'The timeline does not say when the incident was detected; add the entry (e.g. "10:05 UTC - the error-rate alert paged the on-call engineer"), or mark one with [detected].',
        start: section.headingStart,
        end: section.headingEnd,
      });
      return;
    }
    if (!detected) return;
    const words = whole(detected).replace(/^[\s\-–—:|*_)\]]*\[detected\]/i, '');
    if (HOW_DETECTED.test(words)) return;
    // A profile with a Detection section may say how there.
    const detection = model.sections.find((s) => s.id === 'detection');
    if (detection && HOW_DETECTED.test(text.slice(detection.bodyStart, detection.end).replace(/<!--[\s\S]*?-->/g, ' '))) return;
    const lineEnd = Math.min(detected.end, ctx.lines.lineEnd(detected.line));
    report({
      message: 'This entry says the incident was detected but not how: an alert or monitor, a customer report, an engineer noticing it?',
      start: detected.start,
      end: Math.max(detected.start + 1, lineEnd),
    });
  },
);
