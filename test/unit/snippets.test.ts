/**
 * The Markdown snippets (snippets/postmortem.code-snippets): well-formed, named and numbered as
 * IntelliSense shows them, and the whole-postmortem snippet, expanded with its defaults, is a
 * postmortem the engine finds nothing structural to say about.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { lint } from '../../server/src/engine';

const root = join(__dirname, '..', '..');
const snippetsPath = join(root, 'snippets', 'postmortem.code-snippets');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  scope?: string;
  isFileTemplate?: boolean;
}

// ---- a parser for VS Code's snippet syntax ------------------------------------------------------
// any ::= tabstop | placeholder | choice | variable | text; transforms are not used in these snippets.

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'tabstop'; index: number; offset: number }
  | { kind: 'placeholder'; index: number; offset: number; children: Node[] }
  | { kind: 'choice'; index: number; offset: number; options: string[] }
  | { kind: 'variable'; name: string; children: Node[] | null };

class SnippetSyntaxError extends Error {}

function parseSnippet(src: string): Node[] {
  let pos = 0;
  const fail = (what: string): never => {
    throw new SnippetSyntaxError(`${what} at ${pos}: …${src.slice(Math.max(0, pos - 20), pos + 20)}…`);
  };
  const readInt = (): number | null => {
    const m = /^\d+/.exec(src.slice(pos));
    if (!m) return null;
    pos += m[0].length;
    return Number(m[0]);
  };
  const readName = (): string | null => {
    const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(pos));
    if (!m) return null;
    pos += m[0].length;
    return m[0];
  };

  // Text up to one of `stops` (unescaped); `\` escapes `$`, `}`, `\` (and `,` `|` in choices).
  const readText = (stops: string, escapable: string): string => {
    let out = '';
    while (pos < src.length) {
      const c = src[pos] as string;
      if (c === '\\' && pos + 1 < src.length && escapable.includes(src[pos + 1] as string)) {
        out += src[pos + 1];
        pos += 2;
        continue;
      }
      if (stops.includes(c)) break;
      out += c;
      pos++;
    }
    return out;
  };

  const parseAny = (inside: boolean): Node[] => {
    const nodes: Node[] = [];
    while (pos < src.length) {
      const c = src[pos];
      if (c === '}' && inside) return nodes;
      if (c !== '$') {
        const value = readText(inside ? '$}' : '$', '$}\\');
        if (value) nodes.push({ kind: 'text', value });
        else if (!inside && src[pos] !== '$') fail('unexpected character');
        continue;
      }
      const start = pos;
      pos++; // $
      if (src[pos] !== '{') {
        const index = readInt();
        if (index !== null) {
          nodes.push({ kind: 'tabstop', index, offset: start });
          continue;
        }
        const name = readName();
        if (name !== null) {
          nodes.push({ kind: 'variable', name, children: null });
          continue;
        }
        fail('a lone "$" (write "\\\\$" for a dollar sign)');
      }
      pos++; // {
      const index = readInt();
      if (index !== null) {
        if (src[pos] === '}') {
          pos++;
          nodes.push({ kind: 'tabstop', index, offset: start });
        } else if (src[pos] === ':') {
          pos++;
          const children = parseAny(true);
          if (src[pos] !== '}') fail('an unclosed placeholder');
          pos++;
          nodes.push({ kind: 'placeholder', index, offset: start, children });
        } else if (src[pos] === '|') {
          pos++;
          const options: string[] = [];
          for (;;) {
            options.push(readText(',|', ',|\\'));
            if (src[pos] === ',') {
              pos++;
              continue;
            }
            if (src.slice(pos, pos + 2) !== '|}') fail('an unclosed choice');
            pos += 2;
            break;
          }
          nodes.push({ kind: 'choice', index, offset: start, options });
        } else {
          fail('a transform or malformed tab stop');
        }
        continue;
      }
      const name = readName();
      if (name === null) fail('a malformed "${"');
      if (src[pos] === '}') {
        pos++;
        nodes.push({ kind: 'variable', name: name as string, children: null });
      } else if (src[pos] === ':') {
        pos++;
        const children = parseAny(true);
        if (src[pos] !== '}') fail('an unclosed variable default');
        pos++;
        nodes.push({ kind: 'variable', name: name as string, children });
      } else {
        fail('a variable transform');
      }
    }
    if (inside) fail('an unclosed "${"');
    return nodes;
  };

  return parseAny(false);
}

/** Every node, depth first, in text order. */
function walk(nodes: Node[], out: Node[] = []): Node[] {
  for (const n of nodes) {
    out.push(n);
    if (n.kind === 'placeholder') walk(n.children, out);
    if (n.kind === 'variable' && n.children) walk(n.children, out);
  }
  return out;
}

/** The variables VS Code resolves in snippets (any other name becomes a placeholder: a silent bug). */
const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT',
  'TM_CURRENT_LINE',
  'TM_CURRENT_WORD',
  'TM_LINE_INDEX',
  'TM_LINE_NUMBER',
  'TM_FILENAME',
  'TM_FILENAME_BASE',
  'TM_DIRECTORY',
  'TM_FILEPATH',
  'RELATIVE_FILEPATH',
  'CLIPBOARD',
  'WORKSPACE_NAME',
  'WORKSPACE_FOLDER',
  'CURSOR_INDEX',
  'CURSOR_NUMBER',
  'CURRENT_YEAR',
  'CURRENT_YEAR_SHORT',
  'CURRENT_MONTH',
  'CURRENT_MONTH_NAME',
  'CURRENT_MONTH_NAME_SHORT',
  'CURRENT_DATE',
  'CURRENT_DAY_NAME',
  'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR',
  'CURRENT_MINUTE',
  'CURRENT_SECOND',
  'CURRENT_SECONDS_UNIX',
  'CURRENT_TIMEZONE_OFFSET',
  'RANDOM',
  'RANDOM_HEX',
  'UUID',
  'BLOCK_COMMENT_START',
  'BLOCK_COMMENT_END',
  'LINE_COMMENT',
]);

type Variables = Record<string, string>;

/** Expands a snippet as VS Code would if the writer tabbed through every stop keeping the defaults. */
function expand(nodes: Node[], vars: Variables): string {
  const defaults = new Map<number, string>();
  const render = (list: Node[]): string =>
    list
      .map((n) => {
        switch (n.kind) {
          case 'text':
            return n.value;
          case 'tabstop':
            return defaults.get(n.index) ?? '';
          case 'placeholder': {
            const value = render(n.children);
            if (!defaults.has(n.index)) defaults.set(n.index, value);
            return value;
          }
          case 'choice': {
            const value = n.options[0] ?? '';
            if (!defaults.has(n.index)) defaults.set(n.index, value);
            return value;
          }
          case 'variable': {
            const value = vars[n.name];
            if (value !== undefined) return value;
            if (n.children) return render(n.children);
            throw new Error(`no value for the variable ${n.name}`);
          }
        }
      })
      .join('');
  // A mirror may come before the stop that gives the value: collect the defaults first.
  render(nodes);
  return render(nodes);
}

function fixedVariables(year: string, month: string, monthName: string, day: string, hour: string, minute: string): Variables {
  return {
    CURRENT_YEAR: year,
    CURRENT_YEAR_SHORT: year.slice(2),
    CURRENT_MONTH: month,
    CURRENT_MONTH_NAME: monthName,
    CURRENT_MONTH_NAME_SHORT: monthName.slice(0, 3),
    CURRENT_DATE: day,
    CURRENT_HOUR: hour,
    CURRENT_MINUTE: minute,
    CURRENT_SECOND: '00',
  };
}

// The variables at 09:30 on 14 March 2025, and at moments that could break a skeleton: midnight,
// the last hour of the day and of the year, a single-digit day.
const MOMENTS: [string, Variables][] = [
  ['2025-03-14 09:30', fixedVariables('2025', '03', 'March', '14', '09', '30')],
  ['2024-06-08 00:00', fixedVariables('2024', '06', 'June', '08', '00', '00')],
  ['2025-12-31 23:59', fixedVariables('2025', '12', 'December', '31', '23', '59')],
  ['2026-01-01 12:05', fixedVariables('2026', '01', 'January', '01', '12', '05')],
];

const STRUCTURAL_RULES = [
  'required-sections',
  'section-order',
  'timeline-order',
  'timeline-timestamp',
  'duration-consistent',
  'summary-fields',
  'summary-matches-timeline',
  'timezone-missing',
  'timezone-consistent',
  'timezone-valid',
  'duplicate-section',
  'empty-section',
];

// ---- loading ------------------------------------------------------------------------------------

const raw = readFileSync(snippetsPath, 'utf8');
const snippets = JSON.parse(raw) as Record<string, Snippet>;
const entries = Object.entries(snippets);
const bodyOf = (s: Snippet): string => (Array.isArray(s.body) ? s.body.join('\n') : s.body);
const prefixesOf = (s: Snippet): string[] => (Array.isArray(s.prefix) ? s.prefix : [s.prefix]);
const byPrefix = (prefix: string): Snippet => {
  const found = entries.find(([, s]) => prefixesOf(s).includes(prefix));
  assert.ok(found, `a snippet with the prefix ${prefix}`);
  return found[1];
};

interface ProfileSection {
  id: string;
  title: string;
  required?: boolean;
}
const defaultProfile = JSON.parse(readFileSync(join(root, 'server', 'src', 'engine', 'profiles', 'default.json'), 'utf8')) as {
  sections: ProfileSection[];
};

// ---- the file -----------------------------------------------------------------------------------

test('the snippets file is JSON: an object of snippets, each with a prefix and a body', () => {
  assert.ok(entries.length >= 7, 'at least the whole postmortem, four sections, an entry and a task');
  for (const [name, s] of entries) {
    assert.ok(typeof s.prefix === 'string' || (Array.isArray(s.prefix) && s.prefix.every((p) => typeof p === 'string')), `${name}: prefix`);
    assert.ok(typeof s.body === 'string' || (Array.isArray(s.body) && s.body.every((l) => typeof l === 'string')), `${name}: body`);
    if (s.scope !== undefined) assert.equal(s.scope, 'markdown', `${name}: a Markdown snippet`);
  }
});

test('prefixes are unique and start with "pm-"', () => {
  const all = entries.flatMap(([, s]) => prefixesOf(s));
  assert.equal(new Set(all).size, all.length, `duplicate prefix in ${all.join(', ')}`);
  for (const p of all) assert.match(p, /^pm-[a-z]+(?:-[a-z]+)*$/, p);
  for (const p of ['pm-postmortem', 'pm-summary', 'pm-timeline', 'pm-root-cause', 'pm-actions', 'pm-entry', 'pm-task']) byPrefix(p);
});

test('every snippet has a description that reads as a sentence in IntelliSense', () => {
  for (const [name, s] of entries) {
    assert.ok(typeof s.description === 'string' && s.description.trim().length >= 20, `${name}: a description`);
    assert.match(s.description ?? '', /^[A-Z]/, `${name}: the description starts with a capital`);
    assert.ok((s.description ?? '').length <= 260, `${name}: a description short enough to read`);
  }
});

test('every body parses as snippet syntax and uses only variables VS Code knows', () => {
  for (const [name, s] of entries) {
    const nodes = walk(parseSnippet(bodyOf(s)));
    for (const n of nodes) {
      if (n.kind === 'variable') assert.ok(KNOWN_VARIABLES.has(n.name), `${name}: unknown variable $${n.name}`);
    }
  }
});

test('tab stops are numbered 1…n without gaps, in text order, each given its default once, and $0 comes last', () => {
  for (const [name, s] of entries) {
    const nodes = walk(parseSnippet(bodyOf(s)));
    const stops = nodes.filter((n) => n.kind === 'tabstop' || n.kind === 'placeholder' || n.kind === 'choice');
    const numbered = stops.filter((n) => n.index > 0);
    const distinct = [...new Set(numbered.map((n) => n.index))];
    assert.deepEqual(
      [...distinct].sort((a, b) => a - b),
      distinct.map((_, i) => i + 1),
      `${name}: tab stops ${distinct.join(', ')}`,
    );
    // Tabbing moves forward through the text: each stop first appears after the one before it.
    assert.deepEqual(
      distinct,
      [...distinct].sort((a, b) => a - b),
      `${name}: tab stops in text order`,
    );
    for (const i of distinct) {
      const withDefault = numbered.filter((n) => n.index === i && n.kind !== 'tabstop');
      assert.ok(withDefault.length <= 1, `${name}: $${i} has its default given once (the others mirror it)`);
    }
    const finals = stops.filter((n) => n.index === 0);
    assert.equal(finals.length, 1, `${name}: one $0`);
    const final = finals[0];
    assert.ok(final && final.kind === 'tabstop', `${name}: $0 is a plain tab stop`);
    assert.ok(
      stops.every((n) => n.offset <= final.offset),
      `${name}: $0 comes last`,
    );
  }
});

test('zone placeholders are choices of zones the engine reads, the same list everywhere', () => {
  const lists = new Set<string>();
  for (const [name, s] of entries) {
    for (const n of walk(parseSnippet(bodyOf(s)))) {
      if (n.kind !== 'choice') continue;
      lists.add(n.options.join(','));
      assert.equal(n.options[0], 'UTC', `${name}: UTC first`);
      for (const zone of n.options) {
        const doc = `# X\n\n## Timeline\n\n- 2025-03-14 09:30 ${zone} - A.\n- 2025-03-14 09:45 ${zone} - B.\n`;
        const entry = lint(doc).model.timeline[0];
        assert.ok(entry?.zone && entry.instant !== null, `${name}: the engine reads the zone ${zone}`);
        // Known and unambiguous; whether a summer-time zone fits this March date is not the snippet's business.
        const known = lint(doc, { rules: { 'timezone-valid': ['warning', { season: false }] } });
        assert.ok(!known.messages.some((m) => m.ruleId === 'timezone-valid'), `${name}: ${zone} is a valid zone`);
      }
    }
  }
  assert.equal(lists.size, 1, [...lists].join('\n'));
});

// ---- the whole postmortem, expanded -------------------------------------------------------------

for (const [label, vars] of MOMENTS) {
  test(`pm-postmortem expanded at ${label} is a valid skeleton of the default profile`, () => {
    const text = expand(parseSnippet(bodyOf(byPrefix('pm-postmortem'))), vars);
    assert.doesNotMatch(text, /\$/, 'nothing left unexpanded');
    const { model, messages } = lint(text);
    const structural = messages.filter((m) => STRUCTURAL_RULES.includes(m.ruleId));
    assert.deepEqual(
      structural.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      [],
      text,
    );

    // The sections, in the profile's order, under its titles.
    const titles = defaultProfile.sections.map((s) => s.title);
    const headings = [...text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, titles);
    assert.deepEqual(
      model.sections.filter((s) => s.id !== null).map((s) => s.id),
      defaultProfile.sections.map((s) => s.id),
    );

    // The summary reads as intended: start, end, zone and a duration that agrees.
    const at = (minute: number): number =>
      Date.UTC(Number(vars.CURRENT_YEAR), Number(vars.CURRENT_MONTH) - 1, Number(vars.CURRENT_DATE), Number(vars.CURRENT_HOUR), minute);
    assert.equal(model.summary.windowStart?.instant, at(0), 'the start, on the date, in the zone');
    assert.equal(model.summary.windowEnd?.instant, at(45), 'the end, on the date, in the zone');
    assert.equal(model.summary.windowEnd?.zone?.text, 'UTC');
    assert.equal(model.summary.duration?.minutes, 45);
    assert.equal(model.metrics.durationMinutes, 45);
    assert.ok(model.summary.impact && model.summary.rootCause, 'impact and root cause');
    assert.deepEqual(
      model.timeline.map((e) => e.instant),
      [at(0), at(10), at(25), at(45)],
    );
    assert.ok(
      model.timeline.every((e) => e.zone === 'UTC'),
      'every entry has its zone',
    );
    assert.match(text, /^- \[ \] /m, 'task items');
  });
}

test('the zone picked for pm-postmortem is used everywhere (a mirrored tab stop)', () => {
  const nodes = parseSnippet(bodyOf(byPrefix('pm-postmortem')));
  const text = expand(nodes, MOMENTS[0]![1]);
  // The summary's zone and every timeline entry's zone come from one choice.
  assert.equal((text.match(/\bUTC\b/g) ?? []).length, 5);
  const choices = walk(nodes).filter((n) => n.kind === 'choice');
  assert.equal(choices.length, 1);
});

test('the section snippets, one after another under a title, also make a valid skeleton', () => {
  const vars = MOMENTS[0]![1];
  const parts = ['pm-summary', 'pm-timeline', 'pm-root-cause', 'pm-actions'].map((p) => expand(parseSnippet(bodyOf(byPrefix(p))), vars));
  const text = `# Checkout outage, March 14, 2025\n\n${parts.join('\n')}`;
  const { messages, model } = lint(text);
  assert.deepEqual(
    messages.filter((m) => STRUCTURAL_RULES.includes(m.ruleId)).map((m) => `${m.line} ${m.ruleId} ${m.message}`),
    [],
    text,
  );
  assert.deepEqual(
    model.sections.filter((s) => s.id !== null).map((s) => s.id),
    defaultProfile.sections.map((s) => s.id),
  );
  // Each section snippet starts with its profile title.
  for (const [i, section] of defaultProfile.sections.entries()) assert.match(parts[i] ?? '', new RegExp(`^## ${section.title}\\n`));
});

test('pm-entry and pm-entry-time give timeline entries the engine reads, stamped now, in the chosen zone', () => {
  const vars = MOMENTS[0]![1];
  const entry = expand(parseSnippet(bodyOf(byPrefix('pm-entry'))), vars);
  assert.equal(entry, '- 2025-03-14 09:30 UTC - What happened');
  const time = expand(parseSnippet(bodyOf(byPrefix('pm-entry-time'))), vars);
  assert.equal(time, '- 09:30 UTC - What happened');
  const doc = `# X\n\n## Timeline\n\n- 2025-03-14 09:00 UTC - Detected.\n${entry}\n`;
  const { model, messages } = lint(doc);
  assert.equal(model.timeline.length, 2);
  assert.equal(model.timeline[1]?.instant, Date.UTC(2025, 2, 14, 9, 30));
  assert.ok(!messages.some((m) => ['timeline-order', 'timeline-timestamp', 'timezone-missing'].includes(m.ruleId)));
});

test('pm-task is an open task item with owner and ticket placeholders', () => {
  const s = byPrefix('pm-task');
  const nodes = parseSnippet(bodyOf(s));
  assert.equal(expand(nodes, {}), '- [ ] What will be done (owner: @owner, ticket: TICKET-1)');
  const placeholders = walk(nodes)
    .filter((n) => n.kind === 'placeholder')
    .map((n) => (n.kind === 'placeholder' ? expand(n.children, {}) : ''));
  assert.deepEqual(placeholders, ['What will be done', '@owner', 'TICKET-1']);
});

// ---- the test's own parser ----------------------------------------------------------------------

test('the snippet parser reads escapes, choices, nested defaults and rejects broken syntax', () => {
  assert.equal(
    expand(parseSnippet('a \\$1 ${1:x ${2:y}} $1 ${3|p\\,q,r|} ${CURRENT_YEAR} $CURRENT_HOUR:${4:\\}}$0'), {
      CURRENT_YEAR: '2025',
      CURRENT_HOUR: '09',
    }),
    'a $1 x y x y p,q 2025 09:}',
  );
  assert.equal(expand(parseSnippet('$1 ${1:late}'), {}), 'late late', 'a mirror before its default');
  for (const bad of ['${1:open', '${1|a,b}', '$', '${1/(.*)/$1/}', '${x']) {
    assert.throws(() => parseSnippet(bad), SnippetSyntaxError, bad);
  }
  assert.throws(() => expand(parseSnippet('$UNSET'), {}), /no value/);
});

test('the manifest contributes the snippets to Markdown', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    contributes: { snippets?: { language: string; path: string }[] };
  };
  assert.deepEqual(manifest.contributes.snippets, [{ language: 'markdown', path: './snippets/postmortem.code-snippets' }]);
});

// ---- the whole postmortem of each other profile, generated from its template --------------------

interface ProfileData extends Record<string, unknown> {
  id: string;
  sections: ProfileSection[];
  template: string;
}
const profileData = (id: string): ProfileData =>
  JSON.parse(readFileSync(join(root, 'server', 'src', 'engine', 'profiles', `${id}.json`), 'utf8')) as ProfileData;

test("the profile snippets are what snippets/build-profile-snippets.mjs writes from the profiles' templates", () => {
  execFileSync(process.execPath, [join(root, 'snippets', 'build-profile-snippets.mjs'), '--check'], { stdio: 'pipe' });
});

for (const id of ['google-sre', 'pagerduty', 'atlassian']) {
  for (const [label, vars] of MOMENTS) {
    test(`pm-postmortem-${id} expanded at ${label} is a valid skeleton of the ${id} profile, chosen in its front matter`, () => {
      const profile = profileData(id);
      const snippet = byPrefix(`pm-postmortem-${id}`);
      assert.equal(snippet.isFileTemplate, true);
      const text = expand(parseSnippet(bodyOf(snippet)), vars);
      assert.doesNotMatch(text, /\$/, 'nothing left unexpanded');
      const date = `${vars.CURRENT_YEAR}-${vars.CURRENT_MONTH}-${vars.CURRENT_DATE}`;
      assert.match(text, new RegExp(`^---\\nprofile: ${id}\\ndate: ${date}\\n---\\n`), 'the front matter names the profile and the date');
      // The same document as the template, with the slots and the "HH:MM", "N hours" and "…" filled in.
      const pattern = profile.template
        .replace(/\s*$/, '')
        .split(/(\$\{\w+\}|HH:MM|N hours|…)/)
        .map((part, i) => (i % 2 ? '[^\\n]+?' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      assert.match(text, new RegExp(`^${pattern}\\n$`), 'the template, filled in');

      const { model, messages } = lint(text);
      const structural = messages.filter((m) => STRUCTURAL_RULES.includes(m.ruleId));
      assert.deepEqual(
        structural.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
        [],
        text,
      );
      // Every required section of the profile is there, in its order.
      const required = profile.sections.filter((s) => s.required !== false).map((s) => s.id);
      const found = model.sections.filter((s) => s.id !== null).map((s) => s.id);
      assert.deepEqual(
        found.filter((s) => required.includes(s as string)),
        required,
      );

      // The timeline reads: four entries in the current hour, from :00 to :45, in the zone chosen once.
      const at = (minute: number): number =>
        Date.UTC(Number(vars.CURRENT_YEAR), Number(vars.CURRENT_MONTH) - 1, Number(vars.CURRENT_DATE), Number(vars.CURRENT_HOUR), minute);
      assert.deepEqual(
        model.timeline.map((e) => e.instant),
        [at(0), at(15), at(30), at(45)],
      );
      assert.equal(model.metrics.durationMinutes, 45);
    });
  }
  test(`the front matter of pm-postmortem-${id} chooses its profile: without it, the default profile reads it`, () => {
    const full = expand(parseSnippet(bodyOf(byPrefix(`pm-postmortem-${id}`))), MOMENTS[0]![1]);
    assert.equal(lint(full).model.profile, id);
    const bare = lint(full.replace(/^---\n[\s\S]*?\n---\n/, ''));
    assert.equal(bare.model.profile, 'default');
    const rules = (ms: { ruleId: string; message: string }[]): string[] => ms.map((m) => `${m.ruleId} ${m.message}`);
    assert.notDeepEqual(rules(bare.messages), rules(lint(full).messages), 'the default profile reads it otherwise');
  });
}
