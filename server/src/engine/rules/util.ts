import { lintRule } from 'unified-lint-rule';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { Fix, Severity } from '../types';
import type { ModelContext } from '../model';

/** Spans in rule messages ("1 h 3 min"): engine/util/spans.ts, with the other house styles. */
export { describeMinutes } from '../util/spans';

export const DOCS_BASE = 'https://github.com/postmortem-tools/postmortem-lint/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
}

export interface Finding {
  message: string;
  start: number;
  end: number;
  fix?: Fix;
}

export type Check = (ctx: ModelContext, options: Record<string, unknown>, report: (f: Finding) => void, tree: Root) => void;

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

/** A postmortem rule as a real remark-lint rule: reports go through `file.message`, fixes ride on the message. */
export function defineRule(meta: RuleMeta, check: Check): Rule {
  const url = `${DOCS_BASE}${meta.id}.md`;
  const plugin = lintRule<Root, Record<string, unknown> | undefined>({ origin: `postmortem:${meta.id}`, url }, (tree, file, options) => {
    const ctx = contextOf(tree, file);
    check(ctx, options ?? {}, (f) => {
      const start = ctx.lines.point(f.start);
      const end = ctx.lines.point(Math.max(f.start, f.end));
      const message = file.message(f.message, { place: { start, end } });
      if (f.fix) (message as unknown as { fix: Fix }).fix = f.fix;
    }, tree);
  });
  return { ...meta, url, plugin };
}

export function numberOption(options: Record<string, unknown>, key: string, fallback: number): number {
  const v = options[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}
