/**
 * The document as sanitised HTML: remark-rehype -> rehype-sanitize with GitHub's schema -> rehype-stringify;
 * raw HTML in the Markdown is dropped, never passed through.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';

/** Top-level blocks, list items and table rows carry the source line they start on, for scroll sync and clicks. */
function markLines() {
  return (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element, depth: number): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const line = child.position?.start.line;
        if (line !== undefined && (depth === 0 || child.tagName === 'li' || child.tagName === 'tr')) {
          child.properties = { ...child.properties, dataLine: String(line) };
        }
        visit(child, depth + 1);
      }
    };
    visit(tree, 0);
  };
}

/** GitHub's schema, plus the numeric data-line attribute we add ourselves. */
const schema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), ['dataLine', /^\d+$/]] },
} as typeof defaultSchema;

let processor: Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string> | null = null;

/** Markdown to sanitised HTML. Raw HTML in the document is dropped by remark-rehype; the sanitiser is the second wall. */
export function renderMarkdown(text: string): string {
  processor ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkRehype)
    .use(markLines)
    .use(rehypeSanitize, schema)
    .use(rehypeStringify)
    .freeze() as unknown as Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
  return String(processor.processSync(text));
}
