import type { Nodes, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { ruleMemo } from '../model/cache';
import { defineRule } from './util';

/**
 * blameless-language: blame aimed at people instead of the systems that let a mistake through.
 * Only prose is read (paragraphs, headings, table cells; not code, HTML, links' targets or front matter), and only
 * phrases aimed at a person: "the disk failed to mount" or "the health check failed" are about systems and pass.
 */

/** Someone named by role ("the on-call engineer", "a junior developer"). */
const ROLE = String.raw`(?:(?:junior|senior|new|on-?call|devops|backend|back-end|frontend|front-end|database|network|release|support|site reliability|supervising|responsible|lead|staff|principal|web|security|platform|ops|qa)\s+)*(?:engineer|developer|dev|programmer|admin|administrator|sysadmin|human operator|sre|intern|employee|contractor|team member|teammate|colleague|co-?worker|dba|technician|new hire|on-?caller|person on call)`;
const DETERMINER = String.raw`(?:the|a|an|one|that|this|another|our|their|his|her)`;
/** A person as the subject of a sentence: a role with its article, "he"/"she", or an @handle. */
const PERSON = String.raw`(?:${DETERMINER}\s+${ROLE}|\bhe|\bshe|@[\w-]+)`;
/** Words that may stand between the person and the verb: "on duty", "(Sam)", "had", "then". */
const FILLER = String.raw`(?:\s+(?:on duty|on call|on shift|in charge|\([^)\n]{1,30}\)))?(?:\s+(?:had|has|then|also|simply|just|clearly|obviously|apparently|unfortunately))*`;
/** A capitalised name, not a word that commonly starts a sentence. */
const NAME = String.raw`\b(?!(?:The|This|That|These|Those|It|We|I|They|You|He|She|A|An|Our|Their|Then|When|After|Before|Also|There|Here|Once|While|Since|Because|But|And|So|If|At|On|In|By|Finally|Later|Meanwhile|Everyone|Nobody|Someone|Somebody)\b)[A-Z][a-z]+(?:\s[A-Z][a-z]+)?`;

const BLAME_VERB = String.raw`(?:forgot|forgotten|forgets|neglected(?: to)?|failed to|accidentally|mistakenly|inadvertently|carelessly|wrongly|erroneously|ignored|missed|overlooked|messed up|screwed up|botched|fat-fingered|broke|made (?:a|an) (?:mistake|error|blunder)|did(?:n['’]t| not) (?:bother|check|test|notice|follow|read|think|verify|double-check|pay attention))`;
/** Verbs only a person does, so that a capitalised name before them ("Sam forgot") is a person, not a system ("Traefik failed to start"). */
const PERSON_ONLY_VERB = String.raw`(?:forgot|neglected to|carelessly|fat-fingered|messed up|screwed up|made (?:a|an) (?:mistake|blunder)|did(?:n['’]t| not) bother|failed to (?:check|test|notice|follow|read|review|realize|realise|remember|double-check|ask|consider|escalate|inform|pay attention))`;

interface Pattern {
  re: RegExp;
  /** Why the match is blame, and what to write instead. */
  message: (match: string) => string;
  /** Whether the match, in its sentence, is not blame after all. */
  skip?: (m: RegExpExecArray, text: string, sentence: string) => boolean;
}

const quote = (s: string): string => `"${s.replace(/\s+/g, ' ').trim()}"`;

/** A statement about failures in general ("failure can stem from bugs, traffic spikes, human error…"), not about this incident. */
function generic(m: RegExpExecArray, text: string, sentence: string): boolean {
  const before = text.slice(Math.max(0, m.index - 40), m.index);
  if (/\b(?:not|no|never|isn['’]t|wasn['’]t|rather than|instead of|beyond|avoid|blameless)\b[^.!?]*$/i.test(before)) return true;
  if (/["“‘']\s*$/.test(before)) return true;
  if (/\b(?:can|could|may|might|any|every|such as|e\.g\.|for example|including|like)\b/i.test(sentence)) return true;
  return (sentence.match(/,/g)?.length ?? 0) >= 3;
}

function negated(m: RegExpExecArray, text: string): boolean {
  return /(?:\b(?:not|no|never|nobody|no one|no-one|rather than|instead of)|n['’]t)\s+(?:\w+\s+){0,2}$/i.test(
    text.slice(Math.max(0, m.index - 30), m.index),
  );
}

const PATTERNS: Pattern[] = [
  {
    re: /\b(?:human|operator|pilot)[ -](?:error|mistake|failure)s?\b/gi,
    message: (s) =>
      `${quote(s)} names a person as the cause; say what let the mistake through instead (e.g. "the deploy tool accepted an invalid value without validation").`,
    skip: generic,
  },
  {
    re: new RegExp(
      String.raw`(?:(?<![\p{L}\p{N}_@])[\p{L}@][\w@.-]*['’]s|\b(?:his|her|their))\s+(?:fault|negligence|carelessness|blunder|mistake|error(?!\s+(?:budget|rate|log|message|handling|page|code|count|response)))s?\b`,
      'giu',
    ),
    message: (s) =>
      `${quote(s)} assigns blame to a person; describe the conditions that made the mistake possible (e.g. "the change reached production without a review step").`,
    skip: (m, text) => {
      if (negated(m, text) || text[m.index - 1] === '/') return true;
      const word = /^[^\s'’]+/.exec(m[0])?.[0] ?? '';
      const owner = word.toLowerCase();
      if (/^(?:nobody|no-one|anyone|anybody|everyone|one|it|today|yesterday|my|our)$/.test(owner)) return true;
      if (/^(?:his|her|their)$/.test(owner) || owner.startsWith('@') || new RegExp(`^${ROLE}$`, 'i').test(owner)) return false;
      // "Sam's fault", "Sam's mistake" blame a person; "Traefik's error" is about a program, "the cache's fault" about a system.
      return !(/^[A-Z][a-z]+$/.test(word) && !/errors?$/i.test(m[0]));
    },
  },
  {
    re: new RegExp(
      String.raw`${PERSON}\s+(?:was|is|were)\s+(?:at fault|to blame|responsible for (?:the|this) (?:outage|incident|failure))\b|\bblam(?:e|es|ed|ing)\s+(?:it\s+)?(?:on\s+)?(?:${PERSON}|him|her|them)\b`,
      'gi',
    ),
    message: (s) =>
      `${quote(s)} blames a person; say which safeguard was missing instead (e.g. "nothing checked the value before the release").`,
    skip: (m, text) => negated(m, text),
  },
  {
    re: /\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|incompeten(?:t|ce|tly)|sloppy(?!\s+quorum)|sloppiness|(?:(?:was|were|is|are|being|been|got|too|so|just|plain)\s+)lazy\b(?![\s-]*(?:load\w*|init\w*|eval\w*|continuation|lines?|checks?|deletion|expiration|invalidation|requires?|promises?|values?|props?))|lazy\s+(?:engineers?|developers?|devs?|admins?|people|person|team|coworkers?|colleagues?|attitude)\b|laziness|reckless(?:ly|ness)?|irresponsibl[ey]|stupid(?:ity)?|idiot(?:ic)?|clueless|inattenti(?:ve|on)|dumb (?:mistake|error)|(?:was|were)(?:n['’]t| not) paying attention|did(?:n['’]t| not) pay attention)\b/gi,
    message: (s) =>
      `${quote(s)} judges a person; describe the missing safeguard instead (e.g. "the command ran against production without a confirmation step").`,
    // Licence boilerplate ("INCLUDING NEGLIGENCE OR OTHERWISE") is not about the incident.
    skip: (m, text, sentence) => negated(m, text) || /\b(?:liabilit|warrant|tort|licen[cs]|damages|disclaim)/i.test(sentence),
  },
  {
    re: /\b(\w+(?:\s+\w+){0,3})\s+should(?:n['’]t| not)? have (known|realized|realised|remembered|been (?:more )?(?:careful|aware|attentive)|paid (?:more )?attention|thought|noticed|seen|spotted|caught|checked|double-checked|tested|read|asked)\b/gi,
    message: (s) =>
      `${quote(s.replace(/^.*?\b(should)/i, '$1'))} judges someone with hindsight; say what made it hard to know at the time (e.g. "the dashboard did not show the pool size").`,
    skip: (m) => {
      const subject = m[1] ?? '';
      if (/\b(?:i|we|you|one|anyone|someone|somebody)$/i.test(subject)) return true;
      const mind = /^(?:known|realized|realised|remembered|been|paid|thought)/i.test(m[2] ?? '');
      const person =
        new RegExp(`(?:${PERSON}|${ROLE}s?)$`, 'i').test(subject) ||
        /\b(?:he|she|they)$/i.test(subject) ||
        new RegExp(`${NAME}$`).test(subject);
      return !(person || (mind && !/\b(?:it|this|that|system|service|check|test|tests|alert|monitoring|pipeline|tool)$/i.test(subject)));
    },
  },
  {
    re: new RegExp(String.raw`${PERSON}${FILLER}\s+${BLAME_VERB}\b`, 'gi'),
    message: (s) =>
      `${quote(s)} makes a person the cause; describe the gap in the system or process instead (e.g. "the runbook had no step to …", "nothing alerted on …").`,
  },
  {
    re: new RegExp(String.raw`(?:${NAME}|@[\w-]+)${FILLER}\s+${PERSON_ONLY_VERB}\b`, 'g'),
    message: (s) =>
      `${quote(s)} makes a person the cause; describe the gap in the system or process instead (e.g. "the checklist did not include …").`,
  },
  {
    re: new RegExp(String.raw`\b(?:caused|triggered|introduced|broken)\s+by\s+(?:${PERSON}|(?:a\s+)?human|someone|somebody)\b`, 'gi'),
    message: (s) =>
      `${quote(s)} names a person as the cause; name the action and the condition that let it through (e.g. "a command run against production without a dry run").`,
  },
];

/** The prose blocks of the document: paragraphs, headings and table cells outside code and HTML, in document order. */
function proseBlocks(tree: Root): RootContent[] {
  const out: RootContent[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'code' || node.type === 'html' || node.type === 'yaml' || node.type === 'definition') return;
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      out.push(node);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return out;
}

/** The block's source with code, HTML and images blanked out (line breaks kept): same length, same offsets. */
function withoutCode(block: RootContent, text: string): string {
  const start = block.position?.start.offset ?? 0;
  const end = block.position?.end.offset ?? start;
  const value = text.slice(start, end);
  // Code, HTML and images are not prose: blank them (keeping line breaks and offsets). Most blocks have none,
  // so the tree is only walked when the text shows one could be there.
  if (!/[`<]|!\[/.test(value)) return value;
  const ranges: [number, number][] = [];
  visit(block, (node) => {
    if ((node.type === 'inlineCode' || node.type === 'html' || node.type === 'image') && node.position) {
      ranges.push([
        Math.max(0, (node.position.start.offset ?? 0) - start),
        Math.min(value.length, (node.position.end.offset ?? 0) - start),
      ]);
    }
  });
  if (!ranges.length) return value;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of ranges) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += value.slice(at, from) + value.slice(from, b).replace(/[^\n]/g, ' ');
    at = b;
  }
  return out + value.slice(at);
}

/** Link targets, bare URLs and emphasis markers blanked out too: same length, same offsets. */
function maskMarkup(value: string): string {
  return value
    .replace(/\]\([^)\n]*\)/g, (s) => ' '.repeat(s.length))
    .replace(/\bhttps?:\/\/\S+/g, (s) => ' '.repeat(s.length))
    .replace(/\*+|(?<!\w)_+|_+(?!\w)|~~|^[ \t]*>[ >\t]*/gm, (s) => ' '.repeat(s.length))
    .replace(/[[\]]/g, ' ');
}

interface Found {
  start: number;
  end: number;
  message: string;
}

/** The blame in one block's prose, offsets relative to the block, one finding per phrase. */
function findBlame(source: string, patterns: Pattern[], allow: RegExp[]): Found[] {
  const value = maskMarkup(source);
  const found: Found[] = [];
  for (const p of patterns) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(value); m; m = p.re.exec(value)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const matched = m[0].trim();
      const at = m.index + (m[0].length - m[0].trimStart().length);
      if (allow.some((a) => a.test(matched))) continue;
      if (p.skip?.(m, value, sentenceAround(value, m.index, m.index + m[0].length))) continue;
      found.push({ start: at, end: at + matched.length, message: p.message(matched) });
    }
  }
  // One finding per phrase: a match inside another one is the same blame.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Found[] = [];
  let reachedTo = -1;
  for (const f of found) {
    if (f.start < reachedTo) continue;
    reachedTo = f.end;
    kept.push(f);
  }
  return kept;
}

function sentenceAround(text: string, at: number, end: number): string {
  const before = text.slice(0, at);
  const from = Math.max(before.lastIndexOf('. '), before.lastIndexOf('! '), before.lastIndexOf('? '), before.lastIndexOf('\n\n')) + 1;
  const rest = text.slice(end);
  const stop = rest.search(/[.!?](?:\s|$)|\n\n/);
  return text.slice(from, stop < 0 ? text.length : end + stop + 1);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, String.raw`\s+`);
}

export default defineRule(
  {
    id: 'blameless-language',
    description: 'The text blames systems and processes, not people.',
    defaultSeverity: 'warning',
    fixable: false,
    options: {
      extraWords: {
        type: 'string[]',
        default: [],
        description: "More words or phrases to report anywhere in the prose (matched whole, case-insensitive): a team's own list.",
      },
      allowWords: {
        type: 'string[]',
        default: [],
        description: 'Findings whose phrase contains one of these are not reported.',
      },
    },
  },
  (ctx, options, report, tree) => {
    const allow = options.allowWords.map((w) => new RegExp(String.raw`(?:^|\b)${escape(w)}(?:\b|$)`, 'i'));
    const extra = options.extraWords;
    const patterns: Pattern[] = [...PATTERNS];
    if (extra.length) {
      patterns.push({
        re: new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${extra.map(escape).join('|')})(?![\p{L}\p{N}])`, 'giu'),
        message: (s) => `${quote(s)} is on this project's list of blaming words; describe what the system allowed instead.`,
      });
    }
    // A block's findings follow from its source alone (its code and HTML, blanked, are read from that source too): the
    // incremental linter keeps them by the source as written, compared in place for a block read before.
    const memo = ctx.cache
      ? ruleMemo<Found[]>(ctx.cache, `blameless-language\u0000${JSON.stringify([options.allowWords, options.extraWords])}`)
      : null;
    // One function for every block (the block passed to it), not a closure per block and keystroke.
    const read = (_key: string | null, block: RootContent): Found[] => findBlame(withoutCode(block, ctx.text), patterns, allow);
    for (const block of proseBlocks(tree)) {
      const start = block.position?.start.offset ?? 0;
      const end = block.position?.end.offset ?? start;
      const found = memo ? memo.getAt(ctx.text, start, end, read, block, block) : read(null, block);
      for (const f of found) report({ start: start + f.start, end: start + f.end, message: f.message });
    }
  },
);
