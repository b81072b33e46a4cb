/**
 * The incident's date as the document states it outside the timeline, for a timeline written with times only:
 * a "Date:" / "Incident date:" line in the header or summary, the title ("… outage of 3rd March 2025"), a full date
 * in the text before the timeline, the front matter's `date:` and the file name ("2025-03-03-db-outage.md"). The summary's own window and date are read by
 * readSummary. The first source that gives a date wins; a year-less date takes its year from the others.
 */
import type { Root } from 'mdast';
import type { DateSource, Section } from '../types';
import type { TimeOptions } from '../time/types';
import { findTimestamps } from '../time';
import type { LineIndex } from '../util/lines';
import { endOf, plainText, startOf } from './mdast';

export interface StatedDate {
  year?: number;
  month: number;
  day: number;
  source: DateSource;
}

const DATE_LABEL =
  /^[\s>*_\-+#|]*(?:\*\*|__)?[ \t]*((?:incident|outage|event|report(?:ed)?|occurrence)[ \t]+date|date(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?:incident|outage|event|occurrence))?|(?:incident|outage)[ \t]+(?:started|began|occurred)(?:[ \t]+on)?|occurred(?:[ \t]+on)?|when)[ \t]*(?:\*\*|__)?[ \t]*:/i;
const MAX_HEADER_LINES = 60;

function firstDate(line: string, opts: TimeOptions): { year?: number; month: number; day: number } | null {
  const ts = findTimestamps(line, opts).find((t) => t.date && t.problems.length === 0);
  if (!ts?.date) return null;
  const { year, month, day } = ts.date;
  return year === undefined ? { month, day } : { year, month, day };
}

/** A "Date:" / "Incident date:" line before the timeline (in the header, the summary or a details table). */
export function dateFieldDate(tree: Root, text: string, lines: LineIndex, sections: Section[], opts: TimeOptions): StatedDate | null {
  // The front matter's `date:` is read as front matter, after the document's own lines.
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const first = yaml?.position ? yaml.position.end.line + 1 : 1;
  const timeline = sections.find((s) => s.id === 'timeline');
  const until = timeline ? timeline.headingStart : text.length;
  const last = Math.min(lines.lineOf(Math.max(0, until - 1)), MAX_HEADER_LINES + (sections.find((s) => s.id === 'summary')?.line ?? 0));
  for (let l = first; l <= last; l++) {
    const line = lines.lineText(l);
    if (lines.lineStart(l) >= until) break;
    const m = DATE_LABEL.exec(line);
    // A table row "| Date | 2025-03-03 |" is a field too.
    const row = /^\s*\|\s*(?:\*\*)?(?:incident |outage )?date(?:\*\*)?\s*\|/i.exec(line);
    const value = m ? line.slice(m[0].length) : row ? line.slice(row[0].length) : null;
    if (value === null) continue;
    const d = firstDate(value, opts);
    if (d) return { ...d, source: 'date-field' };
  }
  return null;
}

/** A date in the document's title: its first-level heading, or the heading it opens with. */
export function titleDate(tree: Root, opts: TimeOptions): StatedDate | null {
  const blocks = tree.children.filter((b) => b.type !== 'yaml');
  const title = blocks.find((b) => b.type === 'heading' && b.depth === 1) ?? (blocks[0]?.type === 'heading' ? blocks[0] : undefined);
  if (!title) return null;
  const d = firstDate(plainText(title), opts);
  return d ? { ...d, source: 'title' } : null;
}

/**
 * The first full date (with its year) written in the document's text before the timeline, outside links, images and
 * code: "The outage occurred on October 5, 2023, …" under a heading the summary reader does not know, "Start Time:
 * February 5, 2024, 08:00 UTC" above any heading.
 */
export function textDate(tree: Root, text: string, sections: Section[], opts: TimeOptions): StatedDate | null {
  const timeline = sections.find((s) => s.id === 'timeline');
  const until = timeline ? timeline.headingStart : 0;
  for (const block of tree.children) {
    if (startOf(block) >= until) break;
    if (block.type === 'yaml' || block.type === 'code' || block.type === 'html') continue;
    const body = text
      .slice(startOf(block), Math.min(endOf(block), until))
      .replace(/!?\[[^\]]*\]\([^)]*\)|<?https?:\/\/\S+|`[^`\n]*`/g, ' ');
    for (const line of body.split('\n')) {
      // "(Nov 12 and Nov 13, 2023)": the first date that has its year.
      const ts = findTimestamps(line, opts).find((t) => t.date?.year !== undefined && t.problems.length === 0);
      if (ts?.date?.year !== undefined) return { year: ts.date.year, month: ts.date.month, day: ts.date.day, source: 'text' };
    }
  }
  return null;
}

export function frontMatterDate(fm: Record<string, unknown> | null): StatedDate | null {
  const v = fm?.date;
  const s = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : null;
  const m = s ? /^(\d{4})-(\d{2})-(\d{2})/.exec(s) : null;
  return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), source: 'front-matter' } : null;
}

/** "2025-03-03-db-outage.md", "incident_2025_03_03.md", "20250303-outage.md": the date in the file's name. */
export function fileNameDate(filePath: string | undefined): StatedDate | null {
  if (!filePath) return null;
  const name = filePath.split(/[\\/]/).pop() ?? '';
  const m = /(?<!\d)((?:19|20)\d{2})([-_.]?)(\d{2})\2(\d{2})(?!\d)/.exec(name);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1) return null;
  return { year, month, day, source: 'file-name' };
}

const YEAR = /(?<![\p{L}\p{N}.:/-])((?:19|20)\d{2})(?![\p{N}]|[.:/-]\d)/u;

/**
 * A year written alone where it dates the incident: in the title ("Outage report, 2025"), the timeline's heading
 * ("Timeline (2021)") or its table's header row ("| Day | Date (2021) | Time |"). For year-less dates only.
 */
export function contextYear(tree: Root, text: string, sections: Section[]): number | undefined {
  const blocks = tree.children.filter((b) => b.type !== 'yaml');
  const title = blocks.find((b) => b.type === 'heading' && b.depth === 1) ?? (blocks[0]?.type === 'heading' ? blocks[0] : undefined);
  const places: string[] = [];
  if (title) places.push(plainText(title));
  const timeline = sections.find((s) => s.id === 'timeline');
  if (timeline) {
    places.push(text.slice(timeline.headingStart, timeline.headingEnd));
    const header = text
      .slice(timeline.bodyStart, timeline.end)
      .split('\n')
      .find((l) => /^\s*\|/.test(l));
    if (header) places.push(header);
  }
  for (const place of places) {
    const m = YEAR.exec(place);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
}
