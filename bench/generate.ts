/**
 * Deterministic postmortems for the benchmark: the same seed always gives the same text.
 *
 * Every document is in the default profile's format (Issue Summary with "from X to Y (ZONE)" and a
 * duration, Timeline, Root Cause and Resolution, Corrective and Preventative Measures) and grows its
 * timeline until the document reaches the requested size. Timeline shapes:
 * - `paragraphs`: one paragraph per entry, a blank line between entries;
 * - `list`: one tight bullet list, an entry per item;
 * - `table`: one wide table (7 columns), an entry per row;
 * - `deep`: a bullet list whose every entry carries sub-items nested 7 levels deep.
 */

export type TimelineShape = 'paragraphs' | 'list' | 'table' | 'deep';

export interface GenerateOptions {
  /** Approximate size of the document in bytes (UTF-8; the text is ASCII, so also in characters). */
  targetBytes: number;
  shape: TimelineShape;
  seed?: number;
}

export interface GeneratedPostmortem {
  text: string;
  shape: TimelineShape;
  /** How many timeline entries were written (top-level items, paragraphs or table rows). */
  entries: number;
  /** Offset of the start of the middle entry's text: where the benchmark's edits go. */
  middleOffset: number;
  /** Offsets of the timeline section's body. */
  timelineStart: number;
  timelineEnd: number;
}

/** Nesting depth of the sub-items in the `deep` shape. */
export const DEEP_LEVELS = 7;

/** mulberry32: a small 32-bit PRNG, good enough for varied but reproducible text. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SUBJECTS = [
  'The on-call engineer',
  'The database team',
  'The load balancer',
  'The payments service',
  'The incident commander',
  'An automated check',
  'The release pipeline',
  'The storage cluster',
  'Customer support',
  'The network team',
];
const VERBS = [
  'reports errors on',
  'confirms',
  'rolls back',
  'restarts',
  'investigates',
  'escalates',
  'pages',
  'drains',
  'scales up',
  'inspects',
];
const OBJECTS = [
  'the primary replica',
  'the cache tier',
  'the checkout API',
  'the ingress controller',
  'the job queue',
  'the disk on app-03',
  'the DNS records',
  'the feature flag',
  'the connection pool',
  'the status page',
];
const BOLD = [
  'error rate at 38%',
  'p99 latency 4.2 s',
  'disk 100% full',
  'queue depth 12k',
  'CPU pinned',
  'pool exhausted',
  '502 responses',
  'replica lag 40 s',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** WAT is UTC+1: instants are built in UTC and shifted for display. */
const ZONE = 'WAT';
const ZONE_OFFSET_MS = 60 * 60 * 1000;

function wallClock(instant: number): Date {
  return new Date(instant + ZONE_OFFSET_MS);
}

function formatDate(instant: number): string {
  const d = wallClock(instant);
  return `${MONTHS[d.getUTCMonth()] ?? 'June'} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

function formatTime(instant: number): string {
  const d = wallClock(instant);
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return `${h12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

function formatDuration(minutes: number): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} ${days === 1 ? 'day' : 'days'}`);
  if (hours) parts.push(`${hours} ${hours === 1 ? 'hour' : 'hours'}`);
  if (mins || !parts.length) parts.push(`${mins} ${mins === 1 ? 'minute' : 'minutes'}`);
  return parts.join(' ');
}

function sentence(random: () => number, n: number): string {
  return `${pick(random, SUBJECTS)} ${pick(random, VERBS)} ${pick(random, OBJECTS)}: **${pick(random, BOLD)}**, [graph](https://example.com/g/${n}).`;
}

interface Entry {
  instant: number;
  body: string;
  n: number;
}

const TABLE_HEAD = '| Date | Time | Zone | Who | Event | Evidence | Status |\n| --- | --- | --- | --- | --- | --- | --- |\n';

/** One entry as written in the given shape, and where its text (after the timestamp) starts. */
function renderEntry(shape: TimelineShape, e: Entry, random: () => number): { text: string; textAt: number } {
  const stamp = `${formatDate(e.instant)}, ${formatTime(e.instant)} (${ZONE})`;
  switch (shape) {
    case 'paragraphs': {
      const head = `${stamp} - `;
      return { text: `${head}${e.body}\n\n`, textAt: head.length };
    }
    case 'list': {
      const head = `- ${stamp} - `;
      return { text: `${head}${e.body}\n`, textAt: head.length };
    }
    case 'deep': {
      const head = `- ${stamp} - `;
      let text = `${head}${e.body}\n`;
      for (let level = 1; level <= DEEP_LEVELS; level++) {
        text += `${'  '.repeat(level)}- detail ${level}: ${pick(random, SUBJECTS).toLowerCase()} ${pick(random, VERBS)} ${pick(random, OBJECTS)}\n`;
      }
      return { text, textAt: head.length };
    }
    case 'table': {
      const head = `| ${formatDate(e.instant)} | ${formatTime(e.instant)} | ${ZONE} | ${pick(random, SUBJECTS)} | `;
      const event = `${pick(random, VERBS)} ${pick(random, OBJECTS)} (step ${e.n})`;
      const status = pick(random, ['open', 'mitigating', 'monitoring']);
      return {
        text: `${head}${event} | **${pick(random, BOLD)}**, [graph](https://example.com/g/${e.n}) | ${status} |\n`,
        textAt: head.length,
      };
    }
  }
}

/** A postmortem of about `targetBytes`, its timeline in the given shape. */
export function generatePostmortem(options: GenerateOptions): GeneratedPostmortem {
  const { targetBytes, shape } = options;
  const random = createRandom(options.seed ?? 0x5eed);
  const start = Date.UTC(2024, 5, 8, 21, 42); // June 8, 2024, 10:42 PM WAT

  const measures = [
    'Re-enable log rotation on every host and alert when it is off.',
    'Add a disk-usage alert at 80% with a runbook link.',
    'Move application logs to the central log store.',
    'Add a second application server behind the load balancer.',
    'Test the restore procedure every quarter.',
  ];
  const tail = [
    '## Root Cause and Resolution',
    '',
    'Log rotation had been disabled during a migration, so application logs grew until the disk was full and the',
    'web server could no longer write its temporary files. Every request then failed with a 502 error. The team',
    'archived the old logs to object storage, restarted the server and re-enabled rotation.',
    '',
    '## Corrective and Preventative Measures',
    '',
    ...measures.map((m) => `- [ ] ${m}`),
    '',
  ].join('\n');

  // Entries are added until the document reaches the target. The summary names the last entry's
  // time, so its length is taken from a stand-in of the same form (within a few bytes).
  const headerEstimate = 420;
  const parts: string[] = shape === 'table' ? [TABLE_HEAD] : [];
  let timelineLength = parts.join('').length;
  let middleAt = -1;
  let instant = start;
  let count = 0;
  let end = start;
  const rendered: { text: string; textAt: number }[] = [];
  while (headerEstimate + timelineLength + 1 + tail.length < targetBytes || count < 4) {
    count++;
    const entry = renderEntry(shape, { instant, body: sentence(random, count), n: count }, random);
    rendered.push(entry);
    timelineLength += entry.text.length;
    end = instant;
    instant += (1 + Math.floor(random() * 4)) * 60_000;
  }
  const middle = Math.floor(count / 2);
  rendered.forEach((entry, i) => {
    if (i === middle) middleAt = parts.join('').length + entry.textAt;
    parts.push(entry.text);
  });
  const timelineText = parts.join('');
  const minutes = Math.round((end - start) / 60_000);

  const header = [
    `# Website outage on ${formatDate(start)}`,
    '',
    '## Issue Summary',
    '',
    `Duration of outage: ${formatDuration(minutes)}, from ${formatDate(start)}, ${formatTime(start)} (${ZONE}) to ${formatDate(end)}, ${formatTime(end)} (${ZONE}).`,
    'The web application was down and every visitor got a 502 error; 100% of users were affected.',
    'The root cause was a full disk on the only application server.',
    '',
    '## Timeline',
    '',
    '',
  ].join('\n');
  const text = `${header}${timelineText}\n${tail}`;
  return {
    text,
    shape,
    entries: count,
    middleOffset: header.length + middleAt,
    timelineStart: header.length,
    timelineEnd: header.length + timelineText.length,
  };
}

export interface BenchDocument extends GeneratedPostmortem {
  name: string;
}

/** The benchmark's documents: three sizes in two shapes, plus a wide table and deep lists. */
export function benchDocuments(): BenchDocument[] {
  const docs: BenchDocument[] = [];
  const sizes: [string, number][] = [
    ['5 KB', 5 * 1024],
    ['55 KB', 55 * 1024],
    ['650 KB', 650 * 1024],
  ];
  for (const [label, bytes] of sizes) {
    docs.push({ name: `${label} paragraphs`, ...generatePostmortem({ targetBytes: bytes, shape: 'paragraphs' }) });
    docs.push({ name: `${label} tight list`, ...generatePostmortem({ targetBytes: bytes, shape: 'list' }) });
  }
  docs.push({ name: '55 KB wide table', ...generatePostmortem({ targetBytes: 55 * 1024, shape: 'table' }) });
  docs.push({ name: '55 KB deep lists', ...generatePostmortem({ targetBytes: 55 * 1024, shape: 'deep' }) });
  return docs;
}
