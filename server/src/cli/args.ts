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

  ${TOOL_NAME} import [--into POSTMORTEM.md] SOURCE...   Import a timeline from a Slack
                        export, PagerDuty or Statuspage records (see import --help)
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
  const args: ParsedArgs = { fix: false, format: 'stylish', quiet: false, followSymlinks: false, help: false, version: false, paths: [] };
  // Not strict: node would stop at the first problem with its own wording; each token is checked here instead.
  const { tokens } = parseNodeArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') args.paths.push(token.value);
    if (token.kind !== 'option') continue;
    const raw = argv[token.index] as string;
    // A short option is only itself: "-fjson", "-qf" and "-f=json" are not read as "-f json" or "-q -f".
    const short = !token.rawName.startsWith('--');
    const name = short || !raw.includes('=') ? raw : raw.slice(0, raw.indexOf('='));
    if (!Object.hasOwn(OPTIONS, token.name) || (short && raw !== token.rawName)) throw new UsageError(`unknown option ${name}`);
    const option = token.name as OptionName;
    if (OPTIONS[option].type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option ${name} does not take a value`);
      setFlag(args, option);
      continue;
    }
    const v = token.value;
    if (v === undefined || v === '' || (!token.inlineValue && v.startsWith('-') && v !== '-')) throw new UsageError(`option ${name} needs a value`);
    setValue(args, option, v);
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
