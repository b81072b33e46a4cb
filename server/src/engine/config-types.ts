import type { LintOptions } from './types';

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
