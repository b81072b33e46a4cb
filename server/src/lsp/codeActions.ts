/**
 * Quick fixes (the engine's fix on each message), "Fix all postmortem problems", and the two
 * "Disable <rule>" comments. Every edit is computed against the document's CURRENT version: the
 * analysis passed in must be of that version, never offsets from an older one.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes } from '../engine/index';
import { lineEndingBefore } from '../engine/util/lineEndings';
import { diffWholeCharacters } from '../engine/util/textDiff';
import type { Analysis } from './analysis';
import { isDiagnosticData, rangesOverlap, SOURCE, toDiagnostic, toTextEdit } from './convert';
import { catchInternalError } from './internalError';
import { phaseActions } from './phaseActions';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.postmortem`;
export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, FIX_ALL_KIND];

export interface CodeActionContextOptions {
  /** The client takes `documentChanges` (versioned edits, refused if the document moved on). */
  documentChanges: boolean;
  log: (text: string) => void;
}

function workspaceEdit(document: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  if (versioned) {
    return { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] };
  }
  return { changes: { [document.uri]: edits } };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.code === b.code &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character
  );
}

/** The line ending used at `line` (or the document's first one when the line has none). */
function lineEnding(text: string, document: TextDocument, line: number): string {
  return lineEndingBefore(text, document.offsetAt({ line: line + 1, character: 0 }));
}

function lineText(text: string, document: TextDocument, line: number): string {
  const start = document.offsetAt({ line, character: 0 });
  const end = document.offsetAt({ line: line + 1, character: 0 });
  return text.slice(start, end).replace(/\r?\n$/, '');
}

/** Where a file-wide comment goes: after YAML/TOML front matter if any, else the top. */
export function afterFrontMatter(text: string): number {
  const match = /^\uFEFF?(---|\+\+\+)[ \t]*\r?\n/.exec(text);
  if (!match) return 0;
  const fence = match[1] === '---' ? '(?:---|\\.\\.\\.)' : '\\+\\+\\+';
  const close = new RegExp(`^${fence}[ \\t]*(?:\\r?\\n|$)`, 'm');
  const rest = text.slice(match[0].length);
  const end = close.exec(rest);
  return end ? match[0].length + end.index + end[0].length : 0;
}

/** Adds `rule` to a directive comment already on `line`, if there is one of that kind; else null. */
function appendToDirective(document: TextDocument, text: string, line: number, directive: string, rule: string): TextEdit | null {
  if (line < 0) return null;
  const current = lineText(text, document, line);
  const match = new RegExp(`^(\\s*<!--\\s*${directive}(?=\\s)([^>]*?))\\s*-->\\s*$`).exec(current);
  if (!match) return null;
  const rules = (match[2] ?? '').split(/[\s,]+/).filter(Boolean);
  if (rules.includes(rule)) return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: '' };
  const at = (match[1] ?? '').length;
  return { range: { start: { line, character: at }, end: { line, character: at } }, newText: ` ${rule}` };
}

function isTableRow(lineText: string): boolean {
  return /^\s*\|/.test(lineText);
}

function disableLineAction(
  document: TextDocument,
  text: string,
  diagnostic: Diagnostic,
  rule: string,
  versioned: boolean,
): CodeAction | null {
  const line = diagnostic.range.start.line;
  const target = lineText(text, document, line);
  // A comment between two table rows would cut the table in two.
  if (isTableRow(target) && line > 0 && isTableRow(lineText(text, document, line - 1))) return null;
  const edit = appendToDirective(document, text, line - 1, 'postmortem-disable-next-line', rule) ?? {
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    newText: `${/^[ \t]*/.exec(target)?.[0] ?? ''}<!-- postmortem-disable-next-line ${rule} -->${lineEnding(text, document, line)}`,
  };
  return {
    title: `Disable ${rule} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, [edit], versioned),
  };
}

function disableFileAction(document: TextDocument, text: string, diagnostic: Diagnostic, rule: string, versioned: boolean): CodeAction {
  const offset = afterFrontMatter(text);
  const position = document.positionAt(offset);
  const edit = appendToDirective(document, text, position.line, 'postmortem-disable', rule) ?? {
    range: { start: position, end: position },
    newText: `<!-- postmortem-disable ${rule} -->${lineEnding(text, document, 0)}`,
  };
  return {
    title: `Disable ${rule} for this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: workspaceEdit(document, [edit], versioned),
  };
}

/** One edit replacing only the span that differs between `before` and `after`. */
export function minimalEdit(document: TextDocument, before: string, after: string): TextEdit {
  const change = diffWholeCharacters(before, after);
  return {
    range: { start: document.positionAt(change.start), end: document.positionAt(change.end) },
    newText: after.slice(change.start, change.start + change.length),
  };
}

export function fixAllEdit(analysis: Analysis, log: (text: string) => void): TextEdit | null {
  const result = analysis.result;
  if (!result || !result.messages.some((m) => m.fix)) return null;
  const text = analysis.document.getText();
  const fixed = catchInternalError('applying fixes', () => applyFixes(text, result.messages), log);
  if (!fixed.ok || fixed.value.text === text) return null;
  return minimalEdit(analysis.document, text, fixed.value.text);
}

export function provideCodeActions(params: CodeActionParams, analysis: Analysis, options: CodeActionContextOptions): CodeAction[] {
  const result = analysis.result;
  if (!analysis.isPostmortem || !result) return [];
  const document = analysis.document;
  const text = document.getText();
  const versioned = options.documentChanges;
  const only = params.context.only;
  const fromClient = params.context.diagnostics.filter((d) => d.source === SOURCE);

  const fixes: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seenLine = new Set<string>();
  const seenFile = new Set<string>();

  result.messages.forEach((message, index) => {
    const fresh = toDiagnostic(document, message, index);
    // Point at the client's own diagnostic object when it is the same one, of this version. A diagnostic the client
    // names is answered even outside the range: Neovim asks at the cursor and names every diagnostic on its line.
    const named =
      fromClient.find((d) => isDiagnosticData(d.data) && d.data.version === document.version && d.data.index === index) ??
      fromClient.find((d) => sameDiagnostic(d, fresh));
    if (!named && !rangesOverlap(fresh.range, params.range)) return;
    const diagnostic = named ?? fresh;

    if (message.fix && wants(only, CodeActionKind.QuickFix)) {
      fixes.push({
        title: message.fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: true,
        diagnostics: [diagnostic],
        edit: workspaceEdit(
          document,
          message.fix.edits.map((e) => toTextEdit(document, e)),
          versioned,
        ),
      });
    }
    if (!wants(only, CodeActionKind.QuickFix)) return;
    const lineKey = `${message.ruleId}:${diagnostic.range.start.line}`;
    if (!seenLine.has(lineKey)) {
      seenLine.add(lineKey);
      const action = disableLineAction(document, text, diagnostic, message.ruleId, versioned);
      if (action) disables.push(action);
    }
    if (!seenFile.has(message.ruleId)) {
      seenFile.add(message.ruleId);
      disables.push(disableFileAction(document, text, diagnostic, message.ruleId, versioned));
    }
  });

  const actions = [...fixes];
  if (wants(only, FIX_ALL_KIND)) {
    const edit = fixAllEdit(analysis, options.log);
    if (edit)
      actions.push({
        title: 'Fix all postmortem problems',
        kind: FIX_ALL_KIND,
        edit: workspaceEdit(document, [edit], versioned),
      });
  }
  // "Mark as resolved": set the phase of the timeline entry under the cursor by writing its marker.
  const marks = wants(only, CodeActionKind.QuickFix)
    ? phaseActions(document, text, result.model.timeline, params.range, (edits) => workspaceEdit(document, edits, versioned))
    : [];
  return [...actions, ...disables, ...marks];
}
