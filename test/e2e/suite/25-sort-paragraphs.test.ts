import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeActionsAt,
  describeDiagnostics,
  openDocument,
  ruleOf,
  waitForDiagnostics,
  waitForText,
} from './helpers/vscode';

/** A timeline written as one paragraph per entry (`June 8, 2024, 10:42 PM (WAT): …`), two of them swapped. */
const FILE = 'shapes/2024-06-08-storefront-paragraphs-postmortem.md';

/** The clock times of the timeline's paragraphs, in the order they are written. */
function paragraphTimes(text: string): string[] {
  return [...text.matchAll(/^June \d, 2024, (\d{1,2}:\d\d [AP]M) \(WAT\):/gm)].map((m) => m[1] ?? '');
}

suite('timeline-order on a timeline of paragraphs', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  suiteTeardown(closeAllEditors);

  test('two swapped paragraph entries: the quick fix is offered and applied, and the error is gone', async () => {
    const { document } = await openDocument(FILE);
    const original = document.getText();
    assert.deepEqual(paragraphTimes(original), ['10:42 PM', '11:30 PM', '10:55 PM', '2:10 AM', '6:05 AM'], 'fixture changed?');

    const isOrder = (d: vscode.Diagnostic): boolean => ruleOf(d) === 'timeline-order';
    const diagnostics = await waitForDiagnostics(
      document.uri,
      (ds) => ds.some(isOrder),
      'the timeline-order error on the swapped paragraph',
    );
    const order = diagnostics.filter(isOrder);
    assert.equal(order.length, 1, describeDiagnostics(diagnostics));
    const d = order[0]!;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(d.range), 'June 8, 2024, 10:55 PM (WAT)');

    const quickFixes = (actions: vscode.CodeAction[]): vscode.CodeAction[] =>
      actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind));
    const sortFix = (actions: vscode.CodeAction[]): vscode.CodeAction | undefined =>
      // The workbench's executeCodeActionProvider does not always hand back an action's diagnostics: the title names it.
      quickFixes(actions).find((a) => /^Sort the timeline/.test(a.title));
    const fix = sortFix(
      await codeActionsAt(document.uri, d.range, (actions) => sortFix(actions) !== undefined, 'the quick fix that sorts the timeline'),
    );
    assert.ok(fix);
    if (fix.edit) assert.equal(await vscode.workspace.applyEdit(fix.edit), true, 'applyEdit failed');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));

    const text = await waitForText(
      document,
      (t) => paragraphTimes(t).join() === ['10:42 PM', '10:55 PM', '11:30 PM', '2:10 AM', '6:05 AM'].join(),
      'the paragraphs in time order',
    );
    // Each entry moved whole, its second line with it; blank lines still part the paragraphs; nothing else changed.
    assert.match(
      text,
      /\n\nJune 8, 2024, 10:55 PM \(WAT\): The on-call engineer acknowledged the page and started investigating\.\n\nJune 8, 2024, 11:30 PM \(WAT\): The on-call engineer found log rotation switched off and the disk full of\naccess logs; the web server could not write its temporary files\.\n\nJune 9, 2024, 2:10 AM/,
    );
    assert.equal(text.length, original.length);
    assert.deepEqual(text.split('\n').sort(), original.split('\n').sort(), 'the same lines');

    await waitForDiagnostics(document.uri, (ds) => !ds.some(isOrder), 'the timeline-order error to go away');
    await document.save();
  });
});
