/**
 * Validation of the profiles a configuration defines (`"profiles"`): their keys, word counts,
 * action items and sections.
 */
import type { JsonNode } from './json';
import { typeName, type Validator } from './validator';

const PROFILE_KEYS = new Set([
  'extends',
  'name',
  'description',
  'sections',
  'replaceSections',
  'wordCount',
  'headingDepth',
  'actionItems',
  'template',
]);
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
            v.report(
              item.start,
              `unknown value "${s}" in ${what} (expected one of ${[...HOLDS].map((h) => `"${h}"`).join(', ')}); ignored`,
            );
            continue;
          }
          // The schema says the items are unique (uniqueItems); a repeat adds nothing.
          if (p.key === 'holds' && list.includes(s)) {
            v.report(item.start, `"${s}" is listed twice in ${what}; the repeat is ignored`);
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

export function parseProfiles(node: JsonNode, v: Validator): Record<string, unknown> | undefined {
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
