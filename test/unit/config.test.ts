import { describe, it, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CONFIG_FILE_NAME,
  MAX_CONFIG_BYTES,
  clearConfigCache,
  loadConfigFile,
  mergeOptions,
  parseConfigText,
  resolveConfig,
  type ConfigFs,
} from '../../server/src/engine/config';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'config');
const fixture = (...p: string[]): string => path.join(FIXTURES, ...p);
const readFixture = (...p: string[]): string => fs.readFileSync(fixture(...p), 'utf8');

/** JSON round trip: compares data regardless of prototypes. */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

function memFs(files: Record<string, string>): ConfigFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    stat(p) {
      const text = files[p];
      return text === undefined ? undefined : { mtimeMs: 1, size: Buffer.byteLength(text), isFile: true };
    },
    readFile(p) {
      reads.push(p);
      const text = files[p];
      if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
      return text;
    },
  };
}

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-config-'));
  tmpDirs.push(dir);
  return dir;
}
after(() => {
  for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
});

beforeEach(() => clearConfigCache());

describe('parseConfigText', () => {
  it('reads a complete valid configuration without problems', () => {
    const { config, problems } = parseConfigText(readFixture('project', CONFIG_FILE_NAME), 'a.json');
    assert.deepEqual(problems, []);
    assert.deepEqual(plain(config), {
      root: true,
      profile: 'default',
      defaultZone: 'UTC',
      dateOrder: 'mdy',
      rules: { 'duration-consistent': 'error', 'word-count': ['warning', { min: 300, max: 900 }] },
      zoneAliases: { IST: 'Asia/Kolkata' },
      profiles: { team: { extends: 'default', name: 'Team style', headingDepth: 2 } },
    });
  });

  it('reports malformed JSON with its position and uses defaults', () => {
    const { config, problems } = parseConfigText(readFixture('invalid', 'malformed.json'), 'malformed.json');
    assert.deepEqual(plain(config), {});
    assert.equal(problems.length, 1);
    const p = problems[0]!;
    assert.equal(p.file, 'malformed.json');
    assert.match(p.message, /malformed JSON/);
    assert.match(p.message, /expected ',' or '}'/);
    assert.equal(p.line, 5);
    assert.equal(p.column, 5);
  });

  it('reports common JSON mistakes clearly', () => {
    const cases: [string, RegExp, number, number][] = [
      ['{"rules": {"a": "error",}}', /trailing comma/, 1, 25],
      ["{'profile': 'x'}", /property name in double quotes/, 1, 2],
      ['{"profile": "x"} extra', /after the end/, 1, 18],
      ['{\n  // comment\n  "profile": "x"\n}', /comments are not allowed/, 2, 3],
      ['{"profile": "x"', /expected ',' or '}', found end of file/, 1, 16],
      ['', /empty/, 1, 1],
    ];
    for (const [text, re, line, column] of cases) {
      const { problems } = parseConfigText(text, 'c.json');
      assert.equal(problems.length, 1, text);
      assert.match(problems[0]!.message, re, text);
      assert.equal(problems[0]!.line, line, text);
      assert.equal(problems[0]!.column, column, text);
    }
  });

  it('accepts a BOM and CRLF line endings, positions stay right', () => {
    const { config, problems } = parseConfigText('\uFEFF{\r\n  "profile": "default",\r\n  "dateorder": "dmy"\r\n}', 'c.json');
    assert.equal(config.profile, 'default');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /unknown key "dateorder"/);
    assert.equal(problems[0]!.line, 3);
    assert.equal(problems[0]!.column, 3);
  });

  it('rejects a top level that is not an object', () => {
    for (const text of ['[]', '"default"', '42', 'null']) {
      const { config, problems } = parseConfigText(text, 'c.json');
      assert.deepEqual(plain(config), {});
      assert.equal(problems.length, 1);
      assert.match(problems[0]!.message, /must be a JSON object/);
    }
  });

  it('drops wrong types, unknown keys and unknown severities, keeping the valid parts', () => {
    const text = readFixture('invalid', 'wrong-types.json');
    const { config, problems } = parseConfigText(text, 'wrong-types.json');
    assert.deepEqual(plain(config), {
      rules: { 'timezone-consistent': 'error', 'word-count': 'warning' },
      zoneAliases: { PST: 'America/Los_Angeles' },
      profiles: {
        team: { extends: 'default', sections: [{ id: 'summary', title: 'Summary', holds: ['duration'] }] },
      },
    });
    const messages = problems.map((p) => p.message);
    const expectMessage = (re: RegExp): void =>
      assert.ok(
        messages.some((m) => re.test(m)),
        `expected ${re} in\n${messages.join('\n')}`,
      );
    expectMessage(/"root" must be true or false, found a string/);
    expectMessage(/"profile" must be a string, found a number/);
    expectMessage(/unknown key "colour"/);
    expectMessage(/"dateOrder" must be "mdy" or "dmy", found "ymd"/);
    expectMessage(/"defaultZone" must not be empty/);
    expectMessage(/unknown severity "warn" for rule "required-sections".*did you mean "warning"/);
    expectMessage(/unknown severity "fatal" for rule "timeline-order"/);
    expectMessage(/unknown severity 2 for rule "duration-consistent".*did you mean "error"/);
    expectMessage(/the options of rule "timezone-consistent" must be an object/);
    expectMessage(/unknown rule "timeline-ordr"; did you mean "timeline-order"\?/);
    expectMessage(/zone alias "IST": unknown time zone "Mars\/Olympus"/);
    expectMessage(/zone alias "CST" must be a string/);
    expectMessage(/"headingDepth" in profile "team" must be a whole number from 1 to 6/);
    expectMessage(/unknown key "color" in profile "team"/);
    expectMessage(/unknown value "weather"/);
    expectMessage(/has no valid "id"/);
    expectMessage(/duplicate section id "summary"/);
    expectMessage(/profile "bad" must be an object/);
    // Every problem is located in the file.
    for (const p of problems) {
      assert.equal(p.file, 'wrong-types.json');
      assert.ok(p.line! >= 1 && p.column! >= 1, p.message);
    }
    const colour = problems.find((p) => p.message.includes('"colour"'))!;
    assert.equal(colour.line, 4);
    assert.equal(colour.column, 3);
  });

  it('reports a value listed twice in a section\'s "holds" (the schema\'s uniqueItems) and keeps it once', () => {
    const text =
      '{ "profiles": { "team": { "sections": [{ "id": "summary", "title": "Summary", "holds": ["impact", "duration", "impact"] }] } } }';
    const { config, problems } = parseConfigText(text, 'c.json');
    assert.deepEqual(plain(config), {
      profiles: { team: { sections: [{ id: 'summary', title: 'Summary', holds: ['impact', 'duration'] }] } },
    });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /"impact" is listed twice in "holds"/);
    assert.equal(problems[0]!.column, text.lastIndexOf('"impact"') + 1);
  });

  it('never pollutes prototypes with hostile keys', () => {
    const text = readFixture('invalid', 'hostile.json');
    const { config, problems } = parseConfigText(text, 'hostile.json');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as unknown as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(config), Object.prototype);
    assert.equal(Object.prototype.hasOwnProperty.call(config, '__proto__'), false);
    assert.equal(Object.prototype.hasOwnProperty.call(config, 'constructor'), false);
    assert.deepEqual(Object.keys(config.rules!), ['required-sections']);
    const setting = config.rules!['required-sections'] as [string, Record<string, unknown>];
    assert.equal(setting[0], 'error');
    assert.deepEqual(Object.keys(setting[1]), ['ok']);
    assert.equal(Object.getPrototypeOf(setting[1]), Object.prototype);
    assert.deepEqual(Object.keys(config.zoneAliases!), []);
    assert.deepEqual(Object.keys(config.profiles!), []);
    assert.ok(problems.length >= 7);
    assert.ok(problems.every((p) => /not allowed/.test(p.message)));

    // mergeOptions filters them too, even when handed objects built with JSON.parse.
    const evil = JSON.parse('{"rules": {"__proto__": {"polluted": true}}, "zoneAliases": {"__proto__": {"polluted": true}}}');
    const merged = mergeOptions({}, evil);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(merged.rules!), []);
    assert.deepEqual(Object.keys(merged.zoneAliases!), []);
  });

  it('refuses a huge configuration text', () => {
    const text = '{"profile": "' + 'x'.repeat(MAX_CONFIG_BYTES) + '"}';
    const { config, problems } = parseConfigText(text, 'big.json');
    assert.deepEqual(plain(config), {});
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /larger than 1 MB.*refused/);
  });

  it('survives deep nesting and odd input without throwing', () => {
    const deep = '{"rules": {"a": ["error", ' + '['.repeat(5000) + ']'.repeat(5000) + ']}}';
    const { problems } = parseConfigText(deep, 'deep.json');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /nesting deeper/);
    assert.doesNotThrow(() => parseConfigText('{"a": "\\u12"}', 'x.json'));
    assert.doesNotThrow(() => parseConfigText('\u0000\u0001', 'x.json'));
    assert.doesNotThrow(() => parseConfigText(undefined as unknown as string, 'x.json'));
  });

  it('reports duplicate keys and keeps the last value', () => {
    const { config, problems } = parseConfigText('{"profile": "a", "profile": "b"}', 'd.json');
    assert.equal(config.profile, 'b');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /duplicate key "profile"/);
    assert.equal(problems[0]!.column, 18);
  });
});

describe('mergeOptions', () => {
  it('replaces scalars and deep-merges rules, zone aliases and profiles', () => {
    const base = {
      profile: 'default',
      defaultZone: 'UTC',
      dateOrder: 'mdy' as const,
      rules: {
        a: 'error' as const,
        b: ['warning', { max: 5 }] as ['warning', Record<string, unknown>],
        c: 'info' as const,
      },
      zoneAliases: { IST: 'Asia/Kolkata' },
      profiles: { team: { extends: 'default', name: 'Team' } },
    };
    const over = {
      dateOrder: 'dmy' as const,
      rules: {
        b: 'error' as const,
        c: 'off' as const,
        d: ['warning', { x: 1 }] as ['warning', Record<string, unknown>],
      },
      zoneAliases: { BST: 'Europe/London' },
      profiles: { team: { description: 'd' }, other: { name: 'O' } },
    };
    const merged = mergeOptions(base, over);
    assert.deepEqual(plain(merged), {
      profile: 'default',
      defaultZone: 'UTC',
      dateOrder: 'dmy',
      rules: { a: 'error', b: ['error', { max: 5 }], c: 'off', d: ['warning', { x: 1 }] },
      zoneAliases: { IST: 'Asia/Kolkata', BST: 'Europe/London' },
      profiles: { team: { extends: 'default', name: 'Team', description: 'd' }, other: { name: 'O' } },
    });
    // Inputs untouched.
    assert.equal(base.rules.b[0], 'warning');
    assert.equal(Object.keys(base.zoneAliases).length, 1);
  });

  it('merges rule options when both sides give options', () => {
    const merged = mergeOptions({ rules: { w: ['warning', { min: 1, max: 2 }] } }, { rules: { w: ['error', { max: 9 }] } });
    assert.deepEqual(plain(merged.rules), { w: ['error', { min: 1, max: 9 }] });
  });
});

describe('resolveConfig', () => {
  it('discovers files up to root:true, nearer overriding farther', () => {
    const file = fixture('project', 'team', 'ops', 'incident.md');
    const resolved = resolveConfig(file);
    assert.deepEqual(resolved.files, [fixture('project', CONFIG_FILE_NAME), fixture('project', 'team', CONFIG_FILE_NAME)]);
    assert.deepEqual(resolved.problems, []);
    assert.deepEqual(plain(resolved.options), {
      profile: 'default',
      defaultZone: 'Africa/Lagos',
      dateOrder: 'dmy',
      rules: {
        'duration-consistent': 'error',
        'word-count': ['info', { min: 300, max: 900 }],
        'timeline-order': 'off',
      },
      zoneAliases: { IST: 'Asia/Kolkata', BST: 'Europe/London' },
      profiles: {
        team: { extends: 'default', name: 'Team style', headingDepth: 2, description: "The team's postmortems" },
      },
    });
    assert.equal('root' in resolved.options, false);
  });

  it('applies overrides on top', () => {
    const resolved = resolveConfig(fixture('project', 'team', 'ops', 'incident.md'), {
      profile: 'team',
      rules: { 'timeline-order': 'error' },
    });
    assert.equal(resolved.options.profile, 'team');
    assert.equal(resolved.options.rules!['timeline-order'], 'error');
    assert.equal(resolved.options.defaultZone, 'Africa/Lagos');
  });

  it('walks to the filesystem root when no file says root:true', () => {
    const files = {
      [path.resolve('/a/.postmortemrc.json')]: '{"defaultZone": "UTC", "rules": {"word-count": "error"}}',
      [path.resolve('/.postmortemrc.json')]: '{"profile": "far", "defaultZone": "Europe/Paris"}',
      [path.resolve('/a/b/c/.postmortemrc.json')]: '{"rules": {"timeline-order": "warning"}}',
    };
    const mem = memFs(files);
    const resolved = resolveConfig(path.resolve('/a/b/c/d/pm.md'), undefined, mem);
    assert.deepEqual(resolved.files, [
      path.resolve('/.postmortemrc.json'),
      path.resolve('/a/.postmortemrc.json'),
      path.resolve('/a/b/c/.postmortemrc.json'),
    ]);
    assert.deepEqual(plain(resolved.options), {
      profile: 'far',
      defaultZone: 'UTC',
      rules: { 'word-count': 'error', 'timeline-order': 'warning' },
    });
  });

  it('stops at root:true and ignores files above it', () => {
    const mem = memFs({
      [path.resolve('/.postmortemrc.json')]: '{"profile": "above"}',
      [path.resolve('/repo/.postmortemrc.json')]: '{"root": true, "defaultZone": "UTC"}',
    });
    const resolved = resolveConfig(path.resolve('/repo/docs/pm.md'), undefined, mem);
    assert.deepEqual(resolved.files, [path.resolve('/repo/.postmortemrc.json')]);
    assert.deepEqual(plain(resolved.options), { defaultZone: 'UTC' });
    assert.ok(!mem.reads.includes(path.resolve('/.postmortemrc.json')));
  });

  it('returns defaults and no files when there is no configuration', () => {
    const resolved = resolveConfig(path.resolve('/x/y/pm.md'), undefined, memFs({}));
    assert.deepEqual(resolved, { options: {}, files: [], problems: [] });
  });

  it('reports a broken file by name and still uses the others', () => {
    const mem = memFs({
      [path.resolve('/r/.postmortemrc.json')]: '{"root": true, "defaultZone": "UTC"}',
      [path.resolve('/r/s/.postmortemrc.json')]: '{"defaultZone": ',
    });
    const resolved = resolveConfig(path.resolve('/r/s/pm.md'), undefined, mem);
    assert.equal(resolved.options.defaultZone, 'UTC');
    assert.equal(resolved.problems.length, 1);
    assert.equal(resolved.problems[0]!.file, path.resolve('/r/s/.postmortemrc.json'));
    assert.match(resolved.problems[0]!.message, /malformed JSON/);
  });

  it('does not throw when reading fails', () => {
    const mem: ConfigFs = {
      stat: () => ({ mtimeMs: 1, size: 10, isFile: true }),
      readFile: () => {
        throw Object.assign(new Error('denied'), { code: 'EACCES' });
      },
    };
    const resolved = resolveConfig(path.resolve('/q/pm.md'), undefined, mem);
    assert.deepEqual(resolved.options, {});
    assert.ok(resolved.problems.length >= 1);
    assert.match(resolved.problems[0]!.message, /could not read the configuration file \(EACCES\)/);
  });

  it('refuses a configuration file over 1 MB on disk without reading it', () => {
    const dir = tmpDir();
    const big = path.join(dir, CONFIG_FILE_NAME);
    fs.writeFileSync(big, '{"root": true, "profile": "' + 'x'.repeat(MAX_CONFIG_BYTES + 10) + '"}');
    const resolved = resolveConfig(path.join(dir, 'pm.md'));
    assert.deepEqual(resolved.files, [big]);
    assert.deepEqual(plain(resolved.options), {});
    assert.equal(resolved.problems.length, 1);
    assert.match(resolved.problems[0]!.message, /larger than 1 MB/);
    assert.equal(resolved.problems[0]!.line, 1);
  });

  it('caches by modification time and sees edits', () => {
    const dir = tmpDir();
    const rc = path.join(dir, CONFIG_FILE_NAME);
    fs.writeFileSync(rc, '{"root": true, "defaultZone": "UTC"}');
    assert.equal(resolveConfig(path.join(dir, 'a.md')).options.defaultZone, 'UTC');
    const first = loadConfigFile(rc);
    assert.equal(loadConfigFile(rc).config, first.config, 'second load comes from the cache');
    fs.writeFileSync(rc, '{"root": true, "defaultZone": "Asia/Tokyo"}');
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(rc, later, later);
    assert.equal(resolveConfig(path.join(dir, 'a.md')).options.defaultZone, 'Asia/Tokyo');
    clearConfigCache();
    assert.notEqual(loadConfigFile(rc).config, first.config);
  });

  it('reads the real fixture tree from disk with a nested rc without root', () => {
    const dir = tmpDir();
    fs.mkdirSync(path.join(dir, 'docs', 'deep'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, CONFIG_FILE_NAME),
      JSON.stringify({ root: true, profile: 'default', rules: { 'word-count': 'error' } }),
    );
    fs.writeFileSync(path.join(dir, 'docs', CONFIG_FILE_NAME), JSON.stringify({ profile: 'team', unknownThing: 1 }));
    const resolved = resolveConfig(path.join(dir, 'docs', 'deep', 'pm.md'));
    assert.equal(resolved.options.profile, 'team');
    assert.deepEqual(plain(resolved.options.rules), { 'word-count': 'error' });
    assert.equal(resolved.problems.length, 1);
    assert.match(resolved.problems[0]!.message, /unknown key "unknownThing"/);
    assert.equal(resolved.problems[0]!.file, path.join(dir, 'docs', CONFIG_FILE_NAME));
  });
});

describe('JSON schema', () => {
  it('is draft-07, describes every field, and lists exactly the keys the loader accepts', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'postmortemrc.schema.json'), 'utf8'));
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(
      Object.keys(schema.properties).sort(),
      ['$schema', 'dateOrder', 'defaultZone', 'profile', 'profiles', 'root', 'rules', 'zoneAliases'].sort(),
    );
    const missing: string[] = [];
    const visit = (node: unknown, where: string): void => {
      if (!node || typeof node !== 'object') return;
      const obj = node as Record<string, unknown>;
      if (obj.properties && typeof obj.properties === 'object') {
        for (const [k, v] of Object.entries(obj.properties as Record<string, unknown>)) {
          if (!(v as Record<string, unknown>).description) missing.push(`${where}.${k}`);
          visit(v, `${where}.${k}`);
        }
      }
      for (const key of ['definitions', 'additionalProperties', 'items']) {
        const child = obj[key];
        if (Array.isArray(child)) child.forEach((c, i) => visit(c, `${where}.${key}[${i}]`));
        else if (child && typeof child === 'object') {
          if (key === 'definitions') for (const [k, v] of Object.entries(child)) visit(v, `#${k}`);
          else visit(child, `${where}.${key}`);
        }
      }
    };
    visit(schema, '');
    assert.deepEqual(missing, []);
    // The valid fixture uses only what the schema knows about (top level and profile fields).
    const valid = JSON.parse(readFixture('project', CONFIG_FILE_NAME));
    for (const k of Object.keys(valid)) assert.ok(k in schema.properties, k);
    const profileKeys = Object.keys(schema.definitions.profile.properties);
    assert.deepEqual(profileKeys.sort(), [
      'actionItems',
      'description',
      'extends',
      'headingDepth',
      'name',
      'replaceSections',
      'sections',
      'template',
      'wordCount',
    ]);
  });
});
