/** The timeline on a true time axis (SVG): entries placed by instant, phases marked, days and ticks labelled. */
import type { Element, Properties } from 'hast';
import type { Phase, PostmortemModel, TimelineEntry } from '../../engine/index';
import { spacedSpan } from '../../engine/util/spans';
import { clockText, wallClock } from '../timeFormat';
import { dayKey, dayText, displayZone, h } from './markup';

const PHASE_ORDER: Phase[] = ['resolved', 'mitigated', 'escalated', 'detected', 'acknowledged', 'triggered'];
const PHASE_LABEL: Record<Phase, string> = {
  triggered: 'Triggered',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/** The entry's phase as the engine read it (model/phase.ts); the most telling of its phases for an older model. */
function mainPhase(entry: TimelineEntry): Phase | null {
  if (entry.phase !== undefined) return entry.phase !== null && entry.phases.includes(entry.phase) ? entry.phase : null;
  return PHASE_ORDER.find((p) => entry.phases.includes(p)) ?? null;
}

const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].map((m) => m * 60_000);

function shortText(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Markdown source to the words a reader sees: links and images to their text, tags and markers dropped. */
function plainWords(text: string): string {
  return text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The entry's words without its timestamp and the separator after it. */
function entryWords(entry: TimelineEntry): string {
  let text = entry.text;
  const ts = entry.timestamp?.text;
  if (ts) {
    const at = text.indexOf(ts);
    if (at >= 0) text = text.slice(at + ts.length);
  }
  const words = plainWords(text.replace(/^[\s*_|:\u2013\u2014-]+/, '').replace(/[\s|]+$/, ''));
  return words || plainWords(entry.text);
}

export function timeline(model: PostmortemModel, width: number): Element | null {
  const zone = displayZone(model);
  const placed = model.timeline.filter((e): e is TimelineEntry & { instant: number } => e.instant !== null);
  if (!placed.length) return null;
  const W = Math.max(320, Math.min(2400, Math.round(width)));
  const left = 24;
  const right = 24;
  const axisY = 40;
  let min = Math.min(...placed.map((e) => e.instant));
  let max = Math.max(...placed.map((e) => e.instant));
  if (max - min < 10 * 60_000) {
    const mid = (min + max) / 2;
    min = mid - 5 * 60_000;
    max = mid + 5 * 60_000;
  }
  const span = max - min;
  const x = (t: number): number => left + ((t - min) / span) * (W - left - right);
  const off = (t: number): number => {
    const w = wallClock(t, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(t / 60_000) * 60_000;
  };

  const parts: Element[] = [];
  // Ticks on wall-clock multiples of a step that gives one every ~110 px.
  const step = TICK_STEPS.find((s) => span / s <= (W - left - right) / 110) ?? (TICK_STEPS[TICK_STEPS.length - 1] as number);
  const shift = off(min);
  let lastDay = '';
  const ticks: Element[] = [];
  for (let t = Math.ceil((min + shift) / step) * step - shift; t <= max; t += step) {
    const tx = x(t);
    const day = dayKey(t, zone);
    const dayLabel = model.datesKnown === false ? 'next day' : dayText(t, zone).split(' ').slice(1, 3).join(' ');
    const label = day !== lastDay && lastDay !== '' ? `${dayLabel} ${clockText(t, zone)}` : clockText(t, zone);
    lastDay = day;
    ticks.push(
      h('line', { className: ['pm-tl-grid'], x1: tx, x2: tx, y1: axisY - 14, y2: 0 }),
      h('text', { className: ['pm-tl-tick'], x: tx, y: axisY - 20, textAnchor: 'middle' }, label),
    );
  }

  // The phases of the incident as bands on the axis: before detection, responding, mitigated, after resolution.
  const first = (phase: Phase): number | null => placed.find((e) => e.phases.includes(phase))?.instant ?? null;
  const detected = first('detected') ?? first('acknowledged');
  const mitigated = first('mitigated');
  const resolved = [...placed].reverse().find((e) => e.phases.includes('resolved'))?.instant ?? null;
  const bounds: { from: number; cls: string; label: string }[] = [{ from: min, cls: 'pm-band-undetected', label: 'Undetected' }];
  if (detected !== null) bounds.push({ from: detected, cls: 'pm-band-responding', label: 'Responding' });
  if (mitigated !== null && (detected === null || mitigated >= detected))
    bounds.push({ from: mitigated, cls: 'pm-band-mitigated', label: 'Mitigated' });
  if (resolved !== null) bounds.push({ from: resolved, cls: 'pm-band-resolved', label: 'Resolved' });
  const bands = bounds
    .sort((a, b) => a.from - b.from)
    .map((b, i, all) => {
      const to = all[i + 1]?.from ?? max;
      const x1 = x(b.from);
      const x2 = Math.max(x1 + (to > b.from ? 2 : 0), x(to));
      return x2 > x1
        ? h('rect', { className: ['pm-band', b.cls], x: x1, y: axisY - 4, width: x2 - x1, height: 8 }, h('title', {}, b.label))
        : null;
    })
    .filter((b): b is Element => b !== null);
  parts.push(h('rect', { className: ['pm-tl-axis'], x: left, y: axisY - 4, width: W - left - right, height: 8, rx: 4 }), ...bands);

  // Labels below the axis in lanes, so that none overlaps another.
  const labelWidth = Math.min(200, Math.max(128, (W - left - right) / 4));
  const laneEnds: number[] = [];
  const laneHeight = 36;
  const entries: Element[] = [];
  placed.forEach((entry) => {
    const ex = x(entry.instant);
    const phase = mainPhase(entry);
    // Labels start at their dot; near the right end they end at it instead.
    const alignEnd = ex - 6 + labelWidth > W - 2;
    const lx = alignEnd ? Math.min(ex + 6, W - 2) - labelWidth : Math.max(ex - 6, 2);
    const textX = alignEnd ? lx + labelWidth : lx;
    const anchor = alignEnd ? 'end' : 'start';
    let lane = laneEnds.findIndex((end) => end < lx);
    if (lane < 0) {
      lane = laneEnds.length < 8 ? laneEnds.length : laneEnds.indexOf(Math.min(...laneEnds));
      laneEnds[lane] = 0;
    }
    laneEnds[lane] = lx + labelWidth;
    const ly = axisY + 26 + lane * laneHeight;
    const words = entryWords(entry);
    const stamp = entry.timestamp?.text ?? clockText(entry.instant, zone);
    const cls = phase ? `pm-ph-${phase}` : 'pm-ph-none';
    const time = h('tspan', { className: ['pm-tl-time'] }, clockText(entry.instant, zone));
    const phaseLabel = phase ? h('tspan', { className: ['pm-tl-phase'], dx: alignEnd ? 0 : 6 }, PHASE_LABEL[phase]) : null;
    if (alignEnd && phaseLabel) time.properties = { ...time.properties, dx: '6' };
    entries.push(
      h(
        'g',
        {
          className: ['pm-tl-entry', cls],
          dataLine: String(entry.line),
          tabIndex: 0,
          role: 'button',
          dataTip: `${stamp} — ${words}`,
          ariaLabel: `${stamp}: ${words}`,
        },
        h('title', {}, `${stamp} — ${words}`),
        h('line', { className: ['pm-tl-stem'], x1: ex, x2: ex, y1: axisY + 6, y2: ly - 11 }),
        h('rect', {
          className: ['pm-tl-hit'],
          x: lx - 2,
          y: ly - 14,
          width: labelWidth + 4,
          height: laneHeight - 4,
          rx: 4,
        }),
        h('text', { className: ['pm-tl-label'], x: textX, y: ly, textAnchor: anchor }, alignEnd ? [phaseLabel, time] : [time, phaseLabel]),
        h('text', { className: ['pm-tl-words'], x: textX, y: ly + 14, textAnchor: anchor }, shortText(words, Math.floor(labelWidth / 6.2))),
        h('circle', { className: ['pm-tl-dot'], cx: ex, cy: axisY, r: phase ? 7 : 5 }),
      ),
    );
  });
  const height = axisY + 26 + Math.max(1, laneEnds.length) * laneHeight;
  // Grid lines run through the lanes.
  for (const t of ticks) if (t.tagName === 'line') t.properties = { ...t.properties, y2: String(height - 8) } as Properties;

  const svg = h(
    'svg',
    {
      className: ['pm-tl-svg'],
      width: W,
      height,
      viewBox: `0 0 ${W} ${height}`,
      role: 'img',
      ariaLabel: 'The incident timeline on a time axis',
    },
    ...ticks,
    ...parts,
    ...entries,
  );
  const legend = h(
    'div',
    { className: ['pm-legend'] },
    (['detected', 'acknowledged', 'escalated', 'mitigated', 'resolved'] as Phase[]).map((p) =>
      h('span', { className: ['pm-legend-item', `pm-ph-${p}`] }, h('span', { className: ['pm-swatch'] }), PHASE_LABEL[p]),
    ),
    h('span', { className: ['pm-legend-item', 'pm-ph-none'] }, h('span', { className: ['pm-swatch'] }), 'Other'),
    h('span', { className: ['pm-legend-sep'] }),
    bounds.map((b) => h('span', { className: ['pm-legend-item', 'pm-legend-band', b.cls] }, h('span', { className: ['pm-bar'] }), b.label)),
  );
  const unplaced = model.timeline.length - placed.length;
  return h(
    'section',
    { className: ['pm-timeline'] },
    h(
      'h2',
      { className: ['pm-section-title'] },
      'Timeline',
      h(
        'span',
        { className: ['pm-muted'] },
        ` · ${placed.length} entries over ${spacedSpan(Math.round((max - min) / 60_000))}${unplaced ? ` · ${unplaced} without a time` : ''}`,
      ),
    ),
    h('div', { className: ['pm-tl-scroll'] }, svg),
    legend,
  );
}
