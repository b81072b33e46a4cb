/**
 * Finding the `.postmortemrc.json` files that apply to a document (from its folder upwards, until
 * one says `"root": true`) and reading them, cached by path, modification time and size.
 */
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import type { LintOptions } from '../types';
import { mergeOptions } from './merge';
import type { ConfigProblem, ParsedConfig, ResolvedConfig } from './types';
import { MAX_CONFIG_BYTES, parseConfigText } from './validate';

export const CONFIG_FILE_NAME = '.postmortemrc.json';

/** What the config loader needs from a file system; node:fs by default. */
export interface ConfigFs {
  /** Stat a path; undefined when it does not exist or cannot be read. */
  stat(path: string): { mtimeMs: number; size: number; isFile: boolean } | undefined;
  /** Read a file as UTF-8; may throw. */
  readFile(path: string): string;
}

export const nodeConfigFs: ConfigFs = {
  stat(path) {
    try {
      const s = nodeFs.statSync(path);
      return { mtimeMs: s.mtimeMs, size: s.size, isFile: s.isFile() };
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    return nodeFs.readFileSync(path, 'utf8');
  },
};

interface CacheEntry {
  mtimeMs: number;
  size: number;
  config: ParsedConfig;
  problems: ConfigProblem[];
}

const cache = new Map<string, CacheEntry>();
const MAX_CACHE = 500;

/** Forget every cached config file (e.g. when the server is told files changed). */
export function clearConfigCache(): void {
  cache.clear();
}

/**
 * Load one configuration file. `undefined` config when it does not exist; problems when it is
 * unreadable, too large or invalid. Results are cached by path, modification time and size.
 */
export function loadConfigFile(
  file: string,
  fsImpl: ConfigFs = nodeConfigFs,
): { exists: boolean; config: ParsedConfig; problems: ConfigProblem[] } {
  const st = fsImpl.stat(file);
  if (!st || !st.isFile) return { exists: false, config: {}, problems: [] };
  const cached = fsImpl === nodeConfigFs ? cache.get(file) : undefined;
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
    return { exists: true, config: cached.config, problems: cached.problems };
  }
  let result: { config: ParsedConfig; problems: ConfigProblem[] };
  if (st.size > MAX_CONFIG_BYTES) {
    result = {
      config: {},
      problems: [
        {
          file,
          message: `configuration file is larger than 1 MB (${(st.size / 1024 / 1024).toFixed(1)} MB); refused`,
          line: 1,
          column: 1,
        },
      ],
    };
  } else {
    let text: string | undefined;
    try {
      text = fsImpl.readFile(file);
    } catch (e) {
      const reason = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
      result = {
        config: {},
        problems: [{ file, message: `could not read the configuration file (${reason}); ignored` }],
      };
    }
    if (text !== undefined) result = parseConfigText(text, file);
  }
  const final = result!;
  if (fsImpl === nodeConfigFs) {
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, config: final.config, problems: final.problems });
  }
  return { exists: true, ...final };
}

function stripRoot(config: ParsedConfig): LintOptions {
  const { root: _root, ...rest } = config;
  return rest;
}

/**
 * The options that apply to `filePath`: every `.postmortemrc.json` from the file's folder up to the
 * filesystem root (or the first one with `"root": true`), nearer files overriding farther ones,
 * then `overrides` on top. Never throws.
 */
export function resolveConfig(filePath: string, overrides?: LintOptions, fsImpl: ConfigFs = nodeConfigFs): ResolvedConfig {
  const found: { file: string; config: ParsedConfig }[] = [];
  const problems: ConfigProblem[] = [];
  try {
    let dir = nodePath.dirname(nodePath.resolve(filePath));
    for (let guard = 0; guard < 256; guard++) {
      const candidate = nodePath.join(dir, CONFIG_FILE_NAME);
      const loaded = loadConfigFile(candidate, fsImpl);
      if (loaded.exists) {
        found.push({ file: candidate, config: loaded.config });
        problems.push(...loaded.problems);
        if (loaded.config.root === true) break;
      }
      const parent = nodePath.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  } catch (e) {
    problems.push({ file: filePath, message: `could not look for configuration files: ${String(e)}` });
  }
  found.reverse(); // farthest first, nearest last
  let options: LintOptions = {};
  for (const f of found) options = mergeOptions(options, stripRoot(f.config));
  if (overrides) options = mergeOptions(options, overrides);
  // Problems in file order too: farthest first.
  const order = new Map(found.map((f, i) => [f.file, i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
  return { options, files: found.map((f) => f.file), problems };
}
