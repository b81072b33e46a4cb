import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { catchInternalError, internalErrorDiagnostic, INTERNAL_ERROR_CODE } from '../../server/src/lsp/internalError';

describe('lsp internal-error wrapper', () => {
  it('passes a value through when nothing throws', () => {
    const logged: string[] = [];
    const result = catchInternalError(
      'lint',
      () => 42,
      (t) => logged.push(t),
    );
    assert.deepEqual(result, { ok: true, value: 42 });
    assert.deepEqual(logged, []);
  });

  it('turns a throw into one diagnostic at the top naming what failed, and logs the stack', () => {
    const logged: string[] = [];
    const boom = () => {
      const error = new Error('Cannot read properties of undefined (reading "instant")') as Error & { ruleId?: string };
      error.ruleId = 'timeline-order';
      throw error;
    };
    const result = catchInternalError('lint', boom, (t) => logged.push(t));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /lint failed/);
    assert.match(logged[0] ?? '', /at boom|at .*lsp-internal-error/, 'the log carries the stack');

    const diagnostic = internalErrorDiagnostic(result.failure);
    const message = String(diagnostic.message);
    assert.equal(diagnostic.code, INTERNAL_ERROR_CODE);
    assert.equal(diagnostic.source, 'postmortem');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(message, /lint failed/);
    assert.match(message, /timeline-order/);
    assert.match(message, /reading "instant"/);
  });

  it('copes with throws of things that are not errors', () => {
    const result = catchInternalError(
      'reading .postmortemrc.json',
      () => {
        throw 'a string';
      },
      () => undefined,
    );
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.match(String(internalErrorDiagnostic(result.failure).message), /reading \.postmortemrc\.json failed \(a string\)/);
  });
});
