/** The figures card: start, end, duration (against the one the summary states), time to detect, acknowledge, mitigate, resolve. */
import type { Element } from 'hast';
import type { PostmortemModel } from '../../engine/index';
import type { Figures } from '../../../../shared/protocol';
import { spacedSpan } from '../../engine/util/spans';
import { clockText } from '../timeFormat';
import { dayText, displayZone, h, type Child } from './markup';

export function figuresOf(model: PostmortemModel): Figures {
  const zone = displayZone(model);
  const m = model.metrics;
  // Without a stated date the instants are clock times on a stand-in day: show the clock time only.
  const dated = model.datesKnown !== false;
  const stamp = (i: number | null): string | null =>
    i === null ? null : dated ? `${dayText(i, zone)} ${clockText(i, zone)}` : clockText(i, zone);
  const placed = model.timeline.filter((e) => e.instant !== null).length;
  return {
    start: stamp(m.start),
    end: stamp(m.end),
    duration: m.durationMinutes === null ? null : spacedSpan(m.durationMinutes),
    declaredDuration: model.summary.duration?.text ?? null,
    durationMinutes: m.durationMinutes,
    declaredDurationMinutes: m.declaredDurationMinutes,
    durationMismatch:
      m.durationMinutes !== null && m.declaredDurationMinutes !== null && Math.abs(m.durationMinutes - m.declaredDurationMinutes) > 1,
    timeToDetect: m.timeToDetectMinutes === null ? null : spacedSpan(m.timeToDetectMinutes),
    timeToAcknowledge: m.timeToAcknowledgeMinutes === null ? null : spacedSpan(m.timeToAcknowledgeMinutes),
    timeToMitigate: m.timeToMitigateMinutes === null ? null : spacedSpan(m.timeToMitigateMinutes),
    timeToResolve: m.timeToResolveMinutes === null ? null : spacedSpan(m.timeToResolveMinutes),
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

export function card(model: PostmortemModel, f: Figures): Element {
  const zone = displayZone(model);
  const m = model.metrics;
  const day = (i: number | null): string | null => (i === null ? null : model.datesKnown === false ? 'date not stated' : dayText(i, zone));
  const clock = (i: number | null): string | null => (i === null ? null : clockText(i, zone));
  const zoneText = f.zone ?? 'UTC';
  // The entry behind a figure, as the metrics name it: "start → 10:42 PM, line 11".
  const at = (line: number | null | undefined, what: string): string => {
    const entry = line == null ? undefined : model.timeline.find((e) => e.line === line);
    return entry?.instant != null ? `start → ${what} ${clockText(entry.instant, zone)}, line ${entry.line}` : `start → ${what}`;
  };
  const fromDetection = (line: number | null | undefined): string => {
    const entry = line == null ? undefined : model.timeline.find((e) => e.line === line);
    return entry?.instant != null ? `detection → ${clockText(entry.instant, zone)}, line ${entry.line}` : 'detection → acknowledged';
  };
  const durationSub: Child[] = f.durationMismatch
    ? [
        h(
          'span',
          { className: ['pm-flag'], title: 'The summary states a different duration than the timeline shows.' },
          `⚠ summary says ${f.declaredDuration ?? ''}`,
        ),
      ]
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
    figure(
      'Duration',
      f.duration ?? (f.declaredDuration ? f.declaredDuration : null),
      durationSub,
      f.durationMismatch ? 'pm-mismatch' : '',
    ),
    figure('Time to detect', f.timeToDetect, f.timeToDetect === null ? 'no detection entry' : at(m.sources?.detect, 'detection'), 'pm-ttd'),
    // Acknowledge and mitigate only when the timeline says so: many postmortems record neither.
    ...(f.timeToAcknowledge === null
      ? []
      : [figure('Time to acknowledge', f.timeToAcknowledge, fromDetection(m.sources?.acknowledge), 'pm-tta')]),
    ...(f.timeToMitigate === null ? [] : [figure('Time to mitigate', f.timeToMitigate, at(m.sources?.mitigate, 'mitigation'), 'pm-ttm')]),
    figure(
      'Time to resolve',
      f.timeToResolve,
      f.timeToResolve === null ? 'no resolution entry' : at(m.sources?.resolve, 'resolution'),
      'pm-ttr',
    ),
    figure(
      'Entries',
      String(f.entries),
      f.placedEntries < f.entries ? `${f.entries - f.placedEntries} not on the axis` : `zone ${zoneText}`,
    ),
  );
}
