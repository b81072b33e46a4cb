/** Tells the formats apart by their content: the JSON shapes of Slack, PagerDuty and Statuspage, or timed lines. */
import type { TimeOptions } from '../time';
import { looksLikeLines } from './lines';
import { looksLikePagerDuty } from './pagerduty';
import { looksLikeStatuspage } from './statuspage';
import { isObject } from './types';
import type { ImportFormat } from './types';

/** What a file is: one of the formats, 'slack-users' (an export's users.json), or null when none fits. */
export type DetectedFormat = ImportFormat | 'slack-users' | null;

/** An array of messages: objects of type "message" (or none), most with a "ts" (a damaged one is listed, not a reason to give up). */
function looksLikeSlackMessages(data: unknown): boolean {
  if (!Array.isArray(data) || !data.length) return false;
  const messages = data.filter((m) => isObject(m) && (m.type === undefined || m.type === 'message') && ('ts' in m || 'text' in m));
  const timed = messages.filter((m) => isObject(m) && 'ts' in m);
  return messages.length === data.length && timed.length * 2 >= data.length;
}

function looksLikeSlackUsers(data: unknown): boolean {
  return (
    Array.isArray(data) &&
    data.length > 0 &&
    data.every((u) => isObject(u) && typeof u.id === 'string' && ('real_name' in u || 'profile' in u) && !('ts' in u))
  );
}

export function detectFormat(content: string, opts: TimeOptions = {}): DetectedFormat {
  const trimmed = content.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return null;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch {
      data = undefined;
    }
    if (data !== undefined) {
      if (looksLikePagerDuty(data)) return 'pagerduty';
      if (looksLikeStatuspage(data)) return 'statuspage';
      if (Array.isArray(data) && data.length === 0) return 'slack';
      if (looksLikeSlackMessages(data)) return 'slack';
      if (looksLikeSlackUsers(data)) return 'slack-users';
      return null;
    }
  }
  return looksLikeLines(trimmed, opts) ? 'lines' : null;
}
