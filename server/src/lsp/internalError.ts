/**
 * The server never dies because the engine did: a throw in a rule, the parser or the config loader
 * becomes one diagnostic at the top of the file, and the stack goes to the log.
 */
import { DiagnosticSeverity, type Diagnostic } from './languageServer';

export const INTERNAL_ERROR_CODE = 'internal-error';

export interface InternalFailure {
  /** What was being done: "lint", "configuration", … */
  what: string;
  message: string;
  stack?: string;
}

export type Caught<T> = { ok: true; value: T } | { ok: false; failure: InternalFailure };

function describe(error: unknown): { message: string; stack?: string } {
  if (error instanceof Error) {
    const extra = error as Error & { ruleId?: unknown; source?: unknown; plugin?: unknown };
    const origin = [extra.source, extra.ruleId, extra.plugin].filter((p) => typeof p === 'string' && p).join(':');
    return { message: origin ? `${origin}: ${error.message}` : error.message, stack: error.stack };
  }
  return { message: String(error) };
}

/** Runs `fn`; a throw becomes a failure record (and is logged with its stack), never an exception. */
export function catchInternalError<T>(what: string, fn: () => T, log: (text: string) => void): Caught<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    const { message, stack } = describe(error);
    log(`postmortem: ${what} failed: ${stack ?? message}`);
    return { ok: false, failure: { what, message, stack } };
  }
}

export function internalErrorDiagnostic(failure: InternalFailure): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: 'postmortem',
    code: INTERNAL_ERROR_CODE,
    message: `Postmortem lint could not check this document: ${failure.what} failed (${failure.message}). This is a bug in postmortem-lint; the log has the details.`,
  };
}
