/**
 * Profiles the built server (node --cpu-prof) while it answers single edits on a 650 KB postmortem, each
 * after a pause: where the time between the in-process incremental lint and the published diagnostics goes.
 *
 *   node --import tsx bench/profile-edits.ts [--only TEXT] [--edits N] [--server PATH]
 * then: node --import tsx bench/profile.ts <the .cpuprofile it names>
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../test/protocol/client';
import { benchDocuments } from './generate';

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux; NaN elsewhere). */
export function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? (argv[i + 1] ?? null) : null;
  };
  const only = arg('--only') ?? '650 KB paragraphs';
  const edits = Number(arg('--edits')) || 40;
  const serverPath = arg('--server') ?? undefined;
  const doc = benchDocuments().find((d) => d.name.includes(only));
  if (!doc) throw new Error(`no document named like ${only}`);
  const dir = mkdtempSync(join(tmpdir(), 'postmortem-edit-profile-'));
  const profile = !argv.includes('--no-prof');
  const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=100'] : [];
  const client = await TestClient.start({ settings: {}, execArgv, ...(serverPath ? { serverPath } : {}) });
  const uri = pathToFileURL(join(dir, 'edit-postmortem.md')).href;
  await client.open(uri, doc.text, 1);
  await client.diagnostics(uri, 1, { timeoutMs: 120_000 });
  let text = doc.text;
  const times: number[] = [];
  const cpu0 = cpuMs(client.child.pid);
  for (let v = 2; v <= edits + 1; v++) {
    await new Promise((r) => setTimeout(r, 100));
    const pos = positionAt(text, doc.middleOffset);
    const insert = v % 2 === 0;
    text = insert
      ? text.slice(0, doc.middleOffset) + 'x' + text.slice(doc.middleOffset)
      : text.slice(0, doc.middleOffset) + text.slice(doc.middleOffset + 1);
    const seq = client.lastSeq;
    const sent = performance.now();
    await client.change(uri, v, [
      insert
        ? { range: { start: pos, end: pos }, text: 'x' }
        : { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' },
    ]);
    await client.diagnostics(uri, v, { afterSeq: seq, timeoutMs: 60_000 });
    times.push(performance.now() - sent);
  }
  const cpu = (cpuMs(client.child.pid) - cpu0) / edits;
  await client.dispose();
  times.sort((a, b) => a - b);
  process.stdout.write(
    `${edits} edits on ${doc.name}: median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, min ${times[0]?.toFixed(1)} ms; server CPU ${cpu.toFixed(1)} ms per edit (user+system, /proc)\n`,
  );
  if (profile) process.stdout.write(`${join(dir, readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) ?? '?')}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
