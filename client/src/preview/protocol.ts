/**
 * The custom requests the commands and the preview send to the language server. The shapes are declared
 * here again (the client never imports server code); server/src/lsp/editCommands.ts and render.ts answer them.
 */
import * as vscode from 'vscode';

export const PROFILES_REQUEST = 'postmortem/profiles';
export const TEMPLATE_REQUEST = 'postmortem/template';
export const EDIT_REQUEST = 'postmortem/edit';
export const RENDER_REQUEST = 'postmortem/render';

export interface ProfileInfo {
  id: string;
  name: string;
  description: string;
}

export interface TemplateParams {
  profile: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  zone: string;
  uri?: string;
}

export type EditCommand = 'sortTimeline' | 'convertZone' | 'insertEntry';

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspTextEdit {
  range: { start: LspPosition; end: LspPosition };
  newText: string;
}

export interface EditParams {
  uri: string;
  command: EditCommand;
  zone?: string;
  now?: number;
}

export interface EditResult {
  version: number;
  edits: LspTextEdit[];
  selection?: { start: LspPosition; end: LspPosition };
  message: string;
  error?: boolean;
  zone?: string | null;
}

export interface Figures {
  start: string | null;
  end: string | null;
  duration: string | null;
  declaredDuration: string | null;
  durationMinutes: number | null;
  declaredDurationMinutes: number | null;
  durationMismatch: boolean;
  timeToDetect: string | null;
  timeToAcknowledge: string | null;
  timeToMitigate: string | null;
  timeToResolve: string | null;
  entries: number;
  placedEntries: number;
  zone: string | null;
}

export interface RenderDiagnostic {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId: string;
}

export interface RenderResult {
  uri: string;
  version: number;
  isPostmortem: boolean;
  title: string;
  profile: string;
  html: string;
  overviewHtml: string;
  problemsHtml: string;
  figures: Figures;
  model: unknown;
  diagnostics: RenderDiagnostic[];
}

/** The language client as far as the commands and the preview need it. */
export interface RequestClient {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  isRunning(): boolean;
}

export function toRange(r: { start: LspPosition; end: LspPosition }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}
