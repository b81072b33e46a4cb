/**
 * The requests behind the editor's "Postmortem:" commands. The engine computes (engine/commands.ts); this
 * file only translates: document in, LSP text edits out, against the version they were computed for.
 */
import { RequestType, type Connection, type Position } from './languageServer';
import { convertTimeline, insertEntry, newPostmortemText, sortTimeline } from '../engine/commands';
import { getProfile, listProfiles } from '../engine/index';
import type { Analyzer } from './analysis';
import { toTextEdit } from './convert';
import type { Documents } from './documents';
import { render, type RenderResult } from './render';
import type {
  EditParams,
  EditResult,
  ProfileInfo,
  ProfilesParams,
  RenderParams,
  RequestMethod,
  TemplateParams,
} from '../../../shared/protocol';

export type { EditCommand, EditParams, EditResult, ProfileInfo, ProfilesParams, TemplateParams } from '../../../shared/protocol';

export const ProfilesRequest = new RequestType<ProfilesParams, ProfileInfo[], void>('postmortem/profiles' satisfies RequestMethod);
export const TemplateRequest = new RequestType<TemplateParams, string | null, void>('postmortem/template' satisfies RequestMethod);
export const EditRequest = new RequestType<EditParams, EditResult | null, void>('postmortem/edit' satisfies RequestMethod);
export const RenderRequest = new RequestType<RenderParams, RenderResult | null, void>('postmortem/render' satisfies RequestMethod);

/** Offsets in the text after one insertion at `at` of `inserted`, to a position. */
function positionAfterInsert(text: string, at: number, inserted: string, offset: number): Position {
  const after = text.slice(0, at) + inserted + text.slice(at);
  const before = after.slice(0, offset);
  const line = (before.match(/\n/g) ?? []).length;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export function registerEditCommands(connection: Connection, documents: Documents, analyzer: Analyzer): void {
  connection.onRequest(ProfilesRequest, async (params) => {
    const document = params.uri ? documents.get(params.uri) : undefined;
    const user = document ? (await analyzer.analyze(document)).options.profiles : undefined;
    const ids = [...listProfiles().map((p) => p.id), ...Object.keys(user ?? {})];
    return [...new Set(ids)]
      .map((id) => getProfile(id, user))
      .filter((p) => p !== undefined)
      .map((p) => ({ id: p.id, name: p.name, description: p.description }));
  });

  connection.onRequest(TemplateRequest, async (params) => {
    const document = params.uri ? documents.get(params.uri) : undefined;
    const user = document ? (await analyzer.analyze(document)).options.profiles : undefined;
    return newPostmortemText(params, user);
  });

  connection.onRequest(RenderRequest, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    return render(await analyzer.analyze(document), params.width);
  });

  connection.onRequest(EditRequest, async (params): Promise<EditResult | null> => {
    const live = documents.get(params.uri);
    if (!live) return null;
    const analysis = await analyzer.analyze(live);
    const document = analysis.document;
    const text = document.getText();
    const options = analysis.options;
    const base = { version: analysis.version, zone: analysis.result?.model.zone?.text ?? null };
    if (!analysis.isPostmortem) return { ...base, edits: [], message: 'This document is not a postmortem.', error: true };
    switch (params.command) {
      case 'sortTimeline': {
        const edits = sortTimeline(text, options);
        return {
          ...base,
          edits: edits.map((e) => toTextEdit(document, e)),
          message: edits.length ? 'Sorted the timeline chronologically.' : 'The timeline is already in order.',
        };
      }
      case 'convertZone': {
        if (!params.zone) return { ...base, edits: [], message: '', error: false };
        const result = convertTimeline(text, params.zone, options);
        if (result.error) return { ...base, edits: [], message: result.error, error: true };
        const skipped = result.skipped ? ` ${result.skipped} could not be placed in time and were left as they are.` : '';
        return {
          ...base,
          edits: result.edits.map((e) => toTextEdit(document, e)),
          message: result.edits.length
            ? `Converted ${result.converted} times to ${params.zone.trim()}.${skipped}`
            : `The timeline is already in ${params.zone.trim()}.${skipped}`,
        };
      }
      case 'insertEntry': {
        const result = insertEntry(text, params.now ?? Date.now(), options);
        if (!result.edit) return { ...base, edits: [], message: result.error ?? 'No place for a timeline entry.', error: true };
        const edit = result.edit;
        const selection = result.placeholder
          ? {
              start: positionAfterInsert(text, edit.start, edit.newText, result.placeholder.start),
              end: positionAfterInsert(text, edit.start, edit.newText, result.placeholder.end),
            }
          : undefined;
        return {
          ...base,
          edits: [toTextEdit(document, edit)],
          ...(selection ? { selection } : {}),
          message: `Inserted an entry at ${result.stamp}.`,
        };
      }
      default:
        return null;
    }
  });
}
