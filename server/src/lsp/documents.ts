/** The open documents, kept in sync incrementally; and which of them are Markdown we look at. */
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from './uri';

export type Documents = TextDocuments<TextDocument>;

export function createDocuments(): Documents {
  return new TextDocuments(TextDocument);
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
