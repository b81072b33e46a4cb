/** The command line: the usage text, and reading the arguments (node:util parseArgs) into ParsedArgs with our own checks and messages. */
import { parseArgs as parseNodeArgs } from 'node:util';

export const TOOL_NAME = 'postmortem-lint';

/** The output formats, in the order the usage text and the messages name them (cli/main.ts maps each to its formatter). */
export const FORMAT_NAMES = ['stylish', 'json', 'sarif'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export const USAGE = `Usage: ${TOOL_NAME} [options] PATH...

Lint incident postmortems written in Markdown.
PATH is a file, a folder (searched for *.md and *.markdown, skipping node_modules
and dot-folders) or a glob such as "docs/**/*.md" (quote it).

Options:
  --fix                 Apply the safe fixes and write the files back
  -f, --format NAME     Output format: stylish (default), json or sarif
  -c, --config FILE     Use this configuration file instead of looking for
                        .postmortemrc.json files
  --profile ID          Postmortem profile to check against (overrides config)
  --max-warnings N      Exit with code 1 when there are more than N warnings
  -q, --quiet           Report errors only
  --follow-symlinks     Follow symbolic links found inside folders and globs
  -h, --help            Show this help
  -v, --version         Show the version

Exit codes: 0 no errors, 1 errors found (or too many warnings),
            2 usage error or a file that could not be read.

Commands:
  import [--into POSTMORTEM.md] SOURCE...
                        Import a timeline from a Slack export, PagerDuty or
                        Statuspage records (${TOOL_NAME} import --help)
  report PATH...        One row per postmortem with its figures, and per month
                        or quarter the median and p90 (${TOOL_NAME} report --help)
`;

export interface ParsedArgs {
  fix: boolean;
  format: FormatName;
  config?: string;
  profile?: string;
  maxWarnings?: number;
  quiet: boolean;
  followSymlinks: boolean;
  help: boolean;
  version: boolean;
  paths: string[];
}

export class UsageError extends Error {}

type OptionSpec = Readonly<Record<string, { type: 'boolean' | 'string'; short?: string }>>;

export type OptionToken<K extends string> =
  { kind: 'positional'; value: string } | { kind: 'flag'; option: K } | { kind: 'value'; option: K; value: string };

/**
 * The arguments as node:util parseArgs reads them, each checked here in order with our own messages (not strict:
 * node would stop at the first problem with its own wording). A short option is only itself: "-fjson", "-qf" and
 * "-f=json" are not read as "-f json" or "-q -f". A value starting with "-" is taken only inline ("--zone=-05:00"),
 * or as a lone "-" where `dashValue`. An unknown option's message ends with `unknownSuffix` (" for report").
 * A generator, so that the caller's own checks of a value come in the order the arguments were written.
 */
export function* optionTokens<O extends OptionSpec>(
  argv: string[],
  options: O,
  { unknownSuffix = '', dashValue = true } = {},
): Generator<OptionToken<Extract<keyof O, string>>> {
  const { tokens } = parseNodeArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') yield { kind: 'positional', value: token.value };
    if (token.kind !== 'option') continue;
    const raw = argv[token.index] as string;
    const short = !token.rawName.startsWith('--');
    const name = short || !raw.includes('=') ? raw : raw.slice(0, raw.indexOf('='));
    if (!Object.hasOwn(options, token.name) || (short && raw !== token.rawName))
      throw new UsageError(`unknown option ${name}${unknownSuffix}`);
    const option = token.name as Extract<keyof O, string>;
    if ((options[option] as OptionSpec[string]).type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option ${name} does not take a value`);
      yield { kind: 'flag', option };
      continue;
    }
    const v = token.value;
    if (v === undefined || v === '' || (!token.inlineValue && v.startsWith('-') && !(dashValue && v === '-')))
      throw new UsageError(`option ${name} needs a value`);
    yield { kind: 'value', option, value: v };
  }
}

/** The options, for node:util parseArgs (which reads the argument list; the checks and messages are ours). */
const OPTIONS = {
  fix: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'follow-symlinks': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies Record<string, { type: 'boolean' | 'string'; short?: string }>;

type OptionName = keyof typeof OPTIONS;

export function parseArgs(argv: string[]): ParsedArgs {
  const args: ParsedArgs = {
    fix: false,
    format: 'stylish',
    quiet: false,
    followSymlinks: false,
    help: false,
    version: false,
    paths: [],
  };
  for (const t of optionTokens(argv, OPTIONS)) {
    if (t.kind === 'positional') args.paths.push(t.value);
    else if (t.kind === 'flag') setFlag(args, t.option);
    else setValue(args, t.option, t.value);
  }
  return args;
}

function setFlag(args: ParsedArgs, option: OptionName): void {
  if (option === 'fix') args.fix = true;
  else if (option === 'quiet') args.quiet = true;
  else if (option === 'follow-symlinks') args.followSymlinks = true;
  else if (option === 'help') args.help = true;
  else if (option === 'version') args.version = true;
}

function setValue(args: ParsedArgs, option: OptionName, v: string): void {
  switch (option) {
    case 'format':
      if (!(FORMAT_NAMES as readonly string[]).includes(v)) {
        throw new UsageError(`unknown format "${v}" (expected ${FORMAT_NAMES.join(', ')})`);
      }
      args.format = v as FormatName;
      break;
    case 'config':
      args.config = v;
      break;
    case 'profile':
      args.profile = v;
      break;
    case 'max-warnings':
      if (!/^\d+$/.test(v)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, got "${v}"`);
      args.maxWarnings = Number(v);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// `postmortem-lint report`: the incident index of a folder (cli/report.ts).

export const REPORT_FORMAT_NAMES = ['table', 'json', 'csv', 'html', 'markdown'] as const;
export type ReportFormatName = (typeof REPORT_FORMAT_NAMES)[number];
export const REPORT_GROUPS = ['month', 'quarter'] as const;

export const REPORT_USAGE = `Usage: ${TOOL_NAME} report [options] PATH...

One row per postmortem found in PATH (files, folders, globs; a Markdown file that
is not a postmortem is skipped, decided as the editor decides): title, profile,
start, end, duration, time to detect, acknowledge, mitigate and resolve, timeline
entries, findings, and what the document does not say. Then, per month or
quarter, the count and the median and 90th percentile (nearest rank) of the
duration, the time to detect and the time to resolve. Undated postmortems are
listed and summarised in a group of their own, never counted as zero.

Options:
  -f, --format NAME     table (default), json, csv, html (one self-contained
                        page with a chart) or markdown
  --since DATE          Only incidents that started on or after DATE
                        (YYYY-MM-DD or YYYY-MM, UTC); undated ones are kept
  --group BY            month (default) or quarter
  -c, --config FILE     Use this configuration file instead of looking for
                        .postmortemrc.json files
  --profile ID          Postmortem profile to read with (overrides config)
  --jobs N              Threads reading the files (default: one per CPU core;
                        1 reads them all in this thread)
  --follow-symlinks     Follow symbolic links found inside folders and globs
  -h, --help            Show this help

Exit codes: 0 report written (whatever the postmortems say),
            2 usage error or a file that could not be read.
`;

export interface ReportArgs {
  format: ReportFormatName;
  /** Epoch ms of the start of the --since day (UTC), or null. */
  since: number | null;
  group: (typeof REPORT_GROUPS)[number];
  config?: string;
  profile?: string;
  /** Threads to read with; undefined: one per core. */
  jobs?: number;
  followSymlinks: boolean;
  help: boolean;
  paths: string[];
}

const REPORT_OPTIONS = {
  format: { type: 'string', short: 'f' },
  since: { type: 'string' },
  group: { type: 'string' },
  config: { type: 'string', short: 'c' },
  profile: { type: 'string' },
  jobs: { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Record<string, { type: 'boolean' | 'string'; short?: string }>;

/** "2024-06-01" or "2024-06" (the first of the month), as the UTC midnight it starts at; null when not such a date. */
export function parseSinceDate(v: string): number | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (mo < 1 || mo > 12 || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t;
}

/** The arguments after `report`. */
export function parseReportArgs(argv: string[]): ReportArgs {
  const args: ReportArgs = {
    format: 'table',
    since: null,
    group: 'month',
    followSymlinks: false,
    help: false,
    paths: [],
  };
  for (const t of optionTokens(argv, REPORT_OPTIONS, { unknownSuffix: ' for report' })) {
    if (t.kind === 'positional') {
      args.paths.push(t.value);
      continue;
    }
    const option = t.option;
    if (t.kind === 'flag') {
      if (option === 'help') args.help = true;
      else args.followSymlinks = true;
      continue;
    }
    const v = t.value;
    if (option === 'format') {
      if (!(REPORT_FORMAT_NAMES as readonly string[]).includes(v))
        throw new UsageError(`unknown report format "${v}" (expected ${REPORT_FORMAT_NAMES.join(', ')})`);
      args.format = v as ReportFormatName;
    } else if (option === 'group') {
      if (!(REPORT_GROUPS as readonly string[]).includes(v)) throw new UsageError(`--group is month or quarter, got "${v}"`);
      args.group = v as ReportArgs['group'];
    } else if (option === 'since') {
      const t = parseSinceDate(v);
      if (t === null) throw new UsageError(`--since needs a date written YYYY-MM-DD or YYYY-MM, got "${v}"`);
      args.since = t;
    } else if (option === 'jobs') {
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 64) throw new UsageError(`--jobs needs a whole number from 1 to 64, got "${v}"`);
      args.jobs = Number(v);
    } else if (option === 'config') args.config = v;
    else if (option === 'profile') args.profile = v;
  }
  return args;
}
