import type { LintMessage, PostmortemModel, Severity } from '../../engine';

/** What the CLI knows about one linted file, for the formatters. */
export interface FileReport {
  /** Absolute path. */
  file: string;
  /** Path relative to the working directory when inside it, with forward slashes. */
  displayPath: string;
  model: PostmortemModel;
  /** The messages to report (already filtered by --quiet). */
  messages: LintMessage[];
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  url: string;
}

export interface FormatContext {
  cwd: string;
  /** Use ANSI colors (stylish only). */
  color: boolean;
  toolName: string;
  version: string;
  informationUri: string;
  rules: RuleInfo[];
}

export type Formatter = (reports: FileReport[], ctx: FormatContext) => string;
