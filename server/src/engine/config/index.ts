/**
 * Configuration: `.postmortemrc.json` discovery (load), parsing (json), validation (validate) and
 * merging (merge). Pure: no vscode, no LSP. Never throws on bad input: invalid parts are dropped,
 * defaults used, and every problem is reported as a located ConfigProblem.
 */
export type { ConfigProblem, ParsedConfig, ResolvedConfig } from './types';
export { MAX_CONFIG_BYTES, parseConfigText } from './validate';
export { mergeOptions } from './merge';
export { CONFIG_FILE_NAME, clearConfigCache, loadConfigFile, nodeConfigFs, resolveConfig, type ConfigFs } from './load';
