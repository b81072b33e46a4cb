/** The little URI handling the server needs (no vscode-uri dependency). */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const URI = {
  /** The decoded path part of a URI ("/home/me/postmortems/a.md", "Untitled-1"). */
  path(uri: string): string {
    try {
      return decodeURIComponent(new URL(uri).pathname);
    } catch {
      return uri;
    }
  },

  isFile(uri: string): boolean {
    return uri.startsWith('file:');
  },

  /** The file system path of a file: URI, or null. */
  fsPath(uri: string): string | null {
    if (!URI.isFile(uri)) return null;
    try {
      // VS Code encodes the drive colon ("file:///c%3A/..."); Node wants it plain.
      return fileURLToPath(uri.replace(/^file:\/\/\/([A-Za-z])%3A/i, 'file:///$1:'));
    } catch {
      return null;
    }
  },

  fromPath(path: string): string {
    return pathToFileURL(path).href;
  },

  /** `uri`'s path relative to each folder URI that contains it. */
  relativeTo(uri: string, folders: readonly string[]): string[] {
    const out: string[] = [];
    for (const folder of folders) {
      const base = folder.endsWith('/') ? folder : `${folder}/`;
      if (uri.startsWith(base)) out.push(decodeURIComponent(uri.slice(base.length)));
    }
    return out;
  },

  /** The path used to match `postmortem.files` globs. */
  matchPath(uri: string): string {
    return URI.fsPath(uri) ?? URI.path(uri);
  },
};
