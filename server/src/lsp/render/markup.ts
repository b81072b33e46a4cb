/**
 * Our own markup for the overview (figures card, timeline, problems): hast built with `h`, so every piece
 * of document text in it is escaped when written, and the days and clock times it shows.
 */
import type { Element, ElementContent, Properties, Root as HastRoot } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';
import type { PostmortemModel } from '../../engine/index';
import { wallClock, type ZoneLike } from '../timeFormat';

export type Child = ElementContent | string | null | false | undefined;

export type Props = Record<string, string | number | boolean | string[] | undefined>;

export function h(tagName: string, props: Props = {}, ...children: (Child | Child[])[]): Element {
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

export function toHtml(nodes: Element[]): string {
  const root: HastRoot = { type: 'root', children: nodes };
  return unified().use(rehypeStringify).stringify(root);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function dayText(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  const weekday = WEEKDAYS[new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay()] ?? '';
  return `${weekday} ${w.day} ${MONTHS[w.month - 1] ?? ''} ${w.year}`;
}

export function dayKey(instant: number, zone: ZoneLike | null): string {
  const w = wallClock(instant, zone);
  return `${w.year}-${w.month}-${w.day}`;
}

export function displayZone(model: PostmortemModel): ZoneLike | null {
  const z = model.zone;
  return z && (z.offsetMinutes !== null || z.iana) ? z : null;
}
