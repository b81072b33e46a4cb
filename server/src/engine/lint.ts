import type { Root } from 'mdast';
import type { Processor } from 'unified';
import { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import type { Fix, LintMessage, LintOptions, LintResult, PostmortemModel, RuleSetting, Severity } from './types';
import type { Profile } from './profiles/types';
import { getProfile, listProfiles } from './profiles';
import { markdownProcessor, parseMarkdown } from './parse';
import { diffTexts, IncrementalParser, type IncrementalStats, type TextChange } from './incremental';
import { buildModel, type ModelContext } from './model';
import { cacheFor, createModelCache, type ModelCache } from './model/cache';
import { rules } from './rules';
import { MODEL_KEY } from './rules/util';
import { messageFilter } from './disableComments';
import { LineIndex } from './util/lines';
import { timeOptionsFor } from './timeOptions';
import { defuseDeepNesting, MAX_NESTING } from './nestingLimit';
import { editDistance } from './util/editDistance';

interface Resolved {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

const SEVERITY_ALIASES: Record<string, Severity | 'off'> = {
  off: 'off',
  '0': 'off',
  false: 'off',
  info: 'info',
  information: 'info',
  hint: 'info',
  warn: 'warning',
  warning: 'warning',
  '1': 'warning',
  on: 'warning',
  true: 'warning',
  error: 'error',
  '2': 'error',
};

function resolveSetting(setting: RuleSetting | undefined, fallback: Severity): Resolved {
  if (setting === undefined) return { severity: fallback, options: {} };
  if (Array.isArray(setting)) {
    const sev = SEVERITY_ALIASES[String(setting[0]).toLowerCase()] ?? fallback;
    const opts = setting[1] && typeof setting[1] === 'object' ? setting[1] : {};
    return { severity: sev, options: opts };
  }
  return { severity: SEVERITY_ALIASES[String(setting).toLowerCase()] ?? fallback, options: {} };
}

function emptyModel(profile: string): PostmortemModel {
  return {
    profile,
    sections: [],
    timeline: [],
    unreadTimelineLines: [],
    zone: null,
    wordCount: 0,
    frontMatter: null,
    summary: { duration: null, windowStart: null, windowEnd: null, impact: null, rootCause: null },
    metrics: {
      start: null,
      end: null,
      durationMinutes: null,
      declaredDurationMinutes: null,
      timeToDetectMinutes: null,
      timeToAcknowledgeMinutes: null,
      timeToMitigateMinutes: null,
      timeToResolveMinutes: null,
    },
  };
}

const processors = new Map<string, Processor<Root>>();

function processorFor(settings: Map<string, Resolved>): Processor<Root> {
  const key = JSON.stringify([...settings]);
  let p = processors.get(key);
  if (!p) {
    let proc = markdownProcessor();
    for (const rule of rules) {
      const s = settings.get(rule.id);
      if (!s || s.severity === 'off') continue;
      proc = proc.use(rule.plugin, [1, s.options]) as unknown as Processor<Root>;
    }
    p = proc.freeze() as Processor<Root>;
    if (processors.size > 32) processors.clear();
    processors.set(key, p);
  }
  return p;
}

/** The profile a document names in its front matter (`profile: google-sre`), with where the value is written. */
export function frontMatterProfile(tree: Root, text: string): { id: string; start: number; end: number } | null {
  const first = tree.children[0];
  if (!first || first.type !== 'yaml') return null;
  let data: unknown;
  try {
    data = parseYaml(first.value);
  } catch {
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
  const value = (data as Record<string, unknown>).profile;
  if (typeof value !== 'string' || !value.trim()) return null;
  const id = value.trim();
  // Offsets of the value in the document: the yaml node starts at the opening "---", its value after that line.
  const fence = first.position?.start.offset ?? 0;
  const found = text.indexOf(first.value, fence);
  const base = found >= 0 ? found : fence;
  const line = /^profile[ \t]*:[ \t]*(['"]?)([^\r\n]*?)\1[ \t]*(?:#[^\r\n]*)?\r?$/m.exec(first.value);
  if (!line || found < 0) return { id, start: fence, end: fence + 3 };
  const start = base + line.index + line[0].indexOf(line[2] ?? '', line[0].indexOf(':') + 1);
  return { id, start, end: start + (line[2]?.length ?? 0) };
}

/**
 * The model for rules run outside this engine (remark-cli, through remark-preset.ts, which installs this with
 * setContextProvider): built with the default options and the profile the front matter names, else the default.
 */
export function defaultModelContext(tree: Root, file: VFile): ModelContext {
  const text = String(file.value ?? '');
  const named = frontMatterProfile(tree, text);
  const profile = (named && getProfile(named.id)) || (getProfile('default') as Profile);
  return buildModel(tree, text, new LineIndex(text), profile, {});
}

/** Lints a postmortem: parse once, build the model once, run every enabled rule over it. Never throws. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintWith(text, options, null, new LineIndex(text), null);
}

/** A linter that keeps one document's tree between calls and re-parses only what an edit touched. */
export interface Linter {
  /** The same result as `lint(text, options)`; `change` (offsets in the previous text) is computed when omitted. */
  lint(text: string, options?: LintOptions, change?: TextChange): LintResult;
  /** Forget the previous document: the next call parses in full. */
  reset(): void;
  /**
   * Lints the last text again as a keystroke in its middle would, and back: a document's first keystrokes then find
   * the code of the incremental path compiled and the tables filled (in process, 650 KB: the first keystroke 70–110 ms
   * without, 45–63 with). For a moment of nothing else to do; the results are dropped and the state is as before,
   * except that the last result's entries and timestamps are moved there and back in place. False when there was
   * nothing to warm (no text yet, or an error, after which the next lint parses in full).
   */
  warm(): boolean;
  readonly stats: IncrementalStats;
}

export function createLinter(): Linter {
  const parser = new IncrementalParser(parseMarkdown);
  const cache = createModelCache();
  /** The previous text's line index: an edit moves the lines after it and adds or removes only its own. */
  let lines: LineIndex | null = null;
  /** Whether the last lint parsed its text as it was (no line defused): then an edit of the text is one of the parser's text too. */
  let parsedAsIs = false;
  let lastOptions: LintOptions = {};
  const linter: Linter = {
    lint(text, options = {}, change) {
      lastOptions = options;
      // The edit, found once (the server passes none) for the line index and the parser.
      const edit = change ?? (lines && lines.text !== text ? diffTexts(lines.text, text) : undefined);
      if (lines === null) lines = new LineIndex(text);
      else if (edit) lines = LineIndex.edited(lines, text, edit);
      // Trusted for the parser only when its last parse, in the last lint, was of that text as it was.
      const trusted = parsedAsIs;
      parsedAsIs = false;
      return lintWith(text, options, cache, lines, (defused) => {
        const asIs = defused === text;
        try {
          const tree = parser.update(defused, asIs && trusted ? edit : change);
          parsedAsIs = asIs;
          return tree;
        } catch (error) {
          parser.reset();
          throw error;
        }
      });
    },
    reset: () => {
      parser.reset();
      lines = null;
      parsedAsIs = false;
    },
    warm: () => {
      const text = lines?.text;
      if (text === undefined) return false;
      // A space at the end of the middle line: what a writer types most, where it changes no block around it.
      const newline = text.indexOf('\n', text.length >> 1);
      const at = newline === -1 ? text.length : newline > 0 && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      const options = lastOptions;
      try {
        linter.lint(`${text.slice(0, at)} ${text.slice(at)}`, options, { start: at, end: at, length: 1 });
        linter.lint(text, options, { start: at, end: at + 1, length: 0 });
        return true;
      } catch {
        linter.reset();
        return false;
      }
    },
    stats: parser.stats,
  };
  return linter;
}

function lintWith(
  text: string,
  options: LintOptions,
  cache: ModelCache | null,
  lines: LineIndex,
  parseTree: ((defused: string) => Root) | null,
): LintResult {
  const extra: LintMessage[] = [];
  const make = (ruleId: string, severity: Severity, message: string, start: number, end: number, fix?: Fix): LintMessage => {
    const a = lines.point(start);
    const b = lines.point(end);
    return {
      ruleId,
      severity,
      message,
      start: a.offset,
      end: b.offset,
      line: a.line,
      column: a.column,
      endLine: b.line,
      endColumn: b.column,
      ...(fix ? { fix } : {}),
    };
  };

  const settings = new Map<string, Resolved>();
  for (const rule of rules) settings.set(rule.id, resolveSetting(options.rules?.[rule.id], rule.defaultSeverity));

  const timeOptions = timeOptionsFor(options, text);

  const processor = processorFor(settings);
  // Nesting thousands deep would stall the parser: such lines are read as text, and the user is told.
  const defused = defuseDeepNesting(text);
  if (defused.lines.length) {
    const first = defused.lines[0] as number;
    const last = defused.lines[defused.lines.length - 1] as number;
    extra.push(
      make(
        'parse-limit',
        'info',
        `${defused.lines.length} line(s) between lines ${first} and ${last} nest lists or quotes deeper than ${MAX_NESTING} levels; they were read as plain text.`,
        lines.lineStart(first),
        lines.lineEnd(first),
      ),
    );
  }
  const file = new VFile({ value: defused.text });
  let tree: Root;
  let ctx: ModelContext;
  const configuredId = options.profile ?? 'default';
  let profile = getProfile(configuredId, options.profiles);
  try {
    tree = parseTree ? parseTree(defused.text) : processor.parse(file);
  } catch (error) {
    extra.push(
      make(
        'internal-error',
        'error',
        `The postmortem could not be read: ${describe(error)}. Please report this with the document.`,
        0,
        lines.lineEnd(1),
      ),
    );
    return { model: emptyModel(profile?.id ?? 'default'), messages: extra };
  }
  // The front matter's `profile:` chooses the style of this document over the configured one.
  const named = frontMatterProfile(tree, text);
  const chosen = named ? getProfile(named.id, options.profiles) : undefined;
  if (named && chosen) {
    profile = chosen;
  } else if (named) {
    const fallback = profile ? `the configured profile "${configuredId}"` : 'the default profile';
    const known = [...listProfiles().map((p) => p.id), ...Object.keys(options.profiles ?? {})];
    const near = known.find((id) => editDistance(id.toLowerCase(), named.id.toLowerCase()) <= 2);
    const hint = near ? ` (did you mean "${near}"?)` : '';
    extra.push(
      make(
        'config',
        'warning',
        `Unknown profile "${named.id}" in the front matter${hint}; using ${fallback}. Known profiles: ${known.join(', ')}.`,
        named.start,
        named.end,
      ),
    );
  }
  if (!profile) {
    profile = getProfile('default') as Profile;
    extra.push(make('config', 'warning', `Unknown profile "${configuredId}"; using the default profile.`, 0, lines.lineEnd(1)));
  }
  try {
    ctx = buildModel(
      tree,
      text,
      lines,
      profile,
      timeOptions,
      options.defaultZone,
      cache ? cacheFor(cache, JSON.stringify(timeOptions)) : undefined,
      options.filePath,
    );
  } catch (error) {
    extra.push(
      make(
        'internal-error',
        'error',
        `The postmortem could not be read: ${describe(error)}. Please report this with the document.`,
        0,
        lines.lineEnd(1),
      ),
    );
    return { model: emptyModel(profile.id), messages: extra };
  }
  (file.data as Record<string, unknown>)[MODEL_KEY] = ctx;

  try {
    processor.runSync(tree, file);
  } catch (error) {
    extra.push(make('internal-error', 'error', `Linting stopped early: ${describe(error)}.`, 0, lines.lineEnd(1)));
  }

  const allowed = messageFilter(tree, lines);
  const messages: LintMessage[] = [];
  for (const m of file.messages) {
    const ruleId = m.ruleId ?? 'unknown';
    if (m.cause) {
      extra.push(
        make(
          'internal-error',
          'error',
          `The rule "${ruleId}" failed: ${describe(m.cause)}. Its findings are missing; please report this with the document.`,
          0,
          lines.lineEnd(1),
        ),
      );
      continue;
    }
    const start = m.place && 'start' in m.place ? (m.place.start.offset ?? 0) : 0;
    const end = m.place && 'end' in m.place ? (m.place.end.offset ?? start) : start;
    if (!allowed(ruleId, start)) continue;
    const severity = settings.get(ruleId)?.severity;
    if (!severity || severity === 'off') continue;
    const fix = (m as unknown as { fix?: Fix }).fix;
    const out = make(ruleId, severity, m.reason, start, end, fix);
    if (m.url) out.url = m.url;
    messages.push(out);
  }
  messages.push(...extra);
  messages.sort((a, b) => a.start - b.start || a.end - b.end);
  return { model: ctx.model, messages };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
