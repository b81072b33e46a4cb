/**
 * The custom requests the commands and the preview send to the language server. Their shapes are
 * declared once, in shared/protocol.ts, imported here as types only (the client bundle holds no server code).
 */
import { vscode } from '../vscode';
import type { LspPosition, RequestMethod } from '../../../shared/protocol';

export type {
  EditCommand,
  EditParams,
  EditResult,
  Figures,
  IndexGroupInfo,
  IndexParams,
  IndexResult,
  IndexRowInfo,
  LspPosition,
  LspTextEdit,
  ProfileInfo,
  RenderDiagnostic,
  RenderResult,
  TemplateParams,
} from '../../../shared/protocol';

export const PROFILES_REQUEST = 'postmortem/profiles' satisfies RequestMethod;
export const TEMPLATE_REQUEST = 'postmortem/template' satisfies RequestMethod;
export const EDIT_REQUEST = 'postmortem/edit' satisfies RequestMethod;
export const RENDER_REQUEST = 'postmortem/render' satisfies RequestMethod;
export const INDEX_REQUEST = 'postmortem/index' satisfies RequestMethod;

/** The language client as far as the commands and the preview need it. */
export interface RequestClient {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  isRunning(): boolean;
}

export function toRange(r: { start: LspPosition; end: LspPosition }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
