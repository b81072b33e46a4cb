/**
 * Slack export: a channel folder of per-day files ("2024-06-08.json", each an array of messages) and, at the export's
 * root, users.json (ids to names). A message has `ts` (epoch seconds as a string, with microseconds), `text` in Slack's
 * markup, `user` and `user_profile`, `thread_ts` for threads, and a `subtype` for what is not a message
 * (see NOISE_SUBTYPES).
 */
import { emptyResult, isObject, oneLine, parseJsonSource, str, type ReadResult, type SourceFile } from './types';

/** Subtypes that record the channel's housekeeping, not what happened in the incident: dropped (and listed). */
export const NOISE_SUBTYPES: ReadonlySet<string> = new Set([
  'channel_join',
  'channel_leave',
  'group_join',
  'group_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'group_topic',
  'group_purpose',
  'group_name',
  'channel_archive',
  'channel_unarchive',
  'group_archive',
  'group_unarchive',
  'bot_add',
  'bot_remove',
  'bot_enable',
  'bot_disable',
  'pinned_item',
  'unpinned_item',
  'reminder_add',
  'reminder_delete',
  'tombstone',
  'joiner_notification_for_inviter',
  'joiner_notification',
  'channel_convert_to_private',
  'channel_posting_permissions',
  'sh_room_created',
  'huddle_thread',
  'message_deleted',
]);

const DAY_FILE = /(?:^|\/)(\d{4}-\d{2}-\d{2})\.json$/i;

export function isSlackDayFile(name: string): boolean {
  return DAY_FILE.test(name);
}

/** Users by id, from users.json (an array of { id, name, real_name, profile: { real_name, display_name } }). */
export function readSlackUsers(content: string): Map<string, string> {
  const out = new Map<string, string>();
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    return out;
  }
  if (!Array.isArray(data)) return out;
  for (const u of data) {
    if (!isObject(u)) continue;
    const id = str(u.id);
    const profile = isObject(u.profile) ? u.profile : {};
    const name = str(u.real_name) || str(profile.real_name) || str(profile.display_name) || str(u.name);
    if (id && name?.trim()) out.set(id, name.trim());
  }
  return out;
}

/** Epoch ms of a Slack `ts` ("1717886520.000200"), or null. */
export function slackInstant(ts: unknown): number | null {
  if (typeof ts !== 'string' && typeof ts !== 'number') return null;
  const m = /^(\d{9,11})(?:\.(\d{1,6}))?$/.exec(String(ts).trim());
  if (!m) return null;
  return Number(m[1]) * 1000 + Math.floor(Number(`0.${m[2] ?? '0'}`) * 1000);
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Slack's markup as plain text: mentions by name, links by label, bold/italic/strike markers and entities removed. */
export function cleanSlackText(text: string, users: ReadonlyMap<string, string> = new Map()): string {
  let out = text.replace(/<([^<>\n]*)>/g, (_m, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar >= 0 ? inner.slice(0, bar) : inner;
    const label = bar >= 0 ? inner.slice(bar + 1) : '';
    if (/^@[UWB][A-Z0-9]+$/.test(target)) {
      const name = label || users.get(target.slice(1)) || target.slice(1);
      return `@${name.replace(/^@/, '')}`;
    }
    if (/^#C[A-Z0-9]+$/.test(target)) return `#${(label || target.slice(1)).replace(/^#/, '')}`;
    if (target.startsWith('!')) {
      const special = target.slice(1);
      if (label) return label.startsWith('@') || !/^(subteam|here|channel|everyone)\b/.test(special) ? label : `@${label}`;
      if (/^(here|channel|everyone)$/.test(special)) return `@${special}`;
      if (special.startsWith('subteam^')) return '@team';
      return '';
    }
    if (label) return label;
    return target.replace(/^mailto:/i, '');
  });
  // *bold*, _italic_, ~strike~: only where the marker is not inside a word (snake_case stays).
  for (const mark of ['*', '_', '~']) {
    const m = mark === '*' ? '\\*' : mark;
    out = out.replace(new RegExp(`(^|[\\s(["'])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?=$|[\\s)\\].,!?:;"'])`, 'g'), '$1$2');
  }
  out = out.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
  return oneLine(out);
}

interface DayFile {
  channel: string;
  file: SourceFile;
}

/**
 * The messages of a Slack export's day files, as records. `users` (from users.json) names the authors and mentions;
 * the messages' own `user_profile` names them too.
 */
export function readSlack(files: SourceFile[], users: ReadonlyMap<string, string> = new Map()): ReadResult {
  const result = emptyResult();
  const days: DayFile[] = [];
  const names = new Map(users);
  for (const f of files) {
    if (/(?:^|\/)users\.json$/i.test(f.name)) {
      for (const [id, n] of readSlackUsers(f.content)) if (!names.has(id)) names.set(id, n);
      continue;
    }
    if (!isSlackDayFile(f.name)) continue;
    const parts = f.name.split('/');
    days.push({ channel: parts.length > 1 ? (parts[parts.length - 2] as string) : '', file: f });
  }
  const parsed: { day: DayFile; messages: unknown[] }[] = [];
  for (const day of days) {
    const data = parseJsonSource(day.file.content, 'slack', day.file.name, result);
    if (data === undefined) continue;
    if (!Array.isArray(data)) {
      result.unreadable.push({ source: 'slack', ref: day.file.name, reason: 'not an array of messages' });
      continue;
    }
    parsed.push({ day, messages: data });
    // Authors named on their own messages name their mentions elsewhere too.
    for (const m of data) {
      if (!isObject(m)) continue;
      const id = str(m.user);
      const profile = isObject(m.user_profile) ? m.user_profile : null;
      const n = profile ? str(profile.real_name) || str(profile.display_name) || str(profile.name) : undefined;
      if (id && n?.trim() && !names.has(id)) names.set(id, n.trim());
    }
  }
  const seen = new Set<string>();
  for (const { day, messages } of parsed) {
    messages.forEach((m, index) => {
      const ref = `${day.file.name}#${index}`;
      if (!isObject(m)) {
        result.unreadable.push({ source: 'slack', ref, reason: 'not a message object' });
        return;
      }
      const type = str(m.type);
      if (type !== undefined && type !== 'message') {
        result.dropped.push({ source: 'slack', ref, reason: `a "${type}" event, not a message` });
        return;
      }
      const subtype = str(m.subtype);
      if (subtype && NOISE_SUBTYPES.has(subtype)) {
        result.dropped.push({
          source: 'slack',
          ref,
          reason: `${subtype}: channel housekeeping, not an incident event`,
        });
        return;
      }
      const instant = slackInstant(m.ts);
      if (instant === null) {
        result.unreadable.push({ source: 'slack', ref, reason: `no readable "ts" (${JSON.stringify(m.ts ?? null)})` });
        return;
      }
      const key = `${day.channel}:${String(m.ts)}`;
      if (seen.has(key)) {
        result.dropped.push({ source: 'slack', ref, reason: 'the same message again (same channel and ts)' });
        return;
      }
      seen.add(key);
      let text = typeof m.text === 'string' ? cleanSlackText(m.text, names) : '';
      if (!text) text = attachmentText(m, names);
      if (!text) {
        result.dropped.push({ source: 'slack', ref, reason: 'an empty message' });
        return;
      }
      const profile = isObject(m.user_profile) ? m.user_profile : null;
      const botProfile = isObject(m.bot_profile) ? m.bot_profile : null;
      const userId = str(m.user);
      const author =
        (profile ? str(profile.real_name) || str(profile.display_name) : undefined) ||
        (userId ? names.get(userId) : undefined) ||
        str(m.username) ||
        (botProfile ? str(botProfile.name) : undefined) ||
        userId;
      const threadTs = str(m.thread_ts);
      const reply = threadTs !== undefined && threadTs !== String(m.ts);
      result.records.push({
        instant,
        text,
        ...(author?.trim() ? { author: oneLine(cleanSlackText(author, names)) } : {}),
        source: 'slack',
        ref: reply ? `${ref} (thread reply)` : ref,
      });
    });
  }
  result.records.sort((a, b) => a.instant - b.instant);
  return result;
}

/** A message with no text of its own: its attachments' text or fallback, or its files' names. */
function attachmentText(m: Record<string, unknown>, names: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (Array.isArray(m.attachments)) {
    for (const a of m.attachments) {
      if (!isObject(a)) continue;
      const t = str(a.text) || str(a.fallback) || str(a.title) || str(a.pretext);
      if (t) parts.push(cleanSlackText(t, names));
    }
  }
  if (Array.isArray(m.files)) {
    for (const f of m.files) {
      if (!isObject(f)) continue;
      const t = str(f.title) || str(f.name);
      if (t) parts.push(`(file: ${oneLine(t)})`);
    }
  }
  return oneLine(parts.join(' '));
}
