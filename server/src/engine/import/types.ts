/**
 * What the importers read from incident records (chat, pager, status page, pasted lines) and hand to the writer.
 * Plain data: the readers take strings and return these, so they run anywhere (Node, a browser worker).
 */

/** The formats the importers read. */
export type ImportFormat = 'slack' | 'pagerduty' | 'statuspage' | 'lines';

/** The phases a record can carry: the timeline's phases, as the pager and the status page state them. */
export type ImportPhase = 'detected' | 'acknowledged' | 'escalated' | 'mitigated' | 'resolved';

/** One event read from a source. */
export interface ImportRecord {
  /** When it happened: epoch milliseconds, UTC. */
  instant: number;
  /** The message, cleaned of the source's markup, on one line. */
  text: string;
  /** Who wrote it or did it, when the source says. */
  author?: string;
  /** The phase the source states (a pager acknowledgement, a status page "resolved"); never guessed from words. */
  phase?: ImportPhase;
  source: ImportFormat;
  /** Where it was read: the file and the message's index or line ("general/2024-06-08.json#3", "paste.txt:12"). */
  ref: string;
}

/** A record that was not imported, with why. */
export interface SkippedRecord {
  source: ImportFormat | 'unknown';
  ref: string;
  reason: string;
}

export interface ReadResult {
  records: ImportRecord[];
  /** Records that could not be read (no time, bad JSON, an unknown shape): the caller lists them and may fail. */
  unreadable: SkippedRecord[];
  /** Records read but left out on purpose (a member joined the channel, a pager notification): listed, not an error. */
  dropped: SkippedRecord[];
}

/** A file's name (a path relative to what the user gave, with "/") and its text. */
export interface SourceFile {
  name: string;
  content: string;
}

/**
 * A source file's JSON, or undefined with the file listed as unreadable (its name and the parser's reason), so that
 * a broken file is said, never dropped silently.
 */
export function parseJsonSource(content: string, source: ImportFormat, ref: string, result: ReadResult): unknown {
  try {
    return JSON.parse(content) as unknown;
  } catch (e) {
    result.unreadable.push({ source, ref, reason: `not JSON (${(e as Error).message})` });
    return undefined;
  }
}

export function emptyResult(): ReadResult {
  return { records: [], unreadable: [], dropped: [] };
}

export function mergeResults(results: ReadResult[]): ReadResult {
  const out = emptyResult();
  for (const r of results) {
    out.records.push(...r.records);
    out.unreadable.push(...r.unreadable);
    out.dropped.push(...r.dropped);
  }
  return out;
}

/** Collapse whitespace (line breaks included) to single spaces. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An ISO 8601 date-time with a zone ("2024-06-08T22:42:05Z", "2024-06-08T18:42:05-04:00") as epoch ms, or null. */
export function isoInstant(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(v.trim())) return null;
  const t = Date.parse(
    v
      .trim()
      .replace(' ', 'T')
      .replace(/([+-]\d{2})(\d{2})$/, '$1:$2'),
  );
  return Number.isFinite(t) ? t : null;
}
