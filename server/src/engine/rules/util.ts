import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Fix, Severity } from '../types';
import type { ModelContext } from '../model';

/** Spans in rule messages ("1 h 3 min"): engine/util/spans.ts, with the other house styles. */
export { describeMinutes } from '../util/spans';

export const DOCS_BASE = 'https://github.com/postmortem-tools/postmortem-lint/blob/main/docs/rules/';

/** A number option; without a `default` its fallback depends on the document (`defaultText` says on what). */
export interface NumberOptionSpec {
  type: 'number';
  default?: number;
  defaultText?: string;
  description: string;
}
export interface BooleanOptionSpec {
  type: 'boolean';
  default: boolean;
  description: string;
}
/** A list of words or phrases; items that are not strings or are blank are skipped, the rest trimmed. */
export interface StringListOptionSpec {
  type: 'string[]';
  default: readonly string[];
  description: string;
}
export type OptionSpec = NumberOptionSpec | BooleanOptionSpec | StringListOptionSpec;
export type OptionSpecs = Record<string, OptionSpec>;

type OptionValue<S extends OptionSpec> = S extends BooleanOptionSpec
  ? boolean
  : S extends StringListOptionSpec
    ? string[]
    : S extends { default: number }
      ? number
      : number | undefined;
/** The options a rule's check receives: each declared option, of its type (its default when unset or mistyped). */
export type OptionValues<M extends OptionSpecs> = { [K in keyof M]: OptionValue<M[K]> };

/**
 * What a rule says about itself. The README's rules table and the rule options in the config's JSON schema are
 * generated from it (`npm run docs`), and the config loader checks option types against it.
 */
export interface RuleMeta<M extends OptionSpecs = OptionSpecs> {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** The options the rule takes, by name; none when absent. */
  options?: M;
}

/** Whether `value` is what an option of this spec accepts (the config loader reports the rest). */
export function optionAccepts(spec: OptionSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
  }
}

/** The declared options read from a raw option bag: a value of the wrong type is its default, never a crash. */
export function readOptions<M extends OptionSpecs>(specs: M | undefined, raw: Record<string, unknown>): OptionValues<M> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs ?? {})) {
    const v = raw[key];
    switch (spec.type) {
      case 'number':
        out[key] = typeof v === 'number' && Number.isFinite(v) ? v : spec.default;
        break;
      case 'boolean':
        out[key] = typeof v === 'boolean' ? v : spec.default;
        break;
      case 'string[]':
        out[key] = Array.isArray(v)
          ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '').map((s) => s.trim())
          : [...spec.default];
        break;
    }
  }
  return out as OptionValues<M>;
}

export interface Finding {
  message: string;
  start: number;
  end: number;
  fix?: Fix;
}

export type Check<O = Record<string, unknown>> = (ctx: ModelContext, options: O, report: (f: Finding) => void, tree: Root) => void;

/** Where the lint pipeline leaves the model for the rules; built on demand when a rule runs outside our engine (remark-cli). */
export const MODEL_KEY = 'postmortemModel';

type ContextProvider = (tree: Root, file: VFile) => ModelContext;
let provider: ContextProvider | null = null;

/** Set by remark-preset.ts (to lint.ts defaultModelContext) so that rules used from remark-cli can build the model themselves; the engine hands the rules its model in `file.data[MODEL_KEY]` instead. */
export function setContextProvider(p: ContextProvider): void {
  provider = p;
}

function contextOf(tree: Root, file: VFile): ModelContext {
  const data = file.data as Record<string, unknown>;
  const existing = data[MODEL_KEY] as ModelContext | undefined;
  if (existing) return existing;
  if (!provider) throw new Error('postmortem model not available');
  const ctx = provider(tree, file);
  data[MODEL_KEY] = ctx;
  return ctx;
}

export interface Rule extends RuleMeta {
  url: string;
  plugin: ReturnType<typeof lintRule<Root, Record<string, unknown> | undefined>>;
}

/**
 * A postmortem rule as a real remark-lint rule: reports go through `file.message`, fixes ride on the message. The
 * check receives the options its metadata declares, read and typed (see `readOptions`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function defineRule<const M extends OptionSpecs = {}>(meta: RuleMeta<M>, check: Check<OptionValues<M>>): Rule {
  const url = `${DOCS_BASE}${meta.id}.md`;
  const plugin = lintRule<Root, Record<string, unknown> | undefined>({ origin: `postmortem:${meta.id}`, url }, (tree, file, options) => {
    const ctx = contextOf(tree, file);
    check(
      ctx,
      readOptions(meta.options, options ?? {}),
      (f) => {
        const start = ctx.lines.point(f.start);
        const end = ctx.lines.point(Math.max(f.start, f.end));
        const message = file.message(f.message, { place: { start, end } });
        if (f.fix) (message as unknown as { fix: Fix }).fix = f.fix;
      },
      tree,
    );
  });
  return { ...meta, url, plugin };
}
