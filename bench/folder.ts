/**
 * A folder of varied postmortems for the incident index (`postmortem-lint report`): the test of the report on a
 * generated folder and the index benchmark use it. Deterministic: the same seed writes the same files.
 *
 * Each document is a few KB, in one of four timeline shapes (bullets, paragraphs, a table, a heading per entry),
 * dated or not (an undated one writes clock times only, and its name and title carry no date), some without a
 * timeline at all, and, among them, Markdown notes that are not postmortems. Every postmortem comes with the
 * figures it states, so a test can check what the report reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from './generate';

export type FolderShape = 'bullets' | 'paragraphs' | 'table' | 'headings';
export type FolderKind = 'dated' | 'undated' | 'no-timeline' | 'not-a-postmortem';

export interface FolderDocument {
  /** Path relative to the folder, forward slashes. */
  file: string;
  kind: FolderKind;
  shape: FolderShape | null;
  title: string;
  /** What the report must read (null: the document does not say). */
  start: number | null;
  durationMinutes: number | null;
  detectMinutes: number | null;
  resolveMinutes: number | null;
  entries: number;
  bytes: number;
}

const SERVICES = [
  'checkout API',
  'search cluster',
  'payments gateway',
  'login service',
  'image CDN',
  'job queue',
  'billing exports',
  'mobile push',
  'DNS resolver',
  'order database',
];
const CAUSES = [
  'a schema migration locked a hot table',
  'a certificate expired on the load balancer',
  'a config push set the pool size to zero',
  'a runaway batch job filled the disk',
  'a dependency upgrade changed a default timeout',
  'a cache flush sent every request to the database',
];
const FILLER = [
  'The team reviewed the dashboards for the hour before the first alert and found the error budget had been burning slowly for a while.',
  'Responders split the work: one rolled back the latest deploy, another checked the infrastructure, a third kept the status page current.',
  'Customer support collected the tickets that mentioned the failure so that affected accounts could be contacted afterwards.',
  'The runbook for this service described the symptoms but not the recovery steps, which cost time during the response.',
  'Metrics from the load balancer, the application and the database all told the same story once they were put side by side.',
];

const pad = (n: number): string => String(n).padStart(2, '0');
const hhmm = (t: number): string => `${pad(new Date(t).getUTCHours())}:${pad(new Date(t).getUTCMinutes())}`;
const ymd = (t: number): string => `${new Date(t).getUTCFullYear()}-${pad(new Date(t).getUTCMonth() + 1)}-${pad(new Date(t).getUTCDate())}`;

function durationWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [h ? `${h} ${h === 1 ? 'hour' : 'hours'}` : '', m ? `${m} ${m === 1 ? 'minute' : 'minutes'}` : ''].filter(Boolean);
  return parts.join(' and ') || '0 minutes';
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One generated document; `index` and `random` choose its kind, shape and figures. */
export function folderDocument(index: number, random: () => number, targetBytes = 3000): { doc: FolderDocument; text: string } {
  const roll = random();
  const kind: FolderKind = roll < 0.06 ? 'not-a-postmortem' : roll < 0.18 ? 'undated' : roll < 0.26 ? 'no-timeline' : 'dated';
  const shape: FolderShape = (['bullets', 'paragraphs', 'table', 'headings'] as const)[index % 4] as FolderShape;
  const service = pick(random, SERVICES);
  const cause = pick(random, CAUSES);
  const slug = service.replace(/\s+/g, '-');
  const team = `team-${index % 7}`;
  if (kind === 'not-a-postmortem') {
    const text = [
      `# Notes on the ${service}`,
      '',
      `Ideas for the ${service} roadmap.`,
      '',
      '- Faster builds',
      '- Better docs',
      '',
      FILLER.join(' '),
      '',
    ].join('\n');
    const file = `${team}/notes-${index}-${slug}.md`;
    return {
      doc: {
        file,
        kind,
        shape: null,
        title: `Notes on the ${service}`,
        start: null,
        durationMinutes: null,
        detectMinutes: null,
        resolveMinutes: null,
        entries: 0,
        bytes: text.length,
      },
      text,
    };
  }
  // Start on a whole minute between 2022 and 2025, at most 9 hours long, detected within the first hour.
  const day = Math.floor(random() * 4 * 365);
  const start = Date.UTC(2022, 0, 1) + day * 86_400_000 + Math.floor(random() * 14 * 60 + 5 * 60) * 60_000;
  const duration = 20 + Math.floor(random() * 520);
  const detect = Math.min(duration - 10, 1 + Math.floor(random() * 45));
  const ack = detect + 2 + Math.floor(random() * 10);
  const mitigate = Math.min(duration - 1, ack + Math.floor((duration - ack) / 2));
  const end = start + duration * 60_000;
  const dated = kind === 'dated';
  const title = dated
    ? `${service[0]?.toUpperCase()}${service.slice(1)} outage on ${ymd(start)}`
    : `${service[0]?.toUpperCase()}${service.slice(1)} outage`;
  const when = (t: number): string => (dated ? `${ymd(t)} ${hhmm(t)} UTC` : `${hhmm(t)} UTC`);
  const events: [number, string][] = [
    [0, `Error rates on the ${service} start to climb; first customer impact.`],
    [detect, 'An alert fired and paged the on-call engineer; the incident was detected.'],
    [ack, 'The on-call engineer acknowledged the page and opened an incident channel.'],
    [mitigate, 'Traffic was shifted away from the failing hosts; impact mitigated.'],
    [duration, 'Error rates back to normal; the incident was resolved.'],
  ];
  const timeline: string[] = [];
  if (shape === 'table') timeline.push('| Time | Event |', '| --- | --- |');
  for (const [minute, text] of events) {
    const t = start + minute * 60_000;
    if (shape === 'bullets') timeline.push(`- ${when(t)} - ${text}`);
    else if (shape === 'paragraphs') timeline.push(`${when(t)} - ${text}`, '');
    else if (shape === 'table') timeline.push(`| ${when(t)} | ${text} |`);
    else timeline.push(`### ${when(t)}`, '', text, '');
  }
  const summary = dated
    ? `**Duration:** from ${hhmm(start)} to ${hhmm(end)} UTC on ${ymd(start)}, ${durationWords(duration)}.`
    : `**Duration:** ${durationWords(duration)}.`;
  const filler: string[] = [];
  const body = [
    `# ${title}`,
    '',
    '## Issue Summary',
    '',
    summary,
    '',
    `**Impact:** about ${5 + Math.floor(random() * 90)}% of requests to the ${service} failed.`,
    '',
    `**Root cause:** ${cause}.`,
    '',
    ...(kind === 'no-timeline' ? [] : ['## Timeline', '', ...timeline, '']),
    '## Root Cause and Resolution',
    '',
    `In short, ${cause}.`,
  ];
  const tail = [
    '',
    '## Corrective and Preventative Measures',
    '',
    `- [ ] Alert earlier on the ${service}.`,
    '- [x] Write the recovery steps into the runbook.',
    '',
  ];
  let size = [...body, ...tail].join('\n').length;
  while (size < targetBytes) {
    const line = pick(random, FILLER);
    filler.push(line);
    size += line.length + 1;
  }
  const text = [...body, ...filler, ...tail].join('\n');
  const file = `${team}/${dated ? `${ymd(start)}-` : ''}${slug}-${index}.md`;
  const hasTimeline = kind !== 'no-timeline';
  // Dated: the summary's window gives start and end. Undated: the clock times, on no day, still give the figures.
  // No timeline: a declared duration, but nothing to measure a start, a detection or a resolution from.
  return {
    doc: {
      file,
      kind,
      shape: hasTimeline ? shape : null,
      title,
      start: dated ? start : null,
      durationMinutes: hasTimeline || dated ? duration : null,
      detectMinutes: hasTimeline ? detect : null,
      resolveMinutes: hasTimeline ? duration : null,
      entries: hasTimeline ? events.length : 0,
      bytes: text.length,
    },
    text,
  };
}

/** Write `count` documents into `dir` (created), each about `targetBytes`; returns what each one states. */
export function generateFolder(dir: string, count: number, seed = 17, targetBytes = 3000): FolderDocument[] {
  const random = createRandom(seed);
  const docs: FolderDocument[] = [];
  const made = new Set<string>();
  for (let i = 0; i < count; i++) {
    const { doc, text } = folderDocument(i, random, targetBytes);
    const folder = join(dir, doc.file.split('/')[0] as string);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(join(dir, doc.file), text);
    docs.push(doc);
  }
  return docs;
}
