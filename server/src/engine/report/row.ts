/**
 * One postmortem as a row of the incident index: its title, profile, when it happened and how long each phase took,
 * read from a lint result that has already been computed (the metrics are the model's, `computeMetrics` in
 * model/index.ts; nothing is measured twice). Pure: no Node built-ins, so the browser build can use it too.
 *
 * What the document does not say stays null and is named in `missing`; a figure is never made up as zero.
 */
import type { LintResult, PostmortemModel, Section } from '../types';
import type { Profile } from '../profiles/types';
import { getProfile } from '../profiles';

/** Things a postmortem may leave unsaid, in the order they are listed. */
export type MissingFact = 'timeline' | 'date' | 'start' | 'end' | 'duration' | 'declared duration' | 'detection' | 'resolution';

export interface IndexRow {
  /** The file's path as shown to the user (relative to the folder the report runs in, forward slashes). */
  file: string;
  title: string;
  profile: string;
  /** The incident's start and end (epoch ms), only when the document states the date: else null. */
  start: number | null;
  end: number | null;
  /** Whether the document states the incident's date. */
  dateKnown: boolean;
  /** The document's zone offset from UTC in minutes, when known: the month or quarter is read in that zone. */
  offsetMinutes: number | null;
  /** From the start to the end, by the timeline or the summary's window (known even on an undated document). */
  durationMinutes: number | null;
  /** The duration the summary declares ("7 hours and 23 minutes"). */
  declaredDurationMinutes: number | null;
  detectMinutes: number | null;
  acknowledgeMinutes: number | null;
  mitigateMinutes: number | null;
  resolveMinutes: number | null;
  /** Timeline entries read. */
  entries: number;
  errors: number;
  warnings: number;
  missing: MissingFact[];
  /** Action items whose written status is not done (an unticked box, "Status: open"); null when no item states a status. */
  openActionItems: number | null;
}

export interface RowInput {
  /** The path shown for the file. */
  file: string;
  text: string;
  result: LintResult;
  /** The profile the document was linted with (for its action-item sections); found by the model's id when omitted. */
  profile?: Profile;
}

const nonNegative = (n: number | null | undefined): number | null => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null);

/** The document's title: the front matter's `title`, its first-level heading, the heading it opens with, else the file's name. */
export function documentTitle(model: PostmortemModel, file: string): string {
  const fm = model.frontMatter?.['title'];
  if (typeof fm === 'string' && fm.trim()) return fm.trim();
  const h1 = model.sections.find((s) => s.depth === 1 && s.kind !== 'bold' && s.kind !== 'line');
  const first = model.sections[0];
  const heading = h1 ?? (first && first.id === null && first.line <= 3 ? first : undefined);
  if (heading?.heading.trim()) return heading.heading.trim();
  const base = file.replace(/\\/g, '/').split('/').pop() ?? file;
  return base.replace(/\.(?:md|markdown)$/i, '') || file;
}

const OPEN_STATUS =
  /\b(?:open|in[ -]progress|in review|to ?do|not started|planned|blocked|wip|pending|proposed|backlog|started|ongoing|tbd)\b/i;
const DONE_STATUS =
  /\b(?:done|complete|completed|closed|fixed|merged|shipped|resolved|finished|implemented|deployed|won'?t (?:do|fix)|cancell?ed)\b/i;
const STATUS_COLUMN = /\b(?:status|state|progress|done)\b/i;

/** Whether a written status reads as open (true), done (false), or says neither (null). */
function statusOpen(status: string): boolean | null {
  if (DONE_STATUS.test(status) && !/\bnot\s+(?:done|complete|completed|started)\b/i.test(status)) return false;
  if (OPEN_STATUS.test(status) || /\bnot\s+(?:done|complete)/i.test(status)) return true;
  return null;
}

function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
}

/**
 * Open action items in the sections the profile keeps its tasks in: task-list boxes (`- [ ]` open, `- [x]` done), a
 * table's Status column, or a "Status: …" / "(In progress)" written on a list item. Null when no item states a status.
 */
export function openActionItems(text: string, sections: Section[], profile: Profile | undefined): number | null {
  const ids = new Set((profile?.sections ?? []).filter((s) => s.holds?.includes('tasks')).map((s) => s.id));
  if (!ids.size) ids.add('corrective-actions');
  let stated = 0;
  let open = 0;
  for (const section of sections) {
    if (section.id === null || !ids.has(section.id)) continue;
    const body = text.slice(section.bodyStart, section.end).replace(/<!--[\s\S]*?-->/g, '');
    let statusColumn = -1;
    let inTable = false;
    for (const line of body.split(/\r?\n/)) {
      const box = /^\s*(?:>\s*)*(?:[-*+]|\d{1,3}[.)])\s+\[([ xX])\]/.exec(line);
      if (box) {
        stated++;
        if (box[1] === ' ') open++;
        inTable = false;
        continue;
      }
      if (/^\s*\|/.test(line)) {
        const cells = tableCells(line);
        if (!inTable) {
          inTable = true;
          statusColumn = cells.findIndex((c) => STATUS_COLUMN.test(c));
          continue;
        }
        if (cells.every((c) => /^:?-+:?$/.test(c) || c === '')) continue;
        if (statusColumn >= 0) {
          const verdict = statusOpen(cells[statusColumn] ?? '');
          stated++;
          // A status column left empty on a row: the task is not done.
          if (verdict !== false) open++;
        }
        continue;
      }
      inTable = false;
      const item = /^\s*(?:[-*+]|\d{1,3}[.)])\s+(.*)$/.exec(line);
      if (!item) continue;
      const written =
        /\bstatus\b\s*[:=]\s*([^;,|)]+)/i.exec(item[1] ?? '')?.[1] ?? /[([]\s*([^()[\]]{2,20})\s*[)\]]\s*\.?\s*$/.exec(item[1] ?? '')?.[1];
      const verdict = written ? statusOpen(written) : null;
      if (verdict === null) continue;
      stated++;
      if (verdict) open++;
    }
  }
  return stated ? open : null;
}

/** The index row of one linted postmortem. */
/**
 * A copy of a string that does not keep the document alive: a title cut from the text can be a view into the whole
 * text (a JavaScript engine's sliced string), and an index of thousands of rows would hold every document.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Array.from(s).join('');
}

export function indexRow({ file, text, result, profile }: RowInput): IndexRow {
  const model = result.model;
  const m = model.metrics;
  const dateKnown = model.datesKnown !== false;
  const instants = model.timeline.filter((e) => e.instant !== null).length;
  // One timestamp alone is a start, not an end: a single entry gives no duration (not a duration of zero).
  const windowEnd = model.summary.windowEnd?.instant ?? null;
  const endKnown = m.end !== null && (windowEnd !== null || instants >= 2);
  const duration = endKnown ? nonNegative(m.durationMinutes) : null;
  const row: IndexRow = {
    file: detached(file),
    title: detached(documentTitle(model, file)),
    profile: detached(model.profile),
    start: dateKnown ? m.start : null,
    end: dateKnown && endKnown ? m.end : null,
    dateKnown,
    offsetMinutes: model.zone?.offsetMinutes ?? null,
    durationMinutes: duration,
    declaredDurationMinutes: nonNegative(m.declaredDurationMinutes),
    detectMinutes: nonNegative(m.timeToDetectMinutes),
    acknowledgeMinutes: nonNegative(m.timeToAcknowledgeMinutes),
    mitigateMinutes: nonNegative(m.timeToMitigateMinutes),
    resolveMinutes: nonNegative(m.timeToResolveMinutes),
    entries: model.timeline.length,
    errors: result.messages.filter((x) => x.severity === 'error').length,
    warnings: result.messages.filter((x) => x.severity === 'warning').length,
    missing: [],
    openActionItems: openActionItems(text, model.sections, profile ?? getProfile(model.profile)),
  };
  const missing = row.missing;
  if (row.entries === 0) missing.push('timeline');
  if (!dateKnown) missing.push('date');
  if (m.start === null) missing.push('start');
  if (!endKnown) missing.push('end');
  if (row.durationMinutes === null) missing.push('duration');
  // A summary saying there was no outage needs no duration; a bound ("under 3 hours") is said, though not a figure.
  if (row.declaredDurationMinutes === null && !model.summary.noOutage && !model.summary.durationBound) missing.push('declared duration');
  if (row.detectMinutes === null) missing.push('detection');
  if (row.resolveMinutes === null) missing.push('resolution');
  return row;
}
