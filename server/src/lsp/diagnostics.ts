/**
 * When to lint and what to publish. No fixed debounce: a document is linted as soon as the changes that
 * are already queued on the connection have been applied (the scheduler yields to the event loop until
 * a turn passes without a newer version), so an idle document is answered at once and, while a lint
 * runs, only the newest version waits and is linted the moment the running one ends. A result for an
 * older version is never published, and no version is linted once a newer one has arrived.
 * On settings or config file changes, every open document again. Non-postmortems get an empty list.
 *
 * While a line is being typed, findings that are new on that line (a half-typed timestamp) are held
 * back until the line has been quiet for HOLD_BACK_MS; everything else is published at once.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Analyzer } from './analysis';
import type { ConfigProblemsReporter } from './configProblems';
import { linesAgree, SOURCE, toDiagnostic } from './convert';
import type { Documents, EditedLines } from './documents';
import { heapFlags } from './heap';
import { internalErrorDiagnostic } from './internalError';

function megabytes(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1)} MB`;
}

/** The diagnostics for one analysed version. */
export function documentDiagnostics(analysis: Analysis): Diagnostic[] {
  if (!analysis.enabled) return [];
  if (analysis.failure) return [internalErrorDiagnostic(analysis.failure)];
  if (!analysis.isPostmortem) return [];
  if (analysis.skippedLength !== null) {
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: DiagnosticSeverity.Information,
        source: SOURCE,
        code: 'skipped-too-large',
        message: `Not checked: this document is ${megabytes(analysis.skippedLength)}, and postmortem-lint skips documents over 10 MB to keep the editor responsive.`,
      },
    ];
  }
  const result = analysis.result;
  if (!result) return [];
  const agree = linesAgree(analysis.document.getText());
  return result.messages.map((message, index) => toDiagnostic(analysis.document, message, index, agree));
}

/** Set by the loader (server/src/loader.ts) when its V8 code cache is to be written: once the first lint has compiled what it needs. */
const CODE_CACHE_HOOK = Symbol.for('postmortem-lint.codeCache');
let codeCacheAsked = false;

function writeCodeCacheSoon(): void {
  if (codeCacheAsked) return;
  codeCacheAsked = true;
  const hook = (globalThis as Record<symbol, unknown>)[CODE_CACHE_HOOK];
  if (typeof hook === 'function') (hook as (flags: () => string | null) => void)(heapFlags);
}

/** How long the line being typed must be quiet before findings that are new on it are shown. */
export const HOLD_BACK_MS = 400;
/** How long after the last lint the server must have had nothing to lint before `whenIdle` runs. */
const IDLE_MS = 15;
/** How long after the last lint the server must have had nothing to lint before it warms a linter (Analyzer.warmUp). */
const WARM_IDLE_MS = 250;
/** Between two steps of warming: a keystroke that comes meanwhile is linted first. */
const WARM_STEP_MS = 10;
/** Turns of the event loop a document's version must stay the same before its lint starts. */
const QUIET_TURNS = 2;

/** What was published last for a document. */
interface Shown {
  version: number;
  /** Weak: the analyzer decides how many analyses stay in memory (KEPT_ANALYSES), not this record. */
  analysis: WeakRef<Analysis>;
  /** What the client has now. */
  diagnostics: Diagnostic[];
  /** Every diagnostic of the version, when some were held back (published once the line is quiet). */
  held: Diagnostic[] | null;
}

function onOneLine(diagnostic: Diagnostic, line: number): boolean {
  return diagnostic.range.start.line === line && diagnostic.range.end.line === line;
}

export class DiagnosticsScheduler {
  /** Documents with a lint asked for and not started yet. */
  private readonly wanted = new Set<string>();
  /** The pending turn of the event loop before a document's lint starts. */
  private readonly steps = new Map<string, ReturnType<typeof setImmediate>>();
  private readonly running = new Set<string>();
  /** The last publish per document, so an older version never follows a newer one. */
  private readonly shown = new Map<string, Shown>();
  /** Publishes the held-back findings once the edited line has been quiet for HOLD_BACK_MS. */
  private readonly holdTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly idleWaiters = new Map<string, (() => void)[]>();
  /** Runs `whenIdle` if nothing has been asked for since the last lint ended. */
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  /** Warms a linter (Analyzer.warmUp) if nothing has been asked for in a longer while. */
  private warmTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    private readonly analyzer: Analyzer,
    private readonly configProblems: ConfigProblemsReporter,
    private readonly onValidated: (analysis: Analysis) => void,
    private readonly edited?: EditedLines,
    /** Called when the last lint has published and no other is pending or running (Node: lsp/idleGc.ts). */
    private readonly whenIdle?: () => void,
  ) {}

  /**
   * Lint the document as it will be once the changes already received are applied. A lint running
   * for it finishes first; then only the newest version is linted.
   */
  schedule(document: TextDocument): void {
    const uri = document.uri;
    this.cancelIdle();
    this.wanted.add(uri);
    if (!this.running.has(uri) && !this.steps.has(uri)) this.afterQueuedChanges(uri);
  }

  /**
   * The lint is synchronous, so a didChange that has been read but not yet applied would wait behind
   * it and its version be linted after a stale one. The connection applies one message per turn of
   * the event loop; waiting until the version has stayed the same for QUIET_TURNS turns lets every
   * queued change through first (microseconds when nothing is queued).
   */
  private afterQueuedChanges(uri: string, seen = this.documents.get(uri)?.version, turns = 0): void {
    this.steps.set(
      uri,
      setImmediate(() => {
        this.steps.delete(uri);
        const document = this.documents.get(uri);
        if (!document) {
          this.wanted.delete(uri);
          this.settle(uri);
          return;
        }
        if (document.version !== seen) this.afterQueuedChanges(uri, document.version, 0);
        else if (turns + 1 < QUIET_TURNS) this.afterQueuedChanges(uri, seen, turns + 1);
        else void this.validate(uri);
      }),
    );
  }

  /**
   * Resolves once no lint of the document is pending or running: a request that can wait (the
   * lightbulb's automatic code actions) then reuses that lint instead of adding one per keystroke.
   */
  idle(uri: string): Promise<void> {
    if (!this.busy(uri)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.idleWaiters.get(uri) ?? [];
      waiters.push(resolve);
      this.idleWaiters.set(uri, waiters);
    });
  }

  private busy(uri: string): boolean {
    return this.wanted.has(uri) || this.steps.has(uri) || this.running.has(uri);
  }

  private settle(uri: string): void {
    if (this.busy(uri)) return;
    const waiters = this.idleWaiters.get(uri);
    this.idleWaiters.delete(uri);
    for (const resolve of waiters ?? []) resolve();
  }

  validateAll(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }

  close(uri: string): void {
    const step = this.steps.get(uri);
    if (step) clearImmediate(step);
    this.steps.delete(uri);
    this.wanted.delete(uri);
    this.clearHold(uri);
    this.shown.delete(uri);
    this.edited?.forget(uri);
    this.analyzer.forget(uri);
    this.settle(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    this.cancelIdle();
    for (const step of this.steps.values()) clearImmediate(step);
    for (const timer of this.holdTimers.values()) clearTimeout(timer);
    const uris = [...this.steps.keys(), ...this.wanted, ...this.idleWaiters.keys()];
    this.steps.clear();
    this.wanted.clear();
    this.holdTimers.clear();
    this.running.clear();
    for (const uri of uris) this.settle(uri);
  }

  private async validate(uri: string): Promise<void> {
    this.wanted.delete(uri);
    this.running.add(uri);
    try {
      await this.publish(uri);
    } finally {
      this.running.delete(uri);
      // A change that came while this lint ran: its version is linted next, after any queued behind it.
      if (this.wanted.has(uri) && this.documents.get(uri)) this.afterQueuedChanges(uri);
      else {
        this.wanted.delete(uri);
        this.settle(uri);
        this.idleSoon();
      }
    }
  }

  /**
   * `whenIdle`, once IDLE_MS have passed with no lint asked for: only in a pause (a person typing leaves 100 ms or more
   * between keystrokes; the next keystroke cancels it), never between a publish and a change already on its way. After
   * a longer pause (WARM_IDLE_MS), the linter of a document just opened is warmed (Analyzer.warmUp): a writer who
   * opens a long postmortem and starts typing at once warms it with the first keystroke instead.
   */
  private idleSoon(): void {
    this.cancelIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.nothingToDo()) this.whenIdle?.();
    }, IDLE_MS);
    this.idleTimer.unref?.();
    this.warmSoon(WARM_IDLE_MS);
  }

  /** Nothing asked for, pending or running. */
  private nothingToDo(): boolean {
    return !this.wanted.size && !this.steps.size && !this.running.size;
  }

  /** A step of Analyzer.warmUp after `delay` ms if the server is still idle then, and the next one shortly after it. */
  private warmSoon(delay: number): void {
    this.warmTimer = setTimeout(() => {
      this.warmTimer = null;
      if (!this.nothingToDo() || !this.analyzer.warmUp()) return;
      this.whenIdle?.();
      this.warmSoon(WARM_STEP_MS);
    }, delay);
    this.warmTimer.unref?.();
  }

  /** Cancels what idleSoon set up: something was asked for, or the scheduler is going. */
  private cancelIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.warmTimer) clearTimeout(this.warmTimer);
    this.idleTimer = null;
    this.warmTimer = null;
  }

  private async publish(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    let analysis: Analysis;
    try {
      analysis = await this.analyzer.analyze(document);
    } catch (error) {
      this.connection.console.error(
        `postmortem: validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return;
    }
    // Closed meanwhile, or edited: the newer version has its own lint coming.
    const current = this.documents.get(uri);
    if (!current || current.version !== analysis.version) return;
    const last = this.shown.get(uri);
    if (last && last.version > analysis.version) return;
    // Asked twice for the same version (open and its first change event, a request's lint): the client has it.
    if (last && last.analysis.deref() === analysis) return;

    const all = documentDiagnostics(analysis);
    const diagnostics = this.holdBack(uri, analysis.version, all, last);
    this.clearHold(uri);
    const shown: Shown = {
      version: analysis.version,
      analysis: new WeakRef(analysis),
      diagnostics,
      held: diagnostics === all ? null : all,
    };
    this.shown.set(uri, shown);
    if (shown.held) this.releaseLater(uri, shown);
    await this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    this.configProblems.report(analysis.configFiles, analysis.configProblems);
    this.onValidated(analysis);
    writeCodeCacheSoon();
  }

  /**
   * While a line is being typed (the version's change stayed on one line, under HOLD_BACK_MS ago), the
   * findings on that line that the client does not show there yet are left out: a timestamp half typed
   * would flash a finding per keystroke. Findings elsewhere, and those already shown on the line, are current.
   */
  private holdBack(uri: string, version: number, all: Diagnostic[], last: Shown | undefined): Diagnostic[] {
    const edit = this.edited?.get(uri);
    if (!last || !edit || edit.line === null || edit.version !== version) return all;
    if (performance.now() - edit.at >= HOLD_BACK_MS) return all;
    const line = edit.line;
    const before = new Set(last.diagnostics.filter((d) => onOneLine(d, line)).map((d) => String(d.code)));
    const shown = all.filter((d) => !onOneLine(d, line) || before.has(String(d.code)));
    return shown.length === all.length ? all : shown;
  }

  private releaseLater(uri: string, shown: Shown): void {
    const edit = this.edited?.get(uri);
    const wait = Math.max(0, (edit?.at ?? performance.now()) + HOLD_BACK_MS - performance.now());
    this.holdTimers.set(
      uri,
      setTimeout(() => {
        this.holdTimers.delete(uri);
        const current = this.documents.get(uri);
        // A newer version decides for itself.
        if (this.shown.get(uri) !== shown || !shown.held || current?.version !== shown.version) return;
        shown.diagnostics = shown.held;
        shown.held = null;
        void this.connection.sendDiagnostics({ uri, version: shown.version, diagnostics: shown.diagnostics });
      }, wait),
    );
  }

  private clearHold(uri: string): void {
    const timer = this.holdTimers.get(uri);
    if (timer) clearTimeout(timer);
    this.holdTimers.delete(uri);
  }
}
