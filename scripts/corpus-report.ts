/**
 * Runs the engine over a folder of real postmortems (default ../shared/corpus) and prints what it read:
 * timeline entries recognised, timeline lines it could not read and why, findings per rule.
 * `--show RULE` prints every finding of one rule with its line, to read them by eye; `--show unread` the unread
 * timeline lines; `--show dates` each timed entry's date and where it came from (or that the document states none).
 * An evaluation tool, not a test: the corpus is not part of the project.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lint } from '../server/src/engine';

const args = process.argv.slice(2);
const showIdx = args.indexOf('--show');
const show = showIdx >= 0 ? args[showIdx + 1] : undefined;
const root =
  args.find((a, i) => !a.startsWith('--') && (showIdx < 0 || i !== showIdx + 1)) ?? join(__dirname, '..', '..', 'shared', 'corpus');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : name.endsWith('.md') ? [p] : [];
  });
}

const files = walk(root).sort();
const perRule = new Map<string, number>();
const reasons = new Map<string, number>();
let entries = 0;
let resolved = 0;
/** Timed entries (a clock time was read) whose date the document states, and those it does not (no date anywhere). */
let timedDated = 0;
let timedUndated = 0;
const dateSources = new Map<string, number>();
let unread = 0;
let crashed = 0;
let ms = 0;
let withTimeline = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const t0 = performance.now();
  try {
    const { model, messages } = lint(text, { filePath: file });
    ms += performance.now() - t0;
    entries += model.timeline.length;
    resolved += model.timeline.filter((e) => e.instant !== null).length;
    for (const e of model.timeline) {
      if (!e.timestamp?.time || e.instant === null) continue;
      if (e.dateKnown) timedDated++;
      else timedUndated++;
      const source = e.dateKnown ? (e.dateSource ?? 'unknown') : 'not stated';
      dateSources.set(source, (dateSources.get(source) ?? 0) + 1);
      if (show === 'dates')
        console.log(
          `${relative(root, file)}:${e.line} ${e.dateKnown ? `${new Date(e.instant + (e.offsetMinutes ?? 0) * 60_000).toISOString().slice(0, 10)} from ${e.dateSource ?? '?'}` : 'date not stated'}\n    | ${e.text.slice(0, 160)}`,
        );
    }
    if (model.sections.some((s) => s.id === 'timeline')) withTimeline++;
    unread += model.unreadTimelineLines.length;
    for (const u of model.unreadTimelineLines) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
    for (const m of messages) {
      perRule.set(m.ruleId, (perRule.get(m.ruleId) ?? 0) + 1);
      if (show && (m.ruleId === show || show === 'all'))
        console.log(
          `${relative(root, file)}:${m.line}:${m.column} ${m.ruleId} ${m.message}\n    | ${text.split('\n')[m.line - 1]?.slice(0, 160)}`,
        );
    }
    if (show === 'unread')
      for (const u of model.unreadTimelineLines)
        console.log(`${relative(root, file)}:${u.line} ${u.reason}\n    | ${u.text.slice(0, 160)}`);
  } catch (error) {
    crashed++;
    console.log(`CRASH ${file}: ${(error as Error).stack}`);
  }
}
console.log(`\n${files.length} files (${withTimeline} with a timeline section), ${crashed} crashes, ${ms.toFixed(0)} ms linting`);
console.log(`timeline entries: ${entries} (${resolved} resolved to an instant); unread timeline lines: ${unread}`);
console.log(`timed entries: ${timedDated} with a date the document states, ${timedUndated} with a clock time and no date`);
for (const [r, n] of [...dateSources].sort((a, b) => b[1] - a[1])) console.log(`  date from: ${n} × ${r}`);
for (const [r, n] of [...reasons].sort((a, b) => b[1] - a[1])) console.log(`  unread: ${n} × ${r}`);
console.log('findings per rule:');
for (const [r, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${r}: ${n}`);
