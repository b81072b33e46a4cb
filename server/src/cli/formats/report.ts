/**
 * The formats of `postmortem-lint report`: table (terminal), json, csv, markdown, and html (one self-contained page:
 * the trends chart of engine/report/chart.ts and a table that sorts by any column, no external resource).
 */
import { createHash } from 'node:crypto';
import {
  escapeHtml,
  formatInstant,
  indexSpan,
  periodOf,
  trendsSvg,
  type Aggregation,
  type GroupBy,
  type GroupSummary,
  type IndexRow,
  type Stat,
} from '../../engine/report';

export interface ReportData {
  rows: IndexRow[];
  aggregation: Aggregation;
  group: GroupBy;
  /** Epoch ms of --since, or null. */
  since: number | null;
  toolName: string;
  version: string;
  /** When the report was made (ISO), for the page's footer. */
  generatedAt: string;
}

function iso(ms: number | null): string | null {
  return ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString();
}

/** The JSON the issue specifies: instants as ISO strings, null where the document does not say. */
export function reportJson(data: ReportData): string {
  const stat = (s: Stat): Stat => ({ median: s.median, p90: s.p90 });
  return (
    JSON.stringify(
      {
        postmortems: data.rows.map((r) => ({
          file: r.file,
          title: r.title,
          profile: r.profile,
          start: iso(r.start),
          end: iso(r.end),
          durationMinutes: r.durationMinutes,
          declaredDurationMinutes: r.declaredDurationMinutes,
          detectMinutes: r.detectMinutes,
          acknowledgeMinutes: r.acknowledgeMinutes,
          mitigateMinutes: r.mitigateMinutes,
          resolveMinutes: r.resolveMinutes,
          entries: r.entries,
          errors: r.errors,
          warnings: r.warnings,
          missing: r.missing,
        })),
        groups: data.aggregation.groups.map((g) => ({
          period: g.period,
          count: g.count,
          durationMinutes: stat(g.durationMinutes),
          detectMinutes: stat(g.detectMinutes),
          resolveMinutes: stat(g.resolveMinutes),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

const periodLabel = (g: GroupSummary): string => g.period ?? 'undated';
const num = (n: number | null): string => (n === null ? '' : String(n));

const CSV_HEADER = [
  'file',
  'title',
  'profile',
  'period',
  'start',
  'end',
  'durationMinutes',
  'declaredDurationMinutes',
  'detectMinutes',
  'acknowledgeMinutes',
  'mitigateMinutes',
  'resolveMinutes',
  'entries',
  'errors',
  'warnings',
  'openActionItems',
  'missing',
];

function csvCell(v: string): string {
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line per postmortem (RFC 4180), with its period; empty cells where the document does not say. */
export function reportCsv(data: ReportData): string {
  const lines = [CSV_HEADER.join(',')];
  for (const r of data.rows) {
    const cells = [
      r.file,
      r.title,
      r.profile,
      periodOf(r, data.group)?.period ?? 'undated',
      iso(r.start) ?? '',
      iso(r.end) ?? '',
      num(r.durationMinutes),
      num(r.declaredDurationMinutes),
      num(r.detectMinutes),
      num(r.acknowledgeMinutes),
      num(r.mitigateMinutes),
      num(r.resolveMinutes),
      String(r.entries),
      String(r.errors),
      String(r.warnings),
      num(r.openActionItems),
      r.missing.join('; '),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

const shortDate = (r: IndexRow): string => (r.start === null ? 'undated' : formatInstant(r.start).slice(0, 16));
const statText = (s: Stat): string => (s.median === null ? '—' : `${indexSpan(s.median)} / ${indexSpan(s.p90)}`);

function rowCells(r: IndexRow): string[] {
  return [
    r.file,
    r.title,
    shortDate(r),
    indexSpan(r.durationMinutes),
    indexSpan(r.detectMinutes),
    indexSpan(r.resolveMinutes),
    String(r.entries),
    `${r.errors}/${r.warnings}`,
    r.openActionItems === null ? '—' : String(r.openActionItems),
    r.missing.join(', ') || '—',
  ];
}
const ROW_HEADER = ['file', 'title', 'start (UTC)', 'duration', 'TTD', 'TTR', 'entries', 'err/warn', 'open items', 'missing'];
const GROUP_HEADER = ['period', 'count', 'duration median / p90', 'TTD median / p90', 'TTR median / p90'];
const groupCells = (g: GroupSummary): string[] => [
  periodLabel(g),
  String(g.count),
  statText(g.durationMinutes),
  statText(g.detectMinutes),
  statText(g.resolveMinutes),
];

function textTable(header: string[], rows: string[][]): string {
  const clip = (s: string): string => (s.length > 48 ? s.slice(0, 47) + '…' : s);
  const all = [header, ...rows].map((r) => r.map(clip));
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(all[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** For a terminal: the postmortems, then the groups. */
export function reportTable(data: ReportData): string {
  if (!data.rows.length) return 'No postmortems found.\n';
  const by = data.group === 'month' ? 'month' : 'quarter';
  return `${textTable(ROW_HEADER, data.rows.map(rowCells))}\n\nBy ${by} (median / 90th percentile, nearest rank; figures a postmortem does not give are left out):\n${textTable(GROUP_HEADER, data.aggregation.groups.map(groupCells))}\n`;
}

function mdCell(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')
    .replace(/([*_`[\]<>])/g, '\\$1');
}

function mdTable(header: string[], rows: string[][]): string {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}

/** GitHub-flavoured Markdown: two tables, for a wiki page or a CI summary. */
export function reportMarkdown(data: ReportData): string {
  const by = data.group === 'month' ? 'month' : 'quarter';
  const undated = data.aggregation.undated.length;
  return [
    '# Postmortems',
    '',
    `${data.rows.length} postmortem(s)${data.since !== null ? ` since ${formatInstant(data.since).slice(0, 10)}` : ''}${undated ? `, ${undated} undated` : ''}.`,
    '',
    `## By ${by}`,
    '',
    'Median / 90th percentile (nearest rank); a figure a postmortem does not give is left out, never counted as zero.',
    '',
    mdTable(GROUP_HEADER, data.aggregation.groups.map(groupCells)),
    '',
    '## Postmortems',
    '',
    mdTable(ROW_HEADER, data.rows.map(rowCells)),
    '',
  ].join('\n');
}

/** The page's sorting: a click on a header sorts by that column (numbers by their data-v value), again to reverse. */
const SORT_SCRIPT = `document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.tHead.rows[0].cells;Array.prototype.forEach.call(hs,function(h,i){h.tabIndex=0;function go(){var asc=h.getAttribute('aria-sort')!=='ascending';Array.prototype.forEach.call(hs,function(o){o.removeAttribute('aria-sort')});h.setAttribute('aria-sort',asc?'ascending':'descending');var b=t.tBodies[0];var rs=Array.prototype.slice.call(b.rows);rs.sort(function(x,y){var a=x.cells[i],c=y.cells[i];var p=a.getAttribute('data-v'),q=c.getAttribute('data-v');var r;if(p!==null&&q!==null){if(p===''&&q==='')r=0;else if(p==='')r=1;else if(q==='')r=-1;else r=(Number(p)-Number(q))*(asc?1:-1);return r}r=a.textContent.localeCompare(c.textContent);return asc?r:-r});rs.forEach(function(r){b.appendChild(r)})}h.addEventListener('click',go);h.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})})});`;

const STYLE = `:root{color-scheme:light dark;--pm-fg:#222;--pm-bg:#fff;--pm-grid:#e3e3e3;--pm-muted:#666}
@media (prefers-color-scheme:dark){:root{--pm-fg:#ddd;--pm-bg:#1e1e1e;--pm-grid:#3a3a3a;--pm-muted:#aaa;--pm-duration:#6baed6;--pm-detect:#fc8d59;--pm-resolve:#74c476}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--pm-fg);background:var(--pm-bg);margin:24px;max-width:1200px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.muted{color:var(--pm-muted)}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border-bottom:1px solid var(--pm-grid);padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}th{cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}a{color:inherit}.chart,.wide{overflow-x:auto}`;

interface Column {
  title: string;
  numeric: boolean;
  cell: (r: IndexRow) => { text: string; value?: number | null; href?: string };
}

const COLUMNS: Column[] = [
  { title: 'Postmortem', numeric: false, cell: (r) => ({ text: r.title, href: r.file }) },
  { title: 'File', numeric: false, cell: (r) => ({ text: r.file }) },
  { title: 'Profile', numeric: false, cell: (r) => ({ text: r.profile }) },
  {
    title: 'Start (UTC)',
    numeric: true,
    cell: (r) => ({ text: r.start === null ? 'undated' : formatInstant(r.start).slice(0, 16), value: r.start }),
  },
  { title: 'Duration', numeric: true, cell: (r) => ({ text: indexSpan(r.durationMinutes), value: r.durationMinutes }) },
  {
    title: 'Declared',
    numeric: true,
    cell: (r) => ({ text: indexSpan(r.declaredDurationMinutes), value: r.declaredDurationMinutes }),
  },
  { title: 'TTD', numeric: true, cell: (r) => ({ text: indexSpan(r.detectMinutes), value: r.detectMinutes }) },
  {
    title: 'TTA',
    numeric: true,
    cell: (r) => ({ text: indexSpan(r.acknowledgeMinutes), value: r.acknowledgeMinutes }),
  },
  { title: 'TTM', numeric: true, cell: (r) => ({ text: indexSpan(r.mitigateMinutes), value: r.mitigateMinutes }) },
  { title: 'TTR', numeric: true, cell: (r) => ({ text: indexSpan(r.resolveMinutes), value: r.resolveMinutes }) },
  { title: 'Entries', numeric: true, cell: (r) => ({ text: String(r.entries), value: r.entries }) },
  { title: 'Errors', numeric: true, cell: (r) => ({ text: String(r.errors), value: r.errors }) },
  { title: 'Warnings', numeric: true, cell: (r) => ({ text: String(r.warnings), value: r.warnings }) },
  {
    title: 'Open items',
    numeric: true,
    cell: (r) => ({ text: r.openActionItems === null ? '—' : String(r.openActionItems), value: r.openActionItems }),
  },
  { title: 'Missing', numeric: false, cell: (r) => ({ text: r.missing.join(', ') }) },
];

/** A relative path as a link target: each segment percent-encoded, so a name never closes the attribute or the URL. */
function hrefOf(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function htmlTable(rows: IndexRow[]): string {
  const head = `<thead><tr>${COLUMNS.map((c) => `<th scope="col"${c.numeric ? ' class="n"' : ''}>${escapeHtml(c.title)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map(
      (r) =>
        `<tr>${COLUMNS.map((c) => {
          const v = c.cell(r);
          const data = c.numeric ? ` data-v="${v.value === null || v.value === undefined ? '' : String(v.value)}"` : '';
          const inner = v.href !== undefined ? `<a href="${escapeHtml(hrefOf(v.href))}">${escapeHtml(v.text)}</a>` : escapeHtml(v.text);
          return `<td${c.numeric ? ' class="n"' : ''}${data}>${inner}</td>`;
        }).join('')}</tr>`,
    )
    .join('\n');
  return `<div class="wide"><table class="sortable">${head}<tbody>\n${body}\n</tbody></table></div>`;
}

function groupTable(groups: GroupSummary[]): string {
  const head = ['Period', 'Count', 'Duration median', 'Duration p90', 'TTD median', 'TTD p90', 'TTR median', 'TTR p90'];
  const num = (v: number | null): string => `<td class="n" data-v="${v === null ? '' : v}">${escapeHtml(indexSpan(v))}</td>`;
  const body = groups
    .map(
      (g) =>
        `<tr><td>${escapeHtml(periodLabel(g))}</td><td class="n" data-v="${g.count}">${g.count}</td>${num(g.durationMinutes.median)}${num(g.durationMinutes.p90)}${num(g.detectMinutes.median)}${num(g.detectMinutes.p90)}${num(g.resolveMinutes.median)}${num(g.resolveMinutes.p90)}</tr>`,
    )
    .join('\n');
  return `<table class="sortable"><thead><tr>${head.map((h, i) => `<th scope="col"${i ? ' class="n"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/**
 * One self-contained page: inline style, inline SVG, one inline script allowed by its hash in the page's CSP;
 * nothing loaded from anywhere. Every text from the documents is escaped.
 */
export function reportHtml(data: ReportData): string {
  const by = data.group === 'month' ? 'month' : 'quarter';
  const undated = data.aggregation.undated.length;
  const svg = trendsSvg(data.rows, data.aggregation.groups, { link: (r) => hrefOf(r.file) });
  const hash = createHash('sha256').update(SORT_SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'`;
  const since = data.since !== null ? ` since ${formatInstant(data.since).slice(0, 10)}` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Postmortems${escapeHtml(since)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Postmortems${escapeHtml(since)}</h1>
<p class="muted">${data.rows.length} postmortem(s)${undated ? `, ${undated} undated (listed, not drawn)` : ''}; medians by ${by}. Generated by ${escapeHtml(data.toolName)} ${escapeHtml(data.version)} on ${escapeHtml(data.generatedAt)}.</p>
<h2>Over time</h2>
<div class="chart">${svg || '<p class="muted">No postmortem states its date: nothing to place in time.</p>'}</div>
<p class="muted">A point per incident at its start; a line per ${by} at its median. Square-root scale. Times in UTC.</p>
<h2>By ${by}</h2>
<p class="muted">Median and 90th percentile (nearest rank). A figure a postmortem does not give is left out, never counted as zero.</p>
${groupTable(data.aggregation.groups)}
<h2>Postmortems</h2>
<p class="muted">Click a column to sort.</p>
${htmlTable(data.rows)}
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

export const REPORT_FORMATS = {
  table: reportTable,
  json: reportJson,
  csv: reportCsv,
  html: reportHtml,
  markdown: reportMarkdown,
} as const;
