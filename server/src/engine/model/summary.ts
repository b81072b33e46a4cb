import type { Section, SummaryModel, TextField } from '../types';
import type { Duration, ParsedTimestamp, TimeOptions } from '../time/types';
import type { LineIndex } from '../util/lines';
import { findDurations, findTimestamps } from '../time';

// "Root cause:", "**Root cause**:", "**Root** **cause**:", "__Root cause:__": emphasis inside the label splits nothing.
const LABEL = /^[\s>*_\-+\d.)#—–•●]*(?:\*\*|__)?([A-Za-z](?:[A-Za-z /&()'-]|\*\*|__){1,50}?)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*/;
// Inline HTML around a label ('**<span style="…">Start:</span>**'): blanked out, keeping every offset.
const INLINE_TAG = /<\/?[A-Za-z][^<>\n]*>/g;
// A line that is nothing but a window: "January 18, 2024, 11:30 PM - January 19, 2024, 1:15 AM (GMT+1)".
const ONLY_MARKUP = /^[\s>*_\-+#—–•●([]*$/;
const MAX_LABEL = 41;
/** The most non-blank lines a lead above the summary's heading may have. */
const MAX_LEAD_LINES = 15;
// "Started 09:00 UTC", "- Ended at 11:00 UTC", "Began on March 3, 2025 at 09:00": a window end said without a colon.
const START_WORD =
  /^[\s>*_\-+\d.)#]*(?:\*\*|__)?(?:(?:the\s+)?(?:outage|incident|impact|downtime|issue)\s+)?(?:started|starts|start|began|begins|beginning)\b(?:\*\*|__)?/i;
const END_WORD =
  /^[\s>*_\-+\d.)#]*(?:\*\*|__)?(?:(?:the\s+)?(?:outage|incident|impact|downtime|issue)\s+)?(?:ended|ends|end|resolved|restored|recovered|mitigated|fixed)\b(?:\*\*|__)?/i;
const WORD_GAP = /^[\s*_:,-]*(?:(?:at|on|around|about|approximately|by)\s+)*$/i;
// "At 2:00 PM Central time … until 4:12 PM Central time": a window told as a story, on one line.
const STORY_FROM = /(?:^|[^\p{L}])(?:at|from|starting at|beginning at|began at|started at|since|around|about)[\s*_]*$/iu;
const STORY_UNTIL =
  /\b(?:until|till|through|up to|ending at|ended at|resolved at|restored at|recovered at)[\s*_]*(?:about\s+|around\s+|approximately\s+)?$/i;
const CONNECTOR =
  /^[\s,)*_]*(?:to|until|till|through|thru|and|-|–|—|->|→|(?:and\s+)?end(?:ed)?(?:[- ]?time)?\s*:?|(?:and\s+)?(?:(?:was|were|got|had been|has been)\s+)?(?:(?:fully|finally)\s+)?(?:resolved|fixed|restored|recovered|mitigated|ended|over|back up|back online)\s+(?:by|at|around|on)(?:\s+about|\s+around)?)[\s,(*_]*(?:on\s+)?$/i;
const FROM_BEFORE = /\b(?:from|between(?: the hours? of)?|started(?: at)?|starting(?: at)?|began(?: at)?|since)[\W_]*$/i;
const DURATION_CONTEXT =
  /\b(?:lasted|lasting|for(?: about| around| approximately| roughly| nearly| almost| over| a total of)?|duration(?: of)?|took|outage of|downtime of|over a period of|span(?:ned)?|total of)\W*(?:about |around |approximately |roughly |nearly |almost |over )?$/i;
const DURATION_AFTER =
  /^[\s,)]*(?:in total|total\b|altogether|(?:of|in) (?:total )?(?:downtime|outage|disruption|degradation|impact)\b|long\b)/i;
const PAREN_BEFORE = /\(\s*(?:about |around |approximately |roughly |~\s?)?$/i;
const PAREN_AFTER = /^\s*(?:in total|total|long)?\s*\)/i;
const BARE_HEADING = /^\s{0,3}#{1,6}\s+[^\n]*$|^\s*(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*$/;
const NOT_CAUSE_LABEL = /impact|affected|effect|experience|who/;
// A bound, not a figure: "under 3 hours", "less than an hour", "at most 16 hours", "a maximum of 2 days".
const DURATION_BOUND =
  /\b(?:under|less than|more than|over|fewer than|at (?:most|least|maximum|minimum|the most)|a (?:maximum|minimum) of|(?:bounded|limited|capped) (?:to|at)(?: (?:at )?(?:most|maximum|under|less than))?|up to|within|no more than|not more than|no longer than)\W*(?:(?:about|around|approximately|roughly|nearly|~)\s*)?$/i;
// Who or what was affected, and how: people and traffic, the words for being down or slow, a share.
const IMPACT =
  /\b(?:users?|customers?|clients?|visitors?|shoppers?|buyers?|subscribers?|members?|students?|employees?|staff|people|players?|patients?|tenants?|merchants?|accounts?|requests?|queries|orders?|transactions?|payments?|traffic|affect(?:ed|ing|s)?|impact(?:ed|ing)?|unavailable|inaccessible|unreachable|down\b|outage|disrupt(?:ed|ion|ions)|errors?|slow(?:ness|er)?|latency|delay(?:ed|s)?|failed|failing|failures?|could not|couldn't|unable|stall(?:ed|s)?|halt(?:ed|s)?|offline|crash(?:ed|es)?|stopped (?:working|responding|serving|producing|processing)|stale|(?:did not|didn't|never) (?:run|load|arrive|work|update|refresh|send|deliver))\b|\d+(?:\.\d+)?\s*%|\bper ?cent\b/i;
// The cause stated as a cause: "the root cause was", "caused by", "X caused Y", "a typo, causing …", "led to", "traced to".
const ROOT_CAUSE =
  /\b(?:root cause|caused|causing|was due to|due to|because|resulted from|result of|triggered(?: by)?|triggering|stemmed from|the cause|led to|owing to|attributed to|traced (?:back )?to|the culprit|the trigger(?: was)?)\b/i;
// A cause stated with no cue word: a fault named ("a bug in", "a misconfigured proxy", "a race", "the certificate had
// expired", "the binary differed from"), a step not taken ("we never enabled log rotation", "pushed without testing",
// "ran as root instead of nginx"), what the fault did ("a new mapping forced full scans", "a deploy took down the API"),
// or what ended it ("resolved once upstream connectivity stabilized", "rolling back the mapping fixed it").
const FAULT =
  /\b(?:bugs?|defects?|flaw(?:ed|s)?|regressions?|typos?|mis-?configur\w*|race condition|a race (?:in|between)|(?:memory )?leak(?:ed|s|ing)?|deadlocks?|mismatch(?:ed|es)?|differed|incompatib\w*|corrupt(?:ed|ion)?|expired|exhausted|ran (?:out|low) (?:of|on)|never (?:enabled|configured|set up|updated|tested|renewed)|forgot|(?:was|were)(?: not|n't) (?:enabled|configured|tested|updated|renewed)|without (?:testing|review|a test|(?!affecting|impacting|losing|interrupting|disrupting|noticing|warning)[a-z]+ing)|instead of|(?:after|when) (?:a|an|the|our|its)\b[^.]{0,60}?\b(?:lost|left|failed|crashed|expired|broke|dropped|went down|ran out|was (?:deleted|removed|misconfigured|overloaded))|(?:meant|intended) (?:only )?for\b|brought down|took down|broke|forced|overloaded|saturated|filled up|(?:rolling|rolled|rolls) back\b[^.]{0,60}\b(?:fixed|resolved|restored|ended|stopped)|revert(?:ing|ed)?\b[^.]{0,60}\b(?:fixed|resolved|restored|ended|stopped)|(?:resolved|recovered|cleared)\b[^.]{0,40}\b(?:once|when|after)\b[^.]{0,60}\b(?:stabili[sz]ed|recovered|was (?:fixed|restored|resolved)))\b/i;

interface Line {
  text: string;
  start: number;
  label: string | null;
  valueStart: number;
}

type Stamp = ParsedTimestamp & { instant: number | null };

function shiftStamp(ts: ParsedTimestamp, by: number): Stamp {
  const out: Stamp = { ...ts, start: ts.start + by, end: ts.end + by, instant: null };
  if (ts.date) out.date = { ...ts.date, start: ts.date.start + by, end: ts.date.end + by };
  if (ts.time) out.time = { ...ts.time, start: ts.time.start + by, end: ts.time.end + by };
  if (ts.zone) out.zone = { ...ts.zone, start: ts.zone.start + by, end: ts.zone.end + by };
  return out;
}

function shiftDuration(d: Duration, by: number): Duration {
  return { ...d, start: d.start + by, end: d.end + by };
}

/** Lines of a lead that are no prose: a table row, a comment, an HTML block, a rule or front matter fence, an image. */
const LEAD_SKIP = /^\s*(?:\||<!--|<[A-Za-z/]|-{3,}\s*$|\*{3,}\s*$|!\[|\[[^\]]*\]:)/;
/** "We never encountered an actual outage", "the service was never unavailable", "no user-facing impact": nothing to time or count. */
export const NO_OUTAGE =
  /\b(?:(?:never|did(?: not|n't)|was(?: not|n't)|were(?: not|n't)|no)\s+(?:\w+\s+){0,3}?(?:an?\s+)?(?:actual\s+|real\s+|any\s+)?(?:outage|downtime)\b(?!\s+(?:of|for|lasting|that lasted)\b)|(?:was|were|is|are|remained|stayed)\s+never\s+(?:\w+\s+)?(?:unavailable|down|offline|inaccessible|unreachable|interrupted)\b|(?:was|were)(?: not|n't)\s+(?:at any (?:time|point)\s+)?(?:unavailable|down|offline|inaccessible|unreachable)\b|\bno\s+(?:user|customer|client|end[- ]user|visitor|member|production|service)(?:[- ]?facing)?\s+(?:impact|outage|downtime|disruption|interruption)\b|\bno\s+(?:impact|disruption|interruption)\s+(?:to|on|for)\s+(?:\w+\s+){0,2}?(?:users?|customers?|clients?|visitors?|members?|service|production)\b|\b(?:users?|customers?|clients?|visitors?|members?)\s+(?:were|was)(?: not|n't)\s+(?:\w+\s+)?(?:affected|impacted)\b)/i;

/**
 * The untitled lead that the summary's heading closes: the prose between the title (or the heading the summary sits
 * under, or the top of the document) and the summary's heading, through any subtitle the profile does not know
 * ("## Network event affecting the validator"). None when a section of the profile stands in between, or when the
 * stretch is long (then it is a document of its own before the summary, not a lead).
 */
export function leadOf(text: string, lines: LineIndex, sections: Section[], summary: Section): { start: number; end: number } | null {
  const before = sections.filter((s) => s.headingStart < summary.headingStart).sort((a, b) => a.headingStart - b.headingStart);
  let start: number | null = null;
  for (let i = before.length - 1; i >= 0; i--) {
    const s = before[i] as Section;
    if (s.id !== null) return null;
    if (s.depth < summary.depth || i === 0) {
      start = s.bodyStart;
      break;
    }
  }
  if (start === null) {
    start = 0;
    const front = /^(?:\uFEFF)?(?:---|\+\+\+)[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
    if (front) start = front[0].length;
  }
  if (start >= summary.headingStart) return null;
  let prose = 0;
  for (let l = lines.lineOf(start); l < lines.lineOf(summary.headingStart); l++) if (lines.lineText(l).trim()) prose++;
  return prose <= MAX_LEAD_LINES ? { start, end: summary.headingStart } : null;
}

/** Reads the summary's declared duration, window, impact and root cause, however they are written. */
export function readSummary(text: string, lines: LineIndex, sections: Section[], opts: TimeOptions): Omit<SummaryModel, never> {
  const summary: SummaryModel = { duration: null, windowStart: null, windowEnd: null, impact: null, rootCause: null };
  const section = sections.find((s) => s.id === 'summary');
  if (!section) return summary;

  const body: Line[] = [];
  const read = (from: number, to: number): void => {
    let fence = false;
    for (let l = lines.lineOf(from); l <= lines.lineOf(Math.max(from, to - 1)); l++) {
      const start = Math.max(lines.lineStart(l), from);
      const end = Math.min(lines.lineEnd(l), to);
      if (end <= start) continue;
      const raw = text.slice(start, end);
      if (to !== section.end && /^\s*(?:```|~~~)/.test(raw)) fence = !fence;
      // In the lead, only prose counts: no code, table, comment or front matter.
      if (to !== section.end && (fence || LEAD_SKIP.test(raw))) continue;
      const t = raw.replace(INLINE_TAG, (tag) => ' '.repeat(tag.length));
      if (!t.trim()) continue;
      let m = LABEL.exec(t);
      const label =
        m?.[1]
          ?.replace(/\*\*|__/g, '')
          .toLowerCase()
          .replace(/[-_]+/g, ' ')
          .replace(/\s+/g, ' ')
          .trim() ?? null;
      if (label !== null && label.length > MAX_LABEL) m = null;
      body.push({ text: t, start, label: m ? label : null, valueStart: m ? start + m[0].length : start });
    }
  };
  read(section.bodyStart, section.end);
  // The lead's lines come after the summary's own: what the summary itself says wins.
  const lead = leadOf(text, lines, sections, section);
  if (lead) read(lead.start, lead.end);

  const field = (line: Line, from = line.valueStart): TextField => {
    const end = line.start + line.text.replace(/\s+$/, '').length;
    return { text: text.slice(from, end), start: from, end };
  };

  // Labelled fields first: "**Duration:** …", "Impact: …", "Root cause: …".
  for (const line of body) {
    const label = line.label;
    if (!label) continue;
    if (!summary.duration && /duration|downtime|length|how long|time to (?:resolve|recover)|outage time/.test(label)) {
      const d = findDurations(text.slice(line.valueStart, line.start + line.text.length))[0];
      if (d) summary.duration = shiftDuration(d, line.valueStart);
    }
    if (
      !summary.impact &&
      /impact|affected|effect|who was affected|scope/.test(label) &&
      !/window|time|start|end|duration|period|location|where|region|date|severity/.test(label)
    )
      summary.impact = field(line);
    if (!summary.rootCause && /cause/.test(label)) summary.rootCause = field(line);
    if (
      !summary.windowStart &&
      /^(?:start(?:ed)?(?: time)?|began|begin|outage start|incident start|start of (?:the )?outage)$/.test(label)
    ) {
      const ts = findTimestamps(text.slice(line.valueStart, line.start + line.text.length), opts).find((t) => t.time);
      if (ts) summary.windowStart = shiftStamp(ts, line.valueStart);
    }
    if (
      !summary.windowEnd &&
      /^(?:end(?:ed)?(?: time)?|resolved(?: at)?|resolution time|restored|recovered|outage end|incident end|end of (?:the )?outage)$/.test(
        label,
      )
    ) {
      const ts = findTimestamps(text.slice(line.valueStart, line.start + line.text.length), opts).find((t) => t.time);
      if (ts) summary.windowEnd = shiftStamp(ts, line.valueStart);
    }
  }

  // "Started 09:00 UTC" / "Ended 11:00 UTC", each on its line or bullet.
  for (const line of body) {
    if (line.label) continue;
    for (const [re, end] of [
      [START_WORD, false],
      [END_WORD, true],
    ] as const) {
      if (end ? summary.windowEnd : summary.windowStart) continue;
      const m = re.exec(line.text);
      if (!m) continue;
      const ts = findTimestamps(line.text, opts).find((t) => t.time);
      if (!ts || ts.start < m[0].length || !WORD_GAP.test(line.text.slice(m[0].length, ts.start))) continue;
      if (end) summary.windowEnd = shiftStamp(ts, line.start);
      else summary.windowStart = shiftStamp(ts, line.start);
    }
  }

  // A window written "from X to Y" / "between X and Y" anywhere in the summary.
  /** Ranges in brackets after a label ("Second incident (23:15-02:43 UTC / 16:15-19:43 PDT):"), one per line at most. */
  const bracketed: { a: ParsedTimestamp; b: ParsedTimestamp; line: Line }[] = [];
  if (!summary.windowStart || !summary.windowEnd) {
    outer: for (const [index, line] of body.entries()) {
      // "Duration:" alone on its line labels the window on the next.
      const prior = body[index - 1];
      const above = prior && prior.start < line.start ? prior : undefined;
      const labelAbove =
        above?.label !== null &&
        above !== undefined &&
        !text
          .slice(above.valueStart, above.start + above.text.length)
          .replace(INLINE_TAG, '')
          .replace(/[\s*_]+/g, '')
          ? above.label
          : null;
      const stamps = findTimestamps(line.text, opts);
      for (let i = 0; i + 1 < stamps.length; i++) {
        const a = stamps[i] as ParsedTimestamp;
        const b = stamps[i + 1] as ParsedTimestamp;
        if (!a.time || !b.time) continue;
        const between = line.text.slice(a.end, b.start);
        const before = line.text.slice(Math.max(0, a.start - 24), a.start);
        const label = line.label ?? labelAbove;
        const labelled = label !== null && /duration|window|time|period|outage|start|when/.test(label);
        const alone =
          ONLY_MARKUP.test(line.text.slice(line.label ? line.valueStart - line.start : 0, a.start)) &&
          /^[\s.*_)\]]*$/.test(line.text.slice(b.end));
        // "Second incident (23:15-02:43 UTC / 16:15-19:43 PDT):": a range in brackets after a label is a window.
        if (/\(\s*$/.test(before) && /^\s*[-–—]\s*$/.test(between) && !labelled && !FROM_BEFORE.test(before)) {
          bracketed.push({ a, b, line });
          continue;
        }
        if (
          CONNECTOR.test(between) &&
          (labelled || alone || FROM_BEFORE.test(before) || /^[\W_]*(?:to|until|till|end)/i.test(between.trim()))
        ) {
          summary.windowStart ??= shiftStamp(a, line.start);
          summary.windowEnd ??= shiftStamp(b, line.start);
          break outer;
        }
      }
      // Told as a story: "At 2:00 PM Central time, … It stayed down until 4:12 PM Central time." (dates between are skipped).
      const timed = stamps.filter((t) => t.time);
      for (let i = 0; i + 1 < timed.length; i++) {
        const a = timed[i] as ParsedTimestamp;
        const b = timed[i + 1] as ParsedTimestamp;
        if (STORY_FROM.test(line.text.slice(Math.max(0, a.start - 24), a.start)) && STORY_UNTIL.test(line.text.slice(a.end, b.start))) {
          summary.windowStart ??= shiftStamp(a, line.start);
          summary.windowEnd ??= shiftStamp(b, line.start);
          break outer;
        }
      }
    }
  }

  // One range in brackets is the window; one for each of several incidents says how long each lasted, and no more.
  const ownLines = new Set(bracketed.map((r) => r.line));
  const first = bracketed[0];
  if (first && !summary.windowStart && !summary.windowEnd) {
    if (ownLines.size === 1) {
      summary.windowStart = shiftStamp(first.a, first.line.start);
      summary.windowEnd = shiftStamp(first.b, first.line.start);
    } else {
      summary.severalWindows = {
        text: text.slice(first.a.start + first.line.start, first.b.end + first.line.start),
        start: first.a.start + first.line.start,
        end: first.b.end + first.line.start,
      };
    }
  }

  // The incident's date, stated without a window ("on March 3, 2025", "Date: 2025-03-03"): the first date in the summary.
  for (const line of body) {
    const d = findTimestamps(line.text, opts).find((t) => t.date && t.problems.length === 0)?.date;
    if (!d) continue;
    summary.date = {
      month: d.month,
      day: d.day,
      start: d.start + line.start,
      end: d.end + line.start,
      ...(d.year !== undefined ? { year: d.year } : {}),
    };
    break;
  }

  // A duration in a sentence: "the outage lasted 8 hours", "for 45 minutes".
  if (!summary.duration) {
    for (const line of body) {
      const found = findDurations(line.text).find(
        (d) =>
          DURATION_CONTEXT.test(line.text.slice(Math.max(0, d.start - 40), d.start)) ||
          // "…, 1 h 35 min in total", "45 minutes of downtime".
          DURATION_AFTER.test(line.text.slice(d.end, d.end + 30)) ||
          // "From 09:12 to 10:47 UTC (1 hour 35 minutes)": a duration alone in brackets, once the summary gives a window.
          (summary.windowEnd !== null &&
            PAREN_BEFORE.test(line.text.slice(Math.max(0, d.start - 16), d.start)) &&
            PAREN_AFTER.test(line.text.slice(d.end))),
      );
      if (found) {
        summary.duration = shiftDuration(found, line.start);
        break;
      }
    }
  }
  if (!summary.duration && !(summary.windowStart && summary.windowEnd)) {
    for (const line of body) {
      const found = findDurations(line.text).find((d) => DURATION_BOUND.test(line.text.slice(Math.max(0, d.start - 40), d.start)));
      if (found) {
        summary.durationBound = shiftDuration(found, line.start);
        break;
      }
    }
  }

  // "We never had an actual outage": the summary says there is no outage to time or count.
  for (const line of body) {
    // "an actual *outage*": emphasis is blanked out, keeping every offset.
    const m = NO_OUTAGE.exec(line.text.replace(/[*_]/g, ' '));
    if (!m) continue;
    summary.noOutage = { text: m[0], start: line.start + m.index, end: line.start + m.index + m[0].length };
    break;
  }

  // A heading line alone ("### Impact") states nothing; the lines under it do.
  const stated = body.filter((l) => !BARE_HEADING.test(l.text));
  if (!summary.impact) {
    const line = stated.find((l) => !l.label && IMPACT.test(l.text)) ?? stated.find((l) => IMPACT.test(l.text));
    if (line) summary.impact = field(line, line.start + (line.text.length - line.text.trimStart().length));
  }
  if (!summary.rootCause) {
    // "Impact: …, causing frustration" chains effects; the cause is stated elsewhere than the impact and duration fields.
    const line =
      stated.find((l) => !(l.label && NOT_CAUSE_LABEL.test(l.label)) && ROOT_CAUSE.test(l.text)) ??
      stated.find((l) => !(l.label && NOT_CAUSE_LABEL.test(l.label)) && FAULT.test(l.text));
    if (line) summary.rootCause = field(line, line.start + (line.text.length - line.text.trimStart().length));
  }
  return summary;
}
