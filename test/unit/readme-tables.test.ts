// The README's settings, rules and commands tables say what package.json and the rule list say, no more and no less.
// They are written by scripts/readme-tables.mjs: when this fails, run `npm run docs`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleList } from '../../server/src/engine';
import pkg from '../../package.json';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const FIX = 'run `npm run docs` to rewrite the README tables';

interface SettingSpec {
  default?: unknown;
}
interface CommandSpec {
  command: string;
  title: string;
  category?: string;
}
const settings = pkg.contributes.configuration.properties as Record<string, SettingSpec>;
const commands = pkg.contributes.commands as CommandSpec[];

/** The rows (cells, trimmed) of the table between `<!-- name:start -->` and `<!-- name:end -->`, header and rule excluded. */
function tableRows(name: string): string[][] {
  const start = README.indexOf(`<!-- ${name}:start -->`);
  const end = README.indexOf(`<!-- ${name}:end -->`, start);
  assert.ok(start >= 0 && end > start, `README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
  const lines = README.slice(start, end)
    .split('\n')
    .filter((l) => l.startsWith('|'));
  assert.ok(lines.length >= 2, `the ${name} table is empty: ${FIX}`);
  return lines.slice(2).map((line) =>
    line
      .replace(/^\|/, '')
      .replace(/\|\s*$/, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim()),
  );
}

function unbacktick(cell: string): string {
  const m = /^`(.*)`$/.exec(cell);
  assert.ok(m, `expected a value in backticks, got ${cell}`);
  return m[1] as string;
}

describe('README settings table', () => {
  const rows = tableRows('settings');
  const listed = new Map(rows.map((r) => [unbacktick(r[0] as string), r]));

  it('lists every postmortem.* setting of package.json, once, and nothing else', () => {
    assert.equal(listed.size, rows.length, `a setting is listed twice: ${FIX}`);
    assert.deepEqual([...listed.keys()].sort(), Object.keys(settings).sort(), FIX);
    for (const name of listed.keys()) assert.match(name, /^postmortem\./);
  });

  it('gives each setting its default from package.json and a description', () => {
    for (const [name, spec] of Object.entries(settings)) {
      const row = listed.get(name);
      assert.ok(row, `${name} missing: ${FIX}`);
      assert.deepEqual(
        JSON.parse(unbacktick(row[1] as string)),
        spec.default,
        `${name}: the README's default differs from package.json: ${FIX}`,
      );
      assert.ok((row[2] ?? '').length > 10, `${name} has no description`);
    }
  });
});

describe('README rules table', () => {
  const rows = tableRows('rules');
  const listed = new Map(
    rows.map((r) => {
      const link = /^\[([\w-]+)\]\(docs\/rules\/([\w-]+)\.md\)$/.exec(r[0] as string);
      assert.ok(link, `a rule cell is not a link to docs/rules/<id>.md: ${r[0]}`);
      assert.equal(link[1], link[2], `${link[1]} links to the page of ${link[2]}`);
      return [link[1] as string, r];
    }),
  );

  it('lists every rule of ruleList, once, and nothing else', () => {
    assert.equal(listed.size, rows.length, `a rule is listed twice: ${FIX}`);
    assert.deepEqual([...listed.keys()].sort(), ruleList.map((r) => r.id).sort(), FIX);
  });

  it('gives each rule its default severity, whether it fixes, and what it checks', () => {
    for (const rule of ruleList) {
      const row = listed.get(rule.id) as string[];
      assert.equal(row[1], rule.defaultSeverity, `${rule.id}: default severity: ${FIX}`);
      assert.equal(row[2] === 'yes', rule.fixable, `${rule.id}: fixable: ${FIX}`);
      assert.ok(row[2] === 'yes' || row[2] === '', `${rule.id}: the fix cell is "yes" or empty, not "${row[2]}"`);
      assert.ok((row[3] ?? '').length > 10, `${rule.id} says nothing about what it checks`);
    }
  });

  it('each rule has its docs page, and each docs page is a rule', () => {
    const pages = fs
      .readdirSync(path.join(ROOT, 'docs', 'rules'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.replace(/\.md$/, ''));
    for (const rule of ruleList) assert.ok(pages.includes(rule.id), `docs/rules/${rule.id}.md is missing`);
    for (const page of pages)
      assert.ok(
        ruleList.some((r) => r.id === page),
        `docs/rules/${page}.md documents no rule`,
      );
  });
});

describe('README commands table', () => {
  const rows = tableRows('commands');

  it('lists every contributed command with its title, once, and nothing else', () => {
    const ids = rows.map((r) => unbacktick(r[1] as string));
    assert.equal(new Set(ids).size, ids.length, `a command is listed twice: ${FIX}`);
    assert.deepEqual([...ids].sort(), commands.map((c) => c.command).sort(), FIX);
    for (const c of commands) {
      const row = rows.find((r) => r[1] === `\`${c.command}\``) as string[];
      assert.equal(row[0], `**${c.category ? `${c.category}: ` : ''}${c.title}**`, `${c.command}: title: ${FIX}`);
      assert.ok((row[2] ?? '').length > 10, `${c.command} says nothing about what it does`);
    }
  });
});

describe('npm run docs', () => {
  it('would leave the README as it is (scripts/readme-tables.mjs --check)', () => {
    assert.match(pkg.scripts.docs, /scripts\/readme-tables\.mjs/);
    const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'readme-tables.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(res.status, 0, res.stderr || res.stdout);
  });
});
