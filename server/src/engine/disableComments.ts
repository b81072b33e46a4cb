import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { LineIndex } from './util/lines';

const COMMENT = /<!--\s*postmortem-(disable-next-line|disable-line|disable|enable)\b([^>]*?)-->/g;

interface Switch {
  offset: number;
  on: boolean;
  rules: string[] | null;
}

/**
 * Inline control comments: `<!-- postmortem-disable rule-id -->`, `<!-- postmortem-enable rule-id -->`,
 * `<!-- postmortem-disable-next-line rule-id -->`, `<!-- postmortem-disable-line rule-id -->`. No ids means every rule.
 */
export function messageFilter(tree: Root, lines: LineIndex): (ruleId: string, offset: number) => boolean {
  if (!lines.text.includes('postmortem-')) return () => true;
  const switches: Switch[] = [];
  const lineOff: { line: number; rules: string[] | null }[] = [];
  visit(tree, 'html', (node) => {
    const base = node.position?.start.offset ?? 0;
    COMMENT.lastIndex = 0;
    for (let m = COMMENT.exec(node.value); m; m = COMMENT.exec(node.value)) {
      const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
      const rules = ids.length ? ids : null;
      const at = base + m.index;
      const kind = m[1];
      if (kind === 'disable-next-line') lineOff.push({ line: lines.lineOf(base + m.index + m[0].length) + 1, rules });
      else if (kind === 'disable-line') lineOff.push({ line: lines.lineOf(at), rules });
      else switches.push({ offset: at, on: kind === 'enable', rules });
    }
  });
  if (!switches.length && !lineOff.length) return () => true;
  switches.sort((a, b) => a.offset - b.offset);
  return (ruleId, offset) => {
    const line = lines.lineOf(offset);
    if (lineOff.some((l) => l.line === line && (!l.rules || l.rules.includes(ruleId)))) return false;
    let on = true;
    for (const s of switches) {
      if (s.offset > offset) break;
      if (!s.rules || s.rules.includes(ruleId)) on = s.on;
    }
    return on;
  };
}
