/**
 * One lint per document version: settings + .postmortemrc.json + text in, engine result out, cached
 * by (version, settings generation) so diagnostics, code actions, hover, completion and the
 * documentInfo request all share it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { isPostmortem } from '../engine/detect';
// resolveConfig's `overrides` win over the files; the rc file must win over editor settings, so merge here.
import { mergeOptions, resolveConfig } from '../engine/config';
import { lint } from '../engine/index';
import { createLinter, type Linter } from '../engine/lint';
import type { ConfigProblem, LintOptions, LintResult } from '../engine/index';
import { isMarkdown, snapshot } from './documents';
import { LONG_DOCUMENT, sizeHeapFor } from './heap';
import { catchInternalError, type InternalFailure } from './internalError';
import { settingsToOptions, type Settings, type SettingsStore } from './settings';
import { URI } from './uri';

/** Larger documents are not linted in full; the server must stay responsive. */
export const MAX_LINT_LENGTH = 10 * 1024 * 1024;
/** How much of an oversized document is read to tell whether it is a postmortem. */
const DETECT_PREFIX_LENGTH = 64 * 1024;

export interface Analysis {
  uri: string;
  version: number;
  /** The text that was linted; offsets in the result convert against this. */
  document: TextDocument;
  settings: Settings;
  options: LintOptions;
  /** Markdown, and `postmortem.enable` is on. */
  enabled: boolean;
  isPostmortem: boolean;
  /** Null when disabled, too large or when the engine threw. */
  result: LintResult | null;
  failure: InternalFailure | null;
  /** Set when the document was over MAX_LINT_LENGTH. */
  skippedLength: number | null;
  configFiles: string[];
  configProblems: ConfigProblem[];
  /** How long the lint took, in ms. */
  lintMs: number;
}

/** A lint slower than this is logged: the editor waits on it. */
const SLOW_LINT_MS = 500;

function cutAtLine(text: string, length: number): string {
  const cut = text.lastIndexOf('\n', length);
  return text.slice(0, cut > 0 ? cut : length);
}

/** What the analyzer calls; the engine's, unless a test passes its own. */
export interface Engine {
  lint: typeof lint;
  /** Told the length of the longest document kept for incremental lints after each lint (V8 heap sizing, lsp/heap.ts). */
  sizeHeapFor?: (longestKept: number) => void;
  resolveConfig: (filePath: string) => ReturnType<typeof resolveConfig>;
  /** A linter that keeps a document's tree and re-parses only what an edit touched (same results as `lint`). */
  createLinter?: () => Linter;
  /** The path `resolveConfig` is given for a document (null: no config file applies); its file system path by default. */
  configPath?: (uri: string) => string | null;
}

export const ENGINE: Engine = { lint, resolveConfig: (filePath) => resolveConfig(filePath), createLinter, sizeHeapFor };

/**
 * Documents this long keep their parse between edits; shorter ones parse in full. A postmortem of a few KB is short
 * enough to parse in full, but not in a new process: its full lints run cold for a dozen keystrokes (5 KB, an edit after
 * a pause: 13–56 ms, median 22–37, against 5–12 with its parse kept, which the warm-up below then warms from the start).
 */
export const INCREMENTAL_MIN_LENGTH = 2 * 1024;
/** How many documents keep their parse: the ones edited last (each holds its text and syntax tree). */
const INCREMENTAL_DOCUMENTS = 4;
/**
 * How many documents keep their analysis (model and messages) once it is published: the ones linted or asked
 * about last. The rest are linted again if a request needs them (code actions, hover, the preview); their
 * diagnostics are with the client already. A 55 KB postmortem's model is about half a megabyte.
 */
export const KEPT_ANALYSES = 8;
/**
 * Incremental lints (keystrokes and warm-ups) after which V8 has compiled the incremental path's code: until the server
 * has run this many, a pause warms the newest document's linter again. V8's code is the process's, not a document's,
 * so this is done once per server. Typing into a just-opened 55 KB postmortem every 100 ms, the first dozen keystrokes
 * took 13–29 ms each and the p95 was 19–21 ms with one warm-up; with this many lints first, 6–16 ms and 13–15 ms.
 */
export const JIT_WARM_LINTS = 24;

export class Analyzer {
  /** Least recently used first. */
  private readonly cache = new Map<string, { analysis: Analysis; generation: number }>();
  /** Incremental state per document, least recently used first. */
  private readonly linters = new Map<string, { linter: Linter; length: number; warm?: boolean }>();
  private generation = 0;
  /** Incremental lints run by this process so far, keystrokes and warm-ups (compared with JIT_WARM_LINTS). */
  private incrementalLints = 0;

  constructor(
    private readonly settings: Pick<SettingsStore, 'get' | 'forget'>,
    private readonly log: (text: string) => void,
    private readonly engine: Engine = ENGINE,
  ) {}

  /** Workspace folder URIs, for `postmortem.files` globs written relative to a folder. */
  workspaceFolders: string[] = [];

  /** Goes up each time settings or config files change (the workspace index forgets what it read then). */
  get settingsGeneration(): number {
    return this.generation;
  }

  /** Settings or config files changed: every cached result is stale. */
  invalidateAll(): void {
    this.generation++;
    this.cache.clear();
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.linters.delete(uri);
    this.sizeHeap();
    this.settings.forget(uri);
  }

  /** The cached analysis for this exact version, if any (no work). */
  peek(document: TextDocument): Analysis | undefined {
    const cached = this.cache.get(document.uri);
    if (!cached || cached.generation !== this.generation || cached.analysis.version !== document.version) return undefined;
    this.cache.delete(document.uri);
    this.cache.set(document.uri, cached);
    return cached.analysis;
  }

  /**
   * The analysis of the document as it is once settings are known. The only await is the settings;
   * the lint itself runs synchronously on a snapshot, so the result always matches its `version`
   * (which may be newer than the version at the time of the call, never older).
   */
  async analyze(document: TextDocument): Promise<Analysis> {
    const settings = await this.settings.get(document.uri);
    const cached = this.peek(document);
    if (cached && cached.settings === settings) return cached;
    const analysis = this.compute(snapshot(document), settings);
    this.cache.delete(document.uri);
    this.cache.set(document.uri, { analysis, generation: this.generation });
    for (const oldest of this.cache.keys()) {
      if (this.cache.size <= KEPT_ANALYSES) break;
      this.cache.delete(oldest);
    }
    return analysis;
  }

  /**
   * A file that is not open (the workspace index, lsp/workspaceIndex.ts): analysed with the settings of `scopeUri`
   * (its workspace folder: one settings request per folder, not per file), parsed in full, not cached.
   */
  async analyzeFile(uri: string, text: string, scopeUri: string): Promise<Analysis> {
    const settings = await this.settings.get(scopeUri);
    return this.compute(TextDocument.create(uri, 'markdown', 0, text), settings, false);
  }

  /** The settings of a scope (a workspace folder): what a worker thread of the index is handed (indexWorker.ts). */
  settingsFor(scopeUri: string): Promise<Settings> {
    return this.settings.get(scopeUri);
  }

  /** Lints through the document's incremental linter when it is long enough to be worth one. */
  private lint(uri: string, text: string, options: LintOptions): LintResult {
    const create = this.engine.createLinter;
    if (!create || text.length < INCREMENTAL_MIN_LENGTH) {
      this.linters.delete(uri);
      this.sizeHeap();
      return this.engine.lint(text, options);
    }
    const kept = this.linters.get(uri);
    if (kept) this.incrementalLints++;
    const linter = kept?.linter ?? create();
    this.linters.delete(uri);
    // A linter that lints a second text is warm already: the keystroke did what warmUp would.
    this.linters.set(uri, { linter, length: text.length, warm: kept !== undefined });
    for (const oldest of this.linters.keys()) {
      if (this.linters.size <= INCREMENTAL_DOCUMENTS) break;
      this.linters.delete(oldest);
    }
    this.sizeHeap();
    try {
      return linter.lint(text, options);
    } catch (error) {
      this.linters.delete(uri);
      throw error;
    }
  }

  /**
   * One step of warming, for a pause with nothing to lint (lsp/diagnostics.ts); true if it did one (then the next pause
   * may ask again). A long document (LONG_DOCUMENT) opened since the last call has its incremental linter warmed
   * (Linter.warm), so that its first keystrokes are as quick as the later ones; until the process has run JIT_WARM_LINTS
   * incremental lints, the newest document kept for them is warmed too when it is shorter than that. Each step is one warm-up
   * (two lints): a keystroke that comes meanwhile waits for one step, not for all of them. A shorter document is not
   * warmed for its own sake: its tables are quick to fill, and warming each of many opened ones showed in the
   * server's memory.
   */
  warmUp(): boolean {
    let newest: { uri: string; length: number } | null = null;
    for (const [uri, kept] of this.linters) {
      newest = { uri, length: kept.length };
      if (kept.warm) continue;
      kept.warm = true;
      if (kept.length < LONG_DOCUMENT) continue;
      return this.warmLinter(uri);
    }
    // A long document's warm-up is two lints of tens of ms each: its own keystrokes warm the code soon enough.
    if (!newest || newest.length >= LONG_DOCUMENT || this.incrementalLints >= JIT_WARM_LINTS) return false;
    return this.warmLinter(newest.uri);
  }

  private warmLinter(uri: string): boolean {
    const kept = this.linters.get(uri);
    if (!kept) return false;
    const started = performance.now();
    const warmed = catchInternalError('warm', () => kept.linter.warm(), this.log);
    if (!warmed.ok || !warmed.value) {
      this.linters.delete(uri);
      return false;
    }
    this.incrementalLints += 2;
    if (performance.now() - started > SLOW_LINT_MS)
      this.log(`postmortem: warming ${uri} took ${Math.round(performance.now() - started)} ms`);
    return true;
  }

  private sizeHeap(): void {
    let longest = 0;
    for (const { length } of this.linters.values()) longest = Math.max(longest, length);
    this.engine.sizeHeapFor?.(longest);
  }

  private compute(document: TextDocument, settings: Settings, incremental = true): Analysis {
    const analysis: Analysis = {
      uri: document.uri,
      version: document.version,
      document,
      settings,
      options: settingsToOptions(settings),
      enabled: settings.enable && isMarkdown(document),
      isPostmortem: false,
      result: null,
      failure: null,
      skippedLength: null,
      configFiles: [],
      configProblems: [],
      lintMs: 0,
    };
    if (!analysis.enabled) return analysis;

    const fsPath = (this.engine.configPath ?? URI.fsPath)(document.uri);
    if (fsPath) {
      const resolved = catchInternalError('reading .postmortemrc.json', () => this.engine.resolveConfig(fsPath), this.log);
      if (!resolved.ok) {
        analysis.failure = resolved.failure;
        return analysis;
      }
      analysis.options = mergeOptions(analysis.options, resolved.value.options);
      analysis.configFiles = resolved.value.files;
      analysis.configProblems = resolved.value.problems;
      // The file's name can date a timeline written with times only ("2025-03-03-db-outage.md").
      analysis.options = { ...analysis.options, filePath: fsPath };
    }

    const path = URI.matchPath(document.uri);
    const relativePaths = URI.relativeTo(document.uri, this.workspaceFolders);
    const detectSettings = { files: settings.files, detect: settings.detect };
    const text = document.getText();
    if (text.length > MAX_LINT_LENGTH) {
      analysis.skippedLength = text.length;
      const prefix = catchInternalError('lint', () => this.engine.lint(cutAtLine(text, DETECT_PREFIX_LENGTH), analysis.options), this.log);
      analysis.isPostmortem = isPostmortem({
        path,
        relativePaths,
        model: prefix.ok ? prefix.value.model : null,
        settings: detectSettings,
      });
      return analysis;
    }

    const started = performance.now();
    const linted = catchInternalError(
      'lint',
      () => (incremental ? this.lint(document.uri, text, analysis.options) : this.engine.lint(text, analysis.options)),
      this.log,
    );
    analysis.lintMs = performance.now() - started;
    if (analysis.lintMs > SLOW_LINT_MS) {
      this.log(`postmortem: linting ${document.uri} (${text.length} characters) took ${Math.round(analysis.lintMs)} ms`);
    }
    if (!linted.ok) {
      analysis.failure = linted.failure;
      // Without a model only the path can tell; report the failure on any Markdown file it could be.
      analysis.isPostmortem = true;
      return analysis;
    }
    analysis.result = linted.value;
    const detected = catchInternalError(
      'detect',
      () => isPostmortem({ path, relativePaths, model: linted.value.model, settings: detectSettings }),
      this.log,
    );
    analysis.isPostmortem = detected.ok ? detected.value : false;
    return analysis;
  }
}
