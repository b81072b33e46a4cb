/**
 * Validation of a `.postmortemrc.json` text: what is invalid is dropped and reported as a located
 * ConfigProblem, the rest becomes options. Never throws.
 */
import type { RuleSetting, Severity } from '../types';
import { ruleList } from '../rules';
import { optionAccepts, type OptionSpec } from '../rules/util';
import { isIanaZone } from '../time/iana';
import { editDistance } from '../util/editDistance';
import { parseJson, type JsonNode } from './json';
import { parseProfiles } from './profiles';
import type { ConfigProblem, ParsedConfig } from './types';
import { toPlain, typeName, Validator } from './validator';

/** Config files larger than this are refused. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

const SEVERITIES: readonly (Severity | 'off')[] = ['off', 'info', 'warning', 'error'];
const SEVERITY_SUGGESTIONS: Record<string, string> = {
  warn: 'warning',
  err: 'error',
  information: 'info',
  hint: 'info',
  none: 'off',
  disable: 'off',
  disabled: 'off',
  '0': 'off',
  '1': 'warning',
  '2': 'error',
};

function parseSeverity(node: JsonNode, v: Validator, what: string): Severity | 'off' | undefined {
  if (node.type === 'string' && (SEVERITIES as readonly string[]).includes(node.value)) return node.value as Severity | 'off';
  const raw = node.type === 'string' || node.type === 'number' ? String(node.value) : undefined;
  const suggestion = raw !== undefined ? SEVERITY_SUGGESTIONS[raw.toLowerCase()] : undefined;
  const shown = node.type === 'string' ? JSON.stringify(node.value) : raw !== undefined ? raw : typeName(node);
  v.report(
    node.start,
    `unknown severity ${shown} for ${what} (expected "off", "info", "warning" or "error")` +
      (suggestion ? `; did you mean "${suggestion}"?` : '') +
      '; ignored',
  );
  return undefined;
}

let ruleIds: Set<string> | undefined;
function knownRuleIds(): Set<string> {
  ruleIds ??= new Set(ruleList.map((r) => r.id));
  return ruleIds;
}

/** The candidate nearest to `word`, when it is close enough to be a likely typo. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

const OPTION_TYPES: Record<OptionSpec['type'], string> = {
  number: 'a number',
  boolean: 'true or false',
  'string[]': 'an array of strings',
};

/**
 * The options a rule declares (its metadata: what the JSON schema is generated from) must have their type; a value
 * that does not is reported and dropped, and the rule uses its default, as it would have anyway. In a list of
 * strings only the items that are not strings are dropped (the rule skips them).
 */
function dropMistypedOptions(
  ruleId: string,
  node: JsonNode & { type: 'object' },
  opts: Record<string, unknown>,
  v: Validator,
  what: string,
): void {
  const specs: Record<string, OptionSpec> = ruleList.find((r) => r.id === ruleId)?.options ?? {};
  // The last of duplicate keys is the one used.
  const last = new Map(node.props.map((prop) => [prop.key, prop]));
  for (const prop of last.values()) {
    const spec = Object.hasOwn(specs, prop.key) ? specs[prop.key] : undefined;
    if (!spec || !Object.hasOwn(opts, prop.key) || optionAccepts(spec, opts[prop.key])) continue;
    const option = `the option "${prop.key}" of ${what}`;
    const list = opts[prop.key];
    if (spec.type === 'string[]' && prop.value.type === 'array' && Array.isArray(list)) {
      for (const item of prop.value.items)
        if (item.type !== 'string') v.report(item.start, `an item of ${option} must be a string, found ${typeName(item)}; ignored`);
      opts[prop.key] = list.filter((item) => typeof item === 'string');
      continue;
    }
    v.report(prop.value.start, `${option} must be ${OPTION_TYPES[spec.type]}, found ${typeName(prop.value)}; ignored`);
    delete opts[prop.key];
  }
}

function parseRules(node: JsonNode, v: Validator): Record<string, RuleSetting> | undefined {
  if (!v.expectObject(node, '"rules"')) return undefined;
  const out: Record<string, RuleSetting> = {};
  for (const p of v.props(node, ' in "rules"')) {
    const what = `rule "${p.key}"`;
    if (!/^[A-Za-z0-9][\w./-]*$/.test(p.key)) {
      v.report(p.keyStart, `"${p.key}" is not a valid rule id; ignored`);
      continue;
    }
    if (!knownRuleIds().has(p.key)) {
      const hint = closest(p.key, [...knownRuleIds()]);
      v.report(p.keyStart, `unknown rule "${p.key}"${hint ? `; did you mean "${hint}"?` : ''}; ignored`);
      continue;
    }
    const val = p.value;
    if (val.type === 'array') {
      const [sevNode, optNode, ...rest] = val.items;
      if (!sevNode) {
        v.report(val.start, `${what}: expected [severity, {options}], found an empty array; ignored`);
        continue;
      }
      const sev = parseSeverity(sevNode, v, what);
      if (sev === undefined) continue;
      let opts: Record<string, unknown> | undefined;
      if (optNode && v.expectObject(optNode, `the options of ${what}`)) {
        opts = toPlain(optNode, v, ` in the options of ${what}`) as Record<string, unknown>;
        dropMistypedOptions(p.key, optNode, opts, v, what);
      }
      if (rest.length > 0 && rest[0]) v.report(rest[0].start, `${what}: extra array items after the options are ignored`);
      // Without (valid) options, the bare severity: the rule's default options apply.
      out[p.key] = opts ? [sev, opts] : sev;
    } else {
      const sev = parseSeverity(val, v, what);
      if (sev !== undefined) out[p.key] = sev;
    }
  }
  return out;
}

function parseZoneAliases(node: JsonNode, v: Validator): Record<string, string> | undefined {
  if (!v.expectObject(node, '"zoneAliases"')) return undefined;
  const out: Record<string, string> = {};
  for (const p of v.props(node, ' in "zoneAliases"')) {
    const what = `zone alias "${p.key}"`;
    if (!/^[A-Za-z][A-Za-z0-9+-]{0,9}$/.test(p.key)) {
      v.report(p.keyStart, `"${p.key}" does not look like a zone abbreviation (e.g. "IST"); ignored`);
      continue;
    }
    const zone = v.expectString(p.value, what);
    if (zone === undefined) continue;
    if (!isIanaZone(zone)) {
      v.report(p.value.start, `${what}: unknown time zone "${zone}"; expected an IANA name such as "Asia/Kolkata"; ignored`);
      continue;
    }
    out[p.key] = zone;
  }
  return out;
}

const TOP_KEYS = ['$schema', 'root', 'profile', 'rules', 'defaultZone', 'dateOrder', 'zoneAliases', 'profiles'];

/**
 * Parse and validate the text of a `.postmortemrc.json`. Never throws: what is invalid is dropped
 * and reported in `problems` (with 1-based line and column when known).
 */
export function parseConfigText(text: string, file: string): { config: ParsedConfig; problems: ConfigProblem[] } {
  const config: ParsedConfig = {};
  if (typeof text !== 'string') {
    return { config, problems: [{ file, message: 'configuration is not text; ignored' }] };
  }
  if (text.length > MAX_CONFIG_BYTES) {
    return {
      config,
      problems: [
        {
          file,
          message: `configuration file is larger than 1 MB (${text.length} characters); refused`,
          line: 1,
          column: 1,
        },
      ],
    };
  }
  let shift = 0;
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    shift = 1;
  }
  const v = new Validator(text, file, shift);
  if (text.trim() === '') {
    v.report(0, 'configuration file is empty; expected a JSON object');
    return { config, problems: v.problems };
  }
  let parsed: ReturnType<typeof parseJson>;
  try {
    parsed = parseJson(text);
  } catch (e) {
    v.problems.push({ file, message: `could not parse the configuration: ${String(e)}; file ignored` });
    return { config, problems: v.problems };
  }
  if ('error' in parsed) {
    v.report(parsed.error.offset, `malformed JSON: ${parsed.error.message}; file ignored`);
    return { config, problems: v.problems };
  }
  const root = parsed.root;
  if (root.type !== 'object') {
    v.report(root.start, `the configuration must be a JSON object, found ${typeName(root)}; file ignored`);
    return { config, problems: v.problems };
  }
  for (const p of v.props(root, '')) {
    switch (p.key) {
      case '$schema':
        v.expectString(p.value, '"$schema"');
        break;
      case 'root': {
        const b = v.expectBoolean(p.value, '"root"');
        if (b !== undefined) config.root = b;
        break;
      }
      case 'profile': {
        const s = v.expectString(p.value, '"profile"');
        if (s !== undefined) config.profile = s;
        break;
      }
      case 'defaultZone': {
        const s = v.expectString(p.value, '"defaultZone"');
        if (s !== undefined) config.defaultZone = s.trim();
        break;
      }
      case 'dateOrder': {
        if (p.value.type === 'string' && (p.value.value === 'mdy' || p.value.value === 'dmy')) {
          config.dateOrder = p.value.value;
        } else {
          const shown = p.value.type === 'string' ? `"${p.value.value}"` : typeName(p.value);
          v.report(p.value.start, `"dateOrder" must be "mdy" or "dmy", found ${shown}; ignored`);
        }
        break;
      }
      case 'rules': {
        const r = parseRules(p.value, v);
        if (r) config.rules = r;
        break;
      }
      case 'zoneAliases': {
        const z = parseZoneAliases(p.value, v);
        if (z) config.zoneAliases = z;
        break;
      }
      case 'profiles': {
        const pr = parseProfiles(p.value, v);
        if (pr) config.profiles = pr;
        break;
      }
      default:
        v.report(p.keyStart, `unknown key "${p.key}" (expected one of ${TOP_KEYS.join(', ')}); ignored`);
    }
  }
  return { config, problems: v.problems };
}
