/**
 * `.postmortemrc.json` for the server in a browser worker, which has no file system: the client reads the
 * workspace's config files through `vscode.workspace.fs` and hands them over (shared/protocol.ts,
 * `postmortem/configFiles`). This store keeps them by their URI's path and serves them to the engine's own
 * `resolveConfig` as its file system, so discovery (nearest file wins, `"root": true` stops the walk),
 * validation and merging are the desktop's.
 *
 * Paths are the URIs' decoded paths ("/owner/repo/docs/.postmortemrc.json" for
 * `vscode-vfs://github/owner/repo/docs/.postmortemrc.json`): one workspace's files share a scheme and
 * authority, so the path alone identifies a file.
 */
import { resolveConfig, type ConfigFs, type ResolvedConfig } from '../engine/config';
import type { ConfigFileContent } from '../../../shared/protocol';

interface Stored {
  uri: string;
  text: string;
  /** UTF-8 length, for the engine's size limit. */
  size: number;
  /** Bumped on every change, standing in for a modification time. */
  generation: number;
}

const HIERARCHICAL = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/i;

/** The decoded path of a hierarchical URI ("scheme://authority/path"); null for others (`untitled:Untitled-1`). */
export function uriPath(uri: string): string | null {
  const match = HIERARCHICAL.exec(uri);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export class ConfigFileStore {
  private readonly byPath = new Map<string, Stored>();
  private generation = 0;

  /** Applies what the client sent; returns the URIs of the files that are gone. */
  update(files: readonly ConfigFileContent[] | undefined): string[] {
    const gone: string[] = [];
    for (const file of Array.isArray(files) ? files : []) {
      if (!file || typeof file.uri !== 'string') continue;
      const path = uriPath(file.uri);
      if (!path) continue;
      if (typeof file.text === 'string') {
        this.byPath.set(path, {
          uri: file.uri,
          text: file.text,
          size: new TextEncoder().encode(file.text).length,
          generation: ++this.generation,
        });
      } else if (this.byPath.delete(path)) {
        gone.push(file.uri);
      }
    }
    return gone;
  }

  get size(): number {
    return this.byPath.size;
  }

  /** What the engine reads config files through. */
  readonly fs: ConfigFs = {
    stat: (path) => {
      const stored = this.byPath.get(path);
      return stored ? { mtimeMs: stored.generation, size: stored.size, isFile: true } : undefined;
    },
    readFile: (path) => {
      const stored = this.byPath.get(path);
      if (!stored) throw new Error(`${path} is not in the workspace's configuration files`);
      return stored.text;
    },
  };

  resolve(path: string): ResolvedConfig {
    return resolveConfig(path, undefined, this.fs);
  }

  /** The URI a config file is known by at the client (for its diagnostics). */
  uriOf(path: string): string {
    return this.byPath.get(path)?.uri ?? `file://${path.split('/').map(encodeURIComponent).join('/')}`;
  }
}
