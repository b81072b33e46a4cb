/**
 * Precision and recall of the phase reader against hand labels: eval/phase-labels.tsv names timeline entries of the
 * real postmortems in ../shared/corpus by file and line (the texts stay there) and gives the phase a reader sees in
 * each (detected, acknowledged, escalated, mitigated, resolved or none). The engine's phase of the entry at that line
 * is compared with the label. An evaluation tool, not a test: without ../shared it says so and exits 0.
 *
 * node --import tsx scripts/phase-eval.ts [--corpus DIR] [--labels FILE] [--show]
 * `--show` prints every disagreement with the entry's text, to read by eye.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, type TimelineEntry } from '../server/src/engine';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const corpus = option('--corpus') ?? process.env.PHASE_CORPUS ?? join(__dirname, '..', '..', 'shared', 'corpus');
const labelsFile = option('--labels') ?? join(__dirname, '..', 'eval', 'phase-labels.tsv');
const show = args.includes('--show');

const PHASES = ['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved'] as const;
type Label = (typeof PHASES)[number] | 'none';

if (!existsSync(corpus)) {
  console.log(`phase-eval: no corpus at ${corpus} (../shared is not here); nothing to evaluate.`);
  process.exit(0);
}

/** The one phase the engine gives an entry: `phase` when the model has it, else the most advanced of its phases. */
function predicted(e: TimelineEntry): Label {
  const own = (e as { phase?: string | null }).phase;
  if (own !== undefined) return (PHASES as readonly string[]).includes(own ?? '') ? (own as Label) : 'none';
  for (const p of ['resolved', 'mitigated', 'escalated', 'acknowledged', 'detected'] as const) if (e.phases.includes(p)) return p;
  return 'none';
}

const rows = readFileSync(labelsFile, 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() && !l.startsWith('#'));
const byFile = new Map<string, { line: number; label: Label }[]>();
for (const row of rows) {
  const [file, line, label] = row.split('\t');
  if (!file || !line || !label) continue;
  const list = byFile.get(file) ?? [];
  list.push({ line: Number(line), label: label as Label });
  byFile.set(file, list);
}

const counts = new Map<Label, { tp: number; fp: number; fn: number }>();
for (const p of [...PHASES, 'none' as const]) counts.set(p, { tp: 0, fp: 0, fn: 0 });
let total = 0;
let missing = 0;
for (const [file, labels] of byFile) {
  const path = join(corpus, file);
  if (!existsSync(path)) {
    missing += labels.length;
    continue;
  }
  const text = readFileSync(path, 'utf8');
  const { model } = lint(text, { filePath: path });
  for (const { line, label } of labels) {
    const entry = model.timeline.find((e) => e.line === line);
    if (!entry) {
      missing++;
      continue;
    }
    total++;
    const got = predicted(entry);
    if (got === label) counts.get(label)!.tp++;
    else {
      counts.get(got)!.fp++;
      counts.get(label)!.fn++;
      if (show)
        console.log(
          `${file}:${line} labelled ${label}, read ${got}\n    | ${text.slice(entry.start, entry.end).replace(/\s+/g, ' ').slice(0, 220)}`,
        );
    }
  }
}

const fmt = (n: number, d: number): string => (d ? (n / d).toFixed(3) : '  -  ');
console.log(`${total} labelled entries from ${byFile.size} files${missing ? ` (${missing} labels point at no entry)` : ''}`);
console.log('phase          labelled  precision  recall');
for (const [phase, c] of counts) {
  console.log(
    `${phase.padEnd(14)} ${String(c.tp + c.fn).padStart(8)}  ${fmt(c.tp, c.tp + c.fp).padStart(9)}  ${fmt(c.tp, c.tp + c.fn).padStart(6)}`,
  );
}
