import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

/** The Markdown reader every part of the engine shares: CommonMark + GFM + YAML front matter. */
export function markdownProcessor(): Processor<Root> {
  return unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']) as unknown as Processor<Root>;
}

let shared: Processor<Root> | null = null;

export function parseMarkdown(text: string): Root {
  shared ??= markdownProcessor().freeze() as Processor<Root>;
  return shared.parse(text);
}
