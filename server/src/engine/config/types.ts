/**
 * The shapes configuration is read into, and what is reported about it.
 */
import type { LintOptions } from '../types';

/** A problem found in a configuration file; reported on that file, never fatal. */
export interface ConfigProblem {
  file: string;
  message: string;
  /** 1-based position in the config file when known. */
  line?: number;
  column?: number;
}

export interface ResolvedConfig {
  options: LintOptions;
  /** The .postmortemrc.json files that contributed, nearest last. */
  files: string[];
  problems: ConfigProblem[];
}

/** One configuration file's options, with its `root` flag (which stops the search upwards). */
export type ParsedConfig = LintOptions & { root?: boolean };

/** Keys that must never become properties of an object we build. */
export const HOSTILE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
