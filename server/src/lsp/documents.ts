/** The open documents, kept in sync incrementally; and which of them are Markdown we look at. */
import { TextDocuments } from './languageServer';
import { TextDocument, type Range, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { URI } from './uri';

export type Documents = TextDocuments<TextDocument>;

/** A document's last change, when it stayed within one line (a keystroke): that line, in the new version. */
export interface LineEdit {
  version: number;
  /** Null when the change spanned lines, added one, replaced the whole text or came with others. */
  line: number | null;
  /** performance.now() when the change was applied. */
  at: number;
}

/** Where each open document was last typed in, for holding back findings on a half-typed line. */
export class EditedLines {
  private readonly last = new Map<string, LineEdit>();

  record(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): void {
    const only = changes.length === 1 ? changes[0] : undefined;
    const range = only && 'range' in only ? (only as { range: Range }).range : undefined;
    const line =
      only && range && range.start.line === range.end.line && !only.text.includes('\n') && !only.text.includes('\r')
        ? range.start.line
        : null;
    this.last.set(uri, { version, line, at: performance.now() });
  }

  get(uri: string): LineEdit | undefined {
    return this.last.get(uri);
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}

export function createDocuments(edited?: EditedLines): Documents {
  return new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (document, changes, version) => {
      edited?.record(document.uri, version, changes);
      return TextDocument.update(document, changes, version);
    },
  });
}

const MARKDOWN_LANGUAGES = new Set(['markdown', 'md', 'mdx', 'quarto', 'rmd']);
const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd|mkdn|mdx|qmd|rmd)$/i;

/** Markdown by language id, or by file extension when a plain client sends an unusual id. */
export function isMarkdown(document: TextDocument): boolean {
  return MARKDOWN_LANGUAGES.has(document.languageId.toLowerCase()) || MARKDOWN_EXTENSIONS.test(URI.path(document.uri));
}

/** A copy of the document as it is now, for work that must not see later edits. */
export function snapshot(document: TextDocument): TextDocument {
  return TextDocument.create(document.uri, document.languageId, document.version, document.getText());
}
