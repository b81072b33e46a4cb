/**
 * The human format: findings grouped by file, aligned columns, a summary line.
 */
import type { LintMessage, Severity } from '../../engine';
import type { FileReport, FormatContext } from './types';

const ANSI = {
  reset: '\u001b[0m',
  bold: '\u001b[1m',
  dim: '\u001b[2m',
  underline: '\u001b[4m',
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  blue: '\u001b[34m',
};

function paint(on: boolean, codes: string, s: string): string {
  return on ? `${codes}${s}${ANSI.reset}` : s;
}

function severityColor(sev: Severity): string {
  return sev === 'error' ? ANSI.red : sev === 'warning' ? ANSI.yellow : ANSI.blue;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Messages on one line, never spanning lines of the terminal. */
function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function sortMessages(messages: LintMessage[]): LintMessage[] {
  return messages.slice().sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}

export function formatStylish(reports: FileReport[], ctx: FormatContext): string {
  const c = ctx.color;
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  const out: string[] = [];
  for (const report of reports) {
    if (report.messages.length === 0) continue;
    const messages = sortMessages(report.messages);
    out.push(paint(c, ANSI.underline, report.displayPath));
    const rows = messages.map((m) => ({
      pos: `${m.line}:${m.column}`,
      sev: m.severity,
      text: oneLine(m.message),
      rule: m.ruleId,
    }));
    const posWidth = Math.max(...rows.map((r) => r.pos.length));
    const sevWidth = Math.max(...rows.map((r) => r.sev.length));
    const textWidth = Math.max(...rows.map((r) => r.text.length));
    for (const [i, r] of rows.entries()) {
      const m = messages[i] as LintMessage;
      if (m.severity === 'error') {
        errors++;
        if (m.fix) fixableErrors++;
      } else if (m.severity === 'warning') {
        warnings++;
        if (m.fix) fixableWarnings++;
      } else infos++;
      out.push(
        '  ' +
          paint(c, ANSI.dim, r.pos.padStart(posWidth)) +
          '  ' +
          paint(c, severityColor(r.sev), r.sev.padEnd(sevWidth)) +
          '  ' +
          r.text.padEnd(textWidth) +
          '  ' +
          paint(c, ANSI.dim, r.rule),
      );
    }
    out.push('');
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  const counts = [plural(errors, 'error'), plural(warnings, 'warning')];
  if (infos > 0) counts.push(`${infos} info`);
  const summary = `\u2716 ${plural(total, 'problem')} (${counts.join(', ')})`;
  const summaryColor = errors > 0 ? ANSI.red : warnings > 0 ? ANSI.yellow : ANSI.blue;
  out.push(paint(c, ANSI.bold + summaryColor, summary));
  if (fixableErrors + fixableWarnings > 0) {
    out.push(
      paint(
        c,
        ANSI.bold + summaryColor,
        `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`,
      ),
    );
  }
  return out.join('\n') + '\n';
}
