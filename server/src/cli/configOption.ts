/**
 * What `--config` and `--profile` mean to the commands that lint (`postmortem-lint` and `report`): the configuration
 * file that replaces discovery, its problems as warning lines, and whether the profile named exists.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getProfile, listProfiles, type LintOptions } from '../engine';
import { loadConfigFile, resolveConfig, type ConfigProblem } from '../engine/config';
import { displayPath } from './files';

/** The file `--config` names, read, with its problems; null when there is no such file. */
export function loadConfigOption(cwd: string, name: string): { options: LintOptions; problems: ConfigProblem[] } | null {
  const configPath = path.resolve(cwd, name);
  let exists: boolean;
  try {
    exists = fs.statSync(configPath).isFile();
  } catch {
    exists = false;
  }
  if (!exists) return null;
  const loaded = loadConfigFile(configPath);
  const { root: _root, ...options } = loaded.config;
  return { options, problems: loaded.problems };
}

/** "postmortems/.postmortemrc.json:3:5: warning: …": a configuration problem as the command line shows it. */
export function configProblemLine(p: ConfigProblem, cwd: string): string {
  return `${displayPath(p.file, cwd)}${p.line !== undefined ? `:${p.line}:${p.column ?? 1}` : ''}: warning: ${p.message}`;
}

/**
 * Null when `--profile id` names a profile (built in, or defined by the configuration: the `--config` file's, else
 * the one found from the working folder); else the profiles it could name, listed for the message.
 */
export function unknownProfile(id: string, fixedConfig: LintOptions | undefined, cwd: string): string | null {
  const profiles = (fixedConfig ?? resolveConfig(path.join(cwd, '__postmortem__.md')).options).profiles;
  if (getProfile(id, profiles)) return null;
  return [...listProfiles().map((p) => p.id), ...Object.keys(profiles ?? {})].join(', ');
}
