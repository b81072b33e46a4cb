/**
 * Atlassian Statuspage incidents as its public API returns them (/api/v2/incidents.json and friends):
 * `{ incidents: [{ name, incident_updates: [{ status, body, created_at, display_at }] }] }`, one `{ incident: … }`,
 * or a bare incident. Each update is a record at its `display_at` (the time the page shows; `created_at` when absent).
 *
 * Phases (PHASE_BY_STATUS): "investigating" is the first public word that responders are on it (acknowledged);
 * "identified" (the cause is known) has no phase of its own; "monitoring" is a fix in place (mitigated);
 * "resolved" is resolved. A "postmortem" update is written after the fact and is dropped. Maintenance statuses:
 * "verifying" is mitigated, "completed" resolved, "scheduled" dropped.
 */
import type { ImportPhase, ReadResult } from './types';
import { emptyResult, isObject, isoInstant, oneLine, parseJsonSource, str } from './types';

export const PHASE_BY_STATUS: Readonly<Record<string, ImportPhase>> = {
  investigating: 'acknowledged',
  monitoring: 'mitigated',
  resolved: 'resolved',
  verifying: 'mitigated',
  completed: 'resolved',
};

export const NOISE_STATUSES: ReadonlySet<string> = new Set(['postmortem', 'scheduled']);

function incidentsOf(data: unknown): unknown[] | null {
  if (Array.isArray(data)) return data.every((i) => isObject(i) && Array.isArray(i.incident_updates)) ? data : null;
  if (!isObject(data)) return null;
  if (Array.isArray(data.incidents)) return data.incidents;
  if (isObject(data.incident)) return [data.incident];
  if (Array.isArray(data.incident_updates)) return [data];
  return null;
}

export function looksLikeStatuspage(data: unknown): boolean {
  return incidentsOf(data) !== null;
}

const STATUS_WORD = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).replace(/_/g, ' ');

export function readStatuspage(content: string, name: string): ReadResult {
  const result = emptyResult();
  const data = parseJsonSource(content, 'statuspage', name, result);
  if (data === undefined) return result;
  const incidents = incidentsOf(data);
  if (!incidents) {
    result.unreadable.push({ source: 'statuspage', ref: name, reason: 'no "incidents" or "incident_updates"' });
    return result;
  }
  incidents.forEach((incident, i) => {
    if (!isObject(incident) || !Array.isArray(incident.incident_updates)) {
      result.unreadable.push({
        source: 'statuspage',
        ref: `${name}#${i}`,
        reason: 'an incident without "incident_updates"',
      });
      return;
    }
    incident.incident_updates.forEach((u, j) => {
      const ref = incidents.length > 1 ? `${name}#${i}.${j}` : `${name}#${j}`;
      if (!isObject(u)) {
        result.unreadable.push({ source: 'statuspage', ref, reason: 'not an update object' });
        return;
      }
      const status = (str(u.status) ?? '').toLowerCase();
      if (NOISE_STATUSES.has(status)) {
        result.dropped.push({
          source: 'statuspage',
          ref,
          reason: `a "${status}" update, written after the incident or before it began`,
        });
        return;
      }
      const instant = isoInstant(u.display_at) ?? isoInstant(u.created_at);
      if (instant === null) {
        result.unreadable.push({
          source: 'statuspage',
          ref,
          reason: `no readable "display_at" or "created_at" (${JSON.stringify(u.created_at ?? null)})`,
        });
        return;
      }
      const body = oneLine(str(u.body) ?? '');
      const text = status ? (body ? `${STATUS_WORD(status)}: ${body}` : STATUS_WORD(status)) : body;
      if (!text) {
        result.unreadable.push({ source: 'statuspage', ref, reason: 'an update with neither status nor body' });
        return;
      }
      const phase = PHASE_BY_STATUS[status];
      result.records.push({ instant, text, ...(phase ? { phase } : {}), source: 'statuspage', ref });
    });
  });
  result.records.sort((a, b) => a.instant - b.instant);
  return result;
}
