/** A tiny WorkspaceEdit applier for the tests: what an editor does with a code action's edit. */
import type { CodeAction, Position, TextEdit } from 'vscode-languageserver-protocol/node';

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let offset = 0;
  while (line < position.line) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + position.character, end);
}

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The edits of `action` for `uri`, from `changes` or `documentChanges`; checks the version when there is one. */
export function editsFor(action: CodeAction, uri: string, version?: number): TextEdit[] {
  const edit = action.edit;
  if (!edit) throw new Error(`code action "${action.title}" has no edit`);
  const edits: TextEdit[] = [...(edit.changes?.[uri] ?? [])];
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change) || change.textDocument.uri !== uri) continue;
    if (version !== undefined && change.textDocument.version !== null && change.textDocument.version !== version) {
      throw new Error(`code action "${action.title}" is for version ${change.textDocument.version}, the document is at ${version}`);
    }
    edits.push(...(change.edits as TextEdit[]));
  }
  return edits;
}

/** Applies non-overlapping edits, last first, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
