/**
 * The postmortem's length in words, as a reader counts them: the text of every block, the text inside HTML blocks
 * (tags left out) and indented blocks (prose indented by hand renders as code, but it is the writer's text); not
 * front matter nor fenced code. A date or a time is one word ("2024-03-02", "3/3/2024", "10:42", "10:42 PM").
 */
import type { Nodes, Root, RootContent } from 'mdast';
import { endOf, startOf } from './mdast';
import type { ModelCache } from './cache';

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;
/** A time with its AM/PM, a numeric date, a decimal: one word each. */
const ONE_WORD = /\d+(?:[:/.]\d+)+(?:[ \t]?[ap]\.?m\b\.?)?|\b\d{1,2}[ \t]?[ap]\.?m\b\.?/gi;
/** Containers whose children are separate blocks, rows or cells: their texts do not run together. */
const APART = new Set(['root', 'list', 'listItem', 'blockquote', 'table', 'tableRow', 'footnoteDefinition']);

/** The text of an HTML fragment as it reads: no comments, no tags, the common entities decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, ' ')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/&(?:nbsp|emsp|ensp|thinsp|#160);/gi, ' ')
    .replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[\da-f]+);/gi, (e) => (e.toLowerCase() === '&amp;' ? '&' : ' '));
}

/** A code block indented by four spaces or a tab, not fenced: the writer's prose, indented. */
function isIndented(node: RootContent, text: string): boolean {
  return node.type === 'code' && !/^[ \t]*(?:`{3}|~{3})/.test(text.slice(startOf(node), endOf(node)));
}

function textOf(node: Nodes, text: string): string {
  switch (node.type) {
    case 'yaml':
      return '';
    case 'code':
      return isIndented(node, text) ? node.value : '';
    case 'html':
      return htmlText(node.value);
    case 'break':
      return ' ';
    default:
      break;
  }
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) {
    const sep = APART.has(node.type) ? ' ' : '';
    return (node.children as Nodes[]).map((c) => textOf(c, text)).join(sep);
  }
  return '';
}

/** The words in a text: runs of letters and digits, a date or a time counted once. */
export function wordsIn(s: string): number {
  const m = s.replace(ONE_WORD, 'N').match(WORD);
  return m ? m.length : 0;
}

function blockWords(node: Nodes, text: string): number {
  return wordsIn(textOf(node, text));
}

/**
 * The document's words. With the incremental linter's cache, a block's count is kept for its node while its source
 * stays the same (a list's per item: a long list is too long a key). Only for that node: the same source can parse
 * differently elsewhere.
 */
export function countWords(tree: Root, text: string, cache?: ModelCache): number {
  // A block's words follow from its source, unless definitions elsewhere turn "[x]" into a reference.
  const memo = cache && !text.includes(']:') ? cache : null;
  let words = 0;
  const count = (node: Nodes): number => blockWords(node, text);
  // Index loops: an iterator per block and per item is most of what counting a long list allocates.
  for (let b = 0; b < tree.children.length; b++) {
    const node = tree.children[b] as RootContent;
    if (node.type === 'yaml' || (node.type === 'code' && !isIndented(node, text))) continue;
    if (!memo) words += blockWords(node, text);
    else if (node.type === 'list') {
      for (let i = 0; i < node.children.length; i++) {
        const item = node.children[i] as (typeof node.children)[number];
        words += memo.words.getOwn<Nodes>(text, startOf(item), endOf(item), count, item);
      }
    } else words += memo.words.getOwn<Nodes>(text, startOf(node), endOf(node), count, node);
  }
  return words;
}
