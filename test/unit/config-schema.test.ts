/**
 * The JSON schema (schemas/postmortemrc.schema.json, what editors check `.postmortemrc.json` with) and
 * the loader's validator (engine/config) must give every configuration the same verdict, so neither can
 * drift from the other. Every `.json` under test/fixtures/config is run through both. The folders of
 * test/fixtures/config/schema say what is expected; the only differences allowed are those a schema
 * cannot express (validator-only: unknown rule ids and zones, duplicate keys, min over max, …) and any
 * listed where the schema is stricter (schema-only; none today: duplicate "holds" values were, until the
 * validator reported them too).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parseConfigText } from '../../server/src/engine/config';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'config');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'postmortemrc.schema.json'), 'utf8'));
// Not strict: the schema carries VS Code's own keywords (enumDescriptions).
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? jsonFiles(p) : e.name.endsWith('.json') ? [p] : [];
  });
}

function verdicts(file: string): { schema: boolean; validator: boolean; why: string } {
  const text = fs.readFileSync(file, 'utf8');
  const { problems } = parseConfigText(text, file);
  let data: unknown;
  let parsed = true;
  try {
    data = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const bySchema = parsed && validate(data) === true;
  const why = [
    ...problems.map((p) => `validator: ${p.message}`),
    ...(validate.errors ?? []).map((e) => `schema: ${e.instancePath} ${e.message}`),
  ].join('\n');
  return { schema: bySchema, validator: problems.length === 0, why };
}

const files = jsonFiles(FIXTURES);

describe('the JSON schema and the validator agree', () => {
  it('finds the fixtures', () => {
    assert.ok(files.length >= 40, `${files.length} config fixtures`);
    for (const kind of ['valid', 'invalid', 'validator-only']) {
      assert.ok(
        files.some((f) => f.includes(`${path.sep}schema${path.sep}${kind}${path.sep}`)),
        kind,
      );
    }
  });

  for (const file of files) {
    const rel = path.relative(FIXTURES, file);
    const kind = rel.split(path.sep)[0] === 'schema' ? rel.split(path.sep)[1] : undefined;
    it(rel, () => {
      const v = verdicts(file);
      switch (kind) {
        case 'valid':
          assert.deepEqual({ schema: v.schema, validator: v.validator }, { schema: true, validator: true }, v.why);
          break;
        case 'invalid':
          assert.deepEqual({ schema: v.schema, validator: v.validator }, { schema: false, validator: false }, v.why);
          break;
        case 'validator-only':
          assert.deepEqual({ schema: v.schema, validator: v.validator }, { schema: true, validator: false }, v.why);
          break;
        case 'schema-only':
          assert.deepEqual({ schema: v.schema, validator: v.validator }, { schema: false, validator: true }, v.why);
          break;
        default:
          // The other config fixtures (project, invalid): whatever they are, both say the same.
          assert.equal(v.schema, v.validator, v.why);
      }
    });
  }
});
