import type { ActionItemsPolicy, Profile, ProfileSection } from './types';
import defaultProfile from './default.json';
import googleSreProfile from './google-sre.json';
import pagerdutyProfile from './pagerduty.json';
import atlassianProfile from './atlassian.json';

const builtIn: Profile[] = [
  defaultProfile as Profile,
  googleSreProfile as Profile,
  pagerdutyProfile as Profile,
  atlassianProfile as Profile,
];

export function listProfiles(): Profile[] {
  return builtIn.slice();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toSection(v: unknown): ProfileSection | null {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.title !== 'string') return null;
  return {
    id: v.id,
    title: v.title,
    aliases: Array.isArray(v.aliases) ? v.aliases.filter((a): a is string => typeof a === 'string') : [],
    required: v.required !== false,
    allowSplit: v.allowSplit === true,
    skeleton: typeof v.skeleton === 'string' ? v.skeleton : '',
    holds: Array.isArray(v.holds) ? (v.holds.filter((h) => typeof h === 'string') as ProfileSection['holds']) : undefined,
  };
}

function toActionItems(v: unknown, base: ActionItemsPolicy | undefined): ActionItemsPolicy | undefined {
  if (!isRecord(v)) return base;
  const flag = (key: 'requireOwner' | 'requireTicket' | 'requireDueOrStatus'): boolean =>
    typeof v[key] === 'boolean' ? (v[key] as boolean) : (base?.[key] ?? false);
  const format = v.format === 'table' || v.format === 'list' || v.format === 'any' ? v.format : (base?.format ?? 'any');
  return {
    format,
    requireOwner: flag('requireOwner'),
    requireTicket: flag('requireTicket'),
    requireDueOrStatus: flag('requireDueOrStatus'),
  };
}

/**
 * A profile by id: a user-defined one (which may `extends` another and override or add sections) or a built-in one.
 * Unknown ids give undefined; a malformed user profile falls back to what it extends.
 */
export function getProfile(id: string, userProfiles?: Record<string, unknown>, seen: Set<string> = new Set()): Profile | undefined {
  const user = userProfiles && Object.prototype.hasOwnProperty.call(userProfiles, id) ? userProfiles[id] : undefined;
  if (isRecord(user) && !seen.has(id)) {
    seen.add(id);
    const baseId = typeof user.extends === 'string' ? user.extends : undefined;
    const base = baseId ? getProfile(baseId, userProfiles, seen) : undefined;
    const ownSections = Array.isArray(user.sections) ? user.sections.map(toSection).filter((s): s is ProfileSection => s !== null) : [];
    let sections: ProfileSection[];
    if (base && user.replaceSections !== true) {
      sections = base.sections.map((s) => ownSections.find((o) => o.id === s.id) ?? s);
      for (const o of ownSections) if (!sections.some((s) => s.id === o.id)) sections.push(o);
    } else {
      sections = ownSections;
    }
    const wc =
      isRecord(user.wordCount) && typeof user.wordCount.min === 'number' && typeof user.wordCount.max === 'number'
        ? { min: user.wordCount.min, max: user.wordCount.max }
        : base?.wordCount;
    const actionItems = toActionItems(user.actionItems, base?.actionItems);
    const template = typeof user.template === 'string' ? user.template : base?.template;
    return {
      id,
      name: typeof user.name === 'string' ? user.name : id,
      description: typeof user.description === 'string' ? user.description : (base?.description ?? ''),
      sections,
      wordCount: wc,
      headingDepth: typeof user.headingDepth === 'number' ? user.headingDepth : (base?.headingDepth ?? 2),
      ...(actionItems ? { actionItems } : {}),
      ...(template !== undefined ? { template } : {}),
      ...(base?.source ? { source: base.source } : {}),
    };
  }
  return builtIn.find((p) => p.id === id);
}
