/**
 * `postmortem-lint import`: reads chat, pager and status page records (engine/import) and writes them into a
 * postmortem's timeline, like that timeline is written. The file named by --into is the only one ever written, and
 * not with --dry-run; without --into the entries are printed. Exit 0 when everything was read, 2 when a file or a
 * record could not be (the rest is still imported; each problem is named with its file and record).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../engine/commands';
import { loadConfigFile, resolveConfig } from '../engine/config';
import { planImport, type ImportFormat, type ImportOptions, type ImportPlan, type SourceFile } from '../engine/import';
import { parseZone } from '../engine/time';
import type { LintOptions } from '../engine/types';
import { optionTokens, TOOL_NAME, UsageError } from './args';
import { detectEol, displayPath, encodeText, readTextFile, type ReadText } from './files';
import { collectSources, type SourceProblem } from './importSources';

export const IMPORT_USAGE = `Usage: ${TOOL_NAME} import [options] [--into POSTMORTEM.md] SOURCE...

Import a timeline from what responders wrote while it happened: a Slack export (a channel
folder, the export's folder or its .zip), PagerDuty log entries (JSON), Atlassian Statuspage
incidents (JSON) or timed lines pasted from anywhere (a text file). Entries are written like
the postmortem's timeline (its shape, time style and zone), merged in time order; an entry
already there is not added again.

Options:
  --into FILE           The postmortem to import into (written in place). Without it the
                        entries are printed, as a new timeline would have them
  --from FORMAT         auto (default: told apart by content), slack, pagerduty,
                        statuspage or lines
  --zone ZONE           The zone of times that name none (pasted lines); also the zone
                        to write in when the postmortem names none (default UTC)
  --date YYYY-MM-DD     The day of pasted lines that give no date (default: the
                        postmortem's)
  --dry-run             Print the entries that would be added; write nothing
  -f, --format NAME     Output: markdown (default) or json
  -c, --config FILE     Use this configuration file instead of looking for
                        .postmortemrc.json files
  -h, --help            Show this help

Exit codes: 0 imported (or nothing new to import), 2 usage error, or a file or a record
            that could not be read (listed; the rest is imported).
`;

const FROM = ['auto', 'slack', 'pagerduty', 'statuspage', 'lines'] as const;
const OUTPUTS = ['markdown', 'json'] as const;

export interface ImportArgs {
  into?: string;
  from: ImportFormat | 'auto';
  zone?: string;
  date?: string;
  dryRun: boolean;
  format: (typeof OUTPUTS)[number];
  config?: string;
  help: boolean;
  sources: string[];
}

const OPTIONS = {
  into: { type: 'string' },
  from: { type: 'string' },
  zone: { type: 'string' },
  date: { type: 'string' },
  'dry-run': { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, { type: 'boolean' | 'string'; short?: string }>;

function validDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export function parseImportArgs(argv: string[]): ImportArgs {
  const args: ImportArgs = { from: 'auto', dryRun: false, format: 'markdown', help: false, sources: [] };
  for (const t of optionTokens(argv, OPTIONS, { dashValue: false })) {
    if (t.kind === 'positional') {
      args.sources.push(t.value);
      continue;
    }
    const option = t.option;
    if (t.kind === 'flag') {
      if (option === 'dry-run') args.dryRun = true;
      else args.help = true;
      continue;
    }
    const v = t.value;
    switch (option) {
      case 'into':
        args.into = v;
        break;
      case 'from':
        if (!(FROM as readonly string[]).includes(v)) throw new UsageError(`unknown source format "${v}" (expected ${FROM.join(', ')})`);
        args.from = v as ImportArgs['from'];
        break;
      case 'zone':
        args.zone = v;
        break;
      case 'date':
        if (!validDate(v)) throw new UsageError(`--date needs a day as YYYY-MM-DD, got "${v}"`);
        args.date = v;
        break;
      case 'format':
        if (!(OUTPUTS as readonly string[]).includes(v))
          throw new UsageError(`unknown format "${v}" for import (expected ${OUTPUTS.join(' or ')})`);
        args.format = v as ImportArgs['format'];
        break;
      case 'config':
        args.config = v;
        break;
    }
  }
  return args;
}

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The sources named on the command line, read; names as the user wrote them. */
function readSourceFiles(inputs: string[], cwd: string): { files: SourceFile[]; problems: SourceProblem[] } {
  const files: SourceFile[] = [];
  const problems: SourceProblem[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    const got = collectSources([abs]);
    const rename = (name: string): string => (name === abs ? input : name);
    for (const f of got.files) files.push({ ...f, name: rename(f.name) });
    for (const p of got.problems) problems.push({ ...p, name: rename(p.name) });
  }
  return { files, problems };
}

function jsonReport(plan: ImportPlan, into: string | null, written: boolean): string {
  const iso = (t: number): string => new Date(t).toISOString();
  return (
    JSON.stringify(
      {
        into,
        written,
        added: plan.added.map((a) => ({
          line: a.line,
          instant: iso(a.record.instant),
          text: a.record.text,
          ...(a.record.author ? { author: a.record.author } : {}),
          ...(a.record.phase ? { phase: a.record.phase } : {}),
          source: a.record.source,
          ref: a.record.ref,
        })),
        skipped: plan.skipped,
        dropped: plan.dropped,
        unreadable: plan.unreadable,
      },
      null,
      2,
    ) + '\n'
  );
}

/** Runs `postmortem-lint import ARGS`; returns the exit code. */
export function runImport(argv: string[], io: Io): number {
  const err = (line: string): void => void io.stderr.write(line + '\n');
  let args: ImportArgs;
  try {
    args = parseImportArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`${TOOL_NAME} import: ${e.message}\n`);
    io.stderr.write(IMPORT_USAGE);
    return 2;
  }
  if (args.help) {
    io.stdout.write(IMPORT_USAGE);
    return 0;
  }
  if (!args.sources.length) {
    err(`${TOOL_NAME} import: no sources given; name the Slack export, PagerDuty log, status page or text files to import\n`);
    io.stderr.write(IMPORT_USAGE);
    return 2;
  }

  // The postmortem, and the options its configuration gives (profile, date order, zone aliases, default zone).
  const intoPath = args.into === undefined ? null : path.resolve(io.cwd, args.into);
  const shownInto = intoPath ? displayPath(intoPath, io.cwd) : null;
  let read: ReadText | null = null;
  if (intoPath) {
    const r = readTextFile(intoPath);
    if (r.kind !== 'text') {
      err(`${TOOL_NAME} import: ${shownInto}: ${r.message}`);
      return 2;
    }
    if (!r.exact && !args.dryRun) {
      err(`${TOOL_NAME} import: ${shownInto}: not written: the file is not valid ${r.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'}`);
      return 2;
    }
    read = r;
  }
  let options: LintOptions;
  if (args.config !== undefined) {
    const configPath = path.resolve(io.cwd, args.config);
    if (!fs.existsSync(configPath)) {
      err(`${TOOL_NAME} import: cannot read the configuration file ${args.config}: no such file`);
      return 2;
    }
    const loaded = loadConfigFile(configPath);
    for (const p of loaded.problems) err(`${displayPath(p.file, io.cwd)}: warning: ${p.message}`);
    const { root: _root, ...rest } = loaded.config;
    options = rest;
  } else {
    const resolved = resolveConfig(intoPath ?? path.join(io.cwd, '__postmortem__.md'));
    for (const p of resolved.problems) err(`${displayPath(p.file, io.cwd)}: warning: ${p.message}`);
    options = resolved.options;
  }
  if (intoPath) options = { ...options, filePath: intoPath };
  const zone = args.zone ?? (options.defaultZone || undefined);
  if (args.zone !== undefined) {
    const z = parseZone(args.zone, options);
    if (!z || z.unknown) {
      err(
        `${TOOL_NAME} import: --zone "${args.zone}" is not a time zone (an IANA name such as Europe/Berlin, an abbreviation such as PST, or an offset such as UTC+5:30)`,
      );
      return 2;
    }
  }

  const sources = readSourceFiles(args.sources, io.cwd);
  const importOptions: ImportOptions = { ...options, from: args.from };
  if (zone) importOptions.zone = zone;
  if (args.date) importOptions.date = args.date;
  const text = read?.text ?? '';
  let plan: ImportPlan;
  try {
    plan = planImport(text, sources.files, importOptions);
  } catch (e) {
    err(`${TOOL_NAME} import: internal error while importing: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }

  // What could not be read, each with its file (and record).
  for (const p of sources.problems) err(`${TOOL_NAME} import: ${p.name}: ${p.reason}`);
  for (const u of plan.unreadable) err(`${TOOL_NAME} import: ${u.ref}: ${u.reason}`);
  const failed = sources.problems.length + plan.unreadable.length > 0;

  let written = false;
  if (intoPath && read && !args.dryRun && plan.edits.length) {
    const eol = detectEol(read.text);
    const next = applyEdits(
      read.text,
      plan.edits.map((e) => ({ ...e, newText: e.newText.replace(/\r?\n/g, eol) })),
    );
    try {
      fs.writeFileSync(intoPath, encodeText(next, read.encoding, read.bom));
      written = true;
    } catch (e) {
      err(`${TOOL_NAME} import: ${shownInto}: cannot write: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
  }

  if (args.format === 'json') {
    io.stdout.write(jsonReport(plan, shownInto, written));
  } else if (!intoPath || args.dryRun) {
    if (plan.added.length) io.stdout.write(plan.added.map((a) => a.line).join('\n') + '\n');
  }
  const summary = [
    intoPath && !args.dryRun
      ? `${shownInto}: added ${plural(plan.added.length, 'entry', 'entries')}`
      : `${plural(plan.added.length, 'entry', 'entries')} to add${shownInto ? ` to ${shownInto}` : ''}`,
    plan.skipped.length ? `${plural(plan.skipped.length, 'record')} already in the timeline` : '',
    plan.dropped.length ? `${plural(plan.dropped.length, 'record')} left out (channel housekeeping, pager notifications)` : '',
    failed ? `${plural(sources.problems.length + plan.unreadable.length, 'file or record', 'files or records')} could not be read` : '',
  ].filter(Boolean);
  if (args.format === 'json' || !intoPath || args.dryRun) err(summary.join('; '));
  else io.stdout.write(summary.join('; ') + '\n');
  return failed ? 2 : 0;
}
