/**
 * What a fresh server process cannot go below on this machine (`npm run bench`, next to "server start → first
 * diagnostics"):
 * - a trivial language server (bench/floor/trivialServer.ts): spawn → its (empty) first diagnostics, i.e. Node's
 *   own start plus loading vscode-languageserver;
 * - the engine's Markdown parser alone (bench/floor/parseOnly.ts) reading the same document in a fresh process, its
 *   bundle compiled through a warm V8 code cache and with the server's regexp flag, as server/src/loader.ts does.
 * Any server that must parse the whole document before its first diagnostics needs at least about the sum.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { TestClient } from '../test/protocol/client';

export interface StartFloor {
  /** spawn → first diagnostics of the trivial server, per run (ms). */
  trivialServer: number[];
  /** Node's start until the parser's script runs, per run (ms, from performance.now() there). */
  nodeStart: number[];
  /** The first (cold) parse of the document in that fresh process, per run (ms). */
  coldParse: number[];
}

/** Loads the parser bundle through a code cache (written by the first run), parses argv[2] once, prints the times. */
const PARSE_RUNNER = `
const started = performance.now();
const { readFileSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');
const [bundle, cacheFile, docFile] = process.argv.slice(2);
let cachedData;
try { cachedData = readFileSync(cacheFile); } catch {}
const source = readFileSync(bundle, 'utf8');
const script = new Script('(function (exports, require, module) {\\n' + source + '\\n})', { filename: bundle, cachedData });
const mod = { exports: {} };
script.runInThisContext()(mod.exports, require, mod);
const text = readFileSync(docFile, 'utf8');
const t = performance.now();
mod.exports.parseMarkdown(text);
const parsed = performance.now() - t;
if (!cachedData || script.cachedDataRejected) writeFileSync(cacheFile, script.createCachedData());
process.stdout.write(JSON.stringify({ nodeStart: started, coldParse: parsed }));
`;

function build(dir: string): { server: string; parser: string; runner: string } {
  mkdirSync(dir, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'error',
  } as const;
  const server = join(dir, 'trivial-server.js');
  const parser = join(dir, 'parse-only.js');
  buildSync({ ...common, entryPoints: [join(__dirname, 'floor', 'trivialServer.ts')], outfile: server });
  buildSync({ ...common, entryPoints: [join(__dirname, 'floor', 'parseOnly.ts')], outfile: parser });
  const runner = join(dir, 'parse-runner.js');
  writeFileSync(runner, PARSE_RUNNER);
  return { server, parser, runner };
}

/** `runs` fresh processes of each kind after one uncounted run (which writes the parser's code cache). */
export async function measureStartFloor(text: string, runs: number, dir: string): Promise<StartFloor> {
  const tools = build(dir);
  const docFile = join(dir, 'floor-document.md');
  writeFileSync(docFile, text);
  const cacheFile = join(dir, `parse-only-${process.pid}.cache`);
  const out: StartFloor = { trivialServer: [], nodeStart: [], coldParse: [] };
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const client = await TestClient.start({ settings: {}, serverPath: tools.server });
    try {
      const uri = 'file:///floor/incident-postmortem.md';
      await client.open(uri, text, 1);
      await client.diagnostics(uri, 1, { timeoutMs: 30_000 });
      const at = client.published.find((p) => p.uri === uri && p.version === 1)?.at ?? performance.now();
      if (i > 0) out.trivialServer.push(at - t0);
    } finally {
      await client.dispose();
    }
    const r = spawnSync(process.execPath, ['--no-regexp-tier-up', tools.runner, tools.parser, cacheFile, docFile], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the parser floor run failed: ${r.stderr}`);
    const times = JSON.parse(r.stdout) as { nodeStart: number; coldParse: number };
    if (i > 0) {
      out.nodeStart.push(times.nodeStart);
      out.coldParse.push(times.coldParse);
    }
  }
  return out;
}
