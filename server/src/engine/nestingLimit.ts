/**
 * Protection for the Markdown parser against pathological nesting. Parsing lists or block quotes nested
 * thousands deep takes minutes (the cost grows faster than the depth), so container markers beyond a depth
 * no real document reaches are swapped for look-alike characters of the same length before parsing:
 * those lines are read as text inside the deepest container, every offset stays the same, and the caller
 * says what happened.
 */
export const MAX_NESTING = 32;

export interface Defused {
  text: string;
  /** 1-based lines whose deeper markers were read as text. */
  lines: number[];
}

const LOOKALIKE: Record<string, string> = {
  '-': '\u2010',
  '*': '\u2217',
  '+': '\u2795',
  '>': '\u203A',
  '.': '\u2024',
  ')': '\u2773',
};

export function defuseDeepNesting(text: string, max = MAX_NESTING): Defused {
  // Fast exit: no line can be that deep unless some line starts with a long run of blanks or markers.
  if (!/^[ \t>*+\-\d.)]{64,}/m.test(text)) return { text, lines: [] };
  const out: string[] = [];
  const lines: number[] = [];
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    let i = 0;
    let columns = 0;
    let markers = 0;
    let changed: string[] | null = null;
    let overAt = -1;
    while (i < line.length) {
      const c = line[i] as string;
      if (c === ' ' || c === '\t') {
        columns += c === ' ' ? 1 : 4 - (columns % 4);
        if (overAt < 0 && Math.floor(columns / 2) > max) overAt = i;
        i++;
        continue;
      }
      let markerEnd = -1;
      if (c === '>') markerEnd = i + 1;
      else if ((c === '-' || c === '*' || c === '+') && /[ \t]/.test(line[i + 1] ?? '')) markerEnd = i + 1;
      else {
        const m = /^\d{1,9}[.)](?=[ \t])/.exec(line.slice(i, i + 11));
        if (m) markerEnd = i + m[0].length;
      }
      if (markerEnd < 0) break;
      markers++;
      if (Math.max(markers, Math.floor(columns / 2)) > max) {
        if (overAt < 0) overAt = i;
        changed ??= line.split('');
        const at = markerEnd - 1;
        changed[at] = LOOKALIKE[line[at] as string] ?? (line[at] as string);
      }
      columns += markerEnd - i;
      i = markerEnd;
    }
    if (overAt >= 0) {
      // Deep indentation nests too: past the limit, keep the text but not as indentation (no-break spaces are text).
      changed ??= line.split('');
      for (let k = overAt; k < i; k++) if (changed[k] === ' ' || changed[k] === '\t') changed[k] = '\u00A0';
    }
    if (changed) {
      lines.push(lineNo);
      out.push(changed.join(''));
    } else {
      out.push(line);
    }
  }
  return { text: out.join('\n'), lines };
}
