/**
 * The custom requests and notifications between the VS Code client and the language server, declared
 * once. Types only: the client (client/src/preview/protocol.ts, statusBar.ts) and the server
 * (server/src/lsp/editCommands.ts, requests.ts, render/) import this file with `import type`, which
 * esbuild erases, so no code crosses from one bundle to the other. The method names are keys of
 * `Requests` and `Notifications`; each side spells them out with `satisfies`, so a renamed or
 * mistyped method fails the typecheck on both sides.
 */

/** An LSP position (zero-based line, UTF-16 character); the server's `Position` has this shape. */
export interface LspPosition {
  line: number;
  character: number;
}

export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

export interface LspTextEdit {
  range: LspRange;
  newText: string;
}

// postmortem/profiles ----------------------------------------------------------------------------

export interface ProfilesParams {
  /** A document whose configuration (user profiles in .postmortemrc.json) counts too. */
  uri?: string;
}

export interface ProfileInfo {
  id: string;
  name: string;
  description: string;
}

// postmortem/template ----------------------------------------------------------------------------

export interface TemplateParams {
  profile: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  zone: string;
  uri?: string;
}

// postmortem/edit --------------------------------------------------------------------------------

export type EditCommand = 'sortTimeline' | 'convertZone' | 'insertEntry';

export interface EditParams {
  uri: string;
  command: EditCommand;
  /** convertZone: the zone to convert to. */
  zone?: string;
  /** insertEntry: the instant to stamp (ms since epoch; default now). */
  now?: number;
}

export interface EditResult {
  /** The document version the edits apply to. */
  version: number;
  edits: LspTextEdit[];
  /** insertEntry: the placeholder to select after the edit (positions in the edited text). */
  selection?: LspRange;
  /** What was done, in words, or why nothing could be. */
  message: string;
  /** Something prevented the command (not a postmortem, unknown zone, no timeline). */
  error?: boolean;
  /** The document's zone, for the zone picker's default. */
  zone?: string | null;
}

// postmortem/render ------------------------------------------------------------------------------

export interface RenderParams {
  uri: string;
  /** The width the timeline is drawn for, in CSS pixels (default 720). */
  width?: number;
}

export interface RenderDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId: string;
}

export interface Figures {
  start: string | null;
  end: string | null;
  /** From the timeline (or the declared window), as "4h27m". */
  duration: string | null;
  /** As the summary states it ("5 hours"). */
  declaredDuration: string | null;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  /** Declared and computed durations disagree (by more than a minute). */
  durationMismatch: boolean;
  timeToDetect: string | null;
  /** From detection to the first acknowledgement (or escalation), when the timeline says so. */
  timeToAcknowledge: string | null;
  /** From the start to the first mitigation, when the timeline says so. */
  timeToMitigate: string | null;
  timeToResolve: string | null;
  entries: number;
  /** Entries placed on the time axis. */
  placedEntries: number;
  zone: string | null;
}

/** `Model` is the engine's PostmortemModel on the server; the client treats it as opaque. */
export interface RenderResult<Model = unknown> {
  uri: string;
  version: number;
  isPostmortem: boolean;
  title: string;
  profile: string;
  /** The document, sanitised. */
  html: string;
  /** The figures card and the timeline (our markup). */
  overviewHtml: string;
  /** The problems list (our markup), empty when there are none. */
  problemsHtml: string;
  figures: Figures;
  model: Model | null;
  diagnostics: RenderDiagnostic[];
}

// postmortem/documentInfo and postmortem/didValidate ---------------------------------------------

export interface DocumentInfoParams {
  uri: string;
}

export interface DocumentInfo<Model = unknown> {
  isPostmortem: boolean;
  profile: string;
  version: number;
  model: Model | null;
  diagnosticsCount: { error: number; warning: number; info: number };
}

export interface DidValidateParams {
  uri: string;
  version: number;
  isPostmortem: boolean;
}

// postmortem/import ------------------------------------------------------------------------------

/** A source to import, by its text: no file system needed (a file, a clipboard, a paste). */
export interface ImportSource {
  /** A name for messages and references ("inc-api/2024-03-09.json", "clipboard"). */
  name: string;
  /** The text (JSON or lines). */
  content?: string;
  /** A Slack export's .zip, base64: the server opens it. */
  zipBase64?: string;
}

/** One record read from a source; the writer's input, and what the preview lists. */
export interface ImportRecordInfo {
  /** Epoch ms, UTC. */
  instant: number;
  text: string;
  author?: string;
  phase?: 'detected' | 'acknowledged' | 'escalated' | 'mitigated' | 'resolved';
  source: 'slack' | 'pagerduty' | 'statuspage' | 'lines';
  /** The file and record it was read from ("inc-api/2024-03-09.json#3"). */
  ref: string;
}

export interface ImportProblem {
  ref: string;
  reason: string;
}

export interface ImportParams {
  /** The postmortem to import into (open in the editor). */
  uri: string;
  /** What to read; or `records` to write ones read before (the entries picked in a preview). */
  sources?: ImportSource[];
  records?: ImportRecordInfo[];
  from?: 'auto' | 'slack' | 'pagerduty' | 'statuspage' | 'lines';
  /** The zone and day of pasted lines that give none (default: the document's). */
  zone?: string;
  /** YYYY-MM-DD */
  date?: string;
  /** A paste: answer only when this position is in the Timeline section and the sources read as records. */
  at?: LspPosition;
}

export interface ImportResult {
  /** The document version the edits apply to. */
  version: number;
  edits: LspTextEdit[];
  /** The entries the edits write, in time order, each with the line written. */
  entries: { line: string; record: ImportRecordInfo }[];
  /** Read but not written: already in the timeline, or the same as another record. */
  skipped: ImportProblem[];
  /** Left out on purpose (channel housekeeping, pager notifications). */
  dropped: ImportProblem[];
  /** What could not be read, with why. */
  unreadable: ImportProblem[];
  /** What was done, in words. */
  message: string;
  /** Nothing could be imported (nothing readable, too large). */
  error?: boolean;
}

// postmortem/index ---------------------------------------------------------------------------------

export interface IndexParams {
  /** How the groups are made (default month). */
  group?: 'month' | 'quarter';
  /** Also render the trends chart (engine/report/chart.ts) as SVG, this wide in CSS pixels (the trends panel). */
  chart?: { width: number };
  /**
   * Markdown files the client saw created (1), changed (2) or deleted (3) since it last asked, applied before this
   * answer (the server's own watched-file events may come later). A server that watches files re-reads only these.
   */
  changes?: { uri: string; type: 1 | 2 | 3 }[];
  /** Walk the folders and compare every file again (the Refresh command). */
  rescan?: boolean;
  /**
   * The `version` of the last answer the client holds: the server may then answer with only what changed since
   * (`delta`). Without it, or when the server cannot tell what changed since then, the answer is whole.
   */
  since?: number;
}

export interface IndexStat {
  median: number | null;
  p90: number | null;
}

/** One postmortem of the workspace (engine/report/row.ts's IndexRow, with its URI); instants as epoch ms, null when the document does not say. */
export interface IndexRowInfo {
  uri: string;
  /** Path relative to its workspace folder. */
  file: string;
  title: string;
  profile: string;
  start: number | null;
  end: number | null;
  dateKnown: boolean;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  detectMinutes: number | null;
  acknowledgeMinutes: number | null;
  mitigateMinutes: number | null;
  resolveMinutes: number | null;
  entries: number;
  errors: number;
  warnings: number;
  missing: string[];
  openActionItems: number | null;
  /** The month ("2024-06") and quarter ("2024-Q2") the incident started in, read in the document's zone; null when undated. */
  month: string | null;
  quarter: string | null;
  /** The document's zone offset from UTC in minutes, when known (to show the start as the document has it). */
  offsetMinutes: number | null;
}

export interface IndexGroupInfo {
  /** "2024-06" or "2024-Q2"; null for the undated postmortems. */
  period: string | null;
  count: number;
  durationMinutes: IndexStat;
  detectMinutes: IndexStat;
  resolveMinutes: IndexStat;
}

export interface IndexResult {
  rows: IndexRowInfo[];
  groups: IndexGroupInfo[];
  /** The trends chart when `chart` was asked for: an SVG string, every text escaped; empty when no row is dated. */
  chartSvg?: string;
  /** Set when the list is partial, saying why (in a browser the server reads no files: open documents only). */
  note?: string;
  /** Names this state of the index; ask again with it as `since` for a delta. */
  version?: number;
  /**
   * Set when the answer is a delta from the `since` asked: `rows` then holds only the rows added or changed since,
   * `removed` the URIs no longer listed, and `groups` is empty (not computed: ask without `since` for them).
   */
  delta?: { since: number; removed: string[] };
}

/** Every request: method → [params, result]. */
export interface Requests {
  'postmortem/profiles': [ProfilesParams, ProfileInfo[]];
  'postmortem/template': [TemplateParams, string | null];
  'postmortem/edit': [EditParams, EditResult | null];
  'postmortem/render': [RenderParams, RenderResult | null];
  'postmortem/documentInfo': [DocumentInfoParams, DocumentInfo | null];
  'postmortem/import': [ImportParams, ImportResult | null];
  'postmortem/index': [IndexParams, IndexResult];
}

/** Every notification: method → params. */
export interface Notifications {
  'postmortem/didValidate': DidValidateParams;
  'postmortem/configFiles': ConfigFilesParams;
}

export type RequestMethod = keyof Requests;
export type NotificationMethod = keyof Notifications;

// postmortem/configFiles (client → server, browser only) -------------------------------------------

/** A `.postmortemrc.json` as the client read it through `vscode.workspace.fs`. */
export interface ConfigFileContent {
  uri: string;
  /** Null: the file is gone (deleted, or could not be read). */
  text: string | null;
}

/**
 * In a browser the server has no file system: the client reads the workspace's `.postmortemrc.json` files and
 * hands them over, all of them in `initializationOptions.configFiles` and then each change in this notification.
 */
export interface ConfigFilesParams {
  files: ConfigFileContent[];
}
