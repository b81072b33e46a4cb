/**
 * The engine's front door: text and options in, model and messages out.
 * Shared by the language server, the CLI and the tests; imports nothing from vscode or LSP.
 */
export type * from './types';
export type * from './time/types';
export type * from './profiles/types';
export type * from './config/types';
export { lint } from './lint';
export { applyFixes, fixAll } from './fixes';
export { getProfile, listProfiles } from './profiles';
export { ruleList } from './rules';
