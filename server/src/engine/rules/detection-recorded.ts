import type { TimelineEntry } from '../types';
import { phasesMentioned } from '../model/phase';
import { defineRule } from './util';

/**
 * detection-recorded: the timeline says when the incident was detected (an entry whose phases include "detected",
 * from its words or a `[detected]` marker) and how (an alert, monitoring, a customer report, someone noticing).
 */

export const HOW_DETECTED =
  /\b(?:alert(?:s|ed|ing)?|alarms?|monitor(?:s|ed|ing)?|pag(?:e|ed|es|ing)|pager(?:duty)?|opsgenie|dashboards?|graphs?|metrics?|probes?|health ?checks?|synthetic|uptime|pingdom|datadog|prometheus|grafana|nagios|zabbix|borgmon|sentry|new relic|cloudwatch|statuspage|status page|canar(?:y|ies)|smoke tests?|tests?|ci|logs?|error rates?|customers?|users?|issues?|bug reports?|github|clients?|visitors?|support|tickets?|complain(?:ed|ts?)|reports?|reported|testing|tested|qa|reviews?|audits?|tweets?|twitter|social media|emails?|e-mails?|slack|discord|telegram|keybase|forums?|people|community|post(?:s|ed|ing)|warnings?|automated|automatic|notifications?|informed|notified|told|reached out|contacted|engineers?|developers?|operations|ops|on-?call|sre|team|someone|colleague|we|i)\b/i;

/** Someone noticed it: a noticing verb in the active voice after its subject ("the employee notices", "Andre discovers"). */
const SOMEONE_NOTICED =
  /\b(?!(?:was|were|is|are|been|be|being|it|this|that|which|issue|problem|outage|incident|error|errors|bug|failure|anomaly|degradation|downtime|exploit|vulnerability|irregularities|and|then|also|first)\b)[A-Za-z][\w'’-]*\s+(?:(?:first|then|also|quickly|soon|finally|later)\s+)?(?:notic(?:es|ed)|discover(?:s|ed)|spott?(?:s|ed)|realiz(?:es|ed)|realis(?:es|ed)|sees|saw|found|finds)\b/i;
/** "Detection method: …", "Detected by: …", "How it was found: …": the how, said as a field. */
const HOW_FIELD =
  /(?<![A-Za-z])(?:detection (?:method|source|mechanism)|detected (?:by|via|through)|discovered (?:by|via|through)|how (?:it was|we|the issue was|the incident was) (?:found|detected|noticed|discovered)|found by|reported by)[\W_]{0,8}[^\s*_]/i;

export default defineRule(
  {
    id: 'detection-recorded',
    description: 'The timeline says when and how the incident was detected.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report) => {
    const { model, text } = ctx;
    const section = model.sections.find((s) => s.id === 'timeline');
    // No timeline, or none read: required-sections and timeline-timestamp say so.
    if (!section || !model.timeline.length) return;
    // The entry's phases come from its main statement; an entry of several lines may say it further down.
    const whole = (e: TimelineEntry): string => text.slice(e.timestamp?.end ?? e.start, e.end).replace(/<!--[\s\S]*?-->/g, ' ');
    const severalLines = (e: TimelineEntry): boolean => text.lastIndexOf('\n', e.end - 2) >= e.start;
    const detected =
      model.timeline.find((e) => e.phases.includes('detected')) ??
      model.timeline.find((e) => severalLines(e) && phasesMentioned(whole(e), 'detected').includes('detected'));
    // "Detection time:" written above its timestamp, or a line of the timeline that is not an entry, says it too
    // (read only when no entry says it: the whole section is long).
    const saysDetected = (): boolean =>
      phasesMentioned(
        text
          .slice(section.bodyStart, section.end)
          .replace(/<!--[\s\S]*?-->/g, ' ')
          .replace(/\[(?:acknowledged|escalated|mitigated|resolved|triggered)\]/gi, ''),
        'detected',
      ).includes('detected');
    if (!detected && !saysDetected()) {
      report({
        message:
          'The timeline does not say when the incident was detected; add the entry (e.g. "10:05 UTC - the error-rate alert paged the on-call engineer"), or mark one with [detected].',
        start: section.headingStart,
        end: section.headingEnd,
      });
      return;
    }
    if (!detected) return;
    const words = whole(detected).replace(/^[\s\-–—:|*_)\]]*\[detected\]/i, '');
    if (HOW_DETECTED.test(words) || SOMEONE_NOTICED.test(words)) return;
    // Said on the next lines, up to the next timed entry: "- Detection Time: 10:15", then "- Detection Method: an alert".
    const next = model.timeline.find((e) => e.start >= detected.end && e.timestamp?.time);
    const below = text.slice(detected.end, Math.min(next ? next.start : section.end, detected.end + 600)).replace(/<!--[\s\S]*?-->/g, ' ');
    if (HOW_FIELD.test(below)) return;
    // The how said as a field anywhere in the timeline or the summary ("Detection method: customer reports").
    const summary = model.sections.find((s) => s.id === 'summary');
    if (
      HOW_FIELD.test(text.slice(section.bodyStart, section.end)) ||
      (summary && HOW_FIELD.test(text.slice(summary.bodyStart, summary.end)))
    )
      return;
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
