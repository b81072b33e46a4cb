/**
 * One file of `postmortem-lint report`: read it, resolve its configuration as the lint command does, lint it, decide
 * whether it is a postmortem (engine/detect.ts, with the default `postmortem.files` globs and content detection, as
 * the editor decides), and make its index row. Runs in the main thread or in a worker (reportWorker.ts); plain data
 * in and out. Never throws.
 */
import { getProfile, lint, listProfiles } from '../engine';
import type { LintOptions } from '../engine';
import { mergeOptions, resolveConfig } from '../engine/config';
import { DEFAULT_POSTMORTEM_FILES, isPostmortem } from '../engine/detect';
import { indexRow, type IndexRow } from '../engine/report';
import { displayPath, readTextFile } from './files';

export interface ReportSetup {
  cwd: string;
  /** The options of --config, which replace discovery. */
  fixedConfig?: LintOptions;
  /** --profile. */
  overrides: LintOptions;
}

export type ReportFileResult =
  | { kind: 'row'; row: IndexRow; notes: string[] }
  | { kind: 'not-postmortem'; notes: string[] }
  | { kind: 'error'; message: string; notes: string[] }
  | { kind: 'skipped'; message: string; notes: string[] };

export function reportFile(file: string, setup: ReportSetup): ReportFileResult {
  const shown = displayPath(file, setup.cwd);
  const notes: string[] = [];
  try {
    const read = readTextFile(file);
    if (read.kind !== 'text') return { ...read, notes };
    let options: LintOptions;
    if (setup.fixedConfig) {
      options = mergeOptions(setup.fixedConfig, setup.overrides);
    } else {
      const resolved = resolveConfig(file, setup.overrides);
      for (const p of resolved.problems)
        notes.push(`${displayPath(p.file, setup.cwd)}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: warning: ${p.message}`);
      options = resolved.options;
    }
    if (options.profile !== undefined && !getProfile(options.profile, options.profiles)) {
      notes.push(
        `${shown}: warning: unknown profile "${options.profile}" in the configuration; using the default profile (available: ${listProfiles()
          .map((p) => p.id)
          .join(', ')})`,
      );
      const { profile: _p, ...rest } = options;
      options = rest;
    }
    const result = lint(read.text, { ...options, filePath: file });
    const settings = { files: DEFAULT_POSTMORTEM_FILES, detect: true };
    if (!isPostmortem({ path: file, relativePaths: [shown], model: result.model, settings })) return { kind: 'not-postmortem', notes };
    const profile = getProfile(result.model.profile, options.profiles);
    return {
      kind: 'row',
      row: indexRow({ file: shown, text: read.text, result, ...(profile ? { profile } : {}) }),
      notes,
    };
  } catch (e) {
    return {
      kind: 'error',
      message: `internal error while reading: ${e instanceof Error ? e.message : String(e)}`,
      notes,
    };
  }
}
