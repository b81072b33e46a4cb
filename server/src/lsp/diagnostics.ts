/**
 * When to lint and what to publish. On open and save at once; on change after a per-document pause
 * (the latest version wins: a result for an older version is never published); on settings or
 * config file changes, every open document again. Non-postmortems get an empty list.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Analyzer } from './analysis';
import type { ConfigProblemsReporter } from './configProblems';
import { SOURCE, toDiagnostic } from './convert';
import type { Documents } from './documents';
import { internalErrorDiagnostic } from './internalError';

export const CHANGE_DELAY_MS = 150;

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
  return result.messages.map((message, index) => toDiagnostic(analysis.document, message, index));
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version last published per document, so an older one never follows a newer one. */
  private readonly published = new Map<string, number>();
  private readonly running = new Set<string>();
  /** When the last lint of each document started (performance.now()). */
  private readonly lastStarted = new Map<string, number>();
  private readonly idleWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    private readonly analyzer: Analyzer,
    private readonly configProblems: ConfigProblemsReporter,
    private readonly onValidated: (analysis: Analysis) => void,
  ) {}

  /**
   * Lint after `delay` ms, replacing any pending lint of the same document. A change (no `delay`) lints at once
   * when the document is quiet — no lint pending or running, none started in the last CHANGE_DELAY_MS — so the
   * first keystroke after a pause is answered without waiting; the rest of a burst waits for a pause as before.
   */
  schedule(document: TextDocument, delay?: number): void {
    const uri = document.uri;
    delay ??= this.quiet(uri) ? 0 : CHANGE_DELAY_MS;
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  private quiet(uri: string): boolean {
    if (this.timers.has(uri) || this.running.has(uri)) return false;
    const last = this.lastStarted.get(uri);
    return last === undefined || performance.now() - last >= CHANGE_DELAY_MS;
  }

  /**
   * Resolves once no lint of the document is pending or running: a request that can wait (the
   * lightbulb's automatic code actions) then reuses that lint instead of adding one per keystroke.
   */
  idle(uri: string): Promise<void> {
    if (!this.timers.has(uri) && !this.running.has(uri)) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.idleWaiters.get(uri) ?? [];
      waiters.push(resolve);
      this.idleWaiters.set(uri, waiters);
    });
  }

  private settle(uri: string): void {
    if (this.timers.has(uri) || this.running.has(uri)) return;
    const waiters = this.idleWaiters.get(uri);
    this.idleWaiters.delete(uri);
    for (const resolve of waiters ?? []) resolve();
  }

  validateAll(): void {
    for (const document of this.documents.all()) this.schedule(document, 0);
  }

  close(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
    this.published.delete(uri);
    this.lastStarted.delete(uri);
    this.analyzer.forget(uri);
    this.settle(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    const uris = [...this.timers.keys(), ...this.idleWaiters.keys()];
    this.timers.clear();
    this.running.clear();
    for (const uri of uris) this.settle(uri);
  }

  private async validate(uri: string): Promise<void> {
    this.running.add(uri);
    this.lastStarted.set(uri, performance.now());
    try {
      await this.publish(uri);
    } finally {
      this.running.delete(uri);
      this.settle(uri);
    }
  }

  private async publish(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document) return;
    let analysis: Analysis;
    try {
      analysis = await this.analyzer.analyze(document);
    } catch (error) {
      this.connection.console.error(`postmortem: validating ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    // Closed meanwhile, or edited: the newer version has its own lint coming.
    const current = this.documents.get(uri);
    if (!current || current.version !== analysis.version) return;
    const last = this.published.get(uri);
    if (last !== undefined && last > analysis.version) return;

    const diagnostics = documentDiagnostics(analysis);
    this.published.set(uri, analysis.version);
    await this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics });
    this.configProblems.report(analysis.configFiles, analysis.configProblems);
    this.onValidated(analysis);
  }
}
