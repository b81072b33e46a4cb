/**
 * Merging options: a nearer configuration file (or the editor settings) on top of a farther one.
 */
import type { LintOptions, RuleSetting } from '../types';
import { HOSTILE_KEYS } from './types';

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
        profiles[id] = isPlainRecord(prev) && isPlainRecord(next) ? safeAssign(safeAssign({}, prev), next) : next;
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
