/**
 * The one home of line-ending detection. Text we insert takes the document's line ending; which one
 * depends on what is asked: the first line's (a new block anywhere), a given line's (text put before
 * that line), the one most lines use (a whole file written back by the CLI), or CRLF wherever one is used
 * (LineIndex.eol, a section skeleton inserted by required-sections).
 */
export type LineEnding = '\n' | '\r\n';

/** The ending of the first line ('\n' when the text has none). */
export function firstLineEnding(text: string): LineEnding {
  const first = text.indexOf('\n');
  return first > 0 && text[first - 1] === '\r' ? '\r\n' : '\n';
}

/** The ending of the line that ends just before `nextLineStart`, or the first line's when that line has none (the last line). */
export function lineEndingBefore(text: string, nextLineStart: number): LineEnding {
  if (nextLineStart > 0 && text[nextLineStart - 1] === '\n') return text[nextLineStart - 2] === '\r' ? '\r\n' : '\n';
  return firstLineEnding(text);
}

/** The line ending most lines use ('\n' when the text has none, or on a tie). */
export function dominantLineEnding(text: string): LineEnding {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 0x0d) crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** '\r\n' when any line of the text ends so, else '\n'. */
export function anyCrlf(text: string): LineEnding {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
