/**
 * The trends chart as one SVG string: over time, a point per incident for its duration, its time to detect and its
 * time to resolve (three panels sharing a time axis), and per month or quarter a line at the group's median. The time
 * axis is linear, so a stretch without incidents is empty space and its ticks still run; undated incidents cannot be
 * placed and are not drawn (the table lists them). Every text is escaped. Pure: a string out, no DOM, no Node.
 * Colours are CSS custom properties with fallbacks, so a page or a themed panel can restyle it.
 */
import { indexSpan } from '../util/spans';
import type { GroupSummary } from './aggregate';
import type { IndexRow } from './row';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** "2024-06-08 21:42 UTC". */
export function formatInstant(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

interface Series {
  key: 'durationMinutes' | 'detectMinutes' | 'resolveMinutes';
  label: string;
  colour: string;
}

const SERIES: Series[] = [
  { key: 'durationMinutes', label: 'Duration', colour: 'var(--pm-duration, #1f77b4)' },
  { key: 'detectMinutes', label: 'Time to detect', colour: 'var(--pm-detect, #d62728)' },
  { key: 'resolveMinutes', label: 'Time to resolve', colour: 'var(--pm-resolve, #2ca02c)' },
];

/** Round up to 1, 2 or 5 times a power of ten, or to whole hours and days past an hour. */
function niceCeiling(v: number): number {
  if (v <= 0) return 10;
  const steps = [5, 10, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 7200, 10080, 20160, 43200];
  for (const s of steps) if (v <= s) return s;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function monthTicks(from: number, to: number): { at: number; label: string; major: boolean }[] {
  const spanMonths = (to - from) / (30.44 * 86_400_000);
  const step = spanMonths <= 14 ? 1 : spanMonths <= 40 ? 3 : spanMonths <= 96 ? 6 : 12;
  const start = new Date(from);
  let y = start.getUTCFullYear();
  let m = start.getUTCMonth();
  m = Math.ceil(m / step) * step;
  const ticks: { at: number; label: string; major: boolean }[] = [];
  for (let guard = 0; guard < 400; guard++) {
    const at = Date.UTC(y, m, 1);
    if (at > to) break;
    if (at >= from) ticks.push({ at, label: m === 0 ? String(y) : `${y}-${pad(m + 1)}`, major: m === 0 });
    m += step;
    while (m >= 12) {
      m -= 12;
      y++;
    }
  }
  return ticks;
}

export interface ChartOptions {
  width?: number;
  /** Height of each of the three panels. */
  panelHeight?: number;
  /** Link each point to the row's file (`href`), e.g. for a self-contained page; else no links. */
  link?: (row: IndexRow) => string | null;
  /**
   * Embed the chart's style (a `<style>` element and a `style` attribute); default true. A page under a CSP without
   * 'unsafe-inline' (a VS Code webview) passes false and styles `.pm-trends` from its own stylesheet.
   */
  inlineStyle?: boolean;
}

/** The trends chart; an empty string when no incident is dated. */
export function trendsSvg(rows: readonly IndexRow[], groups: readonly GroupSummary[], options: ChartOptions = {}): string {
  const dated = rows.filter((r): r is IndexRow & { start: number } => r.start !== null && Number.isFinite(r.start));
  if (!dated.length) return '';
  const width = options.width ?? 960;
  const panel = options.panelHeight ?? 150;
  const left = 70;
  const right = 16;
  const top = 24;
  const gap = 34;
  const axis = 28;
  const height = top + SERIES.length * (panel + gap) - gap + axis;
  let from = Math.min(...dated.map((r) => r.start));
  let to = Math.max(...dated.map((r) => r.start));
  const periods = groups.filter((g) => g.from !== null && g.to !== null);
  if (periods.length) {
    from = Math.min(from, ...periods.map((g) => g.from as number));
    to = Math.max(to, ...periods.map((g) => g.to as number));
  }
  if (to - from < 86_400_000) {
    from -= 43_200_000;
    to += 43_200_000;
  }
  const x = (t: number): number => left + ((t - from) / (to - from)) * (width - left - right);
  const out: string[] = [];
  const inline = options.inlineStyle !== false;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="pm-trends" viewBox="0 0 ${width} ${height}" width="100%"${inline ? ` style="max-width:${width}px;height:auto"` : ''} role="img" aria-label="Duration, time to detect and time to resolve of each incident over time, with each period's median">`,
  );
  if (inline)
    out.push(
      '<style>.pm-trends text{font:11px system-ui,sans-serif;fill:var(--pm-fg,#333)}.pm-trends .grid{stroke:var(--pm-grid,#ddd);stroke-width:1}.pm-trends .axis{stroke:var(--pm-fg,#333);stroke-width:1}.pm-trends .med{stroke-width:2.5;stroke-linecap:round}.pm-trends circle{fill-opacity:.75}.pm-trends a:hover circle,.pm-trends circle:hover{fill-opacity:1;stroke:var(--pm-fg,#333)}</style>',
    );
  const ticks = monthTicks(from, to);
  SERIES.forEach((s, i) => {
    const y0 = top + i * (panel + gap);
    const values = dated.map((r) => r[s.key]).filter((v): v is number => v !== null);
    const max = niceCeiling(Math.max(1, ...values));
    // A square-root scale: a two-day outage and a ten-minute one both stay readable.
    const y = (v: number): number => y0 + panel - Math.sqrt(Math.max(0, v) / max) * panel;
    out.push(`<text x="${left}" y="${y0 - 8}" font-weight="bold">${escapeHtml(s.label)}</text>`);
    for (const t of ticks)
      out.push(`<line class="grid" x1="${x(t.at).toFixed(1)}" y1="${y0}" x2="${x(t.at).toFixed(1)}" y2="${y0 + panel}"/>`);
    for (const f of [0, 0.25, 0.5, 1]) {
      const v = max * f;
      const yy = y(v).toFixed(1);
      out.push(
        `<line class="grid" x1="${left}" y1="${yy}" x2="${width - right}" y2="${yy}"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(indexSpan(v))}</text>`,
      );
    }
    out.push(
      `<line class="axis" x1="${left}" y1="${y0 + panel}" x2="${width - right}" y2="${y0 + panel}"/><line class="axis" x1="${left}" y1="${y0}" x2="${left}" y2="${y0 + panel}"/>`,
    );
    for (const g of periods) {
      const med = g[s.key].median;
      if (med === null) continue;
      const a = x(Math.max(from, g.from as number)) + 2;
      const b = x(Math.min(to, g.to as number)) - 2;
      out.push(
        `<line class="med" x1="${a.toFixed(1)}" y1="${y(med).toFixed(1)}" x2="${Math.max(a + 1, b).toFixed(1)}" y2="${y(med).toFixed(1)}" stroke="${s.colour}"><title>${escapeHtml(`${g.period ?? ''}: median ${indexSpan(med)} over ${g.count} incident(s)`)}</title></line>`,
      );
    }
    const missing = dated.length - values.length;
    if (missing)
      out.push(`<text x="${width - right}" y="${y0 - 8}" text-anchor="end">${escapeHtml(`${missing} incident(s) do not say`)}</text>`);
    for (const r of dated) {
      const v = r[s.key];
      if (v === null) continue;
      const tip = `${r.title} (${r.file}): ${s.label.toLowerCase()} ${indexSpan(v)}, started ${formatInstant(r.start)}`;
      const dot = `<circle cx="${x(r.start).toFixed(1)}" cy="${y(v).toFixed(1)}" r="4" fill="${s.colour}"><title>${escapeHtml(tip)}</title></circle>`;
      const href = options.link?.(r) ?? null;
      out.push(href ? `<a href="${escapeHtml(href)}">${dot}</a>` : dot);
    }
  });
  const base = top + SERIES.length * (panel + gap) - gap;
  // A label near either end is anchored inside the chart rather than centred and cut off.
  const anchor = (at: number): string => (x(at) > width - right - 24 ? 'end' : x(at) < left + 24 ? 'start' : 'middle');
  for (const t of ticks)
    out.push(
      `<text x="${x(t.at).toFixed(1)}" y="${base + 16}" text-anchor="${anchor(t.at)}"${t.major ? ' font-weight="bold"' : ''}>${escapeHtml(t.label)}</text>`,
    );
  out.push('</svg>');
  return out.join('');
}
