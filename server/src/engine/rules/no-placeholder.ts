import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { defineRule } from './util';

const PLACEHOLDER = new RegExp(
  [
    String.raw`\b(?:TODO|TBD|TBA|FIXME|XXX+)\b`,
    String.raw`\[\s*(?:insert|add|fill|your|enter|describe|todo)\b[^\]\n]{0,60}\]`,
    String.raw`<\s*(?:fill|insert|add|your|enter)\b[^>\n]{0,60}>`,
    String.raw`\{\{?\s*[A-Z][A-Z_ ]{1,30}\s*\}?\}`,
    String.raw`\blorem ipsum\b`,
    String.raw`\b[Hh]{2}:[Mm]{2}\b`,
    String.raw`\?{3,}`,
  ].join('|'),
  'g',
);

const MENTIONED = /^(?:TODO|FIXME)$/;
const ARTICLE_BEFORE = /\b(?:an?|the|each|every|this|that|your|our|its)\s+$/i;

function codeRanges(tree: Root): [number, number][] {
  const ranges: [number, number][] = [];
  visit(tree, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode' || node.type === 'yaml') && node.position) {
      ranges.push([node.position.start.offset ?? 0, node.position.end.offset ?? 0]);
    }
  });
  return ranges;
}

export default defineRule(
  { id: 'no-placeholder', description: 'No template placeholder is left in the text.', defaultSeverity: 'warning', fixable: false },
  (ctx, _options, report, tree) => {
    PLACEHOLDER.lastIndex = 0;
    let code: [number, number][] | null = null;
    for (let m = PLACEHOLDER.exec(ctx.text); m; m = PLACEHOLDER.exec(ctx.text)) {
      const start = m.index;
      // Walk the tree for code only when there is something to check against it.
      code ??= codeRanges(tree);
      if (code.some(([a, b]) => start >= a && start < b)) continue;
      // "like a TODO", "the TODO list": the word talked about, not a blank left to fill.
      if (MENTIONED.test(m[0]) && ARTICLE_BEFORE.test(ctx.text.slice(Math.max(0, start - 12), start))) continue;
      report({ message: `"${m[0]}" is a placeholder left in the text; replace it with what happened.`, start, end: start + m[0].length });
    }
  },
);
