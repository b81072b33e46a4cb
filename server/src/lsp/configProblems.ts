/**
 * Problems in .postmortemrc.json files are reported on the config file itself (open or not), and
 * cleared once a later resolution finds that file clean.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from './languageServer';
import type { ConfigProblem } from '../engine/index';
import type { Documents } from './documents';
import { SOURCE } from './convert';
import { URI } from './uri';

export class ConfigProblemsReporter {
  /** Config file URI → the JSON of what was last published there. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: Documents,
    /** The URI a config file's problems are published on. */
    private readonly fileUri: (file: string) => string = URI.fromPath,
  ) {}

  /** `files` are the config files that were read; `problems` may name others (one that failed to parse). */
  report(files: readonly string[], problems: readonly ConfigProblem[]): void {
    const byUri = new Map<string, Diagnostic[]>();
    for (const file of files) byUri.set(this.fileUri(file), []);
    for (const problem of problems) {
      const uri = this.fileUri(problem.file);
      const list = byUri.get(uri) ?? [];
      list.push(this.toDiagnostic(uri, problem));
      byUri.set(uri, list);
    }
    for (const [uri, diagnostics] of byUri) this.publish(uri, diagnostics);
    if (problems.length) {
      this.connection.console.warn(
        problems.map((p) => `postmortem: ${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.message}`).join('\n'),
      );
    }
  }

  /** After config files changed on disk: clear what was published for files that no longer exist or were deleted. */
  clear(uris: readonly string[]): void {
    for (const uri of uris) this.publish(uri, []);
  }

  private publish(uri: string, diagnostics: Diagnostic[]): void {
    const json = JSON.stringify(diagnostics);
    if ((this.published.get(uri) ?? '[]') === json) return;
    if (diagnostics.length) this.published.set(uri, json);
    else this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }

  private toDiagnostic(uri: string, problem: ConfigProblem): Diagnostic {
    const line = Math.max(0, (problem.line ?? 1) - 1);
    const character = Math.max(0, (problem.column ?? 1) - 1);
    // When the file is open, underline to the end of its line; otherwise a point is all we know.
    const open = this.documents.get(uri);
    let end = character;
    if (open) {
      const lineText = open.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
      end = Math.max(character, lineText.replace(/\r?\n$/, '').length);
    }
    return {
      range: { start: { line, character }, end: { line, character: end } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: problem.message,
    };
  }
}
