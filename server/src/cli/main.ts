#!/usr/bin/env node
/**
 * postmortem-lint: lint incident postmortems in Markdown from the command line or CI.
 *
 * The logic is `runCli(argv, io)`, which returns the exit code and touches the outside world only
 * through `io` and the file system, so tests can call it directly.
 */
import * as fs from 'node:fs';
import pkg from '../../../package.json';
import { fixAll, getProfile, lint, listProfiles, ruleList } from '../engine';
import type { LintOptions, LintResult } from '../engine';
import { mergeOptions, resolveConfig } from '../engine/config';
import type { ConfigProblem } from '../engine/config';
import { parseArgs, TOOL_NAME, USAGE, UsageError, type FormatName, type ParsedArgs } from './args';
import { configProblemLine, loadConfigOption, unknownProfile } from './configOption';
import { collectFiles, detectEol, displayPath, encodeText, readTextFile } from './files';
import { formatJson } from './formats/json';
import { runImport } from './import';
import { formatSarif } from './formats/sarif';
import { formatStylish } from './formats/stylish';
import type { FileReport, FormatContext, Formatter, RuleInfo } from './formats/types';
import { runReport } from './report';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  cwd: string;
  /** Whether stdout is a terminal (colors in the stylish format). */
  isTTY: boolean;
  /** Whether stderr is a terminal (progress line); defaults to `isTTY`. */
  stderrIsTTY?: boolean;
  /** Environment (NO_COLOR, FORCE_COLOR); defaults to process.env. */
  env?: Record<string, string | undefined>;
}

export { parseArgs, TOOL_NAME, USAGE } from './args';

const FORMATS: Record<FormatName, Formatter> = { stylish: formatStylish, json: formatJson, sarif: formatSarif };

interface PackageJson {
  version?: string;
  homepage?: string;
  repository?: string | { url?: string };
}

function informationUri(p: PackageJson): string {
  if (p.homepage) return p.homepage;
  const repo = typeof p.repository === 'string' ? p.repository : p.repository?.url;
  if (repo && /^https?:\/\//.test(repo.replace(/^git\+/, ''))) return repo.replace(/^git\+/, '').replace(/\.git$/, '');
  const ruleUrl = (ruleList as RuleInfo[]).find((r) => /^https?:\/\//.test(r.url))?.url;
  if (ruleUrl) {
    const m = /^(https?:\/\/.*?)\/(?:blob|tree)\//.exec(ruleUrl);
    if (m?.[1]) return m[1];
    return new URL(ruleUrl).origin;
  }
  return `https://www.npmjs.com/package/${TOOL_NAME}`;
}

function colorEnabled(io: CliIo, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Run the CLI; returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  if (argv[0] === 'import') return runImport(argv.slice(1), io);
  if (argv[0] === 'report') return runReport(argv.slice(1), io, (pkg as PackageJson).version ?? '0.0.0');
  const env = io.env ?? process.env;
  const stderrTTY = io.stderrIsTTY ?? io.isTTY;
  let progressShown = false;
  const clearProgress = (): void => {
    if (progressShown) {
      io.stderr.write('\r\u001b[K');
      progressShown = false;
    }
  };
  const err = (line: string): void => {
    clearProgress();
    io.stderr.write(line + '\n');
  };

  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${TOOL_NAME}: ${e.message}\n`);
      io.stderr.write(USAGE);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.version) {
    io.stdout.write(`${(pkg as PackageJson).version ?? '0.0.0'}\n`);
    return 0;
  }
  if (args.paths.length === 0) {
    err(`${TOOL_NAME}: no paths given; name the postmortems, folders or globs to lint\n`);
    io.stderr.write(USAGE);
    return 2;
  }

  let readErrors = 0;
  const reportedProblems = new Set<string>();
  const reportConfigProblems = (problems: ConfigProblem[]): void => {
    for (const p of problems) {
      const line = configProblemLine(p, io.cwd);
      if (reportedProblems.has(line)) continue;
      reportedProblems.add(line);
      err(line);
    }
  };

  // Configuration: --config replaces discovery.
  let fixedConfig: LintOptions | undefined;
  if (args.config !== undefined) {
    const loaded = loadConfigOption(io.cwd, args.config);
    if (!loaded) {
      err(`${TOOL_NAME}: cannot read the configuration file ${args.config}: no such file`);
      return 2;
    }
    reportConfigProblems(loaded.problems);
    fixedConfig = loaded.options;
  }
  const overrides: LintOptions = {};
  if (args.profile !== undefined) overrides.profile = args.profile;

  const knownProfiles = (): string =>
    listProfiles()
      .map((p) => p.id)
      .join(', ');
  if (args.profile !== undefined) {
    const available = unknownProfile(args.profile, fixedConfig, io.cwd);
    if (available !== null) {
      err(`${TOOL_NAME}: unknown profile "${args.profile}" (available: ${available})`);
      return 2;
    }
  }

  const { files, errors } = collectFiles(args.paths, { cwd: io.cwd, followSymlinks: args.followSymlinks });
  for (const e of errors) {
    err(`${TOOL_NAME}: ${e.path}: ${e.message}`);
    readErrors++;
  }
  if (files.length === 0 && errors.length === 0) {
    err(`${TOOL_NAME}: no Markdown files (*.md, *.markdown) found in ${args.paths.join(', ')}`);
  }

  const showProgress = stderrTTY && files.length > 20;
  let lastProgress = 0;
  const reports: FileReport[] = [];
  let errorCount = 0;
  let warningCount = 0;

  files.forEach((file, index) => {
    const shown = displayPath(file, io.cwd);
    if (showProgress) {
      const now = Date.now();
      if (now - lastProgress > 50 || index === 0 || index === files.length - 1) {
        lastProgress = now;
        const label = shown.length > 50 ? '…' + shown.slice(-49) : shown;
        io.stderr.write(`\r\u001b[Klinting ${index + 1}/${files.length} ${label}`);
        progressShown = true;
      }
    }
    const read = readTextFile(file);
    if (read.kind === 'error') {
      err(`${TOOL_NAME}: ${shown}: ${read.message}`);
      readErrors++;
      return;
    }
    if (read.kind === 'skipped') {
      err(`${TOOL_NAME}: ${shown}: ${read.message}`);
      return;
    }

    let options: LintOptions;
    if (fixedConfig) {
      options = mergeOptions(fixedConfig, overrides);
    } else {
      const resolved = resolveConfig(file, overrides);
      reportConfigProblems(resolved.problems);
      options = resolved.options;
    }
    if (options.profile !== undefined && !getProfile(options.profile, options.profiles)) {
      const line = `${shown}: warning: unknown profile "${options.profile}" in the configuration; using the default profile (available: ${knownProfiles()})`;
      if (!reportedProblems.has(line)) {
        reportedProblems.add(line);
        err(line);
      }
      const { profile: _p, ...rest } = options;
      options = rest;
    }

    // The file's name can date a timeline written with times only ("2025-03-03-db-outage.md").
    options = { ...options, filePath: file };
    let result: LintResult;
    try {
      if (!args.fix || !read.exact) {
        result = lint(read.text, options);
        if (args.fix) err(`${TOOL_NAME}: ${shown}: not fixed: the file is not valid ${read.encoding === 'utf8' ? 'UTF-8' : 'UTF-16'}`);
      } else {
        // Fixes insert the file's own line endings; `result` is the lint of the fixed text.
        const fixed = fixAll(read.text, options, { eol: detectEol(read.text) });
        result = fixed.result;
        if (fixed.text !== read.text) {
          try {
            fs.writeFileSync(file, encodeText(fixed.text, read.encoding, read.bom));
          } catch (e) {
            err(`${TOOL_NAME}: ${shown}: cannot write the fixes: ${describeError(e)}`);
            readErrors++;
          }
        }
      }
    } catch (e) {
      err(`${TOOL_NAME}: ${shown}: internal error while linting: ${describeError(e)}`);
      readErrors++;
      return;
    }

    const messages = args.quiet ? result.messages.filter((m) => m.severity === 'error') : result.messages;
    for (const m of result.messages) {
      if (m.severity === 'error') errorCount++;
      else if (m.severity === 'warning') warningCount++;
    }
    reports.push({ file, displayPath: shown, model: result.model, messages });
  });
  clearProgress();

  const ctx: FormatContext = {
    cwd: io.cwd,
    color: args.format === 'stylish' && colorEnabled(io, env),
    toolName: TOOL_NAME,
    version: (pkg as PackageJson).version ?? '0.0.0',
    informationUri: informationUri(pkg as PackageJson),
    rules: (ruleList as RuleInfo[]).map((r) => ({
      id: r.id,
      description: r.description,
      defaultSeverity: r.defaultSeverity,
      fixable: r.fixable,
      url: r.url,
    })),
  };
  const formatter = FORMATS[args.format] ?? formatStylish;
  const output = formatter(reports, ctx);
  if (output) io.stdout.write(output);

  let code = errorCount > 0 ? 1 : 0;
  if (args.maxWarnings !== undefined && warningCount > args.maxWarnings) {
    err(`${TOOL_NAME}: too many warnings (${warningCount}; the maximum is ${args.maxWarnings})`);
    code = 1;
  }
  if (readErrors > 0) code = 2;
  return code;
}

/* c8 ignore start */
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  try {
    process.exitCode = runCli(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      isTTY: Boolean(process.stdout.isTTY),
      stderrIsTTY: Boolean(process.stderr.isTTY),
    });
  } catch (e) {
    process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  }
}
/* c8 ignore stop */
