/**
 * Full validation ÷ remark-parse on the bench documents (bench/run.ts's method, nothing else measured), and the phase
 * reader alone over each document's timeline entries: a quick check of issue 14's target.
 *
 * node --import tsx bench/ratio.ts [--runs N] [--only TEXT]
 */
import { loadavg } from 'node:os';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { lint } from '../server/src/engine/index';
import { readEntryPhase } from '../server/src/engine/model/phase';
import { benchDocuments } from './generate';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const runs = Math.max(1, Number(opt('--runs')) || 15);
const only = opt('--only');
const parser = unified().use(remarkParse).use(remarkGfm);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
}

console.log(
  `load ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}, ${runs} runs`,
);
for (const doc of benchDocuments()) {
  if (only && !doc.name.includes(only)) continue;
  const text = doc.text;
  const entries = lint(text).model.timeline;
  const fns: Record<string, () => unknown> = {
    parse: () => parser.parse(text),
    lint: () => lint(text),
    phases: () => {
      for (const e of entries) readEntryPhase(text, e);
    },
  };
  const times: Record<string, number[]> = { parse: [], lint: [], phases: [] };
  for (const fn of Object.values(fns)) for (let i = 0; i < 3; i++) fn();
  for (let i = 0; i < runs; i++) {
    for (const [name, fn] of Object.entries(fns)) {
      const t = performance.now();
      fn();
      times[name]?.push(performance.now() - t);
    }
  }
  const [p, l, ph] = [median(times.parse ?? []), median(times.lint ?? []), median(times.phases ?? [])];
  const minRatio = Math.min(...(times.lint ?? [])) / Math.min(...(times.parse ?? []));
  console.log(
    `${doc.name.padEnd(20)} parse ${p.toFixed(1)} ms  lint ${l.toFixed(1)} ms  ratio ${(l / p).toFixed(2)} (min ${minRatio.toFixed(2)})  phases ${ph.toFixed(1)} ms (${entries.length} entries)`,
  );
}
