import type { ModelContext } from '../model';
import { findDurations, findTimestamps } from '../time';
import { NO_OUTAGE, leadOf } from '../model/summary';
import { defineRule } from './util';

/**
 * impact-quantified: the impact says who was affected and how much (a count, a share, money, a duration), not only
 * "some users". Reads the profile's impact section when it has one, else the summary's impact.
 */

const WHO = String.raw`(?:users?|customers?|clients?|visitors?|shoppers?|buyers?|merchants?|sellers?|subscribers?|members?|accounts?|tenants?|people|players?|students?|patients?|devices?|requests?|queries|query|calls?|transactions?|payments?|orders?|purchases?|bookings?|sessions?|logins?|sign-?ups?|signups?|page ?views?|pages?|sites?|websites?|downloads?|uploads?|messages?|emails?|notifications?|alerts?|events?|records?|rows?|files?|jobs?|builds?|deploys?|deployments?|pods?|nodes?|servers?|instances?|machines?|hosts?|clusters?|regions?|zones?|services?|apis?|endpoints?|repos?|repositories|pull requests?|prs?|projects?|teams?|tickets?|cases?|support (?:tickets?|requests?|cases?)|complaints?|errors?|failures?|timeouts?|incidents?|traffic|revenue|sales|launches|sessions|containers?|databases?|workflows?|pipelines?|api calls?)`;
const NUMBER_WORD = String.raw`(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a hundred|hundreds|a thousand|thousands|tens of thousands|hundreds of thousands|a million|millions|dozens|a dozen)`;

const QUANTITY: RegExp[] = [
  /\d+(?:[.,]\d+)?\s*(?:%|percent\b|per cent\b)/i,
  /[$€£¥₦₹]\s?\d|\b\d[\d,.]*\s?(?:k|m|bn)?\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|naira|rupees?)\b/i,
  new RegExp(String.raw`\b\d[\d,.]*\s*(?:k|m|b|bn|million|billion|thousand|hundred)?\+?\s+(?:[\w'-]+\s+){0,3}?${WHO}\b`, 'i'),
  new RegExp(String.raw`\b${NUMBER_WORD}\s+(?:of\s+)?(?:[\w'-]+\s+){0,3}?${WHO}\b`, 'i'),
  new RegExp(
    String.raw`\b(?:all|every|each|entire|whole|no|none of the|nobody|no one|half|a third|a quarter|two-thirds|three-quarters|one in (?:\d+|\w+)|\d+ (?:out )?of (?:\d+|every|the))\s+(?:of\s+)?(?:the\s+|our\s+|its\s+)?(?:[\w'-]+\s+){0,2}?${WHO}\b`,
    'i',
  ),
  /\b(?:the )?(?:entire|whole) (?:site|website|service|platform|application|app|api|system|product)\b/i,
  /\b(?:completely|fully|totally|entirely) (?:down|unavailable|inaccessible|unreachable|offline)\b/i,
  /\b(?:down|unavailable|inaccessible|unreachable|offline)[ \t]+(?:completely|fully|totally|entirely)\b/i,
  // "one mojo deducted", "two credits refunded", "3 tokens lost": a number before a unit or currency taken or given.
  new RegExp(
    String.raw`\b(?:\d[\d,.]*|${NUMBER_WORD})\s+[\w'-]+\s+(?:(?:was|were)\s+)?(?:deducted|charged|debited|refunded|credited|billed|overcharged|lost|stolen|withdrawn|spent)\b`,
    'i',
  ),
  /\b(?:complete|total|full) (?:downtime|outage|loss|unavailability)\b/i,
  /\b(?:anyone|everyone|everybody|any (?:user|customer|visitor|client|request))\b/i,
  /\b100\s*%/,
];

const IMPACT_WINDOW = /\bimpact(?:ed)?[\s*_]+(?:window|period|duration|time)\b/i;

const VAGUE =
  /\b(?:some|several|many|a few|a number of|certain|a subset of|a portion of|a handful of|numerous|various|multiple|most|a lot of|a large number of|a significant number of|some of (?:the|our))\s+(?:\w+\s+){0,2}?(?:users?|customers?|clients?|visitors?|requests?|people|accounts?|services?|sites?|orders?|transactions?)\b/i;

const PLACEHOLDER =
  /\b(?:TODO|TBD|TBA|FIXME|XXX+)\b|\[\s*(?:insert|add|fill|your|enter|describe|todo)\b|<\s*(?:fill|insert|add|your|enter)\b|\{\{?\s*[A-Z][A-Z_ ]{1,30}\s*\}?\}|…|\?{3,}/;

/** The impact text and where to report: the impact section, or the summary's impact statement. */
function impactOf(ctx: ModelContext): { text: string; start: number; end: number; reportStart: number; reportEnd: number } | null {
  const { model, profile, text, lines } = ctx;
  const own = new Set(profile.sections.filter((s) => s.id !== 'summary' && s.holds?.includes('impact')).map((s) => s.id));
  const sections = model.sections.filter((s) => s.id !== null && own.has(s.id));
  const first = sections[0];
  if (first) {
    const body = sections.map((s) => text.slice(s.bodyStart, s.end)).join('\n');
    return {
      text: body,
      start: first.bodyStart,
      end: first.end,
      reportStart: first.headingStart,
      reportEnd: first.headingEnd,
    };
  }
  if (!profile.sections.find((s) => s.id === 'summary')?.holds?.includes('impact')) return null;
  const summary = model.sections.find((s) => s.id === 'summary');
  const field = model.summary.impact;
  if (!summary || !field) return null;
  const last = lines.lineOf(Math.max(summary.bodyStart, summary.end - 1));
  const line = lines.lineOf(field.start);
  const lineText = lines.lineText(line);
  const labelled = text.slice(lines.lineStart(line), field.start).includes(':');
  const report = { reportStart: field.start, reportEnd: field.end };
  // "## Impact" (or a bold "Impact" line) inside the summary: the statement is what follows, up to the next heading.
  if (/^\s*#{1,6}\s/.test(lineText) || /^\s*(?:\*\*|__)?\s*impact\s*:?\s*(?:\*\*|__)?\s*:?\s*$/i.test(lineText)) {
    const start = Math.min(summary.end, lines.lineEnd(line));
    let end = summary.end;
    for (let l = line + 1; l <= last; l++) {
      if (/^\s*#{1,6}\s/.test(lines.lineText(l))) {
        end = Math.min(end, lines.lineStart(l));
        break;
      }
    }
    return { text: text.slice(start, end), start, end, ...report };
  }
  // "Impact: …": the field and the lines that continue it, up to a blank line or the next "Label:".
  if (labelled) {
    let end = field.end;
    for (let l = line + 1; l <= last; l++) {
      const t = lines.lineText(l);
      if (!t.trim() || lines.lineStart(l) >= summary.end) break;
      if (/^[\s>*_\-+\d.)#]*(?:\*\*|__)?[A-Za-z][A-Za-z /&()'-]{1,40}(?:\*\*|__)?\s*:/.test(t)) break;
      end = Math.min(summary.end, lines.lineEnd(l));
    }
    return { text: text.slice(field.start, end), start: field.start, end, ...report };
  }
  // An impact told in sentences: the summary as a whole says it (with the lead above its heading, when that says it).
  const lead = leadOf(text, lines, model.sections, summary);
  const from = Math.min(summary.bodyStart, lines.lineStart(line), lead?.start ?? summary.bodyStart);
  return { text: text.slice(from, summary.end), start: from, end: summary.end, ...report };
}

/** The text with timestamps, dates and HTTP status codes blanked out, so that "at 10:42 users…" is no count. */
function withoutTimes(ctx: ModelContext, s: string): string {
  let out = s;
  for (const ts of findTimestamps(s, ctx.timeOptions)) out = out.slice(0, ts.start) + ' '.repeat(ts.end - ts.start) + out.slice(ts.end);
  return out
    .replace(/<!--[\s\S]*?-->/g, (m) => ' '.repeat(m.length))
    .replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length))
    .replace(
      /\b(?:HTTP|status(?: code)?|error(?: code)?|code)\s*[1-5]\d\d\b|\b[1-5]\d\d(?=\s+(?:\w+\s+)?(?:errors?|responses?|status|pages?))/gi,
      (m) => ' '.repeat(m.length),
    )
    .replace(/\b(?:v|version\s*)\d+(?:\.\d+)*\b|\b\d+(?:\.\d+){2,}\b/gi, (m) => ' '.repeat(m.length));
}

export default defineRule(
  {
    id: 'impact-quantified',
    description: 'The impact says who was affected and how much (a count, a share, money, a duration).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  (ctx, _options, report) => {
    const impact = impactOf(ctx);
    if (!impact) return;
    const raw = impact.text.replace(/<!--[\s\S]*?-->/g, '');
    // An empty impact is empty-section's or summary-fields' finding.
    if (!/[\p{L}\p{N}]/u.test(raw)) return;
    // A placeholder left in ("TODO describe the impact") is no-placeholder's finding.
    if (PLACEHOLDER.test(raw)) return;
    // "No customer impact", "we never had an actual outage": there is nothing to count.
    if (ctx.model.summary.noOutage || NO_OUTAGE.test(raw)) return;
    // "Impact window: 08:43–10:52 UTC": the summary says how long the impact lasted.
    const { windowStart, windowEnd } = ctx.model.summary;
    if (windowStart && windowEnd && IMPACT_WINDOW.test(ctx.lines.lineText(ctx.lines.lineOf(windowStart.start)))) return;
    const text = withoutTimes(ctx, impact.text);
    if (QUANTITY.some((re) => re.test(text)) || findDurations(text).length) return;
    const vague = VAGUE.exec(text)?.[0];
    report({
      message: `The impact does not say how many or how much${vague ? ` ("${vague.replace(/\s+/g, ' ')}" could be 20 or 20,000)` : ''}; give a count (4,100 orders), a share (38% of requests), money, or how long users were affected.`,
      start: impact.reportStart,
      end: impact.reportEnd,
    });
  },
);
