/**
 * When an imported record is an entry already in the timeline, or another record: the same minute and a text that
 * says the same thing, word for word.
 */
import type { ModelContext } from '../model';
import type { TimelineEntry } from '../types';
import { lineBounds } from '../util/lines';
import type { ImportRecord } from './types';

const MINUTE = 60_000;
const ANY_MARKER = /\[(detected|acknowledged|escalated|mitigated|resolved|triggered)\]/gi;

/** Words that say nothing on their own ("Acknowledged by Ada" is "Ada acknowledged the page"). */
const STOP_WORDS = new Set([
  'a',
  'an',
  'the',
  'by',
  'to',
  'of',
  'in',
  'on',
  'at',
  'and',
  'or',
  'is',
  'was',
  'were',
  'be',
  'for',
  'with',
  'from',
  'it',
  'as',
]);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(ANY_MARKER, ' ')
    .replace(/<[^>]*>|[*_~`\\]/g, ' ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w));
}

/**
 * Two texts say the same thing when, word for word (lowercase, markup, phase markers, punctuation and a few
 * words such as "the" and "by" dropped), at
 * least 80% of the shorter text's words are in the longer one and the shorter has at least half as many words.
 */
export function similarText(a: string, b: string): boolean {
  const wa = words(a);
  const wb = words(b);
  if (!wa.length || !wb.length) return wa.length === wb.length;
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const bag = new Map<string, number>();
  for (const w of long) bag.set(w, (bag.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of short) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      shared++;
      bag.set(w, n - 1);
    }
  }
  return shared / short.length >= 0.8 && short.length / long.length >= 0.5;
}

/** The words of a record as an entry shows them: its author and its text. */
export function recordText(r: ImportRecord): string {
  return r.author ? `${r.author} ${r.text}` : r.text;
}

/** Whether an entry's text (or a record about to be written) says what the record says, with or without its author. */
export function sameAs(text: string, r: ImportRecord): boolean {
  return similarText(text, recordText(r)) || similarText(text, r.text);
}

/** The text of an entry without its timestamp (every cell of a table row). */
export function entryBody(ctx: ModelContext, e: TimelineEntry): string {
  const lineEnd = lineBounds(ctx.text, e.start).end;
  const ts = e.timestamp;
  const first = ctx.text.slice(e.start, Math.max(lineEnd, e.start));
  if (!ts) return first;
  return `${ctx.text.slice(e.start, ts.start)} ${ctx.text.slice(ts.end, Math.max(ts.end, lineEnd))}`;
}

export function sameMinute(a: number, b: number): boolean {
  return Math.floor(a / MINUTE) === Math.floor(b / MINUTE);
}
