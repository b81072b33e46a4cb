/**
 * The language server's entry (dist/server.js): loads the server bundle (dist/server-bundle.js) through a V8
 * code cache so a fresh process skips most of parsing and compiling it.
 *
 * The cache is written once the server has published its first diagnostics, so it also holds the functions
 * the first lint compiled (V8 compiles lazily). It lives in `--code-cache-dir=DIR` (the client passes the
 * extension's global storage) or the OS temp folder, named by a hash of the bundle, Node's version, its flags and the
 * architecture; a cache V8 rejects (another V8 build, a corrupt file) is rebuilt. Any failure here only costs
 * the cache: the bundle then loads as it would without it. Node 20 has no module.enableCompileCache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** Where the bundle asks for the cache to be written once the first diagnostics are out (lsp/diagnostics.ts). */
const CODE_CACHE_HOOK = Symbol.for('postmortem-lint.codeCache');

const BUNDLE = join(__dirname, 'server-bundle.js');
/** How the bundle opens (esbuild.mjs): a function of a CommonJS module's variables. */
const WRAPPER = '(function (exports, require, module, __filename, __dirname) {';

function cacheDir(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a.startsWith('--code-cache-dir=')) return a.slice('--code-cache-dir='.length);
    if (a === '--code-cache-dir' && argv[i + 1]) return argv[i + 1] as string;
  }
  return process.env.POSTMORTEM_CODE_CACHE_DIR || join(tmpdir(), 'postmortem-lint-code-cache');
}

/** Caches of other bundles (an earlier version of the extension) older than this are deleted when one is written. */
const STALE_CACHE_MS = 24 * 60 * 60 * 1000;
/** A temporary file this old was left by a process that stopped while writing its cache. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;
const CACHE_FILE = /^server-[0-9a-f]{24}\.cache(\.\d+\.tmp)?$/;

/**
 * Each version of the bundle writes a cache of its own (about 1.5 MB): once a new one is written, the caches of other
 * versions that have not been written for a day go, so the folder does not grow with every update. (A version still
 * in use elsewhere only rebuilds its cache on its next start.)
 */
function removeStaleCaches(dir: string, keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const m = CACHE_FILE.exec(name);
    const path = join(dir, name);
    if (!m || path === keep) continue;
    try {
      if (now - statSync(path).mtimeMs > (m[1] ? STALE_TEMPORARY_MS : STALE_CACHE_MS)) unlinkSync(path);
    } catch {
      // Gone already, or not ours to delete.
    }
  }
}

/**
 * V8's allocation-site pretenuring: a place in the code whose objects mostly survived a young-generation collection
 * has its later objects made in the old generation at once. Opening a long document decides that for the scan's and
 * the model's objects (they all survive the first, full lint), and every later keystroke's short-lived entries then
 * go to the old generation, to be found dead only by a full collection: in process, on 650 KB, a keystroke's lint
 * took 29–33 ms with it and 24 ms without (mean of 150, three alternating pairs), the heap growing 1 MB per lint
 * instead of 4.5. The first lint of a 55 or 650 KB document is no slower without it (380–390 against 400–420 ms).
 */
const PRETENURING = 'allocation-site-pretenuring';

function load(): void {
  // V8 first runs a regular expression in its interpreter and compiles it to machine code on the second run; for the
  // engine's large phase and section patterns the interpreter's bytecode costs more to build than the machine code
  // (about half of the first lint's reading of phases). Compiled at once, the first lint is faster and later ones the same.
  setFlagsFromString('--no-regexp-tier-up');
  // Hashed as bytes, then decoded: hashing the decoded text would encode it back to UTF-8 first (the same key, 7 ms slower).
  const bytes = readFileSync(BUNDLE);
  // The build writes the bundle in ASCII (scripts/asciiOnly.mjs): read as Latin-1, it is a one-byte string made by a copy,
  // where UTF-8 would be decoded (and one non-ASCII character would make it a two-byte string of twice the size).
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // The build writes the bundle as the function to compile (esbuild.mjs), so it is compiled as it is, with no copy.
  if (!source.startsWith(WRAPPER)) throw new Error(`${BUNDLE} is not a build of this version: run npm run build`);
  // V8 rejects a cache made under other flags (the client's --max-semi-space-size, an editor starting the server without
  // it): each set of flags has a cache of its own rather than two starts rewriting one.
  const key = createHash('sha256')
    .update(process.version)
    .update(process.arch)
    .update(process.execArgv.join(' '))
    .update(bytes)
    .digest('hex')
    .slice(0, 24);
  const file = join(cacheDir(process.argv), `server-${key}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const started = performance.now();
  const script = new Script(source, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  if (process.env.POSTMORTEM_CODE_CACHE_DEBUG) {
    const state = !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
    process.stderr.write(`postmortem: code cache ${state} (${file}), compiled in ${(performance.now() - started).toFixed(1)} ms\n`);
  }
  if (!cachedData || script.cachedDataRejected) {
    let written = false;
    let flagsNow: () => string | null = () => null;
    const write = () => {
      if (written) return;
      written = true;
      try {
        // V8 accepts a cache only under the flags it was made with, and a fresh process has V8's defaults:
        // the server's heap flag (lsp/heap.ts) is set back to its default for the moment the cache is made.
        setFlagsFromString('--heap-growing-percent=0');
        setFlagsFromString(`--${PRETENURING}`);
        const data = script.createCachedData();
        setFlagsFromString(`--no-${PRETENURING}`);
        const flags = flagsNow();
        if (flags) setFlagsFromString(flags);
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(temporary, data);
        renameSync(temporary, file);
        removeStaleCaches(dirname(file), file);
      } catch {
        // No cache this time; the next start tries again.
      }
    };
    // Asked for by the server after its first publish: written a moment later, or as the process exits.
    (globalThis as Record<symbol, unknown>)[CODE_CACHE_HOOK] = (flags: () => string | null) => {
      flagsNow = flags;
      delete (globalThis as Record<symbol, unknown>)[CODE_CACHE_HOOK];
      setTimeout(write, 200).unref();
      process.once('exit', write);
    };
  }
  // Set once the bundle is compiled, so that the cache is read (and, above, made) under V8's default flags.
  setFlagsFromString(`--no-${PRETENURING}`);
  const run = script.runInThisContext() as (exports: unknown, req: NodeRequire, mod: unknown, filename: string, dir: string) => void;
  const mod = { exports: {} };
  run.call(mod.exports, mod.exports, require, mod, BUNDLE, dirname(BUNDLE));
}

load();
