/**
 * The engine's Markdown reader alone (bench/startFloor.ts): the same unified + remark-parse + remark-gfm +
 * remark-frontmatter pipeline as server/src/engine/parse.ts, nothing else.
 */
export { parseMarkdown } from '../../server/src/engine/parse';
