/**
 * How the Postmortems view and the trends panel write figures: "45 min", "7 h 23 min", "2 d 4 h"; dates in UTC,
 * as the server's report does (engine/report/chart.ts; the client imports no server code, so the few lines are here).
 */
import type { IndexRowInfo } from '../preview/protocol';

export function formatMinutes(m: number | null): string {
  if (m === null || !Number.isFinite(m)) return '—';
  const total = Math.round(m);
  if (total < 60) return `${total} min`;
  if (total < 48 * 60) {
    const h = Math.floor(total / 60);
    const r = total % 60;
    return r ? `${h} h ${r} min` : `${h} h`;
  }
  const d = Math.floor(total / 1440);
  const h = Math.round((total % 1440) / 60);
  return h ? `${d} d ${h} h` : `${d} d`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2024-06-08" (UTC), or null. */
export function formatDate(ms: number | null): string | null {
  if (ms === null || !Number.isFinite(ms)) return null;
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-06-08 10:42 UTC", or "—". */
export function formatInstant(ms: number | null): string {
  const day = formatDate(ms);
  if (day === null || ms === null) return '—';
  const d = new Date(ms);
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2024-06" → "June 2024"; "2024-Q2" → "2024 Q2"; null → "Undated". */
export function periodLabel(period: string | null): string {
  if (period === null) return 'Undated';
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
  const q = /^(\d{4})-(Q[1-4])$/.exec(period);
  return q ? `${q[1]} ${q[2]}` : period;
}

/** The line under the title in the view: "2024-06-08 · 2 h 23 min", or what is missing. */
export function describeRow(row: IndexRowInfo): string {
  const parts: string[] = [];
  const day = row.dateKnown && row.start !== null ? formatDate(row.start + (row.offsetMinutes ?? 0) * 60_000) : null;
  parts.push(day ?? 'undated');
  if (row.durationMinutes !== null) parts.push(formatMinutes(row.durationMinutes));
  if (row.errors) parts.push(`${row.errors} error${row.errors === 1 ? '' : 's'}`);
  else if (row.warnings) parts.push(`${row.warnings} warning${row.warnings === 1 ? '' : 's'}`);
  if (row.missing.length) parts.push(`missing ${row.missing.join(', ')}`);
  return parts.join(' · ');
}

/** A row's tooltip in the view (Markdown): its figures as a table, and what is missing. */
export function rowTooltip(row: IndexRowInfo): string {
  const lines = [`**${row.title.replace(/[\\`*_[\]<>]/g, '\\$&')}**`, '', `\`${row.file}\` · ${row.profile} profile`, ''];
  const figure = (name: string, v: number | null): string => `| ${name} | ${formatMinutes(v)} |`;
  lines.push('| | |', '|---|---|');
  lines.push(
    `| Start | ${row.dateKnown ? formatInstant(row.start) : 'undated'} |`,
    `| End | ${row.dateKnown ? formatInstant(row.end) : '—'} |`,
  );
  lines.push(figure('Duration', row.durationMinutes));
  if (row.declaredDurationMinutes !== null) lines.push(figure('Declared', row.declaredDurationMinutes));
  lines.push(
    figure('Time to detect', row.detectMinutes),
    figure('Time to acknowledge', row.acknowledgeMinutes),
    figure('Time to mitigate', row.mitigateMinutes),
    figure('Time to resolve', row.resolveMinutes),
  );
  lines.push(`| Timeline entries | ${row.entries} |`, `| Problems | ${row.errors} error(s), ${row.warnings} warning(s) |`);
  if (row.openActionItems !== null) lines.push(`| Open action items | ${row.openActionItems} |`);
  if (row.missing.length) lines.push('', `Missing: ${row.missing.join(', ')}.`);
  return lines.join('\n');
}
