/**
 * Where our validation spends its time: runs `lint()` on the 650 KB documents under
 * `node --cpu-prof` and summarises the profile by module group and by function.
 *
 *   node --import tsx bench/profile.ts                 profile, then summarise
 *   node --import tsx bench/profile.ts --server         profile the built server (dist/server.js, via its
 *                                                      source map) from start to the first diagnostics of a 55 KB postmortem
 *                                                      (--only "5 KB": of a 5 KB one)
 *   node --import tsx bench/profile.ts FILE.cpuprofile summarise an existing profile
 *
 * Options: --runs N (lints per document, default 3), --only TEXT (documents whose name contains TEXT).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { serverEnvironment } from '../client/src/serverEnv';
import { lint } from '../server/src/engine/index';
import { benchDocuments, generatePostmortem } from './generate';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = resolve(__dirname, '..');

/** Module groups, first match wins. */
const GROUPS: [string, RegExp][] = [
  ['our time parsing (engine/time)', /server\/src\/engine\/time\//],
  ['our model (engine/model)', /server\/src\/engine\/model\//],
  ['our rules (engine/rules)', /server\/src\/engine\/rules\//],
  ['our engine, other (lint, control, util, fixes)', /server\/src\/engine\//],
  ['tree walks (unist-util-visit*, called by our code)', /node_modules\/unist-util-[^/]*\//],
  [
    'mdast-util-from-markdown (events → tree)',
    /node_modules\/(mdast-util-[^/]*|remark-parse|remark-gfm|remark-frontmatter|decode-named-character-reference|character-entities[^/]*)\//,
  ],
  ['micromark (tokenizing)', /node_modules\/(micromark[^/]*|devlop)\//],
  [
    'unified / vfile / unified-lint-rule',
    /node_modules\/(unified[^/]*|vfile[^/]*|trough|bail|is-plain-obj|extend|unified-lint-rule|remark-message-control|mdast-comment-marker|unified-message-control)\//,
  ],
  ['chrono-node', /node_modules\/chrono-node\//],
  ['luxon', /node_modules\/luxon\//],
  ['yaml', /node_modules\/yaml\//],
  ['other node_modules', /node_modules\//],
  ['bench harness', /\/bench\//],
];

function groupOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) {
    if (frame.functionName === '(garbage collector)') return 'garbage collector';
    if (frame.functionName === '(idle)' || frame.functionName === '(program)') return `V8 ${frame.functionName}`;
    return 'V8 builtins / native (RegExp, String, Array…)';
  }
  if (url.startsWith('node:')) return 'node internals (module loading, tsx)';
  for (const [name, re] of GROUPS) if (re.test(url)) return name;
  return 'other';
}

/**
 * What the sample was doing, judged from its whole stack: reading Markdown (anything under
 * remark-parse's fromMarkdown: what remark-parse alone also pays), else the nearest engine
 * function's module, else what the leaf is.
 */
function phaseOf(stack: CallFrame[]): string {
  const leaf = stack[0];
  if (!leaf) return 'other';
  if (leaf.functionName === '(garbage collector)') return 'garbage collector (allocation by all of the below)';
  if (stack.some((f) => /node_modules\/mdast-util-from-markdown\//.test(f.url)))
    return 'parse: remark-parse + remark-gfm (fromMarkdown, incl. gfm transforms)';
  const engine = stack.find((f) => f.url.includes('server/src/engine/'));
  if (!engine) return stack.some((f) => f.url.startsWith('node:')) ? 'module loading (startup)' : groupOf(leaf);
  const where = /server\/src\/engine\/(.*)$/.exec(engine.url)?.[1] ?? '';
  if (engine.lineNumber === 0 && engine.functionName === '') return 'module loading (startup)';
  if (where.startsWith('time/')) return 'ours: time parsing (engine/time)';
  if (where.startsWith('model/')) return 'ours: model (engine/model)';
  if (where.startsWith('rules/')) return 'ours: rules (engine/rules)';
  if (where === 'disableComments.ts') return 'ours: disable comments (engine/disableComments.ts)';
  if (where === 'lint.ts' && stack.some((f) => /node_modules\/(unified|trough)\//.test(f.url)))
    return 'ours: unified run pipeline (lint.ts → unified → plugins)';
  return `ours: ${where}`;
}

function shortUrl(url: string): string {
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) return url.slice(nm + 'node_modules/'.length);
  const at = url.indexOf('/server/src/');
  if (at >= 0) return url.slice(at + 1);
  return url.replace(/^file:\/\//, '');
}

function fmt(ms: number, total: number): string {
  return `${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Generated line → segments [generated column, source index], from a source map's VLQ mappings. */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const lineText of mappings.split(';')) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0] ?? 0;
      if (fields.length >= 4) {
        source += fields[1] ?? 0;
        segments.push([column, source]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Rewrites the URLs of frames in a bundle (dist/*.js with a .map) to the original source files, so they group by module. */
function applySourceMaps(profile: CpuProfile): void {
  const maps = new Map<string, { sources: string[]; lines: [number, number][][] } | null>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    if (!f.url.endsWith('.js')) continue;
    const path = f.url.startsWith('file://') ? fileURLToPath(f.url) : f.url;
    let map = maps.get(path);
    if (map === undefined) {
      map = null;
      if (existsSync(`${path}.map`)) {
        const raw = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as { sources: string[]; mappings: string };
        map = { sources: raw.sources.map((src) => resolve(dirname(path), src)), lines: decodeMappings(raw.mappings) };
      }
      maps.set(path, map);
    }
    if (!map) continue;
    const segments = map.lines[f.lineNumber] ?? [];
    let found: [number, number] | undefined;
    for (const seg of segments) {
      if (seg[0] > f.columnNumber) break;
      found = seg;
    }
    found ??= segments[0];
    const source = found ? map.sources[found[1]] : undefined;
    if (source) f.url = `file://${source}`;
  }
}

/** Summarises a .cpuprofile: self time per group and per function, inclusive time of our functions, and the callers of the top ones. */
export function summarizeProfile(profile: CpuProfile, top = 25): string {
  applySourceMaps(profile);
  const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const key = (f: CallFrame) => `${f.functionName || '(anonymous)'} ${shortUrl(f.url)}:${f.lineNumber + 1}`;
  let totalUs = 0;
  let idleUs = 0;
  const groupSelf = new Map<string, number>();
  const phaseSelf = new Map<string, number>();
  const fnSelf = new Map<string, { us: number; group: string }>();
  const fnTotal = new Map<string, number>();
  const callers = new Map<string, Map<string, number>>();
  /** Per group outside our engine: self time by the nearest engine function on the stack. */
  const groupOwner = new Map<string, Map<string, number>>();

  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const f = node.callFrame;
    if (f.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const group = groupOf(f);
    const stack: CallFrame[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (n) stack.push(n.callFrame);
    }
    const phase = phaseOf(stack);
    phaseSelf.set(phase, (phaseSelf.get(phase) ?? 0) + us);
    groupSelf.set(group, (groupSelf.get(group) ?? 0) + us);
    const k = key(f);
    const entry = fnSelf.get(k) ?? { us: 0, group };
    entry.us += us;
    fnSelf.set(k, entry);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set<string>();
    let callerKey: string | null = null;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const nk = key(n.callFrame);
      if (cur !== id && callerKey === null && nk !== k) callerKey = nk;
      if (seen.has(nk)) continue;
      seen.add(nk);
      fnTotal.set(nk, (fnTotal.get(nk) ?? 0) + us);
    }
    if (!f.url.includes('server/src/engine/')) {
      let owner = '(no engine function on the stack)';
      for (let cur = parent.get(id); cur !== undefined; cur = parent.get(cur)) {
        const n = byId.get(cur);
        if (n && n.callFrame.url.includes('server/src/engine/')) {
          owner = key(n.callFrame);
          break;
        }
      }
      const m = groupOwner.get(group) ?? new Map<string, number>();
      m.set(owner, (m.get(owner) ?? 0) + us);
      groupOwner.set(group, m);
    }
    if (callerKey) {
      const m = callers.get(k) ?? new Map<string, number>();
      m.set(callerKey, (m.get(callerKey) ?? 0) + us);
      callers.set(k, m);
    }
  }

  const total = totalUs / 1000;
  const out: string[] = [];
  out.push(`profiled ${(total + idleUs / 1000).toFixed(0)} ms (${total.toFixed(0)} ms busy, ${(idleUs / 1000).toFixed(0)} ms idle)`);
  out.push('');
  out.push('by phase (each sample judged by its whole stack):');
  for (const [g, us] of [...phaseSelf].sort((a, b) => b[1] - a[1])) out.push(`  ${fmt(us / 1000, total)}  ${g}`);
  out.push('');
  out.push('self time by module group (the function the sample was in):');
  for (const [g, us] of [...groupSelf].sort((a, b) => b[1] - a[1])) {
    out.push(`  ${fmt(us / 1000, total)}  ${g}`);
    const owners = [...(groupOwner.get(g) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 3);
    if (us / 1000 > total * 0.02)
      for (const [o, ous] of owners) out.push(`                       under ${o} ${((ous / us) * 100).toFixed(0)}%`);
  }
  out.push('');
  out.push(`top ${top} functions by self time:`);
  const topFns = [...fnSelf].sort((a, b) => b[1].us - a[1].us).slice(0, top);
  for (const [k, v] of topFns) {
    out.push(`  ${fmt(v.us / 1000, total)}  ${k}  [${v.group}]`);
    const cs = [...(callers.get(k) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 2);
    for (const [c, us] of cs) out.push(`                       ← ${c} (${((us / v.us) * 100).toFixed(0)}%)`);
  }
  out.push('');
  out.push('inclusive time of our engine functions (time with everything they call), top 30:');
  const ours = [...fnTotal]
    .filter(([k]) => k.includes('server/src/engine/'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30);
  for (const [k, us] of ours) out.push(`  ${fmt(us / 1000, total)}  ${k}`);
  return out.join('\n');
}

function childMain(runs: number, only: string | null): void {
  const docs = benchDocuments().filter((d) => d.name.startsWith('650 KB') && (!only || d.name.includes(only)));
  for (const doc of docs) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      lint(doc.text);
      times.push(performance.now() - t);
    }
    process.stdout.write(`${doc.name}: ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')}\n`);
  }
}

/** Starts dist/server.js under --cpu-prof, opens a postmortem of `kb` KB (55 unless told), waits for its diagnostics and shuts the server down. */
async function profileServer(dir: string, kb = 55): Promise<void> {
  const server = join(ROOT, 'dist', 'server.js');
  if (!existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
  const doc = generatePostmortem({ targetBytes: kb * 1024, shape: 'paragraphs' });
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, server, '--stdio'], {
    stdio: 'pipe',
    env: serverEnvironment(),
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let published!: () => void;
  const diagnostics = new Promise<void>((r) => (published = r));
  connection.onNotification(PublishDiagnosticsNotification.type, () => published());
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: { workspace: { configuration: true } },
    workspaceFolders: null,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const t1 = performance.now();
  const uri = `file://${join(tmpdir(), 'postmortem-lint-bench', 'incident-postmortem.md')}`;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'markdown', version: 1, text: doc.text },
  });
  await diagnostics;
  const t2 = performance.now();
  process.stdout.write(
    `server start → initialize answered ${(t1 - t0).toFixed(0)} ms, didOpen → diagnostics ${(t2 - t1).toFixed(0)} ms (profiling slows both)\n`,
  );
  const exited = new Promise((r) => child.once('exit', r));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await exited;
  connection.dispose();
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string): string | null => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  const runs = Math.max(1, Number(flag('--runs')) || 3);
  const only = flag('--only');
  if (argv.includes('--child')) {
    childMain(runs, only);
    return;
  }
  const existing = argv.find((a) => a.endsWith('.cpuprofile'));
  let file = existing;
  if (!file) {
    const dir = mkdtempSync(join(tmpdir(), 'postmortem-lint-prof-'));
    if (argv.includes('--server')) await profileServer(dir, Number(/(\d+) ?KB/i.exec(only ?? '')?.[1] ?? 55));
    else runChild(dir, runs, only);
    const name = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!name) throw new Error(`no profile written in ${dir}`);
    file = join(dir, name);
  }
  process.stdout.write(`profile: ${file}\n`);
  process.stdout.write(`${summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile)}\n`);
}

/** Lints the 650 KB documents in a child process under --cpu-prof. */
function runChild(dir: string, runs: number, only: string | null): void {
  const args = [
    '--cpu-prof',
    '--cpu-prof-dir',
    dir,
    '--import',
    'tsx',
    join(__dirname, 'profile.ts'),
    '--child',
    '--runs',
    String(runs),
    ...(only ? ['--only', only] : []),
  ];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`profiled run failed (${child.status ?? child.signal})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
