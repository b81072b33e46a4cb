/**
 * Configuration: `.postmortemrc.json` discovery, parsing, validation and merging.
 *
 * Pure: no vscode, no LSP. Never throws on bad input: invalid parts are dropped, defaults used,
 * and every problem is reported as a located ConfigProblem.
 */
import * as nodeFs from 'node:fs';
import * as nodePath from 'node:path';
import type { LintOptions, RuleSetting, Severity } from './types';
import type { ConfigProblem, ResolvedConfig } from './config-types';
import { ruleList } from './rules';
import { LineIndex } from './util/lines';
import { editDistance } from './util/editDistance';

export type { ConfigProblem, ResolvedConfig } from './config-types';

export const CONFIG_FILE_NAME = '.postmortemrc.json';
/** Config files larger than this are refused. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Keys that must never become properties of an object we build. */
const HOSTILE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

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

/** What the config loader needs from a file system; node:fs by default. */
export interface ConfigFs {
  /** Stat a path; undefined when it does not exist or cannot be read. */
  stat(path: string): { mtimeMs: number; size: number; isFile: boolean } | undefined;
  /** Read a file as UTF-8; may throw. */
  readFile(path: string): string;
}

export const nodeConfigFs: ConfigFs = {
  stat(path) {
    try {
      const s = nodeFs.statSync(path);
      return { mtimeMs: s.mtimeMs, size: s.size, isFile: s.isFile() };
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    return nodeFs.readFileSync(path, 'utf8');
  },
};

export type ParsedConfig = LintOptions & { root?: boolean };

// ---------------------------------------------------------------------------------------------
// A small JSON parser that keeps positions, so problems can point at the offending value.
// ---------------------------------------------------------------------------------------------

type JsonNode =
  | { type: 'object'; start: number; end: number; props: JsonProp[] }
  | { type: 'array'; start: number; end: number; items: JsonNode[] }
  | { type: 'string'; start: number; end: number; value: string }
  | { type: 'number'; start: number; end: number; value: number }
  | { type: 'boolean'; start: number; end: number; value: boolean }
  | { type: 'null'; start: number; end: number; value: null };

interface JsonProp {
  key: string;
  keyStart: number;
  value: JsonNode;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;

function parseJson(text: string): JsonNode {
  let pos = 0;

  const describe = (i: number): string => {
    if (i >= text.length) return 'end of file';
    const ch = text[i] as string;
    return JSON.stringify(ch);
  };

  const skipWs = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) pos++;
      else if (c === 0x2f && (text[pos + 1] === '/' || text[pos + 1] === '*')) {
        throw new JsonSyntaxError('comments are not allowed in JSON', pos);
      } else break;
    }
  };

  const parseString = (): { value: string; start: number; end: number } => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    while (true) {
      if (pos >= text.length) throw new JsonSyntaxError('unterminated string', start);
      const ch = text[pos] as string;
      const code = ch.charCodeAt(0);
      if (ch === '"') {
        pos++;
        return { value: out, start, end: pos };
      }
      if (code < 0x20) throw new JsonSyntaxError('control character in string (use an escape such as \\n)', pos);
      if (ch === '\\') {
        const esc = text[pos + 1];
        switch (esc) {
          case '"':
          case '\\':
          case '/':
            out += esc;
            pos += 2;
            break;
          case 'b':
            out += '\b';
            pos += 2;
            break;
          case 'f':
            out += '\f';
            pos += 2;
            break;
          case 'n':
            out += '\n';
            pos += 2;
            break;
          case 'r':
            out += '\r';
            pos += 2;
            break;
          case 't':
            out += '\t';
            pos += 2;
            break;
          case 'u': {
            const hex = text.slice(pos + 2, pos + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape', pos);
            out += String.fromCharCode(parseInt(hex, 16));
            pos += 6;
            break;
          }
          default:
            throw new JsonSyntaxError(`invalid escape \\${esc ?? ''}`, pos);
        }
        continue;
      }
      out += ch;
      pos++;
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, pos);
    skipWs();
    const start = pos;
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      const props: JsonProp[] = [];
      skipWs();
      if (text[pos] === '}') {
        pos++;
        return { type: 'object', start, end: pos, props };
      }
      while (true) {
        skipWs();
        if (text[pos] !== '"') {
          if (text[pos] === '}' && props.length > 0) throw new JsonSyntaxError('trailing comma before }', pos);
          throw new JsonSyntaxError(`expected a property name in double quotes, found ${describe(pos)}`, pos);
        }
        const key = parseString();
        skipWs();
        if (text[pos] !== ':') throw new JsonSyntaxError(`expected ':' after property name, found ${describe(pos)}`, pos);
        pos++;
        const value = parseValue(depth + 1);
        props.push({ key: key.value, keyStart: key.start, value });
        skipWs();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return { type: 'object', start, end: pos, props };
        }
        throw new JsonSyntaxError(`expected ',' or '}', found ${describe(pos)}`, pos);
      }
    }
    if (ch === '[') {
      pos++;
      const items: JsonNode[] = [];
      skipWs();
      if (text[pos] === ']') {
        pos++;
        return { type: 'array', start, end: pos, items };
      }
      while (true) {
        skipWs();
        if (text[pos] === ']' && items.length > 0) throw new JsonSyntaxError('trailing comma before ]', pos);
        items.push(parseValue(depth + 1));
        skipWs();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return { type: 'array', start, end: pos, items };
        }
        throw new JsonSyntaxError(`expected ',' or ']', found ${describe(pos)}`, pos);
      }
    }
    if (ch === '"') {
      const s = parseString();
      return { type: 'string', start: s.start, end: s.end, value: s.value };
    }
    const num = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (num && num[0] !== '-') {
      pos += num[0].length;
      return { type: 'number', start, end: pos, value: Number(num[0]) };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return { type: 'boolean', start, end: pos, value };
      }
    }
    if (text.startsWith('null', pos)) {
      pos += 4;
      return { type: 'null', start, end: pos, value: null };
    }
    if (pos >= text.length) throw new JsonSyntaxError('unexpected end of file, expected a value', pos);
    if (ch === "'") throw new JsonSyntaxError('strings must use double quotes', pos);
    throw new JsonSyntaxError(`unexpected ${describe(pos)}, expected a value`, pos);
  };

  const root = parseValue(0);
  skipWs();
  if (pos < text.length) throw new JsonSyntaxError(`unexpected ${describe(pos)} after the end of the JSON value`, pos);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

function typeName(node: JsonNode): string {
  return node.type === 'object' ? 'an object' : node.type === 'array' ? 'an array' : `a ${node.type}`;
}

class Validator {
  readonly problems: ConfigProblem[] = [];
  private readonly lines: LineIndex;

  constructor(
    text: string,
    readonly file: string,
    /** Offset of the parsed text in the original file (a stripped BOM). */
    private readonly shift: number,
  ) {
    this.lines = new LineIndex(text);
  }

  report(offset: number, message: string): void {
    const { line, column } = this.lines.point(offset);
    this.problems.push({ file: this.file, message, line, column: column + (line === 1 ? this.shift : 0) });
  }

  /** Own, non-hostile properties of an object node; duplicates reported, last one wins. */
  props(node: JsonNode & { type: 'object' }, where: string): JsonProp[] {
    const seen = new Map<string, number>();
    const out: JsonProp[] = [];
    for (const p of node.props) {
      if (HOSTILE_KEYS.has(p.key)) {
        this.report(p.keyStart, `ignored key "${p.key}"${where}: this name is not allowed`);
        continue;
      }
      const prev = seen.get(p.key);
      if (prev !== undefined) {
        this.report(p.keyStart, `duplicate key "${p.key}"${where}; the last one is used`);
        out[prev] = p;
        continue;
      }
      seen.set(p.key, out.length);
      out.push(p);
    }
    return out;
  }

  expectObject(node: JsonNode, what: string): node is JsonNode & { type: 'object' } {
    if (node.type === 'object') return true;
    this.report(node.start, `${what} must be an object, found ${typeName(node)}; ignored`);
    return false;
  }

  expectString(node: JsonNode, what: string, allowEmpty = false): string | undefined {
    if (node.type !== 'string') {
      this.report(node.start, `${what} must be a string, found ${typeName(node)}; ignored`);
      return undefined;
    }
    if (!allowEmpty && node.value.trim() === '') {
      this.report(node.start, `${what} must not be empty; ignored`);
      return undefined;
    }
    return node.value;
  }

  expectBoolean(node: JsonNode, what: string): boolean | undefined {
    if (node.type !== 'boolean') {
      this.report(node.start, `${what} must be true or false, found ${typeName(node)}; ignored`);
      return undefined;
    }
    return node.value;
  }
}

/** Plain object with hostile keys filtered out, from a JSON node, for free-form option bags. */
function toPlain(node: JsonNode, v: Validator, where: string): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of v.props(node, where)) out[p.key] = toPlain(p.value, v, where);
      return out;
    }
    case 'array':
      return node.items.map((i) => toPlain(i, v, where));
    default:
      return node.value;
  }
}

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

function isValidTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
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
    if (!isValidTimeZone(zone)) {
      v.report(p.value.start, `${what}: unknown time zone "${zone}"; expected an IANA name such as "Asia/Kolkata"; ignored`);
      continue;
    }
    out[p.key] = zone;
  }
  return out;
}

const PROFILE_KEYS = new Set(['extends', 'name', 'description', 'sections', 'replaceSections', 'wordCount', 'headingDepth', 'actionItems', 'template']);
const ACTION_ITEM_KEYS = new Set(['format', 'requireOwner', 'requireTicket', 'requireDueOrStatus']);
const SECTION_KEYS = new Set(['id', 'title', 'aliases', 'required', 'skeleton', 'holds', 'allowSplit']);
const HOLDS = new Set(['duration', 'impact', 'root-cause', 'timeline', 'tasks']);

function parseSection(node: JsonNode, v: Validator, where: string): Record<string, unknown> | undefined {
  if (!v.expectObject(node, `a section${where}`)) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of v.props(node, where)) {
    const what = `"${p.key}"${where}`;
    switch (p.key) {
      case 'id':
      case 'title':
      case 'skeleton': {
        const s = v.expectString(p.value, what, p.key === 'skeleton');
        if (s !== undefined) out[p.key] = s;
        break;
      }
      case 'required':
      case 'allowSplit': {
        const b = v.expectBoolean(p.value, what);
        if (b !== undefined) out[p.key] = b;
        break;
      }
      case 'aliases':
      case 'holds': {
        if (p.value.type !== 'array') {
          v.report(p.value.start, `${what} must be an array of strings, found ${typeName(p.value)}; ignored`);
          break;
        }
        const list: string[] = [];
        for (const item of p.value.items) {
          const s = v.expectString(item, `an item of ${what}`);
          if (s === undefined) continue;
          if (p.key === 'holds' && !HOLDS.has(s)) {
            v.report(item.start, `unknown value "${s}" in ${what} (expected one of ${[...HOLDS].map((h) => `"${h}"`).join(', ')}); ignored`);
            continue;
          }
          list.push(s);
        }
        out[p.key] = list;
        break;
      }
      default:
        v.report(p.keyStart, `unknown key "${p.key}"${where} (expected one of ${[...SECTION_KEYS].join(', ')}); ignored`);
    }
  }
  for (const key of ['id', 'title']) {
    if (out[key] === undefined) {
      v.report(node.start, `a section${where} has no valid "${key}"; section ignored`);
      return undefined;
    }
  }
  return out;
}

function parseProfile(node: JsonNode, v: Validator, id: string): Record<string, unknown> | undefined {
  const where = ` in profile "${id}"`;
  if (!v.expectObject(node, `profile "${id}"`)) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of v.props(node, where)) {
    const what = `"${p.key}"${where}`;
    switch (p.key) {
      case 'extends':
      case 'name':
      case 'description': {
        const s = v.expectString(p.value, what, p.key === 'description');
        if (s === undefined) break;
        if (p.key === 'extends' && s === id) {
          v.report(p.value.start, `profile "${id}" cannot extend itself; ignored`);
          break;
        }
        out[p.key] = s;
        break;
      }
      case 'replaceSections': {
        const b = v.expectBoolean(p.value, what);
        if (b !== undefined) out[p.key] = b;
        break;
      }
      case 'template': {
        const t = v.expectString(p.value, what);
        if (t !== undefined) out[p.key] = t;
        break;
      }
      case 'actionItems': {
        if (!v.expectObject(p.value, what)) break;
        const ai: Record<string, unknown> = {};
        for (const q of v.props(p.value, ` in ${what}`)) {
          if (!ACTION_ITEM_KEYS.has(q.key)) {
            v.report(q.keyStart, `unknown key "${q.key}" in ${what} (expected one of ${[...ACTION_ITEM_KEYS].join(', ')}); ignored`);
            continue;
          }
          if (q.key === 'format') {
            if (q.value.type !== 'string' || !['table', 'list', 'any'].includes(q.value.value)) {
              v.report(q.value.start, `"format" in ${what} must be "table", "list" or "any"; ignored`);
              continue;
            }
            ai[q.key] = q.value.value;
            continue;
          }
          const b = v.expectBoolean(q.value, `"${q.key}" in ${what}`);
          if (b !== undefined) ai[q.key] = b;
        }
        out[p.key] = ai;
        break;
      }
      case 'headingDepth': {
        if (p.value.type !== 'number' || !Number.isInteger(p.value.value) || p.value.value < 1 || p.value.value > 6) {
          v.report(p.value.start, `${what} must be a whole number from 1 to 6; ignored`);
          break;
        }
        out[p.key] = p.value.value;
        break;
      }
      case 'wordCount': {
        if (!v.expectObject(p.value, what)) break;
        const wc: Record<string, number> = {};
        for (const q of v.props(p.value, ` in ${what}`)) {
          if (q.key !== 'min' && q.key !== 'max') {
            v.report(q.keyStart, `unknown key "${q.key}" in ${what} (expected min, max); ignored`);
            continue;
          }
          if (q.value.type !== 'number' || !Number.isInteger(q.value.value) || q.value.value < 0) {
            v.report(q.value.start, `"${q.key}" in ${what} must be a whole number of words (0 or more); ignored`);
            continue;
          }
          wc[q.key] = q.value.value;
        }
        if (wc.min !== undefined && wc.max !== undefined && wc.min > wc.max) {
          v.report(p.value.start, `${what}: min (${wc.min}) is greater than max (${wc.max}); ignored`);
          break;
        }
        out[p.key] = wc;
        break;
      }
      case 'sections': {
        if (p.value.type !== 'array') {
          v.report(p.value.start, `${what} must be an array of sections, found ${typeName(p.value)}; ignored`);
          break;
        }
        const sections: Record<string, unknown>[] = [];
        const ids = new Set<string>();
        p.value.items.forEach((item, i) => {
          const s = parseSection(item, v, ` (sections[${i}]${where})`);
          if (!s) return;
          const sid = s.id as string;
          if (ids.has(sid)) {
            v.report(item.start, `duplicate section id "${sid}"${where}; ignored`);
            return;
          }
          ids.add(sid);
          sections.push(s);
        });
        out[p.key] = sections;
        break;
      }
      default:
        v.report(p.keyStart, `unknown key "${p.key}"${where} (expected one of ${[...PROFILE_KEYS].join(', ')}); ignored`);
    }
  }
  return out;
}

function parseProfiles(node: JsonNode, v: Validator): Record<string, unknown> | undefined {
  if (!v.expectObject(node, '"profiles"')) return undefined;
  const out: Record<string, unknown> = {};
  for (const p of v.props(node, ' in "profiles"')) {
    if (!/^[A-Za-z0-9][\w.-]*$/.test(p.key)) {
      v.report(p.keyStart, `"${p.key}" is not a valid profile id (letters, digits, "-", "_", "."); ignored`);
      continue;
    }
    const profile = parseProfile(p.value, v, p.key);
    if (profile) out[p.key] = profile;
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
      problems: [{ file, message: `configuration file is larger than 1 MB (${text.length} characters); refused`, line: 1, column: 1 }],
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
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      v.report(e.offset, `malformed JSON: ${e.message}; file ignored`);
    } else {
      v.problems.push({ file, message: `could not parse the configuration: ${String(e)}; file ignored` });
    }
    return { config, problems: v.problems };
  }
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

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

function safeAssign<T>(target: Record<string, T>, source: Record<string, T> | undefined): Record<string, T> {
  if (source) {
    for (const key of Object.keys(source)) {
      if (HOSTILE_KEYS.has(key)) continue;
      target[key] = source[key] as T;
    }
  }
  return target;
}

function mergeRuleSetting(base: RuleSetting | undefined, over: RuleSetting): RuleSetting {
  if (base === undefined) return over;
  const baseOpts = Array.isArray(base) ? base[1] : undefined;
  if (Array.isArray(over)) {
    return [over[0], safeAssign(safeAssign({}, baseOpts), over[1])];
  }
  if (over === 'off' || !baseOpts) return over;
  // A severity alone keeps the options set further away.
  return [over, safeAssign({}, baseOpts)];
}

/**
 * `over` on top of `base`: scalars replace; `rules` merge per rule (a bare severity keeps earlier options),
 * `zoneAliases` per abbreviation, `profiles` per profile id (fields of a nearer profile replace farther ones).
 * Neither argument is modified.
 */
export function mergeOptions(base: LintOptions, over: LintOptions): LintOptions {
  const out: LintOptions = {};
  const b = base ?? {};
  const o = over ?? {};
  const profile = o.profile ?? b.profile;
  if (profile !== undefined) out.profile = profile;
  const defaultZone = o.defaultZone ?? b.defaultZone;
  if (defaultZone !== undefined) out.defaultZone = defaultZone;
  const dateOrder = o.dateOrder ?? b.dateOrder;
  if (dateOrder !== undefined) out.dateOrder = dateOrder;
  if (b.rules || o.rules) {
    const rules: Record<string, RuleSetting> = safeAssign({}, b.rules);
    if (o.rules) {
      for (const id of Object.keys(o.rules)) {
        if (HOSTILE_KEYS.has(id)) continue;
        rules[id] = mergeRuleSetting(rules[id], o.rules[id] as RuleSetting);
      }
    }
    out.rules = rules;
  }
  if (b.zoneAliases || o.zoneAliases) out.zoneAliases = safeAssign(safeAssign({}, b.zoneAliases), o.zoneAliases);
  if (b.profiles || o.profiles) {
    const profiles: Record<string, unknown> = safeAssign({}, b.profiles);
    if (o.profiles) {
      for (const id of Object.keys(o.profiles)) {
        if (HOSTILE_KEYS.has(id)) continue;
        const prev = profiles[id];
        const next = o.profiles[id];
        profiles[id] =
          isPlainRecord(prev) && isPlainRecord(next) ? safeAssign(safeAssign({}, prev), next) : next;
      }
    }
    out.profiles = profiles;
  }
  // Keep any other (future) options the caller passed, nearer first.
  const handled = new Set(['profile', 'defaultZone', 'dateOrder', 'rules', 'zoneAliases', 'profiles', 'root']);
  const bRec = b as Record<string, unknown>;
  const oRec = o as Record<string, unknown>;
  for (const key of new Set([...Object.keys(bRec), ...Object.keys(oRec)])) {
    if (HOSTILE_KEYS.has(key) || handled.has(key)) continue;
    const val = oRec[key] !== undefined ? oRec[key] : bRec[key];
    if (val !== undefined) (out as Record<string, unknown>)[key] = val;
  }
  return out;
}

function isPlainRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

interface CacheEntry {
  mtimeMs: number;
  size: number;
  config: ParsedConfig;
  problems: ConfigProblem[];
}

const cache = new Map<string, CacheEntry>();
const MAX_CACHE = 500;

/** Forget every cached config file (e.g. when the server is told files changed). */
export function clearConfigCache(): void {
  cache.clear();
}

/**
 * Load one configuration file. `undefined` config when it does not exist; problems when it is
 * unreadable, too large or invalid. Results are cached by path, modification time and size.
 */
export function loadConfigFile(
  file: string,
  fsImpl: ConfigFs = nodeConfigFs,
): { exists: boolean; config: ParsedConfig; problems: ConfigProblem[] } {
  const st = fsImpl.stat(file);
  if (!st || !st.isFile) return { exists: false, config: {}, problems: [] };
  const cached = fsImpl === nodeConfigFs ? cache.get(file) : undefined;
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) {
    return { exists: true, config: cached.config, problems: cached.problems };
  }
  let result: { config: ParsedConfig; problems: ConfigProblem[] };
  if (st.size > MAX_CONFIG_BYTES) {
    result = {
      config: {},
      problems: [
        {
          file,
          message: `configuration file is larger than 1 MB (${(st.size / 1024 / 1024).toFixed(1)} MB); refused`,
          line: 1,
          column: 1,
        },
      ],
    };
  } else {
    let text: string | undefined;
    try {
      text = fsImpl.readFile(file);
    } catch (e) {
      const reason = e instanceof Error ? ((e as NodeJS.ErrnoException).code ?? e.message) : String(e);
      result = { config: {}, problems: [{ file, message: `could not read the configuration file (${reason}); ignored` }] };
    }
    if (text !== undefined) result = parseConfigText(text, file);
  }
  const final = result!;
  if (fsImpl === nodeConfigFs) {
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, config: final.config, problems: final.problems });
  }
  return { exists: true, ...final };
}

function stripRoot(config: ParsedConfig): LintOptions {
  const { root: _root, ...rest } = config;
  return rest;
}

/**
 * The options that apply to `filePath`: every `.postmortemrc.json` from the file's folder up to the
 * filesystem root (or the first one with `"root": true`), nearer files overriding farther ones,
 * then `overrides` on top. Never throws.
 */
export function resolveConfig(filePath: string, overrides?: LintOptions, fsImpl: ConfigFs = nodeConfigFs): ResolvedConfig {
  const found: { file: string; config: ParsedConfig }[] = [];
  const problems: ConfigProblem[] = [];
  try {
    let dir = nodePath.dirname(nodePath.resolve(filePath));
    for (let guard = 0; guard < 256; guard++) {
      const candidate = nodePath.join(dir, CONFIG_FILE_NAME);
      const loaded = loadConfigFile(candidate, fsImpl);
      if (loaded.exists) {
        found.push({ file: candidate, config: loaded.config });
        problems.push(...loaded.problems);
        if (loaded.config.root === true) break;
      }
      const parent = nodePath.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  } catch (e) {
    problems.push({ file: filePath, message: `could not look for configuration files: ${String(e)}` });
  }
  found.reverse(); // farthest first, nearest last
  let options: LintOptions = {};
  for (const f of found) options = mergeOptions(options, stripRoot(f.config));
  if (overrides) options = mergeOptions(options, overrides);
  // Problems in file order too: farthest first.
  const order = new Map(found.map((f, i) => [f.file, i]));
  problems.sort((a, b) => (order.get(a.file) ?? -1) - (order.get(b.file) ?? -1));
  return { options, files: found.map((f) => f.file), problems };
}
