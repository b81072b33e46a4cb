/**
 * PagerDuty incident log entries as the REST API returns them (GET /incidents/{id}/log_entries or /log_entries):
 * `{ log_entries: [{ type, created_at, summary, agent: { summary, type }, channel: { type, summary } }] }`, or the
 * bare array. The phase comes from the entry's type (PHASE_BY_TYPE); the types in NOISE_TYPES are dropped.
 */
import type { ImportPhase, ReadResult } from './types';
import { emptyResult, isObject, isoInstant, oneLine, parseJsonSource, str } from './types';

export const PHASE_BY_TYPE: Readonly<Record<string, ImportPhase>> = {
  trigger_log_entry: 'detected',
  acknowledge_log_entry: 'acknowledged',
  escalate_log_entry: 'escalated',
  resolve_log_entry: 'resolved',
};

/**
 * Who was notified how, and the pager's own bookkeeping: one per responder and channel, they bury the events.
 * An acknowledgement or an escalation already says who took the page.
 */
export const NOISE_TYPES: ReadonlySet<string> = new Set([
  'notify_log_entry',
  'repeat_escalation_path_log_entry',
  'exhaust_escalation_path_log_entry',
  'reach_trigger_limit_log_entry',
  'reach_ack_limit_log_entry',
  'link_log_entry',
  'unlink_log_entry',
  'snooze_log_entry',
  'acknowledgement_timeout_log_entry',
]);

/** The entries of a PagerDuty log: an object with `log_entries`, a single `log_entry`, or an array of entries. */
function entriesOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data;
  if (isObject(data)) {
    if (Array.isArray(data.log_entries)) return data.log_entries;
    if (isObject(data.log_entry)) return [data.log_entry];
  }
  return null;
}

export function looksLikePagerDuty(data: unknown): boolean {
  const entries = entriesOf(data);
  if (!entries) return false;
  if (isObject(data) && Array.isArray(data.log_entries)) return true;
  return entries.length > 0 && entries.every((e) => isObject(e) && typeof e.type === 'string' && /_log_entry(?:_reference)?$/.test(e.type));
}

export function readPagerDuty(content: string, name: string): ReadResult {
  const result = emptyResult();
  const data = parseJsonSource(content, 'pagerduty', name, result);
  if (data === undefined) return result;
  const entries = entriesOf(data);
  if (!entries) {
    result.unreadable.push({ source: 'pagerduty', ref: name, reason: 'no "log_entries" array' });
    return result;
  }
  entries.forEach((e, index) => {
    const ref = `${name}#${index}`;
    if (!isObject(e)) {
      result.unreadable.push({ source: 'pagerduty', ref, reason: 'not a log entry object' });
      return;
    }
    const type = (str(e.type) ?? '').replace(/_reference$/, '');
    if (NOISE_TYPES.has(type)) {
      result.dropped.push({ source: 'pagerduty', ref, reason: `${type}: pager bookkeeping, not an incident event` });
      return;
    }
    const instant = isoInstant(e.created_at);
    if (instant === null) {
      result.unreadable.push({
        source: 'pagerduty',
        ref,
        reason: `no readable "created_at" (${JSON.stringify(e.created_at ?? null)})`,
      });
      return;
    }
    const agent = isObject(e.agent) ? e.agent : null;
    const channel = isObject(e.channel) ? e.channel : null;
    let text = oneLine(str(e.summary) ?? '');
    // A note's text is in its channel (annotate_log_entry), and so is what an integration sent (trigger_log_entry).
    const note = channel ? (str(channel.summary) ?? str(channel.content) ?? str(channel.note)) : undefined;
    if ((type === 'annotate_log_entry' || type === 'trigger_log_entry') && note && !text.includes(oneLine(note)))
      text = text ? `${text.replace(/[.:]$/, '')}: ${oneLine(note)}` : oneLine(note);
    if (!text) {
      result.unreadable.push({ source: 'pagerduty', ref, reason: 'no "summary"' });
      return;
    }
    const author = agent && str(agent.type) !== 'service_reference' && str(agent.type) !== 'service' ? str(agent.summary) : undefined;
    const phase = PHASE_BY_TYPE[type];
    result.records.push({
      instant,
      text,
      ...(author?.trim() ? { author: oneLine(author) } : {}),
      ...(phase ? { phase } : {}),
      source: 'pagerduty',
      ref,
    });
  });
  result.records.sort((a, b) => a.instant - b.instant);
  return result;
}
