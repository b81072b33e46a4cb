/**
 * The phase of a timeline entry, read from what the entry says happened: its main statement, not what an action was
 * for, what was tried, what did not happen, what was planned or what someone was quoted saying.
 *
 * How it decides (docs/phases.md says the same for writers):
 * 1. A marker right after the timestamp (`[resolved]`) wins; then a label that opens the entry ("Resolution:",
 *    "**Detection time:**").
 * 2. Otherwise the text is cleaned (links to their words; code, HTML and quoted text dropped), cut into sentences
 *    and each sentence into clauses (at commas, semicolons, dashes and "and"/"but"/"while").
 * 3. In each clause, the words that do not state a fact are set aside: a purpose ("to resolve …", "for a deeper check
 *    and resolution"), an attempt ("attempted to roll back"), a plan ("will restore", "decided to roll back"), a
 *    negation ("not resolved", "did not help", "no resolution steps remain"), an unfinished action ("began
 *    patching"), a clause of circumstance ("after restarting …").
 * 4. What is left is matched against a small lexicon of statements per phase (LEXICON): verbs in a finished form
 *    ("was escalated", "rolled back", "restored") and states ("back online", "error rate dropped").
 * 5. The entry's phases are those of its first sentence that states any; a restoration said to be temporary or
 *    partial is a mitigation, and a fix followed by "errors continued" is no fix. The entry's phase is the furthest
 *    of them in the incident's course (detected, acknowledged, escalated, mitigated, resolved).
 * An entry that states none of these but tells of a deploy or a change gets 'triggered' (the old keyword reading).
 */
import type { Phase, PhaseReading } from '../types';
import type { ParsedTimestamp } from '../time/types';
import { CONTEXT, DID_NOT_WORK, LABEL, LABEL_PHASE, LEXICON, PHASE_WORD, PROBLEM, SET_ASIDE, TEMPORARY, TRIGGER } from './phaseLexicon';

/** The phases in the order an incident goes through them: an entry's phase is the furthest it states. */
export const PHASE_COURSE: readonly Phase[] = ['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved'];

/** How the hover names a phase ("escalation: 'was escalated'"). */
export const PHASE_NOUN: Record<Phase, string> = {
  triggered: 'trigger',
  detected: 'detection',
  acknowledged: 'acknowledgement',
  escalated: 'escalation',
  mitigated: 'mitigation',
  resolved: 'resolution',
};

/** A phase marker at the start of the entry's text, after the timestamp and its separator ("10:30 - [mitigated] …"). */
export const PHASE_MARKER = /^[\s\-–—:|*_)\]]*\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/i;

/** The words of an entry without markup: links to their text, code, URLs and HTML out, emphasis markers to spaces. */
function plain(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/```[\s\S]*?(?:```|$)/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/<\/?[A-Za-z][^<>\n]*>|&nbsp;/g, ' ')
    .replace(/[*_~]+/g, ' ')
    .replace(/\u00a0/g, ' ');
}

const QUOTED = /"[^"\n]{2,}"|“[^”\n]{2,}”|(?<![\p{L}\p{N}])'[^'\n]{3,}'(?![\p{L}\p{N}])|‘[^’\n]{3,}’|«[^»\n]{2,}»/gu;

const PROBLEM_RE = new RegExp(PROBLEM, 'i');
const REPORTED_QUOTE = /\b(report(?:s|ed)?|complain(?:s|ed)?|wr(?:ote|ites) in)\s*:?\s*("[^"\n]*"|“[^”\n]*”)/gi;

/** How much of an entry's text is read for its phase. */
const MAX_READ = 4000;

/** The sentences of a text: split at stops, blank lines and list bullets (a semicolon parts clauses of one sentence). */
function sentences(text: string): string[] {
  return text
    .replace(/\n[ \t]*(?:[-+*•●◦]|\d{1,2}[.)])[ \t]+/g, '\n\n')
    .split(/\n[ \t]*\n|(?<!\b(?:[ap]\.m|e\.g|i\.e|etc|vs|approx|no|ca|[A-Z]))[.!?](?=\s|$)|\s[-–—+]\s(?=[\p{Lu}])/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => /\p{L}/u.test(s));
}

/**
 * The clauses of a sentence: at commas, semicolons, dashes, colons and the conjunctions that join two statements (not
 * two nouns: "for a deeper check and resolution" stays one purpose).
 */
function clauses(sentence: string): string[] {
  return sentence
    .split(
      /[,;]|\s[-–—]\s|:\s|\s(?=(?:and|but|while|whilst|though|although|however|which|so|who)\s+(?:[^\s,;]+\s+){3}[^\s,;])|(?<!\b(?:such|well|same|soon))\s(?=as\s(?!(?:well|expected|needed|usual|normal|planned|intended|designed|before|soon|part|of|a|an)\b))/i,
    )
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A cue as a reader quotes it: with the auxiliary before it ("was escalated"). */
function quoteCue(clause: string, index: number, match: string): string {
  const before = clause.slice(0, index);
  const aux =
    /\b((?:was|were|is|are|been|has been|have been|had been|got|being)\s+(?:(?:\w+ly|then|also|later|finally|now|soon)\s+)?)$/i.exec(
      before,
    );
  return `${aux?.[1] ?? ''}${match}`.replace(/\s+/g, ' ').trim();
}

/**
 * Any statement of the lexicon, in one regex: most clauses state no phase, and one test then rules out all of LEXICON
 * (a union matches where one of its parts would; null, and not used, if the flags of the parts ever differ).
 */
const ANY_STATEMENT = LEXICON.every(([, re]) => re.flags === 'i')
  ? new RegExp(LEXICON.map(([, re]) => `(?:${lowerPattern(re.source)})`).join('|'))
  : null;

/** False when no pattern of LEXICON can match the text (true does not mean one does). */
export function mayStatePhase(text: string): boolean {
  return !ANY_STATEMENT || ANY_STATEMENT.test(text.toLowerCase());
}

/**
 * A case-insensitive pattern's source for lowercased text, to be compiled without the `i` flag: its letters
 * lowercased, escapes (`\S`, `\B`, `\p{Lu}`) kept as written. V8 compiles the union of the lexicon about
 * six times faster without `i` (25 ms of a cold start), and the test only rules clauses out, so it is run on
 * `clause.toLowerCase()`.
 */
export function lowerPattern(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c !== '\\') {
      out += c.toLowerCase();
      continue;
    }
    const next = source[i + 1] ?? '';
    let end = i + 2;
    if (/[pPu]/.test(next) && source[end] === '{') end = source.indexOf('}', end) + 1 || source.length;
    out += source.slice(i, end);
    i = end - 1;
  }
  return out;
}

interface ClauseReading {
  phases: { phase: Phase; cue: string }[];
  ignored: PhaseReading['ignored'];
  /** The clause without its set-aside words (empty for a circumstance). */
  kept: string;
}

function readClause(clause: string): ClauseReading {
  const ignored: PhaseReading['ignored'] = [];
  if (CONTEXT.test(clause)) {
    const words = PHASE_WORD.exec(clause);
    if (words) ignored.push({ words: words[0], why: 'context', in: clause });
    return { phases: [], ignored, kept: '' };
  }
  let kept = clause;
  for (const [why, re] of SET_ASIDE) {
    const m = re.exec(kept);
    if (!m) continue;
    const aside = kept.slice(m.index);
    const words = PHASE_WORD.exec(aside);
    if (words) ignored.push({ words: words[0], why: why as PhaseReading['ignored'][number]['why'], in: aside.trim() });
    kept = kept.slice(0, m.index);
  }
  const phases: ClauseReading['phases'] = [];
  if (!mayStatePhase(kept)) return { phases, ignored, kept };
  for (const [phase, re] of LEXICON) {
    if (phases.some((p) => p.phase === phase)) continue;
    const m = re.exec(kept);
    if (!m) continue;
    // "the monitoring system alerted the team": the monitor's alert is a detection, not an escalation.
    phases.push({ phase, cue: quoteCue(kept, m.index, m[0]) });
  }
  return { phases, ignored, kept };
}

function furthest(phases: Phase[]): Phase | null {
  for (let i = PHASE_COURSE.length - 1; i >= 0; i--) if (phases.includes(PHASE_COURSE[i] as Phase)) return PHASE_COURSE[i] as Phase;
  return phases.includes('triggered') ? 'triggered' : null;
}

function inCourse(phases: Iterable<Phase>): Phase[] {
  const set = new Set(phases);
  return [...PHASE_COURSE, 'triggered' as Phase].filter((p) => set.has(p));
}

/** Every sentence's reading, in order. */
function readSentences(
  words: string,
  untilPhase = false,
): { phases: { phase: Phase; cue: string }[]; ignored: PhaseReading['ignored']; kept: string }[] {
  const quotes: PhaseReading['ignored'] = [];
  // "Tim reports: "the site is down"": what was reported is quoted, and the report is the statement.
  const reported = words.replace(REPORTED_QUOTE, (all: string, verb: string, quote: string) =>
    PROBLEM_RE.test(quote) ? `${verb} a problem` : all,
  );
  const unquoted = reported.replace(QUOTED, (q) => {
    const w = PHASE_WORD.exec(q);
    if (w) quotes.push({ words: w[0], why: 'quoted', in: q });
    return ' '.repeat(q.length);
  });
  const out: { phases: { phase: Phase; cue: string }[]; ignored: PhaseReading['ignored']; kept: string }[] = [];
  for (const sentence of sentences(unquoted)) {
    const ignored: PhaseReading['ignored'] = [];
    let phases: { phase: Phase; cue: string }[] = [];
    let kept = '';
    for (const clause of clauses(sentence)) {
      const r = readClause(clause);
      ignored.push(...r.ignored);
      kept += ` ${r.kept},`;
      for (const p of r.phases) if (!phases.some((q) => q.phase === p.phase)) phases.push(p);
    }
    if (phases.some((q) => q.phase === 'mitigated' || q.phase === 'resolved') && DID_NOT_WORK.test(sentence)) {
      for (const p of phases.filter((q) => q.phase === 'mitigated' || q.phase === 'resolved'))
        ignored.push({ words: p.cue, why: 'did not work', in: sentence });
      phases = phases.filter((q) => q.phase !== 'mitigated' && q.phase !== 'resolved');
    }
    const resolved = phases.find((q) => q.phase === 'resolved');
    // "writes succeed again, impact mitigated": the writer calls it a mitigation, and a restoration beside it is one.
    const saysMitigated = phases.some((q) => q.phase === 'mitigated' && /\bmitigated\b/i.test(q.cue));
    if (resolved && saysMitigated && !/\bresolved\b/i.test(resolved.cue)) {
      phases = phases.filter((q) => q.phase !== 'resolved');
    } else if (resolved && TEMPORARY.test(sentence)) {
      phases = phases.filter((q) => q.phase !== 'resolved');
      if (!phases.some((q) => q.phase === 'mitigated'))
        phases.push({ phase: 'mitigated', cue: `${resolved.cue} (${TEMPORARY.exec(sentence)?.[0] ?? 'temporary'})` });
    }
    out.push({ phases, ignored, kept });
    if (untilPhase && phases.length) break;
  }
  if (out[0]) out[0].ignored.unshift(...quotes);
  else if (quotes.length) out.push({ phases: [], ignored: quotes, kept: '' });
  return out;
}

/**
 * How an entry's text reads (its timestamp already taken out): the marker, else the label, else its first sentence
 * that states a phase.
 */
export function readPhase(text: string): PhaseReading {
  const marker = PHASE_MARKER.exec(text);
  if (marker?.[1]) {
    const phase = marker[1].toLowerCase() as Phase;
    return { phase, phases: [phase], source: 'marker', cue: `[${marker[1]}]`, ignored: [] };
  }
  // The main statement is at the entry's start: a long body (a heading entry's section) is read no further than this.
  const words = plain(text.length > MAX_READ ? text.slice(0, MAX_READ) : text);
  const read = readSentences(words, true);
  const ignored = read.flatMap((s) => s.ignored);
  const first = read.find((s) => s.phases.length);
  const label = LABEL.exec(words);
  if (label?.[1]) {
    const phase = LABEL_PHASE[label[1].toLowerCase().replace('acknowledgment', 'acknowledgement')] ?? 'resolved';
    const phases = inCourse([phase, ...(first?.phases.map((p) => p.phase) ?? [])]);
    return { phase, phases, source: 'label', cue: label[0].replace(/[\s\-–—:|*_#>)\]+•]+/g, ' ').trim(), ignored };
  }
  if (first) {
    const phases = inCourse(first.phases.map((p) => p.phase));
    const phase = furthest(phases);
    return { phase, phases, source: 'words', cue: first.phases.find((p) => p.phase === phase)?.cue ?? null, ignored };
  }
  const trigger = TRIGGER.exec(read.map((s) => s.kept).join(' '));
  if (trigger) return { phase: 'triggered', phases: ['triggered'], source: 'words', cue: trigger[0], ignored };
  return { phase: null, phases: [], source: 'none', cue: null, ignored };
}

/** The phases an entry's text states (see readPhase). */
export function phasesOf(text: string): Phase[] {
  return readPhase(text).phases;
}

/** Words without which a sentence states no detection: phasesMentioned(text, 'detected') reads only sentences with one. */
const DETECTION_STEMS =
  /detect|notic|spott|alert|report|complain|aware|inform|notif|pag(?:e|ed|es|ing)\b|monitor|reached out|ticket|wr(?:o|i)te|receiv|warning|post|check|alarm/i;

/**
 * The phases any sentence of a longer text states: "does the timeline say anywhere that it was detected?". With
 * `only: 'detected'`, sentences that cannot state a detection are not read (a long timeline is read fast).
 */
export function phasesMentioned(text: string, only?: 'detected'): Phase[] {
  const marker = PHASE_MARKER.exec(text);
  const found = new Set<Phase>(marker?.[1] ? [marker[1].toLowerCase() as Phase] : []);
  const words = plain(text);
  for (const line of words.split('\n')) {
    const label = LABEL.exec(line);
    if (label?.[1]) found.add(LABEL_PHASE[label[1].toLowerCase().replace('acknowledgment', 'acknowledgement')] ?? 'resolved');
  }
  const read = only
    ? sentences(words)
        .filter((s) => DETECTION_STEMS.test(s))
        .join('.\n\n')
    : words;
  for (const s of readSentences(read)) for (const p of s.phases) found.add(p.phase);
  return inCourse(found);
}

/**
 * The reading of an entry from its whole text, continuation lines included, without its timestamp: a marker right
 * after the timestamp wins; the words before the timestamp (a table's first cells, "Detection time:") are read first.
 */
export function readEntryPhase(text: string, entry: { start: number; end: number; timestamp: ParsedTimestamp | null }): PhaseReading {
  const ts = entry.timestamp;
  const after = text.slice(ts ? ts.end : entry.start, entry.end);
  if (PHASE_MARKER.test(after)) return readPhase(after);
  const before = ts ? text.slice(entry.start, ts.start) : '';
  // A table row's cells are its clauses: "| 10:30 | Alert fires | Sam |".
  return readPhase(`${before.replace(/\|/g, '\n\n')}\n\n${after.replace(/\|/g, '\n\n')}`.replace(/^[\s\-–—:|)\]]+/, ''));
}

/** The phases of an entry (see readEntryPhase). */
export function entryPhases(text: string, entry: { start: number; end: number; timestamp: ParsedTimestamp | null }): Phase[] {
  return readEntryPhase(text, entry).phases;
}
