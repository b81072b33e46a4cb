/** Engine offsets and severities to LSP ranges and severities (UTF-16, as both sides count). */
import { DiagnosticSeverity, type Diagnostic, type Range, type TextEdit } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage, Severity, TextEdit as EngineEdit } from '../engine/index';

export const SOURCE = 'postmortem';

/** What a diagnostic carries for the code actions: which version and which message it came from. */
export interface DiagnosticData {
  version: number;
  index: number;
  fixable: boolean;
}

export function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.version === 'number' && typeof v.index === 'number';
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toRange(document: TextDocument, start: number, end: number): Range {
  return { start: document.positionAt(start), end: document.positionAt(Math.max(start, end)) };
}

export function toTextEdit(document: TextDocument, edit: EngineEdit): TextEdit {
  return { range: toRange(document, edit.start, edit.end), newText: edit.newText };
}

/**
 * Whether the engine's lines and columns of a text are the editor's too: the engine counts lines at "\n" alone, LSP at
 * "\r" as well. Then a message's range is its own line and column, without the text document's line table, which a
 * snapshot of a long document would build afresh for every lint.
 */
export function linesAgree(text: string): boolean {
  return !text.includes('\r');
}

/** A message's range: from its own line and column where `agree` (see linesAgree), else counted in the document. */
function messageRange(document: TextDocument, message: LintMessage, agree: boolean): Range {
  if (!agree || message.end < message.start) return toRange(document, message.start, message.end);
  return {
    start: { line: message.line - 1, character: message.column - 1 },
    end: { line: message.endLine - 1, character: message.endColumn - 1 },
  };
}

export function toDiagnostic(document: TextDocument, message: LintMessage, index: number, agree = false): Diagnostic {
  const diagnostic: Diagnostic = {
    range: messageRange(document, message, agree),
    severity: SEVERITY[message.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: message.ruleId,
    message: message.message,
    data: { version: document.version, index, fixable: Boolean(message.fix) } satisfies DiagnosticData,
  };
  if (message.url) diagnostic.codeDescription = { href: message.url };
  return diagnostic;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // Touching counts: a cursor at either end of a diagnostic is "on" it.
  return !before(a.end, b.start) && !before(b.end, a.start);
}
