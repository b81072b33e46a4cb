/**
 * Is this Markdown document a postmortem? Pure: a path, a model and two settings in, a boolean out.
 * Used by the language server to decide which documents get diagnostics.
 */
import picomatch from 'picomatch';
import type { PostmortemModel } from './types';

export const DEFAULT_POSTMORTEM_FILES: readonly string[] = [
  '**/*postmortem*',
  '**/*post-mortem*',
  '**/*Postmortem*',
  '**/*PostMortem*',
  '**/postmortems/**',
  '**/incidents/**',
];

export interface DetectSettings {
  /** Globs matched case-insensitively against the document's path. */
  files: readonly string[];
  /** Also recognise a postmortem by its content (two or more known sections). */
  detect: boolean;
}

export interface DetectInput {
  /** File system path or URI path of the document; '' when it has none. */
  path: string;
  /** The same path relative to the workspace folders that hold it, so globs like `docs/incidents/*.md` match too. */
  relativePaths?: readonly string[];
  /** The parsed document, or null when it could not be parsed. */
  model: Pick<PostmortemModel, 'sections' | 'frontMatter'> | null;
  settings: DetectSettings;
}

const matcherCache = new Map<string, (path: string) => boolean>();

function matcherFor(globs: readonly string[]): (path: string) => boolean {
  const key = globs.join('\u0000');
  let matcher = matcherCache.get(key);
  if (!matcher) {
    matcher = globs.length === 0 ? () => false : picomatch([...globs], { nocase: true, dot: true });
    if (matcherCache.size > 32) matcherCache.clear();
    matcherCache.set(key, matcher);
  }
  return matcher;
}

/** Forward slashes, no drive letter or leading slash, so `**\/x` globs match absolute paths too. */
export function normalizePath(path: string): string {
  return path
    .replace(/\\/g, '/')
    .replace(/^[A-Za-z]:\//, '')
    .replace(/^\/+/, '');
}

export function pathMatches(path: string, globs: readonly string[]): boolean {
  if (!path) return false;
  return matcherFor(globs)(normalizePath(path));
}

function frontMatterSaysPostmortem(frontMatter: Record<string, unknown> | null): boolean {
  if (!frontMatter) return false;
  const type = frontMatter['type'];
  return typeof type === 'string' && /^\s*post-?mortem\s*$/i.test(type);
}

export function isPostmortem({ path, relativePaths = [], model, settings }: DetectInput): boolean {
  if (pathMatches(path, settings.files) || relativePaths.some((p) => pathMatches(p, settings.files))) return true;
  if (!model) return false;
  if (frontMatterSaysPostmortem(model.frontMatter)) return true;
  if (!settings.detect) return false;
  const ids = new Set<string>();
  for (const section of model.sections) if (section.id) ids.add(section.id);
  return ids.size >= 2;
}
