/**
 * Turning command-line paths into the list of postmortems to lint, and reading them safely.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

/** The dominant line ending of a text ('\n' when it has none). */
export { dominantLineEnding as detectEol } from '../engine/util/lineEndings';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
/** Files larger than this are skipped. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface FileProblem {
  /** The path as the user wrote it, or the file found. */
  path: string;
  message: string;
}

export interface CollectResult {
  /** Absolute paths, in the order found, without duplicates. */
  files: string[];
  /** Paths that do not exist or cannot be read. */
  errors: FileProblem[];
}

export interface CollectOptions {
  cwd: string;
  followSymlinks: boolean;
}

export function isMarkdownFile(name: string): boolean {
  const lower = name.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function errnoMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

function skipDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Walk a folder for the files `want` accepts (Markdown by default), skipping node_modules and dot-folders;
 * symlinks only with followSymlinks (and then each real folder once, so loops end).
 */
function walk(
  dir: string,
  opts: CollectOptions,
  out: string[],
  errors: FileProblem[],
  seenDirs: Set<string>,
  want: (file: string) => boolean = isMarkdownFile,
): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch (e) {
    errors.push({ path: dir, message: `cannot read folder: ${errnoMessage(e)}` });
    return;
  }
  if (seenDirs.has(real)) return; // a symlink loop
  seenDirs.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    errors.push({ path: dir, message: `cannot read folder: ${errnoMessage(e)}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      if (!opts.followSymlinks) continue;
      try {
        const st = fs.statSync(full);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue; // dangling link inside a folder: not the user's named path, ignore it
      }
    }
    if (isDir) {
      if (!skipDirectory(entry.name)) walk(full, opts, out, errors, seenDirs, want);
    } else if (isFile && want(full)) {
      out.push(full);
    }
  }
}

/** The explicit extension at the end of a glob (`docs/*.txt` → `.txt`), when it has one without wildcards. */
function patternExtension(pattern: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(pattern);
  return m ? `.${m[1]!.toLowerCase()}` : undefined;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

export function isGlob(input: string): boolean {
  return picomatch.scan(input.replace(/\\/g, '/')).isGlob;
}

/**
 * Files matching a glob: walk the glob's literal base folder (skipping node_modules and dot-folders,
 * symlinks only with followSymlinks) and keep what the pattern matches. Markdown files only, unless
 * the pattern names another extension (`notes/*.txt`).
 */
function expandGlob(input: string, opts: CollectOptions, errors: FileProblem[]): string[] {
  // Relative patterns are matched against paths relative to cwd, so characters of cwd are never read as glob syntax.
  const raw = input.replace(/\\/g, '/');
  const absolute = path.posix.isAbsolute(raw) || /^[A-Za-z]:\//.test(raw);
  const pattern = absolute ? raw : path.posix.normalize(raw);
  let matcher: (p: string) => boolean;
  let base: string;
  try {
    matcher = picomatch(pattern, { dot: false });
    base = picomatch.scan(pattern).base;
  } catch (e) {
    errors.push({ path: input, message: `invalid pattern: ${errnoMessage(e)}` });
    return [];
  }
  const relOf = (f: string): string => (absolute ? toPosix(f) : toPosix(path.relative(opts.cwd, f)));
  const baseDir = path.resolve(opts.cwd, base || '.');
  try {
    if (!fs.statSync(baseDir).isDirectory()) return [];
  } catch {
    return [];
  }
  const ext = patternExtension(pattern);
  const extOk = (f: string): boolean => (ext && !MARKDOWN_EXTENSIONS.includes(ext) ? f.toLowerCase().endsWith(ext) : isMarkdownFile(f));
  const out: string[] = [];
  walk(baseDir, opts, out, errors, new Set(), (f) => extOk(f) && matcher(relOf(f)));
  return out.sort();
}

/**
 * Expand command-line paths: files as given, folders recursively (*.md, *.markdown), globs.
 * Never throws; missing paths and globs that match nothing are returned in `errors`.
 */
export function collectFiles(inputs: string[], opts: CollectOptions): CollectResult {
  const found: string[] = [];
  const errors: FileProblem[] = [];
  for (const input of inputs) {
    const abs = path.resolve(opts.cwd, input);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && isGlob(input)) {
        st = undefined;
      } else {
        let message = errnoMessage(e);
        // A named symlink whose target is missing.
        if (code === 'ENOENT') {
          try {
            if (fs.lstatSync(abs).isSymbolicLink()) message = 'broken symbolic link';
          } catch {
            /* plain missing path */
          }
        }
        errors.push({ path: input, message });
        continue;
      }
    }
    if (st?.isDirectory()) {
      walk(abs, opts, found, errors, new Set());
      continue;
    }
    if (st) {
      if (!st.isFile()) {
        errors.push({ path: input, message: 'not a regular file' });
        continue;
      }
      found.push(abs);
      continue;
    }
    // A glob.
    const wanted = expandGlob(input, opts, errors);
    if (wanted.length === 0) {
      errors.push({ path: input, message: 'no files match this pattern' });
      continue;
    }
    found.push(...wanted);
  }
  const seen = new Set<string>();
  const files: string[] = [];
  for (const f of found) {
    let key = f;
    try {
      key = fs.realpathSync(f);
    } catch {
      /* keep the path as is */
    }
    if (seen.has(key)) continue;
    seen.add(key);
    files.push(f);
  }
  return { files, errors };
}

export type Encoding = 'utf8' | 'utf16le' | 'utf16be';

export interface ReadText {
  kind: 'text';
  /** The text without BOM. */
  text: string;
  bom: boolean;
  encoding: Encoding;
  /** False when the bytes were not valid in the encoding (text decoded with replacement characters). */
  exact: boolean;
}

export type ReadResult = ReadText | { kind: 'error'; message: string } | { kind: 'skipped'; message: string };

/** Read a postmortem: refuse files over 10 MB and binary files, detect BOM and UTF-16. Never throws. */
export function readTextFile(file: string): ReadResult {
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { kind: 'error', message: 'is a directory' };
    if (st.size > MAX_FILE_BYTES) {
      return {
        kind: 'skipped',
        message: `skipped: file is larger than 10 MB (${(st.size / 1024 / 1024).toFixed(1)} MB)`,
      };
    }
    buf = fs.readFileSync(file);
  } catch (e) {
    return { kind: 'error', message: `cannot read file: ${errnoMessage(e)}` };
  }
  if (buf.length > MAX_FILE_BYTES) {
    return { kind: 'skipped', message: 'skipped: file is larger than 10 MB' };
  }
  let encoding: Encoding = 'utf8';
  let bom = false;
  let body = buf;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    bom = true;
    body = buf.subarray(3);
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    bom = true;
    encoding = 'utf16le';
    body = buf.subarray(2);
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    bom = true;
    encoding = 'utf16be';
    body = buf.subarray(2);
  }
  if (encoding === 'utf8' && body.includes(0)) {
    return { kind: 'skipped', message: 'skipped: binary file (contains NUL bytes)' };
  }
  let text: string;
  let exact = true;
  const label = encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be';
  try {
    text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    exact = false;
    text = new TextDecoder(label, { ignoreBOM: true }).decode(body);
  }
  if (encoding !== 'utf8' && text.includes('\u0000')) {
    return { kind: 'skipped', message: 'skipped: binary file (contains NUL characters)' };
  }
  return { kind: 'text', text, bom, encoding, exact };
}

/** Encode text back the way it was read. */
export function encodeText(text: string, encoding: Encoding, bom: boolean): Buffer {
  const withBom = bom ? '\uFEFF' + text : text;
  if (encoding === 'utf8') return Buffer.from(withBom, 'utf8');
  const le = Buffer.from(withBom, 'utf16le');
  if (encoding === 'utf16le') return le;
  return le.swap16();
}

/** Path for display: relative to cwd when inside it, forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}
