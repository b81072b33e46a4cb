/**
 * Node-only: the files an import reads, from what the user names — a file, a folder (a Slack export or one of its
 * channel folders), or a Slack export's .zip — as { name, content } for the engine's readers (engine/import),
 * which never touch the file system. Never throws: what cannot be read is listed with why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceFile } from '../engine/import';
import { readZip } from '../engine/import/zip';
import { readTextFile } from './files';

export interface SourceProblem {
  /** The path as the user gave it, or the path inside a folder or zip. */
  name: string;
  reason: string;
}

export interface CollectedSources {
  files: SourceFile[];
  problems: SourceProblem[];
}

/** The files of a source a reader can hold: JSON and text. */
const SOURCE_FILE = /\.(json|txt|log|text|csv|md)$/i;
const MAX_ZIP_BYTES = 200 * 1024 * 1024;

function skipName(name: string): boolean {
  return name.split('/').some((part) => part.startsWith('.') || part === '__MACOSX');
}

function walk(dir: string, rel: string, out: { abs: string; rel: string }[], depth = 0): void {
  if (depth > 6) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const abs = path.join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (skipName(e.name)) continue;
    if (e.isDirectory()) walk(abs, r, out, depth + 1);
    else if (e.isFile() && SOURCE_FILE.test(e.name)) out.push({ abs, rel: r });
  }
}

function readOne(abs: string, name: string, sources: CollectedSources): void {
  const read = readTextFile(abs);
  if (read.kind === 'text') sources.files.push({ name, content: read.text });
  else sources.problems.push({ name, reason: read.message });
}

/**
 * The files named by `inputs`. A folder is read whole, its files named from the folder's own name
 * ("inc-checkout/2024-06-08.json"), so that a Slack channel keeps its name; a channel folder of an export also brings
 * the export's users.json (beside it) for the authors' names.
 */
export function collectSources(inputs: string[]): CollectedSources {
  const sources: CollectedSources = { files: [], problems: [] };
  for (const input of inputs) {
    let st: fs.Stats;
    try {
      st = fs.statSync(input);
    } catch {
      sources.problems.push({ name: input, reason: 'no such file or folder' });
      continue;
    }
    if (st.isDirectory()) {
      const base = path.basename(path.resolve(input));
      const found: { abs: string; rel: string }[] = [];
      walk(input, base, found);
      if (!found.length) sources.problems.push({ name: input, reason: 'no .json or text file in this folder' });
      for (const f of found) readOne(f.abs, f.rel, sources);
      const users = path.join(path.dirname(path.resolve(input)), 'users.json');
      if (
        found.some((f) => /\/\d{4}-\d{2}-\d{2}\.json$/.test(f.rel)) &&
        !found.some((f) => /(^|\/)users\.json$/.test(f.rel)) &&
        fs.existsSync(users)
      ) {
        readOne(users, 'users.json', sources);
      }
      continue;
    }
    if (/\.zip$/i.test(input)) {
      readZipSource(input, sources);
      continue;
    }
    readOne(input, input, sources);
  }
  return sources;
}

function readZipSource(file: string, sources: CollectedSources): void {
  let buf: Buffer;
  try {
    if (fs.statSync(file).size > MAX_ZIP_BYTES) {
      sources.problems.push({ name: file, reason: 'the zip is larger than 200 MB' });
      return;
    }
    buf = fs.readFileSync(file);
  } catch (e) {
    sources.problems.push({ name: file, reason: `cannot read the file (${(e as Error).message})` });
    return;
  }
  const base = path.basename(file).replace(/\.zip$/i, '');
  const zipped = readZip(buf);
  if ('error' in zipped) {
    sources.problems.push({ name: file, reason: zipped.error });
    return;
  }
  for (const entry of zipped.entries) {
    if (entry.name.endsWith('/') || skipName(entry.name) || !SOURCE_FILE.test(entry.name)) continue;
    const name = `${base}/${entry.name}`;
    if ('error' in entry) sources.problems.push({ name, reason: entry.error });
    else sources.files.push({ name, content: entry.data.toString('utf8').replace(/^\uFEFF/, '') });
  }
}
