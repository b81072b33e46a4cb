/** Reads a set of source files into records, each by its format (given, or told apart by its content). */
import type { TimeOptions } from '../time';
import { detectFormat } from './detect';
import { readLines, type LinesOptions } from './lines';
import { readPagerDuty } from './pagerduty';
import { readSlack } from './slack';
import { readStatuspage } from './statuspage';
import { emptyResult, mergeResults, type ImportFormat, type ImportRecord, type ReadResult, type SourceFile } from './types';

/** The files of a Slack export that list channels and conversations: no messages in them. */
const SLACK_METADATA = /(?:^|\/)(?:channels|groups|dms|mpims|integration_logs|canvases|org_users|huddle_transcripts)\.json$/i;

/** Why a file that opens like JSON is not JSON ("not JSON (Unexpected token …)"), else undefined. */
function jsonError(content: string): string | undefined {
  const t = content.replace(/^\uFEFF/, '').trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    JSON.parse(t);
    return undefined;
  } catch (e) {
    return `not JSON (${(e as Error).message})`;
  }
}

export interface ReadOptions extends LinesOptions {
  /** The format of every file, or 'auto' (the default) to tell each apart by its content. */
  from?: ImportFormat | 'auto';
}

/**
 * Records from `files`, sorted by time. Slack day files are read together (one export: mentions named across
 * days, users.json for names); the other files one by one. A file that is no known format is unreadable.
 */
export function readSources(files: SourceFile[], options: ReadOptions = {}): ReadResult {
  const from = options.from ?? 'auto';
  const timeOpts: TimeOptions = {};
  if (options.dateOrder) timeOpts.dateOrder = options.dateOrder;
  if (options.zoneAliases) timeOpts.zoneAliases = options.zoneAliases;
  const slack: SourceFile[] = [];
  const results: ReadResult[] = [];
  for (const file of files) {
    if (SLACK_METADATA.test(file.name)) {
      const r = emptyResult();
      r.dropped.push({
        source: 'slack',
        ref: file.name,
        reason: "a Slack export's list of channels or conversations, no messages",
      });
      results.push(r);
      continue;
    }
    const format = from === 'auto' ? detectFormat(file.content, timeOpts) : from;
    if (format === 'slack' || format === 'slack-users' || (from === 'slack' && /users\.json$/i.test(file.name))) {
      slack.push(
        format === 'slack' && !/\d{4}-\d{2}-\d{2}\.json$/i.test(file.name)
          ? { ...file, name: `${file.name.replace(/\.json$/i, '')}/0000-00-00.json` }
          : file,
      );
      continue;
    }
    if (format === 'pagerduty') results.push(readPagerDuty(file.content, file.name));
    else if (format === 'statuspage') results.push(readStatuspage(file.content, file.name));
    else if (format === 'lines') results.push(readLines(file.content, file.name, options));
    else {
      const r = emptyResult();
      r.unreadable.push({
        source: 'unknown',
        ref: file.name,
        reason: jsonError(file.content) ?? 'not a Slack export, a PagerDuty log, a Statuspage incident or timed lines',
      });
      results.push(r);
    }
  }
  if (slack.some((f) => !/users\.json$/i.test(f.name))) {
    const r = readSlack(slack);
    // A message file not named by its day was renamed to be read: give it its own name back.
    for (const list of [r.records, r.unreadable, r.dropped] as { ref: string }[][])
      for (const x of list) x.ref = x.ref.replace(/\/0000-00-00\.json/, '.json');
    results.push(r);
  }
  const out = mergeResults(results);
  out.records.sort((a: ImportRecord, b: ImportRecord) => a.instant - b.instant);
  return out;
}
