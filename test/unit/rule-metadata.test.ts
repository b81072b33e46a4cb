// Each rule describes itself in its defineRule metadata (description, severity, fix, options with their types,
// defaults and docs). The README's rules table and the rules' entries in the config's JSON schema are generated
// from it (`npm run docs`); this test fails when either is stale, when a rule file does not open with what it
// reads, or when a rule's docs page does not name its options.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleList } from '../../server/src/engine';
import { readOptions, type OptionSpecs } from '../../server/src/engine/rules/util';

const ROOT = path.join(__dirname, '..', '..');
const FIX = 'run `npm run docs`';

interface OptionSchema {
  type: string;
  default?: unknown;
  description: string;
  items?: { type: string };
}
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'postmortemrc.schema.json'), 'utf8'));
const ruleEntries = schema.properties.rules.properties as Record<
  string,
  {
    description: string;
    oneOf?: { items?: [unknown, { properties?: Record<string, OptionSchema> }] }[];
    allOf?: unknown[];
  }
>;

describe('rule metadata', () => {
  it("the JSON schema's rules are what the metadata writes (scripts/rule-schema.mjs --check)", () => {
    assert.match(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.docs, /scripts\/rule-schema\.mjs/);
    const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'rule-schema.mjs'), '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.equal(res.status, 0, res.stderr || res.stdout);
  });

  it('the schema has one entry per rule, with its options, their types and defaults', () => {
    assert.deepEqual(
      Object.keys(ruleEntries),
      ruleList.map((r) => r.id),
      FIX,
    );
    for (const rule of ruleList) {
      const entry = ruleEntries[rule.id]!;
      assert.ok(entry.description.startsWith(rule.description), `${rule.id}: ${FIX}`);
      const options = entry.oneOf?.[1]?.items?.[1]?.properties ?? {};
      assert.deepEqual(Object.keys(options), Object.keys(rule.options), `${rule.id}: ${FIX}`);
      for (const [name, spec] of Object.entries(rule.options as OptionSpecs)) {
        const s = options[name]!;
        assert.equal(s.type, spec.type === 'string[]' ? 'array' : spec.type, `${rule.id}.${name}`);
        assert.deepEqual(s.default, spec.default, `${rule.id}.${name}`);
        assert.ok(s.description.startsWith(spec.description), `${rule.id}.${name}`);
      }
    }
  });

  it('each rule file opens with what the rule reads and why', () => {
    for (const rule of ruleList) {
      const text = fs.readFileSync(path.join(ROOT, 'server', 'src', 'engine', 'rules', `${rule.id}.ts`), 'utf8');
      const header = new RegExp(String.raw`/\*\*\n \* ${rule.id}: [^\n]+\n`);
      const at = header.exec(text)?.index ?? -1;
      assert.ok(at >= 0 && at < text.indexOf('export default defineRule('), `${rule.id}.ts has no "/** ${rule.id}: …" header`);
    }
  });

  it("each rule's docs page names its options (or says it has none)", () => {
    for (const rule of ruleList) {
      const page = fs.readFileSync(path.join(ROOT, 'docs', 'rules', `${rule.id}.md`), 'utf8');
      const section = /^## Options\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page)?.[1];
      assert.ok(section !== undefined, `docs/rules/${rule.id}.md has no Options section`);
      const names = Object.keys(rule.options);
      if (!names.length) assert.match(section, /^None\b/, `docs/rules/${rule.id}.md: ${rule.id} takes no options`);
      for (const name of names) assert.ok(section.includes(`\`${name}\``), `docs/rules/${rule.id}.md does not document \`${name}\``);
    }
  });
});

describe('readOptions', () => {
  const specs = {
    tolerance: { type: 'number', default: 5, description: 'd' },
    limit: { type: 'number', description: 'd' },
    season: { type: 'boolean', default: true, description: 'd' },
    words: { type: 'string[]', default: [], description: 'd' },
  } as const;

  it('gives each declared option its value when it has the type, else its default', () => {
    assert.deepEqual(readOptions(specs, {}), { tolerance: 5, limit: undefined, season: true, words: [] });
    assert.deepEqual(readOptions(specs, { tolerance: 10, limit: 0, season: false, words: [' a ', 'b'] }), {
      tolerance: 10,
      limit: 0,
      season: false,
      words: ['a', 'b'],
    });
    assert.deepEqual(readOptions(specs, { tolerance: '10', limit: Number.NaN, season: 'no', words: 'a', other: 1 }), {
      tolerance: 5,
      limit: undefined,
      season: true,
      words: [],
    });
    assert.deepEqual(readOptions(specs, { words: ['a', 3, '  ', null, 'b'] }).words, ['a', 'b'], 'blank and non-string items are skipped');
  });
});
