/**
 * `postmortem/render`: the document as sanitised HTML (remark-rehype -> rehype-sanitize with GitHub's schema ->
 * rehype-stringify; raw HTML in the Markdown is dropped, never passed through), and the incident's overview as
 * HTML we write ourselves: a card of figures, a timeline on a true time axis (SVG) and the problems list.
 * Every piece of document text in our own markup goes through hast, so it is escaped.
 */
import type { Element, ElementContent, Properties, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified, type Processor } from 'unified';
import type { LintMessage, Phase, PostmortemModel, TimelineEntry } from '../engine/index';
import type { Analysis } from './analysis';
import { formatSpan, wallClock, type ZoneLike } from './timeFormat';

export interface RenderParams {
  uri: string;
  /** The width the timeline is drawn for, in CSS pixels (default 720). */
  width?: number;
}

export interface RenderDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: LintMessage['severity'];
  message: string;
  ruleId: string;
}

export interface Figures {
  start: string | null;
  end: string | null;
  /** From the timeline (or the declared window), as "4h27m". */
  duration: string | null;
  /** As the summary states it ("5 hours"). */
  declaredDuration: string | null;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  /** Declared and computed durations disagree (by more than a minute). */
  durationMismatch: boolean;
  timeToDetect: string | null;
  /** From detection to the first acknowledgement (or escalation), when the timeline says so. */
  timeToAcknowledge: string | null;
  /** From the start to the first mitigation, when the timeline says so. */
  timeToMitigate: string | null;
  timeToResolve: string | null;
  entries: number;
  /** Entries placed on the time axis. */
  placedEntries: number;
  zone: string | null;
}

export interface RenderResult {
  uri: string;
  version: number;
  isPostmortem: boolean;
  title: string;
  profile: string;
  /** The document, sanitised. */
  html: string;
  /** The figures card and the timeline (our markup). */
  overviewHtml: string;
  /** The problems list (our markup), empty when there are none. */
  problemsHtml: string;
  figures: Figures;
  model: PostmortemModel | null;
  diagnostics: RenderDiagnostic[];
}

// ---------------------------------------------------------------------------------------------
// The document

/** Top-level blocks, list items and table rows carry the source line they start on, for scroll sync and clicks. */
function markLines() {
  return (tree: HastRoot): void => {
    const visit = (node: HastRoot | Element, depth: number): void => {
      for (const child of node.children) {
        if (child.type !== 'element') continue;
        const line = child.position?.start.line;
        if (line !== undefined && (depth === 0 || child.tagName === 'li' || child.tagName === 'tr')) {
          child.properties = { ...child.properties, dataLine: String(line) };
        }
        visit(child, depth + 1);
      }
    };
    visit(tree, 0);
  };
}

/** GitHub's schema, plus the numeric data-line attribute we add ourselves. */
const schema = {
  ...defaultSchema,
  attributes: { ...defaultSchema.attributes, '*': [...(defaultSchema.attributes?.['*'] ?? []), ['dataLine', /^\d+$/]] },
} as typeof defaultSchema;

let processor: Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string> | null = null;

/** Markdown to sanitised HTML. Raw HTML in the document is dropped by remark-rehype; the sanitiser is the second wall. */
export function renderMarkdown(text: string): string {
  processor ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkRehype)
    .use(markLines)
    .use(rehypeSanitize, schema)
    .use(rehypeStringify)
    .freeze() as unknown as Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
  return String(processor.processSync(text));
}

// ---------------------------------------------------------------------------------------------
// Our markup

type Child = ElementContent | string | null | false | undefined;

type Props = Record<string, string | number | boolean | string[] | undefined>;

function h(tagName: string, props: Props = {}, ...children: (Child | Child[])[]): Element {
  const properties: Record<string, string | boolean | string[]> = {};
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    properties[k] = typeof v === 'number' ? String(Math.round(v * 10) / 10) : v;
  }
  const out: ElementContent[] = [];
  for (const c of children.flat()) {
    if (c === null || c === false || c === undefined) continue;
    out.push(typeof c === 'string' ? { type: 'text', value: c } : c);
  }
  return { type: 'element', tagName, properties: properties as Properties, children: out };
}

function toHtml(nodes: Element[]): string {
  const root: HastRoot = { type: 'root', children: nodes };
  return unified().use(rehypeStringify).stringify(root);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number): string => String(n).padStart(2, '0');

function clockText(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

function dayText(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  const weekday = WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? '';
  return `${weekday} ${w.day} ${MONTHS[w.month - 1] ?? ''} ${w.year}`;
}

function dayKey(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${w.month}-${w.day}`;
}

/** 0 -> "0m", 267 -> "4h 27m", 1500 -> "1d 1h". */
function spanText(minutes: number): string {
  if (minutes >= 1440) {
    const d = Math.floor(minutes / 1440);
    const hours = Math.round((minutes - d * 1440) / 60);
    return hours ? `${d}d ${hours}h` : `${d}d`;
  }
  return formatSpan(minutes).replace(/h(\d)/, 'h $1').replace(/h 0(\d)m/, 'h $1m').replace(/h 0m$/, 'h');
}

function displayZone(model: PostmortemModel): ZoneLike | null {
  const z = model.zone;
  return z && (z.offsetMinutes !== null || z.iana) ? z : null;
}

export function figuresOf(model: PostmortemModel): Figures {
  const zone = displayZone(model);
  const m = model.metrics;
  // Without a stated date the instants are clock times on a stand-in day: show the clock time only.
  const dated = model.datesKnown !== false;
  const stamp = (i: number | null): string | null => (i === null ? null : dated ? `${dayText(i, zone)} ${clockText(i, zone)}` : clockText(i, zone));
  const placed = model.timeline.filter((e) => e.instant !== null).length;
  return {
    start: stamp(m.start),
    end: stamp(m.end),
    duration: m.durationMinutes === null ? null : spanText(m.durationMinutes),
    declaredDuration: model.summary.duration?.text ?? null,
    durationMinutes: m.durationMinutes,
    declaredDurationMinutes: m.declaredDurationMinutes,
    durationMismatch: m.durationMinutes !== null && m.declaredDurationMinutes !== null && Math.abs(m.durationMinutes - m.declaredDurationMinutes) > 1,
    timeToDetect: m.timeToDetectMinutes === null ? null : spanText(m.timeToDetectMinutes),
    timeToAcknowledge: m.timeToAcknowledgeMinutes === null ? null : spanText(m.timeToAcknowledgeMinutes),
    timeToMitigate: m.timeToMitigateMinutes === null ? null : spanText(m.timeToMitigateMinutes),
    timeToResolve: m.timeToResolveMinutes === null ? null : spanText(m.timeToResolveMinutes),
    entries: model.timeline.length,
    placedEntries: placed,
    zone: model.zone?.text ?? null,
  };
}

function figure(label: string, value: string | null, sub: Child | Child[], className = ''): Element {
  return h(
    'div',
    { className: ['pm-figure', ...(className ? [className] : []), ...(value === null ? ['pm-unknown'] : [])] },
    h('div', { className: ['pm-figure-label'] }, label),
    h('div', { className: ['pm-figure-value'] }, value ?? '—'),
    h('div', { className: ['pm-figure-sub'] }, sub),
  );
}

function card(model: PostmortemModel, f: Figures): Element {
  const zone = displayZone(model);
  const m = model.metrics;
  const day = (i: number | null): string | null => (i === null ? null : model.datesKnown === false ? 'date not stated' : dayText(i, zone));
  const clock = (i: number | null): string | null => (i === null ? null : clockText(i, zone));
  const zoneText = f.zone ?? 'UTC';
  const durationSub: Child[] = f.durationMismatch
    ? [h('span', { className: ['pm-flag'], title: 'The summary states a different duration than the timeline shows.' }, `⚠ summary says ${f.declaredDuration ?? ''}`)]
    : f.declaredDuration !== null && f.duration !== null
      ? [h('span', { className: ['pm-ok'], title: `The summary says ${f.declaredDuration}` }, '✓ matches the summary')]
      : f.declaredDuration !== null
        ? [`stated: ${f.declaredDuration}`]
        : ['no duration stated'];
  return h(
    'div',
    { className: ['pm-card'] },
    figure('Started', clock(m.start), day(m.start) ? `${day(m.start)} · ${zoneText}` : 'not known'),
    figure('Ended', clock(m.end), day(m.end) ? `${day(m.end)} · ${zoneText}` : 'not known'),
    figure('Duration', f.duration ?? (f.declaredDuration ? f.declaredDuration : null), durationSub, f.durationMismatch ? 'pm-mismatch' : ''),
    figure('Time to detect', f.timeToDetect, f.timeToDetect === null ? 'no detection entry' : 'start → first detection', 'pm-ttd'),
    // Acknowledge and mitigate only when the timeline says so: many postmortems record neither.
    ...(f.timeToAcknowledge === null ? [] : [figure('Time to acknowledge', f.timeToAcknowledge, 'detection → acknowledged', 'pm-tta')]),
    ...(f.timeToMitigate === null ? [] : [figure('Time to mitigate', f.timeToMitigate, 'start → mitigation', 'pm-ttm')]),
    figure('Time to resolve', f.timeToResolve, f.timeToResolve === null ? 'no resolution entry' : 'start → resolution', 'pm-ttr'),
    figure('Entries', String(f.entries), f.placedEntries < f.entries ? `${f.entries - f.placedEntries} not on the axis` : `zone ${zoneText}`),
  );
}

// ---------------------------------------------------------------------------------------------
// The timeline

const PHASE_ORDER: Phase[] = ['resolved', 'mitigated', 'escalated', 'detected', 'acknowledged', 'triggered'];
const PHASE_LABEL: Record<Phase, string> = {
  triggered: 'Triggered',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

function mainPhase(entry: TimelineEntry): Phase | null {
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

function timeline(model: PostmortemModel, width: number): Element | null {
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
  if (mitigated !== null && (detected === null || mitigated >= detected)) bounds.push({ from: mitigated, cls: 'pm-band-mitigated', label: 'Mitigated' });
  if (resolved !== null) bounds.push({ from: resolved, cls: 'pm-band-resolved', label: 'Resolved' });
  const bands = bounds
    .sort((a, b) => a.from - b.from)
    .map((b, i, all) => {
      const to = all[i + 1]?.from ?? max;
      const x1 = x(b.from);
      const x2 = Math.max(x1 + (to > b.from ? 2 : 0), x(to));
      return x2 > x1 ? h('rect', { className: ['pm-band', b.cls], x: x1, y: axisY - 4, width: x2 - x1, height: 8 }, h('title', {}, b.label)) : null;
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
        { className: ['pm-tl-entry', cls], dataLine: String(entry.line), tabIndex: 0, role: 'button', dataTip: `${stamp} — ${words}`, ariaLabel: `${stamp}: ${words}` },
        h('title', {}, `${stamp} — ${words}`),
        h('line', { className: ['pm-tl-stem'], x1: ex, x2: ex, y1: axisY + 6, y2: ly - 11 }),
        h('rect', { className: ['pm-tl-hit'], x: lx - 2, y: ly - 14, width: labelWidth + 4, height: laneHeight - 4, rx: 4 }),
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
    { className: ['pm-tl-svg'], width: W, height, viewBox: `0 0 ${W} ${height}`, role: 'img', ariaLabel: 'The incident timeline on a time axis' },
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
    h('h2', { className: ['pm-section-title'] }, 'Timeline', h('span', { className: ['pm-muted'] }, ` · ${placed.length} entries over ${spanText(Math.round((max - min) / 60_000))}${unplaced ? ` · ${unplaced} without a time` : ''}`)),
    h('div', { className: ['pm-tl-scroll'] }, svg),
    legend,
  );
}

function problems(diagnostics: RenderDiagnostic[]): Element | null {
  if (!diagnostics.length) return null;
  const icon: Record<LintMessage['severity'], string> = { error: '⛔', warning: '⚠', info: 'ℹ' };
  return h(
    'section',
    { className: ['pm-problems'] },
    h('h2', { className: ['pm-section-title'] }, `Problems`, h('span', { className: ['pm-muted'] }, ` · ${diagnostics.length}`)),
    h(
      'ul',
      {},
      diagnostics.map((d) =>
        h(
          'li',
          { className: ['pm-problem', `pm-sev-${d.severity}`], dataLine: String(d.line), dataColumn: String(d.column), tabIndex: 0, role: 'button' },
          h('span', { className: ['pm-problem-icon'], ariaHidden: 'true' }, icon[d.severity]),
          h('span', { className: ['pm-problem-message'] }, d.message),
          h('span', { className: ['pm-problem-where'] }, `${d.ruleId} · line ${d.line}`),
        ),
      ),
    ),
  );
}

function titleOf(text: string, uri: string): string {
  const m = /^#[ \t]+(.+?)[ \t#]*$/m.exec(text);
  if (m?.[1]) return m[1].replace(/[*_`]/g, '').trim();
  const name = decodeURIComponent(uri.split('/').pop() ?? uri);
  return name.replace(/\.(md|markdown)$/i, '');
}

export function render(analysis: Analysis, width = 720): RenderResult {
  const text = analysis.document.getText();
  const model = analysis.result?.model ?? null;
  const diagnostics: RenderDiagnostic[] = analysis.isPostmortem
    ? (analysis.result?.messages ?? []).map((m) => ({
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        severity: m.severity,
        message: m.message,
        ruleId: m.ruleId,
      }))
    : [];
  const empty: Figures = {
    start: null, end: null, duration: null, declaredDuration: null, durationMinutes: null, declaredDurationMinutes: null,
    durationMismatch: false, timeToDetect: null, timeToAcknowledge: null, timeToMitigate: null, timeToResolve: null, entries: 0, placedEntries: 0, zone: null,
  };
  const figures = model ? figuresOf(model) : empty;
  const overview = model && analysis.isPostmortem ? [card(model, figures), timeline(model, width)].filter((e): e is Element => e !== null) : [];
  const problemList = problems(diagnostics);
  return {
    uri: analysis.uri,
    version: analysis.version,
    isPostmortem: analysis.isPostmortem,
    title: titleOf(text, analysis.uri),
    profile: model?.profile || analysis.options.profile || analysis.settings.profile,
    html: renderMarkdown(text),
    overviewHtml: toHtml(overview),
    problemsHtml: problemList ? toHtml([problemList]) : '',
    figures,
    model,
    diagnostics,
  };
}
