/**
 * The postmortem rules as a remark-lint preset, for people who already run remark-cli or unified-engine:
 *
 *   // .remarkrc.json
 *   { "plugins": ["remark-preset-lint-recommended", "postmortem-lint/remark-preset"] }
 *
 * Built by esbuild into `dist/remark-preset-postmortem.js` (CommonJS, self-contained). `require()` gives
 * `{ plugins, rules, default }`; `import()` of it gives the same object as its default export, and
 * `import { rules } from 'postmortem-lint/remark-preset'` works too.
 */
import type { Root } from 'mdast';
import type { Pluggable, Plugin, Preset } from 'unified';
import type { VFile } from 'vfile';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { rules as allRules } from './engine/rules';
import { setContextProvider } from './engine/rules/util';
import { messageFilter } from './engine/disableComments';
import { defaultModelContext } from './engine/lint';
import { LineIndex } from './engine/util/lines';
import type { Severity } from './engine/types';

// Outside the engine nobody hands the rules a model: they build it from the tree with the default options
// (and the profile named in the front matter).
setContextProvider(defaultModelContext);

/** remark-lint knows two levels; `info` rules report as warnings. */
function remarkLevel(severity: Severity): 'warn' | 'error' {
  return severity === 'error' ? 'error' : 'warn';
}

/**
 * Honours the engine's inline control comments (`<!-- postmortem-disable rule-id -->` and friends) for the
 * messages of the rules before it. Runs last so that every rule has reported.
 */
const postmortemControl: Plugin<[], Root> = function () {
  return (tree: Root, file: VFile) => {
    const text = String(file.value ?? '');
    const allowed = messageFilter(tree, new LineIndex(text));
    file.messages = file.messages.filter((m) => {
      if (m.source !== 'postmortem' || !m.ruleId) return true;
      const offset = m.place && 'start' in m.place ? m.place.start.offset : m.place?.offset;
      return offset === undefined || allowed(m.ruleId, offset);
    });
  };
};

/** Each rule's remark-lint plugin by id, to configure one rule in a `.remarkrc.mjs`: `[rules['word-count'], false]`. */
export const rules: Record<string, Plugin> = Object.fromEntries(allRules.map((r) => [r.id, r.plugin as unknown as Plugin]));

/**
 * GFM tables and YAML front matter as the engine reads them, then every rule at its default severity
 * (`[plugin, ['warn', {}]]`, so options can be merged in), then the control comments.
 */
export const plugins: Pluggable[] = [
  remarkGfm,
  [remarkFrontmatter, ['yaml']],
  ...allRules.map((r): Pluggable => [r.plugin as unknown as Plugin, [remarkLevel(r.defaultSeverity), {}]]),
  postmortemControl,
];

const preset: Preset = { plugins };
export default preset;
