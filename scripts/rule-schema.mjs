// `npm run docs` (with readme-tables.mjs): writes each rule's entry under "rules" in
// schemas/postmortemrc.schema.json from the rule's metadata (defineRule: description, default severity,
// options with their types, defaults and docs). Only properties.rules.properties is rewritten; the rest of
// the schema is written by hand and left as it is.
//
// Usage: node --import tsx scripts/rule-schema.mjs [--check]
//   --check   write nothing; exit 1 if the schema differs from what would be written.
// test/unit/rule-metadata.test.ts runs the check and compares the schema with the metadata.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyEdits, modify } from 'jsonc-parser';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA = path.join(ROOT, 'schemas', 'postmortemrc.schema.json');

async function loadRules() {
  const mod = await import(path.join(ROOT, 'server/src/engine/rules/index.ts'));
  return mod.ruleList ?? mod.default.ruleList;
}

/** One option's schema from its spec. */
export function optionSchema(spec) {
  const description = spec.defaultText ? `${spec.description} Default: ${spec.defaultText}.` : spec.description;
  switch (spec.type) {
    case 'number':
      return { type: 'number', ...(spec.default !== undefined ? { default: spec.default } : {}), description };
    case 'boolean':
      return { type: 'boolean', default: spec.default, description };
    case 'string[]':
      return { type: 'array', items: { type: 'string' }, default: [...spec.default], description };
    default:
      throw new Error(`unknown option type ${spec.type}`);
  }
}

/** A rule's setting: a severity, or [severity, options] with the options it declares (the generic setting when none). */
export function ruleSchema(rule) {
  const description = `${rule.description} Default: ${rule.defaultSeverity}.${rule.fixable ? ' Fixable.' : ''}`;
  const names = Object.keys(rule.options);
  if (!names.length) return { description: `${description} No options.`, allOf: [{ $ref: '#/definitions/ruleSetting' }] };
  const options = {
    type: 'object',
    description: `Options of ${rule.id}.`,
    properties: Object.fromEntries(names.map((n) => [n, optionSchema(rule.options[n])])),
  };
  return {
    description,
    oneOf: [
      { $ref: '#/definitions/severity' },
      {
        type: 'array',
        description: '[severity, { options }]',
        minItems: 1,
        maxItems: 2,
        items: [{ $ref: '#/definitions/severity' }, options],
      },
    ],
  };
}

/** The schema's text with its rules' entries written from the metadata. */
export async function renderSchema(text) {
  const rules = await loadRules();
  const properties = Object.fromEntries(rules.map((r) => [r.id, ruleSchema(r)]));
  const edits = modify(text, ['properties', 'rules', 'properties'], properties, {
    formattingOptions: { insertSpaces: true, tabSize: 2, eol: '\n' },
  });
  return applyEdits(text, edits);
}

async function main() {
  const check = process.argv.includes('--check');
  const before = readFileSync(SCHEMA, 'utf8');
  const after = await renderSchema(before);
  if (check) {
    if (after !== before) {
      console.error("schemas/postmortemrc.schema.json: the rules' entries are out of date; run npm run docs");
      process.exit(1);
    }
    console.log('schemas/postmortemrc.schema.json rules are up to date');
    return;
  }
  if (after !== before) writeFileSync(SCHEMA, after);
  console.log(
    after !== before ? 'schemas/postmortemrc.schema.json rules updated' : 'schemas/postmortemrc.schema.json rules already up to date',
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
