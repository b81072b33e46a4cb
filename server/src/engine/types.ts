/**
 * The engine's public vocabulary. Everything here is plain data: no vscode, no LSP.
 * Offsets are UTF-16 code-unit offsets into the document text; lines and columns are 1-based.
 */
import type { ParsedTimestamp, DateOrder, Duration } from './time/types';

export type Severity = 'error' | 'warning' | 'info';
export type RuleSetting = 'off' | Severity | [Severity | 'off', Record<string, unknown>];

export interface TextEdit {
  /** Offsets into the document text that the edit replaces (end exclusive). */
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** What the fix does, shown on the quick fix ("Replace '8 hours' with '7 hours 23 minutes'"). */
  title: string;
  edits: TextEdit[];
}

export interface LintMessage {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets of the range the message is about. */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The one obvious fix, applied by `applyFixes` and offered as the preferred quick fix. */
  fix?: Fix;
  /** A link to the rule's documentation. */
  url?: string;
}

export interface Section {
  /** The profile section id this heading matched, or null for a section the profile does not know. */
  id: string | null;
  /** Heading text without markup, trailing colons or emoji. */
  heading: string;
  /** How the heading was written. */
  kind: 'atx' | 'setext' | 'bold' | 'line' | 'html';
  /** 1-6 for Markdown headings; 7 for bold or plain-line headings. */
  depth: number;
  line: number;
  /** Offsets of the heading itself. */
  headingStart: number;
  headingEnd: number;
  /** Offset where the body starts (after the heading, or after "Label:" on a heading line with body text). */
  bodyStart: number;
  /** Offset where the section ends (start of the next section of the same or higher rank, or end of text). */
  end: number;
}

export interface TimelineEntry {
  kind: 'list-item' | 'paragraph' | 'table-row' | 'heading';
  line: number;
  /** Offsets of the whole entry, with continuation lines and sub-items. */
  start: number;
  end: number;
  /** The entry's text, first line. */
  text: string;
  timestamp: ParsedTimestamp | null;
  /** Resolved instant (ms since epoch, UTC), or null when it could not be resolved. */
  instant: number | null;
  /** Zone as written on this entry, or null. */
  zone: string | null;
  /** Zone used to resolve the instant when none was written (document zone), or null. */
  inheritedZone: string | null;
  offsetMinutes: number | null;
  /**
   * Whether the entry's calendar date (year, month and day) is one the document states: its own, a date line above it,
   * or the incident's date given elsewhere (`dateSource`). When false the entry has a clock time and no date: `instant`
   * then places that clock time on a stand-in day, for ordering and drawing only, and is never a real date.
   */
  dateKnown: boolean;
  /** Where a known date came from. */
  dateSource?: DateSource;
  /** Why the instant is null, when it is. */
  unresolved?: string;
  /** The phases the entry's main statement states (see model/phase.ts), in the incident's course. */
  phases: Phase[];
  /** The entry's phase: the furthest of `phases` (null when it states none). */
  phase?: Phase | null;
  /** How the phase was read: the marker, label or words that decided it and the phase words set aside. */
  phaseReading?: PhaseReading;
}

/** How an entry's phase was read from its text (model/phase.ts). */
export interface PhaseReading {
  phase: Phase | null;
  phases: Phase[];
  /** 'marker': a `[resolved]` after the timestamp; 'label': a field that names it ("Resolution:"); 'words': a statement. */
  source: 'marker' | 'label' | 'words' | 'none';
  /** The words that decided it, as written ("was escalated"). */
  cue: string | null;
  /** Phase words read and not counted, with why ("resolution" in "for a deeper check and resolution": a purpose). */
  ignored: {
    words: string;
    why: 'purpose' | 'negated' | 'attempt' | 'plan' | 'quoted' | 'not done' | 'context' | 'did not work';
    in: string;
  }[];
}

/**
 * Where an entry's date comes from: its own timestamp ('entry'), a date line in the timeline above it ('date-line'), or,
 * for a timeline of times only, the summary's window or date ('summary'), a "Date:" / "Incident date:" line
 * ('date-field'), the title ('title'), a full date in the text before the timeline ('text'), the front matter's `date:`
 * ('front-matter') or the file name ('file-name'). An
 * entry that gives a time only has the source of the entry before it, whose date it carries (over midnight too).
 */
export type DateSource = 'entry' | 'date-line' | 'summary' | 'date-field' | 'title' | 'text' | 'front-matter' | 'file-name';

export type Phase = 'detected' | 'acknowledged' | 'escalated' | 'mitigated' | 'resolved' | 'triggered';

export interface TextField {
  text: string;
  start: number;
  end: number;
}

export interface SummaryModel {
  /** The declared duration ("8 hours"), if any. */
  duration: Duration | null;
  /** A duration given only as a bound ("under 3 hours", "at most 16 hours"): it says how long, but is no figure to check. */
  durationBound?: Duration | null;
  /** The declared window, "from X to Y". Offsets absolute. */
  windowStart: (ParsedTimestamp & { instant: number | null }) | null;
  windowEnd: (ParsedTimestamp & { instant: number | null }) | null;
  /** A date the summary states for the incident without a window ("on March 3, 2025", "Date: 2025-03-03"). */
  date?: { year?: number; month: number; day: number; start: number; end: number } | null;
  impact: TextField | null;
  rootCause: TextField | null;
  /**
   * Windows in brackets for several incidents ("First incident (15:30-18:00 UTC)", "Second incident (23:15-02:43 UTC)"):
   * the summary says how long each lasted, but no one of them is the outage's window to check the timeline against.
   */
  severalWindows?: TextField | null;
  /** A statement that there was no outage ("we never encountered an actual outage", "no customer impact"): nothing to time or count. */
  noOutage?: TextField | null;
}

export interface Metrics {
  /** Epoch ms or null. */
  start: number | null;
  end: number | null;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  /** From the start of the incident to the first entry where it was detected. */
  timeToDetectMinutes: number | null;
  /**
   * From detection to the first entry, at or after it, where a responder acknowledged the incident (or, when no entry
   * says so, where it was escalated): how long the page waited for a human.
   */
  timeToAcknowledgeMinutes: number | null;
  /** From the start of the incident to the first entry where it was mitigated (users stopped being hurt). */
  timeToMitigateMinutes: number | null;
  /** From the start of the incident to the last entry where it was resolved. */
  timeToResolveMinutes: number | null;
  /**
   * The line (1-based) behind each figure: the timeline entry that gives it, or for the start the summary's line when
   * its window gives it. Null when the figure is not known.
   */
  sources?: MetricSources;
}

export interface MetricSources {
  start: number | null;
  detect: number | null;
  acknowledge: number | null;
  mitigate: number | null;
  resolve: number | null;
}

export interface PostmortemModel {
  profile: string;
  sections: Section[];
  summary: SummaryModel;
  timeline: TimelineEntry[];
  /** Lines inside the timeline section that are not entries and could not be read as one, with the reason. */
  unreadTimelineLines: { line: number; text: string; reason: string }[];
  metrics: Metrics;
  /** The document's zone: the one stated ("all times in UTC"), or the most common on entries, or the configured default. */
  zone: { text: string; offsetMinutes: number | null; iana?: string } | null;
  wordCount: number;
  frontMatter: Record<string, unknown> | null;
  /**
   * Whether the incident's date is stated anywhere in the document (absent: not known to be stated). When false, instants
   * in the model and the metrics' start and end are clock times placed on a stand-in day.
   */
  datesKnown?: boolean;
}

export interface LintOptions {
  profile?: string;
  /** Per-rule severity and options; unspecified rules use their defaults. */
  rules?: Record<string, RuleSetting>;
  defaultZone?: string;
  dateOrder?: DateOrder;
  zoneAliases?: Record<string, string>;
  /** User-defined profiles, by id. */
  profiles?: Record<string, unknown>;
  /** The document's file path or name, when it has one: a name such as "2025-03-03-db-outage.md" dates a timeline of times only. */
  filePath?: string;
}

export interface LintResult {
  model: PostmortemModel;
  messages: LintMessage[];
}
