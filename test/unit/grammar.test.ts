/**
 * The injection grammar (syntaxes/postmortem.injection.tmLanguage.json), run by the real TextMate
 * engine (vscode-textmate + vscode-oniguruma) injected into a stand-in Markdown grammar
 * (test/fixtures/grammar/markdown.tmLanguage.json) that has the real one's scope names.
 * Every token of the lines below is checked: the ones that must carry a postmortem scope carry
 * exactly that one, and no other token carries any.
 */
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const root = join(__dirname, '..', '..');
const injectionPath = join(root, 'syntaxes', 'postmortem.injection.tmLanguage.json');
const markdownPath = join(root, 'test', 'fixtures', 'grammar', 'markdown.tmLanguage.json');
const INJECTION = 'postmortem.injection';
const MARKDOWN = 'text.html.markdown';

const TIME = 'constant.numeric.time.postmortem';
const DATE = 'constant.numeric.date.postmortem';
const ZONE = 'support.constant.timezone.postmortem';
const DURATION = 'constant.numeric.duration.postmortem';
const OFFSET = 'constant.numeric.offset.postmortem';
const OPEN = 'punctuation.definition.timezone.begin.postmortem';
const CLOSE = 'punctuation.definition.timezone.end.postmortem';
const SEP = 'punctuation.separator.date-time.postmortem';

interface Token {
  text: string;
  scopes: string[];
}

let onigLib: Promise<vsctm.IOnigLib> | null = null;
function loadOnig(): Promise<vsctm.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(join(root, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    };
  })();
  return onigLib;
}

/** Markdown with the injection, as VS Code composes them; `injection` replaces the grammar's JSON. */
async function loadMarkdown(injection?: string): Promise<vsctm.IGrammar> {
  const registry = new vsctm.Registry({
    onigLib: loadOnig(),
    loadGrammar: async (scopeName) => {
      if (scopeName === MARKDOWN) return vsctm.parseRawGrammar(readFileSync(markdownPath, 'utf8'), markdownPath);
      if (scopeName === INJECTION) return vsctm.parseRawGrammar(injection ?? readFileSync(injectionPath, 'utf8'), injectionPath);
      return null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN ? [INJECTION] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN);
  assert.ok(grammar, 'the Markdown grammar loads');
  return grammar;
}

function tokenize(grammar: vsctm.IGrammar, text: string): Token[][] {
  let stack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The tokens that carry one of our scopes, as "text = scope scope" (our scopes only, outermost first). */
function ours(tokens: Token[]): string[] {
  return tokens
    .map((t) => ({ text: t.text, mine: t.scopes.filter((s) => s.endsWith('.postmortem')) }))
    .filter((t) => t.mine.length > 0)
    .map((t) => `${t.text} = ${t.mine.join(' ')}`);
}

let grammar: vsctm.IGrammar;
before(async () => {
  grammar = await loadMarkdown();
});

function check(doc: string, expected: (string[] | null)[]): void {
  const lines = tokenize(grammar, doc);
  assert.equal(lines.length, expected.length, 'one expectation per line');
  lines.forEach((tokens, i) => {
    const want = expected[i];
    if (want === null) return;
    assert.deepEqual(ours(tokens), want, `line ${i + 1}: ${doc.split('\n')[i]}`);
    for (const t of tokens) assert.equal(t.scopes[0], MARKDOWN, 'every token is Markdown first');
  });
}

// ---- the build ----------------------------------------------------------------------------------

test('the grammar file is what syntaxes/build-injection-grammar.mjs writes', () => {
  execFileSync(process.execPath, [join(root, 'syntaxes', 'build-injection-grammar.mjs'), '--check'], { stdio: 'pipe' });
});

test('the grammar injects into Markdown, outside code, and the manifest contributes it', () => {
  const raw = JSON.parse(readFileSync(injectionPath, 'utf8')) as {
    scopeName: string;
    injectionSelector: string;
    patterns: unknown[];
  };
  assert.equal(raw.scopeName, INJECTION);
  assert.match(raw.injectionSelector, /^text\.html\.markdown /);
  for (const excluded of ['-markup.fenced_code', '-markup.inline.raw', '-markup.raw'])
    assert.ok(raw.injectionSelector.split(' ').includes(excluded), excluded);
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { grammars?: unknown };
  };
  assert.deepEqual(manifest.contributes.grammars, [
    { scopeName: INJECTION, path: './syntaxes/postmortem.injection.tmLanguage.json', injectTo: [MARKDOWN] },
  ]);
});

// ---- each form on its own -----------------------------------------------------------------------

const ALONE: [string, string][] = [
  // times
  ['10:42 PM', TIME],
  ['22:45', TIME],
  ['10:42:05', TIME],
  ['9:00 am', TIME],
  ['6 p.m.', TIME],
  ['10.42pm', TIME],
  ['6PM', TIME],
  ['07:30', TIME],
  ['12:00 A.M.', TIME],
  ['23:59:59.250', TIME],
  // dates
  ['June 8, 2024', DATE],
  ['2024-06-08', DATE],
  ['8/6/2024', DATE],
  ['Jun 8th', DATE],
  ['26/05/2023', DATE],
  ['8 June 2024', DATE],
  ['14th of March', DATE],
  ['Saturday, June 8, 2024', DATE],
  ['March 2025', DATE],
  ['Sept 3', DATE],
  ['2024/06/08', DATE],
  ['08.06.2024', DATE],
  // zones that stand alone
  ['UTC', ZONE],
  ['WAT', ZONE],
  ['GMT+1', ZONE],
  ['UTC+01:00', ZONE],
  ['UTC-5', ZONE],
  ['Africa/Lagos', ZONE],
  ['America/Argentina/Buenos_Aires', ZONE],
  ['CEST', ZONE],
  ['Central European Time', ZONE],
  ['West Africa Time', ZONE],
  // durations
  ['7h 23m', DURATION],
  ['45 minutes', DURATION],
  ['8 hours', DURATION],
  ['1.5 hours', DURATION],
  ['2 hrs 30 mins', DURATION],
  ['1 hour and 35 minutes', DURATION],
  ['7 hours, 23 minutes', DURATION],
  ['1h03m', DURATION],
  ['45m', DURATION],
  ['100ms', DURATION],
  ['30s', DURATION],
  ['2d', DURATION],
  ['2-3 hours', DURATION],
  ['an hour', DURATION],
  ['half an hour', DURATION],
  ['twenty minutes', DURATION],
  ['5-minute', DURATION],
  ['1,500 seconds', DURATION],
  ['3 days', DURATION],
  // offsets
  ['T+1h03m', OFFSET],
  ['T+15m', OFFSET],
  ['T-5m', OFFSET],
  ['T+0', OFFSET],
  ['T+1:03', OFFSET],
];

test('each form, in a sentence, is one token with its scope', () => {
  for (const [phrase, scope] of ALONE) {
    const [tokens] = tokenize(grammar, `It was ${phrase}, we think.`);
    assert.deepEqual(ours(tokens ?? []), [`${phrase} = ${scope}`], phrase);
  }
});

const NEVER = [
  'v1.2.3',
  '1.25.4',
  '10.0.0.1',
  '10.0.0.1:8080',
  '127.0.0.1:5432',
  'port 8080',
  'localhost:3000',
  'HTTP 500',
  'HTTP 503',
  'the 502s',
  '500s',
  '4xx',
  '99.9%',
  '38 %',
  '4,100 orders',
  '2m requests',
  '1.5m users',
  '$2m',
  '£3m',
  'build 2024',
  '3 replicas',
  '42',
  'API',
  'DNS',
  'CDN',
  'SRE',
  'AWS',
  'ET team',
  'PT',
  'WEST region',
  'CAT6 cable',
  'MAYDAY',
  'node:20',
  'redis:6.2',
  'x86_64',
  'sha 2f1e9a0',
  'PR #1042',
  'ticket OPS-1234',
  'RFC 3339',
  'p99',
  'H2',
  'the 10th percentile',
  'section 3.2',
  'ratio 3:2',
  'Mayor',
  'T+',
  'AT&T',
  'use UTCNow',
  'WATS',
  'someone',
  'often',
  'Xmx512m',
  'IPv6 fe80::1',
];

test('versions, IPs, ports, status codes, counts, percentages and capital words carry no scope', () => {
  for (const phrase of NEVER) {
    const [tokens] = tokenize(grammar, `Note: ${phrase} here.`);
    assert.deepEqual(ours(tokens ?? []), [], phrase);
  }
});

// ---- zones after times --------------------------------------------------------------------------

test('a zone right after a time is scoped, in every form; a capital word after a time is not', () => {
  const cases: [string, string[]][] = [
    ['10:42 PM (WAT)', ['10:42 PM = ' + TIME, '( = ' + OPEN, 'WAT = ' + ZONE, ') = ' + CLOSE]],
    ['22:45 UTC', ['22:45 = ' + TIME, 'UTC = ' + ZONE]],
    ['10:42 GMT+1', ['10:42 = ' + TIME, 'GMT+1 = ' + ZONE]],
    ['10:42 UTC+01:00', ['10:42 = ' + TIME, 'UTC+01:00 = ' + ZONE]],
    ['10:42 +0100', ['10:42 = ' + TIME, '+0100 = ' + ZONE]],
    ['10:42 -05:00', ['10:42 = ' + TIME, '-05:00 = ' + ZONE]],
    ['10:42 Africa/Lagos', ['10:42 = ' + TIME, 'Africa/Lagos = ' + ZONE]],
    ['10:42Z', ['10:42 = ' + TIME, 'Z = ' + ZONE]],
    ['9:30 PT', ['9:30 = ' + TIME, 'PT = ' + ZONE]],
    ['9:30 ET', ['9:30 = ' + TIME, 'ET = ' + ZONE]],
    ['10:45 Gmt', ['10:45 = ' + TIME, 'Gmt = ' + ZONE]],
    ['14:00 Central European Time', ['14:00 = ' + TIME, 'Central European Time = ' + ZONE]],
    ['10:42 API', ['10:42 = ' + TIME]],
    ['10:42 DB failover', ['10:42 = ' + TIME]],
    ['10:42 - 100 users', ['10:42 = ' + TIME]],
  ];
  for (const [phrase, want] of cases) {
    const [tokens] = tokenize(grammar, `At ${phrase} it began.`);
    assert.deepEqual(ours(tokens ?? []), want, phrase);
  }
});

test('a zone standing alone: in parentheses, or a name that is nothing but a zone', () => {
  const cases: [string, string[]][] = [
    ['All times are in Africa/Lagos (WAT).', ['Africa/Lagos = ' + ZONE, '( = ' + OPEN, 'WAT = ' + ZONE, ') = ' + CLOSE]],
    ['Timeline (UTC+1)', ['( = ' + OPEN, 'UTC+1 = ' + ZONE, ') = ' + CLOSE]],
    ['Times below in ( EAT ) unless noted', ['( = ' + OPEN, 'EAT = ' + ZONE, ') = ' + CLOSE]],
    ['all times UTC', ['UTC = ' + ZONE]],
    ['The (API) and (DB) were down', []],
    ['Our WEST and EAST clusters', []],
  ];
  for (const [line, want] of cases) {
    const [tokens] = tokenize(grammar, line);
    assert.deepEqual(ours(tokens ?? []), want, line);
  }
});

// ---- a postmortem, line by line -----------------------------------------------------------------

test('a postmortem: title, summary, timeline, root cause, actions', () => {
  const doc = [
    '# Checkout outage, June 8, 2024',
    '',
    '## Issue Summary',
    '',
    '**Duration:** from 10:42 PM (WAT) to 6:05 AM (WAT) on June 8, 2024, 7h 23m (not 8 hours).',
    '',
    'Impact: 38% of requests failed with HTTP 500; p99 latency rose to 2s; 4,100 orders were lost.',
    '',
    'The outage lasted 45 minutes; recovery took 1.5 hours and the backlog 2 hrs 30 mins.',
    '',
    '## Timeline (all times in WAT)',
    '',
    '- 10:42 PM (WAT) - The 5xx alert fired for 2% of users.',
    '- **10:45 PM WAT** - On-call engineer paged.',
    '* 22:45 UTC: rolled back v1.2.3 on 10.0.0.1:8080.',
    '- 2024-06-08 22:42 UTC | Deploy of build 4521 started',
    '- 2024-06-08T22:42:00Z - The first 502s appear',
    '- [08:47] Restarted the cache; at 10:42:05 the logs show OOM',
    '1. June 8, 2024, 10:42 PM (WAT): detected by a customer',
    '2. 8/6/2024 10:42 GMT+1 - escalated',
    '- T+15m: escalated to the DB team; T-5m: config pushed; T+1h03m: resolved',
    '- 9:00 am, 6 p.m. and 10.42pm',
    '',
    '### 07:30 - First report',
    '',
    '## Root Cause and Resolution',
    '',
    'Redis 6.2.14 on port 6379 ran out of memory after 2m requests in 10 minutes.',
    '',
    '## Corrective and Preventative Measures',
    '',
    '- [ ] Alert when the pool stays above 90% for 5 minutes (owner: @sam, ticket: OPS-1234)',
  ].join('\n');
  check(doc, [
    ['June 8, 2024 = ' + DATE],
    [],
    [],
    [],
    [
      '10:42 PM = ' + TIME,
      '( = ' + OPEN,
      'WAT = ' + ZONE,
      ') = ' + CLOSE,
      '6:05 AM = ' + TIME,
      '( = ' + OPEN,
      'WAT = ' + ZONE,
      ') = ' + CLOSE,
      'June 8, 2024 = ' + DATE,
      '7h 23m = ' + DURATION,
      '8 hours = ' + DURATION,
    ],
    [],
    ['2s = ' + DURATION],
    [],
    ['45 minutes = ' + DURATION, '1.5 hours = ' + DURATION, '2 hrs 30 mins = ' + DURATION],
    [],
    ['WAT = ' + ZONE],
    [],
    ['10:42 PM = ' + TIME, '( = ' + OPEN, 'WAT = ' + ZONE, ') = ' + CLOSE],
    ['10:45 PM = ' + TIME, 'WAT = ' + ZONE],
    ['22:45 = ' + TIME, 'UTC = ' + ZONE],
    ['2024-06-08 = ' + DATE, '22:42 = ' + TIME, 'UTC = ' + ZONE],
    ['2024-06-08 = ' + DATE, `T = ${DATE} ${SEP}`, `22:42:00 = ${DATE} ${TIME}`, `Z = ${DATE} ${ZONE}`],
    ['08:47 = ' + TIME, '10:42:05 = ' + TIME],
    ['June 8, 2024 = ' + DATE, '10:42 PM = ' + TIME, '( = ' + OPEN, 'WAT = ' + ZONE, ') = ' + CLOSE],
    ['8/6/2024 = ' + DATE, '10:42 = ' + TIME, 'GMT+1 = ' + ZONE],
    ['T+15m = ' + OFFSET, 'T-5m = ' + OFFSET, 'T+1h03m = ' + OFFSET],
    ['9:00 am = ' + TIME, '6 p.m. = ' + TIME, '10.42pm = ' + TIME],
    [],
    ['07:30 = ' + TIME],
    [],
    [],
    [],
    ['10 minutes = ' + DURATION],
    [],
    [],
    [],
    ['5 minutes = ' + DURATION],
  ]);
});

test('the injection works inside Markdown constructs: list items, bold, headings', () => {
  const [list, bold, heading] = tokenize(grammar, '- 10:42 UTC - x\n**10:45 PM** - y\n### 07:30 - First report');
  const find = (tokens: Token[] | undefined, text: string): Token => {
    const t = tokens?.find((x) => x.text === text);
    assert.ok(t, text);
    return t;
  };
  assert.deepEqual(find(list, '10:42').scopes, [MARKDOWN, 'markup.list.markdown', TIME]);
  assert.deepEqual(find(bold, '10:45 PM').scopes, [MARKDOWN, 'meta.paragraph.markdown', 'markup.bold.markdown', TIME]);
  assert.deepEqual(find(heading, '07:30').scopes, [MARKDOWN, 'markup.heading.markdown', 'entity.name.section.markdown', TIME]);
});

test('a line that starts with a time keeps its Markdown (the injection does not take "L:" priority)', async () => {
  const line = '10:42 PM - the **deploy** failed, see `kubectl logs` and [the 11:00 UTC note](https://x.example/a)';
  const check = (g: vsctm.IGrammar): { time: boolean; bold: boolean; code: boolean } => {
    const [tokens = []] = tokenize(g, line);
    return {
      time: tokens.some((t) => t.text === '10:42 PM' && t.scopes.includes(TIME) && t.scopes.includes('meta.paragraph.markdown')),
      bold: tokens.some((t) => t.text === 'deploy' && t.scopes.includes('markup.bold.markdown')),
      code: tokens.some(
        (t) =>
          t.text === 'kubectl logs' &&
          t.scopes.includes('markup.inline.raw.string.markdown') &&
          !t.scopes.some((s) => s.endsWith('.postmortem')),
      ),
    };
  };
  assert.deepEqual(check(grammar), { time: true, bold: true, code: true });
  // The same grammar with left priority steals the line from Markdown (no paragraph, no bold, no
  // inline code): that is why it has none.
  const raw = JSON.parse(readFileSync(injectionPath, 'utf8')) as { injectionSelector: string };
  raw.injectionSelector = `L:${raw.injectionSelector}`;
  assert.deepEqual(check(await loadMarkdown(JSON.stringify(raw))), { time: false, bold: false, code: false });
});

// ---- code stays code ----------------------------------------------------------------------------

const CODE_DOC = [
  'Before the fence at 10:41 UTC.',
  '```log',
  '2024-06-08T22:42:00Z ERROR at 10:42 PM WAT (UTC) took 45 minutes, T+15m, June 8, 2024',
  '  22:45 UTC retry 3 of 5 after 7h 23m',
  '```',
  'Run `date -u +%H:%M` at `10:42 UTC` (that is 10:43 UTC) then wait `5 minutes` or 6 minutes.',
  '',
  '    10:42 UTC curl -s http://10.0.0.1:8080/health took 45 minutes',
  '',
  'See [the 10:42 UTC report](https://status.example.com/2024-06-08/10:42) for June 8.',
  '~~~',
  'T+15m 8 hours Africa/Lagos',
  '~~~',
  'After the fence at 10:50 UTC.',
].join('\n');

test('nothing inside fenced code, inline code, indented code or a link target is scoped', () => {
  check(CODE_DOC, [
    ['10:41 = ' + TIME, 'UTC = ' + ZONE],
    [],
    [],
    [],
    [],
    ['10:43 = ' + TIME, 'UTC = ' + ZONE, '6 minutes = ' + DURATION],
    [],
    [],
    [],
    ['June 8 = ' + DATE],
    [],
    [],
    [],
    ['10:50 = ' + TIME, 'UTC = ' + ZONE],
  ]);
  const lines = tokenize(grammar, CODE_DOC);
  for (const i of [2, 3]) for (const t of lines[i] ?? []) assert.ok(t.scopes.includes('markup.fenced_code.block.markdown'), 'in the fence');
  for (const t of lines[7] ?? []) assert.ok(t.scopes.includes('markup.raw.block.markdown'), 'indented code');
  const inline = lines[5]?.find((t) => t.text === '10:42 UTC');
  assert.ok(inline?.scopes.includes('markup.inline.raw.string.markdown'), 'inline code');
});

test('the exclusions are what keep code quiet: without them the same code would be scoped', async () => {
  const raw = JSON.parse(readFileSync(injectionPath, 'utf8')) as { injectionSelector: string };
  raw.injectionSelector = 'text.html.markdown';
  const loose = await loadMarkdown(JSON.stringify(raw));
  const lines = tokenize(loose, CODE_DOC);
  assert.ok(ours(lines[2] ?? []).length > 0, 'fenced code');
  assert.ok(
    ours(lines[5] ?? []).some((t) => t.startsWith('10:42 =')),
    'inline code',
  );
  assert.ok(ours(lines[7] ?? []).length > 0, 'indented code');
});

test('long lines and pathological input tokenize quickly', () => {
  const long = `${'10:42 UTC 2024-06-08 45 minutes v1.2.3 10.0.0.1 '.repeat(400)}\n${'1'.repeat(5000)}:${'a '.repeat(3000)}\n${'June 8, '.repeat(1000)}`;
  const t0 = performance.now();
  tokenize(grammar, long);
  assert.ok(performance.now() - t0 < 2000, `took ${Math.round(performance.now() - t0)} ms`);
});
