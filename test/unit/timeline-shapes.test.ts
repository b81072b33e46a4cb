/**
 * Every shape of timeline the engine reads can be sorted: one paragraph per entry (the seed's shape), lines of one
 * paragraph, a sub-heading per entry with its body, bullets, numbered items, table rows, date lines over nested
 * lists or paragraphs, and mixes of these. A generated timeline is shuffled (each entry with its continuation lines,
 * sub-items and body; blocks of different shapes as whole blocks), then fixed with every fix: the result is the
 * timeline as written in order, character for character, so no `timeline-order` finding remains, the multiset of
 * lines is the same and the blank lines are where they were. Where a fix is impossible (a list and paragraphs whose
 * times interleave) the finding says so and nothing moves. Seeded, so a failure reproduces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint, fixAll } from '../../server/src/engine';
import { applyEdits, sortTimeline } from '../../server/src/engine/commands';

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 0) || 60;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** The wall clock of an instant at a fixed offset. */
function wallOf(t: number, offset: number): Date {
  return new Date(t + offset * 60_000);
}
function seedStamp(t: number, utc = false): string {
  const d = wallOf(t, utc ? 0 : 60);
  const h = d.getUTCHours();
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}, ${((h + 11) % 12) + 1}:${p2(d.getUTCMinutes())} ${h < 12 ? 'AM' : 'PM'} (${utc ? 'UTC' : 'WAT'})`;
}
function isoStamp(t: number): string {
  const d = wallOf(t, 0);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())} UTC`;
}
function clockStamp(t: number): string {
  const d = wallOf(t, 0);
  return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())} UTC`;
}
function dayLine(t: number): string {
  const d = wallOf(t, 0);
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}
const dayOf = (t: number): number => Math.floor(t / 86_400_000);

interface Entry {
  t: number;
  id: number;
  /** Extra lines that belong to the entry: continuation lines, sub-items, body paragraphs. */
  extra: number;
  /** For paragraphs: whether the extra text is a paragraph of its own (after a blank line). */
  apart: boolean;
}

type Shape = 'paragraphs' | 'lines' | 'headings' | 'bullets' | 'numbered' | 'table' | 'date-lists' | 'date-paragraphs';
const SHAPES: Shape[] = ['paragraphs', 'lines', 'headings', 'bullets', 'numbered', 'table', 'date-lists', 'date-paragraphs'];
/** Shapes that can stand beside others in one section (a heading's body runs to the next heading; date lines part). */
const MIXABLE: Shape[] = ['paragraphs', 'bullets', 'numbered', 'table'];

/** One block of entries in `shape`. `order` lists the entries in the order they are written. */
function render(shape: Shape, order: Entry[], tight: boolean[], utc = false): string[] {
  const out: string[] = [];
  const sep = (i: number): void => {
    if (i + 1 < order.length && !tight[i]) out.push('');
  };
  order.forEach((e, i) => {
    switch (shape) {
      case 'paragraphs':
      case 'lines': {
        // "lines": one paragraph, an entry per line; "paragraphs": blank lines part some entries, lines others.
        out.push(`${seedStamp(e.t, utc)}: Event ${e.id} happened.`);
        for (let k = 0; k < e.extra; k++) {
          if (e.apart && shape === 'paragraphs') out.push('');
          out.push(`More about event ${e.id}, part ${k}.`);
        }
        if (shape === 'paragraphs') sep(i);
        break;
      }
      case 'headings':
        out.push(`### ${isoStamp(e.t)}`, '', `Event ${e.id} happened.`);
        for (let k = 0; k < e.extra; k++) out.push('', k % 2 ? `- step ${k} of event ${e.id}` : `More about event ${e.id}, part ${k}.`);
        if (i + 1 < order.length) out.push('');
        break;
      case 'bullets':
        out.push(`- ${isoStamp(e.t)} - Event ${e.id} happened.`);
        for (let k = 0; k < e.extra; k++) out.push(k % 2 ? `  - sub-item ${k} of event ${e.id}` : `  more about event ${e.id}, part ${k}`);
        sep(i);
        break;
      case 'numbered': {
        const marker = `${i + 1}. `;
        const pad = ' '.repeat(marker.length);
        out.push(`${marker}${isoStamp(e.t)} - Event ${e.id} happened.`);
        for (let k = 0; k < e.extra; k++)
          out.push(k % 2 ? `${pad}- sub-item ${k} of event ${e.id}` : `${pad}more about event ${e.id}, part ${k}`);
        sep(i);
        break;
      }
      case 'table':
        if (i === 0) out.push('| Time | Event |', '| --- | --- |');
        out.push(`| ${isoStamp(e.t)} | Event ${e.id} happened. |`);
        break;
      case 'date-lists':
      case 'date-paragraphs':
        break;
    }
  });
  return out;
}

/** Consecutive entries grouped by their UTC day. */
function daysOf(entries: Entry[]): Entry[][] {
  const days: Entry[][] = [];
  for (const e of entries) {
    const last = days[days.length - 1];
    if (last && dayOf(last[0]!.t) === dayOf(e.t)) last.push(e);
    else days.push([e]);
  }
  return days;
}

/** Entries grouped by day under date lines; `shuffle` reorders the entries within each day. */
function renderDated(shape: 'date-lists' | 'date-paragraphs', entries: Entry[], permute: (day: Entry[]) => Entry[]): string[] {
  const days = daysOf(entries);
  const out: string[] = [];
  days.forEach((day, d) => {
    const written = permute(day);
    if (shape === 'date-lists') {
      out.push(`- ${dayLine(day[0]!.t)}`);
      for (const e of written) {
        out.push(`  - ${clockStamp(e.t)} - Event ${e.id} happened.`);
        for (let k = 0; k < e.extra; k++) out.push(`    more about event ${e.id}, part ${k}`);
      }
    } else {
      out.push(`**${dayLine(day[0]!.t)}**`, '');
      written.forEach((e, i) => {
        out.push(`${clockStamp(e.t)}: Event ${e.id} happened.`);
        if (i + 1 < written.length) out.push('');
      });
      if (d + 1 < days.length) out.push('');
    }
  });
  return out;
}

function postmortem(timeline: string[]): string {
  return [
    '# Payments outage',
    '',
    '## Issue Summary',
    '',
    'Checkout failed for 40% of shoppers. The root cause was a full disk on the database host.',
    '',
    '## Timeline',
    '',
    ...timeline,
    '',
    '## Root Cause and Resolution',
    '',
    'The database host ran out of disk because old logs were never removed. We removed them and restarted it.',
    '',
    '## Corrective and Preventative Measures',
    '',
    '- [ ] Remove old logs every night.',
    '',
  ].join('\n');
}

const instants = fc
  .record({
    start: fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
    steps: fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 2, maxLength: 12 }),
  })
  .map(({ start, steps }) => {
    let t = start - (start % 60_000);
    return steps.map((s) => (t += s * 60_000));
  });

const entries = instants.chain((ts) =>
  fc
    .tuple(
      fc.array(fc.integer({ min: 0, max: 2 }), { minLength: ts.length, maxLength: ts.length }),
      fc.array(fc.boolean(), { minLength: ts.length, maxLength: ts.length }),
      fc.array(fc.boolean(), { minLength: ts.length, maxLength: ts.length }),
    )
    .map(([extra, apart, tight]) => ({
      list: ts.map((t, id) => ({ t, id, extra: extra[id]!, apart: apart[id]! })),
      tight,
    })),
);

/** A permutation of `n` items, from fast-check (shrinks toward the identity). */
const permutation = (n: number): fc.Arbitrary<number[]> =>
  fc.array(fc.nat(), { minLength: n, maxLength: n }).map((keys) =>
    keys
      .map((k, i) => ({ k, i }))
      .sort((a, b) => a.k - b.k || a.i - b.i)
      .map((x) => x.i),
  );

function linesOf(text: string): string[] {
  return text.split('\n').sort();
}
/** What stands between consecutive entries (blank lines, list markers; a table's header, which moves with it, left out). */
function gaps(text: string): string[] {
  const timeline = lint(text).model.timeline;
  return timeline.slice(1).map((e, i) => text.slice(timeline[i]!.end, e.start).replace(/^\|.*\n/gm, ''));
}

/** The document written in order, its shuffled twin: fixing the twin gives the document back. */
function checkFixesBack(ordered: string, shuffled: string, blocksMove = false): void {
  assert.equal(fixAll(ordered).text, ordered, 'the ordered document has nothing to fix');
  const before = lint(shuffled).messages.filter((m) => m.ruleId === 'timeline-order');
  if (ordered === shuffled) {
    assert.deepEqual(before, []);
    return;
  }
  assert.ok(before.length > 0, 'the shuffle is reported');
  for (const m of before) assert.ok(m.fix, `offered a fix: ${m.message}`);
  const fixed = fixAll(shuffled).text;
  assert.equal(fixed, ordered, 'fixed back to the timeline in order');
  assert.deepEqual(
    lint(fixed).messages.filter((m) => m.ruleId === 'timeline-order'),
    [],
  );
  if (!/^\d+\. /m.test(shuffled)) assert.deepEqual(linesOf(fixed), linesOf(shuffled), 'the same lines');
  // Entries move within their block and whole blocks trade places: what parts the blocks stays where it was.
  const layout = (text: string): string[] => (blocksMove ? gaps(text).sort() : gaps(text));
  assert.deepEqual(layout(fixed), layout(shuffled), 'the blank lines and markers between entries stay where they were');
  // The editor command sorts the same way.
  assert.equal(applyEdits(shuffled, sortTimeline(shuffled)), ordered, 'the Sort Timeline command');
}

for (const shape of SHAPES) {
  test(`a shuffled timeline of ${shape} is fixed back into order, each entry whole`, () => {
    fc.assert(
      fc.property(
        entries.chain((e) => fc.tuple(fc.constant(e), permutation(e.list.length))),
        ([{ list, tight }, perm]) => {
          let ordered: string;
          let shuffled: string;
          if (shape === 'date-lists' || shape === 'date-paragraphs') {
            // Entries under a date line take its date: they are shuffled within their day.
            const within = (day: Entry[]): Entry[] => [...day].sort((a, b) => (perm[a.id] ?? 0) - (perm[b.id] ?? 0));
            // An evening entry written before one of the same day's first six hours reads as the night going on past
            // midnight (tested on its own below), not as a shuffle.
            const nightGoesOn = (day: Entry[]): boolean =>
              within(day).some((a, i, w) => {
                const b = w[i + 1];
                return b !== undefined && wallOf(a.t, 0).getUTCHours() >= 18 && b.t + 86_400_000 - a.t <= 6 * 3_600_000;
              });
            fc.pre(!daysOf(list).some(nightGoesOn));
            ordered = postmortem(renderDated(shape, list, (day) => day));
            shuffled = postmortem(renderDated(shape, list, within));
          } else {
            ordered = postmortem(render(shape, list, tight));
            shuffled = postmortem(
              render(
                shape,
                perm.map((i) => list[i]!),
                tight,
              ),
            );
          }
          checkFixesBack(ordered, shuffled);
        },
      ),
      { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
    );
  });
}

/** A night under one date line, in every shape a date line heads: the times go on past midnight. */
const NIGHT_SHAPES: Record<string, (times: string[]) => string[]> = {
  'a date item over a nested list': (times) => ['- August 8, 2024', ...times.map((t, i) => `  - ${t} - Step ${i}.`)],
  'a bold date over paragraphs': (times) => ['**August 8, 2024**', ...times.flatMap((t, i) => ['', `${t}: Step ${i}.`])],
  'a bold date over a numbered list': (times) => ['**August 8, 2024**', '', ...times.map((t, i) => `${i + 1}. ${t} — Step ${i}.`)],
  'a dated sub-heading over bullets': (times) => ['### August 8, 2024', '', ...times.map((t, i) => `- ${t} Step ${i}.`)],
  'a dated sub-heading over a table': (times) => [
    '### August 8, 2024',
    '',
    '| Time | Event |',
    '| --- | --- |',
    ...times.map((t, i) => `| ${t} | Step ${i}. |`),
  ],
};

for (const [shape, render] of Object.entries(NIGHT_SHAPES)) {
  test(`under ${shape}, an evening going on past midnight reads as the next day; a morning written after the evening is out of order`, () => {
    const night = postmortem(render(['22:40 UTC', '23:35 UTC', '00:10 UTC', '01:30 UTC']));
    const { model, messages } = lint(night);
    assert.deepEqual(
      model.timeline.map((e) => new Date(e.instant!).toISOString().slice(0, 16)),
      ['2024-08-08T22:40', '2024-08-08T23:35', '2024-08-09T00:10', '2024-08-09T01:30'],
    );
    assert.equal(messages.filter((m) => m.ruleId === 'timeline-order').length, 0);
    assert.deepEqual(sortTimeline(night), [], 'Sort Timeline leaves the night as written');
    // Ten hours back from the evening is not a night going on: the 08:15 entry was written out of order.
    const shuffled = postmortem(render(['07:50 UTC', '18:05 UTC', '08:15 UTC']));
    assert.equal(lint(shuffled).messages.filter((m) => m.ruleId === 'timeline-order').length, 1);
    assert.match(applyEdits(shuffled, sortTimeline(shuffled)), /07:50 UTC[^]*08:15 UTC[^]*18:05 UTC/);
  });
}

test('a section mixing shapes (paragraphs, a list, a numbered list, a table) is fixed back into order: entries within their block, blocks whole', () => {
  const mix = fc
    .record({
      // Each shape once: two lists of one kind side by side are one list, whose entries sort within it.
      blocks: fc
        .shuffledSubarray(MIXABLE, { minLength: 2 })
        .chain((shapes) =>
          fc.tuple(...shapes.map((shape) => fc.record({ shape: fc.constant(shape), size: fc.integer({ min: 1, max: 4 }) }))),
        ),
      headingsLast: fc.boolean(),
    })
    .chain((m) => {
      const sizes = [...m.blocks.map((b) => b.size), ...(m.headingsLast ? [2] : [])];
      const total = sizes.reduce((a, b) => a + b, 0);
      return fc.record({
        m: fc.constant(m),
        steps: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: total, maxLength: total }),
        extra: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: total, maxLength: total }),
        within: fc.array(permutation(4), { minLength: sizes.length, maxLength: sizes.length }),
        blockOrder: permutation(m.blocks.length),
      });
    });
  fc.assert(
    fc.property(mix, ({ m, steps, extra, within, blockOrder }) => {
      let t = Date.UTC(2024, 5, 8, 21, 0);
      const all: Entry[] = steps.map((s, id) => ({ t: (t += s * 60_000), id, extra: extra[id]!, apart: false }));
      const blocks: { shape: Shape; list: Entry[] }[] = [];
      let next = 0;
      for (const b of m.blocks) {
        blocks.push({ shape: b.shape, list: all.slice(next, next + b.size) });
        next += b.size;
      }
      const headings = m.headingsLast ? all.slice(next) : [];
      const write = (order: number[], shuffle: boolean): string => {
        const parts = order.map((bi, k) => {
          const b = blocks[bi]!;
          const perm = (within[k] ?? []).filter((i) => i < b.list.length);
          const list = shuffle ? perm.map((i) => b.list[i]!) : b.list;
          return render(
            b.shape,
            list,
            list.map(() => false),
            true,
          ).join('\n');
        });
        if (headings.length)
          parts.push(
            render(
              'headings',
              shuffle ? [...headings].reverse() : headings,
              headings.map(() => false),
            ).join('\n'),
          );
        return postmortem(parts.join('\n\n').split('\n'));
      };
      const ordered = write(
        blocks.map((_, i) => i),
        false,
      );
      const shuffled = write(blockOrder, true);
      checkFixesBack(ordered, shuffled, true);
    }),
    { seed: SEED, numRuns: RUNS, includeErrorInReport: true },
  );
});

test('a list and paragraphs whose times interleave: reported, not sorted, and the finding says why', () => {
  const text = postmortem([
    '- 2024-06-08 21:00 UTC - Event 0 happened.',
    '- 2024-06-08 21:20 UTC - Event 2 happened.',
    '',
    '2024-06-08 21:10 UTC: Event 1 happened.',
    '',
    '2024-06-08 21:30 UTC: Event 3 happened.',
  ]);
  const order = lint(text).messages.filter((m) => m.ruleId === 'timeline-order');
  assert.equal(order.length, 1);
  assert.equal(order[0]!.fix, undefined);
  assert.match(order[0]!.message, /not sorted automatically: the timeline is written as a list and paragraphs whose times interleave/);
  assert.equal(fixAll(text).text, text);
  assert.deepEqual(sortTimeline(text), []);
});

test('entries are not moved across a date line: the finding says so', () => {
  const text = postmortem([
    '**June 8, 2024**',
    '',
    '21:00 UTC: Event 0.',
    '',
    '23:00 UTC: Event 1.',
    '',
    '**June 7, 2024**',
    '',
    '22:00 UTC: Event 2.',
  ]);
  const order = lint(text).messages.filter((m) => m.ruleId === 'timeline-order');
  assert.equal(order.length, 1);
  assert.equal(order[0]!.fix, undefined);
  assert.match(
    order[0]!.message,
    /not sorted automatically: text that is not an entry \(a date line, a label, a note\) stands between it and line \d+/,
  );
  assert.equal(fixAll(text).text, text);
});

/** A timeline in WAT with one entry in PDT and one without a zone, in each shape; dated by a date line or on each entry. */
const ZONE_SHAPES: Record<string, string[]> = {
  paragraphs: [
    'June 8, 2024, 10:42 PM (WAT): Alert fires.',
    '',
    'June 8, 2024, 3:10 PM PDT: Ack.',
    '',
    'June 8, 2024, 11:30 PM: Escalated.',
    '',
    'June 8, 2024, 11:50 PM (WAT): Resolved.',
  ],
  headings: [
    '### June 8, 2024, 10:42 PM (WAT)',
    '',
    'Alert fires.',
    '',
    '### June 8, 2024, 3:10 PM PDT',
    '',
    'Ack.',
    '',
    '### June 8, 2024, 11:30 PM',
    '',
    'Escalated.',
    '',
    '### June 8, 2024, 11:50 PM (WAT)',
    '',
    'Resolved.',
  ],
  bullets: ['- 22:42 WAT - Alert fires.', '- 15:10 PDT - Ack.', '- 23:30 - Escalated.', '- 23:50 WAT - Resolved.'],
  numbered: ['1. 22:42 WAT - Alert fires.', '2. 15:10 PDT - Ack.', '3. 23:30 - Escalated.', '4. 23:50 WAT - Resolved.'],
  table: [
    '| Time | Event |',
    '| --- | --- |',
    '| 22:42 WAT | Alert fires. |',
    '| 15:10 PDT | Ack. |',
    '| 23:30 | Escalated. |',
    '| 23:50 WAT | Resolved. |',
  ],
  'date line and nested list': [
    '- June 8, 2024',
    '  - 22:42 WAT - Alert fires.',
    '  - 15:10 PDT - Ack.',
    '  - 23:30 - Escalated.',
    '  - 23:50 WAT - Resolved.',
  ],
  'date line and paragraphs': [
    '**June 8, 2024**',
    '',
    '22:42 WAT: Alert fires.',
    '',
    '15:10 PDT: Ack.',
    '',
    '23:30: Escalated.',
    '',
    '23:50 WAT: Resolved.',
  ],
  mixed: [
    '- 22:42 WAT - Alert fires.',
    '- 15:10 PDT - Ack.',
    '',
    '23:30: Escalated.',
    '',
    '| Time | Event |',
    '| --- | --- |',
    '| 23:50 WAT | Resolved. |',
  ],
};

function zoneDoc(timeline: string[], crossing = false): string {
  // 22:55 PDT on June 8 is 06:55 WAT on June 9.
  const lines = crossing ? timeline.map((l) => l.replace(/15:10 PDT/, '22:55 PDT')) : timeline;
  return [
    '# Storefront outage',
    '',
    '## Issue Summary',
    '',
    'Duration: 3 hours, from 10:42 PM (WAT) to 11:50 PM (WAT) on June 8, 2024. Shoppers saw errors. The root cause was a full disk.',
    '',
    '## Timeline',
    '',
    ...lines,
    '',
    '## Root Cause and Resolution',
    '',
    'Logs filled the disk.',
    '',
  ].join('\n');
}

const ZONE_RULES = ['timezone-consistent', 'timezone-missing', 'duration-consistent'];

for (const [shape, timeline] of Object.entries(ZONE_SHAPES)) {
  test(`timezone-consistent, timezone-missing and duration-consistent each offer their fix on a timeline of ${shape}, and fix-all keeps every instant`, () => {
    const text = zoneDoc(timeline);
    const { messages, model } = lint(text);
    const found = messages.filter((m) => ZONE_RULES.includes(m.ruleId));
    assert.deepEqual(
      found.map((m) => m.ruleId).sort(),
      ZONE_RULES.slice().sort(),
      found.map((m) => `${m.ruleId}: ${m.message}`).join('\n'),
    );
    for (const m of found) assert.ok(m.fix, `${m.ruleId} has a fix: ${m.message}`);
    const fixed = fixAll(text).text;
    const after = lint(fixed);
    assert.deepEqual(
      after.messages.filter((m) => ZONE_RULES.includes(m.ruleId)),
      [],
    );
    assert.deepEqual(
      after.model.timeline.map((e) => e.instant),
      model.timeline.map((e) => e.instant),
      'every entry keeps its instant',
    );
    assert.match(fixed, /\b7:10 AM \(WAT\)|\b07:10 WAT|23:10 WAT|11:10 PM/, 'the PDT entry is written in WAT');
  });
}

test('a time without a date that converts to the next day: the date is written (the document states its dates), the instant kept', () => {
  for (const shape of ['date line and nested list', 'date line and paragraphs', 'bullets']) {
    const text = zoneDoc(ZONE_SHAPES[shape]!, true);
    const { messages, model } = lint(text);
    const m = messages.find((x) => x.ruleId === 'timezone-consistent');
    assert.ok(m?.fix, shape);
    assert.match(m.fix.edits[0]!.newText, /^June 9, 2024, 06:55 WAT$/, shape);
    const fixed = fixAll(text).text;
    const times = (t: string) =>
      lint(t)
        .model.timeline.map((e) => e.instant)
        .sort();
    assert.deepEqual(times(fixed), model.timeline.map((e) => e.instant).sort(), shape);
  }
});

test('a time without a date that converts to another day, in a document that states no date: no fix, and the message says why', () => {
  const text = [
    '# Outage',
    '',
    '## Timeline',
    '',
    '- 09:00 UTC - Alert fires.',
    '- 5:30 PM PDT - Ack.',
    '- 23:50 UTC - Resolved.',
    '',
  ].join('\n');
  const m = lint(text).messages.find((x) => x.ruleId === 'timezone-consistent');
  assert.ok(m);
  assert.equal(m.fix, undefined);
  assert.match(m.message, /falls on another day, and written without a date it would be read as another moment/);
});

test('a zone statement every entry contradicts is one finding at the statement, in every shape, and its fix keeps every instant', () => {
  const stamps = ['June 7, 2024, 13:00 (UTC)', 'June 7, 2024, 13:15 (UTC)', 'June 8, 2024, 09:00 (UTC)'];
  const words = ['Alert fired.', 'Investigation began.', 'Resolved.'];
  const shapes: Record<string, string[]> = {
    bullets: stamps.map((s, i) => `- ${s}: ${words[i]}`),
    paragraphs: stamps.flatMap((s, i) => [`${s}: ${words[i]}`, '']),
    headings: stamps.flatMap((s, i) => [`### ${s}`, '', words[i]!, '']),
    table: ['| Time | Event |', '| --- | --- |', ...stamps.map((s, i) => `| ${s} | ${words[i]} |`)],
  };
  for (const [shape, lines] of Object.entries(shapes)) {
    const text = ['# Outage', '', '## Timeline (all times Pacific Time)', '', ...lines, ''].join('\n');
    const { messages, model } = lint(text);
    const found = messages.filter((x) => x.ruleId === 'timezone-consistent');
    assert.equal(found.length, 1, shape);
    assert.equal(found[0]!.line, 3, shape);
    assert.match(found[0]!.message, /says its times are in Pacific Time, but all 3 entries are written in UTC/, shape);
    const fixed = fixAll(text).text;
    assert.match(fixed, /^## Timeline \(all times UTC\)$/m, shape);
    assert.deepEqual(
      lint(fixed).model.timeline.map((e) => e.instant),
      model.timeline.map((e) => e.instant),
      shape,
    );
    assert.equal(lint(fixed).messages.filter((x) => x.ruleId === 'timezone-consistent').length, 0, shape);
  }
  // One entry without its own zone is written in the stated zone: each odd entry is its own finding, as before.
  const mixed = [
    '# Outage',
    '',
    '## Timeline (all times Pacific Time)',
    '',
    '- 13:00 (UTC): Alert fired.',
    '- 06:15: Investigation began.',
    '- 14:00 (UTC): Resolved.',
    '',
  ].join('\n');
  assert.equal(lint(mixed).messages.filter((x) => x.ruleId === 'timezone-consistent').length, 2);
});
