/**
 * The custom protocol the client's status bar and preview use: `postmortem/documentInfo` (the model
 * of the current version, from the same cached lint as the diagnostics) and the
 * `postmortem/didValidate` notification the server sends after each publish.
 */
import { NotificationType, RequestType, type Connection } from './languageServer';
import type { PostmortemModel } from '../engine/index';
import type { Analysis, Analyzer } from './analysis';
import type { Documents } from './documents';
import type {
  DidValidateParams,
  DocumentInfoParams,
  DocumentInfo as DocumentInfoOf,
  NotificationMethod,
  RequestMethod,
} from '../../../shared/protocol';

export type { DidValidateParams, DocumentInfoParams } from '../../../shared/protocol';
export type DocumentInfo = DocumentInfoOf<PostmortemModel>;

export const DocumentInfoRequest = new RequestType<DocumentInfoParams, DocumentInfo | null, void>(
  'postmortem/documentInfo' satisfies RequestMethod,
);
export const DidValidateNotification = new NotificationType<DidValidateParams>('postmortem/didValidate' satisfies NotificationMethod);

export function documentInfo(analysis: Analysis): DocumentInfo {
  const counts = { error: 0, warning: 0, info: 0 };
  if (analysis.isPostmortem) for (const message of analysis.result?.messages ?? []) counts[message.severity]++;
  return {
    isPostmortem: analysis.isPostmortem,
    profile: analysis.result?.model.profile || analysis.options.profile || analysis.settings.profile,
    version: analysis.version,
    model: analysis.result?.model ?? null,
    diagnosticsCount: counts,
  };
}

export function registerRequests(connection: Connection, documents: Documents, analyzer: Analyzer): void {
  connection.onRequest(DocumentInfoRequest, async (params) => {
    const document = documents.get(params.uri);
    if (!document) return null;
    return documentInfo(await analyzer.analyze(document));
  });
}

export function notifyValidated(connection: Connection, analysis: Analysis): void {
  void connection.sendNotification(DidValidateNotification, {
    uri: analysis.uri,
    version: analysis.version,
    isPostmortem: analysis.isPostmortem,
  });
}
