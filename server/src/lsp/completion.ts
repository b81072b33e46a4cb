/**
 * Completion: missing sections at the start of a line; zone abbreviations after a time on a
 * timeline line; "now" anywhere in the timeline, written the way the document writes its times.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionParams, type Position } from './languageServer';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { getProfile } from '../engine/index';
import type { LintOptions, PostmortemModel } from '../engine/index';
import { formatLike, parseZone } from '../engine/time';
import type { Analysis } from './analysis';
import { firstLineEnding } from '../engine/util/lineEndings';
import { wallClock } from './timeFormat';

/** Offered after the zones the document itself uses. TODO: take this list from the engine's zone table once it exports one. */
const COMMON_ZONES = [
  'UTC',
  'GMT',
  'WAT',
  'CAT',
  'EAT',
  'SAST',
  'CET',
  'CEST',
  'EET',
  'EEST',
  'BST',
  'IST',
  'EST',
  'EDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'JST',
  'AEST',
  'AEDT',
];

const TIME_BEFORE_CURSOR = /(?:^|[^\d:.])\d{1,2}(?::\d{2}|\.\d{2})(?::\d{2})?(?:\s?[ap]\.?m\.?)?\)?[ \t]$/i;
const HEADING_PREFIX = /^(#{1,6}[ \t]*)?([\p{L}\p{N} &'/-]*)$/u;

/** Offsets covered by sections that hold the timeline (by the profile's `holds`, or because entries sit there). */
function inTimeline(analysis: Analysis, model: PostmortemModel, offset: number): boolean {
  const profile = getProfile(model.profile || analysis.settings.profile, analysis.options.profiles);
  const timelineIds = new Set(profile?.sections.filter((s) => s.holds?.includes('timeline')).map((s) => s.id));
  return model.sections.some(
    (section) =>
      section.headingEnd <= offset &&
      offset <= section.end &&
      ((section.id !== null && timelineIds.has(section.id)) ||
        model.timeline.some((e) => e.start >= section.bodyStart && e.start < section.end)),
  );
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** A profile skeleton's `${slot}`s as tab stops (the zone slot prefilled with the document's zone), or as plain words. */
export function skeletonText(skeleton: string, zone: string | undefined, snippet: boolean): string {
  const stops = new Map<string, number>();
  const parts = skeleton.split(/\$\{(\w+)\}/);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return snippet ? escapeSnippet(part) : part;
      const value = part === 'zone' && zone ? zone : part;
      if (!snippet) return value;
      if (!stops.has(part)) stops.set(part, stops.size + 1);
      return `\${${stops.get(part)}:${escapeSnippet(value)}}`;
    })
    .join('');
}

function sectionItems(
  analysis: Analysis,
  model: PostmortemModel,
  position: Position,
  prefix: string,
  eol: string,
  snippet: boolean,
): CompletionItem[] {
  const match = HEADING_PREFIX.exec(prefix);
  if (!match) return [];
  const typedHashes = match[1] ?? '';
  const profile = getProfile(model.profile || analysis.settings.profile, analysis.options.profiles);
  if (!profile) return [];
  const present = new Set(model.sections.map((s) => s.id).filter((id): id is string => id !== null));
  const hashes = '#'.repeat(Math.min(6, Math.max(1, profile.headingDepth)));
  return profile.sections
    .filter((section) => !present.has(section.id))
    .map((section, i) => {
      const title = snippet ? escapeSnippet(section.title) : section.title;
      const skeleton = skeletonText(section.skeleton, model.zone?.text, snippet).replace(/\r?\n/g, eol);
      return {
        label: section.title,
        kind: CompletionItemKind.Module,
        detail: 'Postmortem section',
        documentation: section.required ? 'Required by the profile.' : undefined,
        sortText: `0${String(i).padStart(3, '0')}`,
        filterText: `${typedHashes}${section.title}`,
        insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: {
          range: { start: { line: position.line, character: 0 }, end: position },
          newText: `${hashes} ${title}${eol}${eol}${skeleton}`,
        },
      };
    });
}

function zoneItems(analysis: Analysis, model: PostmortemModel): CompletionItem[] {
  const counts = new Map<string, number>();
  for (const entry of model.timeline) {
    const text = entry.timestamp?.zone?.text;
    if (text) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const used = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([z]) => z);
  const ordered = [model.zone?.text, ...used, ...Object.keys(analysis.options.zoneAliases ?? {}), ...COMMON_ZONES];
  const zones = [...new Set(ordered.filter((z): z is string => Boolean(z)))];
  const parenthesised = usesParentheses(model, analysis.document.getText());
  return zones.map((zone, i) => ({
    label: zone,
    kind: CompletionItemKind.Unit,
    detail: i === 0 && zone === model.zone?.text ? "The document's zone" : 'Time zone',
    sortText: `1${String(i).padStart(3, '0')}`,
    insertText: parenthesised ? `(${zone})` : zone,
    filterText: zone,
  }));
}

/** The document writes zones in parentheses: "10:42 PM (WAT)". */
function usesParentheses(model: PostmortemModel, text: string): boolean {
  const zone = model.timeline.find((e) => e.timestamp?.zone)?.timestamp?.zone;
  return Boolean(zone && /\(\s*$/.test(text.slice(Math.max(0, zone.start - 2), zone.start)));
}

/** The current time, written like the document's last timestamp (a plain "HH:mm ZONE" when there is none). */
export function formatNow(model: PostmortemModel, options: LintOptions, now: number): string {
  const timeOptions = { dateOrder: options.dateOrder, zoneAliases: options.zoneAliases };
  const original = [...model.timeline].reverse().find((e) => e.timestamp?.time)?.timestamp ?? null;
  const zone = (model.zone ? parseZone(model.zone.text, timeOptions) : null) ?? original?.zone ?? parseZone('UTC', timeOptions);
  if (original && zone) {
    // Entries that carry no zone of their own rely on one stated once; keep to that.
    return formatLike(now, zone, original, { ...timeOptions, includeZone: Boolean(original.zone), originalDate: null });
  }
  const w = wallClock(now, model.zone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')} ${model.zone?.text ?? 'UTC'}`;
}

/**
 * A cheap look at the raw text before any lint: a space or '#' typed anywhere but after a time or
 * at a heading's start offers nothing, so it must not cost a lint per keystroke.
 */
export function mayComplete(document: TextDocument, params: CompletionParams): boolean {
  const trigger = params.context?.triggerCharacter;
  if (trigger !== ' ' && trigger !== '#') return true;
  const prefix = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  return trigger === '#' ? /^#{1,6}$/.test(prefix) : /^#{1,6}[ \t]$/.test(prefix) || TIME_BEFORE_CURSOR.test(prefix);
}

export interface CompletionOptions {
  /** The client takes snippets (tab stops in inserted sections). */
  snippets: boolean;
  now?: number;
}

export function provideCompletion(
  analysis: Analysis,
  params: CompletionParams,
  options: CompletionOptions = { snippets: false },
): CompletionItem[] {
  const model = analysis.result?.model;
  if (!analysis.isPostmortem || !model) return [];
  const document = analysis.document;
  const text = document.getText();
  const position = params.position;
  const offset = document.offsetAt(position);
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const prefix = text.slice(lineStart, offset);
  const trigger = params.context?.triggerCharacter;
  const timeline = inTimeline(analysis, model, offset);

  if (timeline && TIME_BEFORE_CURSOR.test(prefix)) return zoneItems(analysis, model);

  const items: CompletionItem[] = [];
  const atLineStart = trigger === ' ' ? /^#{1,6}[ \t]$/.test(prefix) : trigger === '#' ? /^#{1,6}$/.test(prefix) : true;
  if (atLineStart) items.push(...sectionItems(analysis, model, position, prefix, firstLineEnding(text), options.snippets));
  if (timeline && trigger !== '#') {
    const value = formatNow(model, analysis.options, options.now ?? Date.now());
    items.push({
      label: 'now',
      kind: CompletionItemKind.Value,
      detail: value,
      documentation: 'The current time, in the timeline’s zone and style.',
      sortText: '2000',
      insertText: value,
      filterText: 'now',
    });
  }
  return items;
}
