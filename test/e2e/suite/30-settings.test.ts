import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  describeDiagnostics,
  openDocument,
  ourDiagnostics,
  ruleOf,
  setPostmortemSetting,
  waitFor,
  waitForDiagnostics,
} from './helpers/vscode';

const FILE = 'incidents/2024-09-18-search-settings-postmortem.md';

suite('settings take effect', () => {
  let document: vscode.TextDocument;
  let sendRequest: <R>(method: string, params: unknown) => Promise<R>;
  let defaults = '';
  const hasDuration = (ds: vscode.Diagnostic[]): boolean => ds.some((d) => ruleOf(d) === 'duration-consistent');

  suiteSetup(async () => {
    const { api } = await activateExtension();
    sendRequest = (method, params) => api.client.sendRequest(method, params);
    ({ document } = await openDocument(FILE));
    // What the default settings report, captured once so that every test can wait to get back to it.
    defaults = describeDiagnostics(await waitForDiagnostics(document.uri, hasDuration, 'the default-settings diagnostics'));
  });

  test('postmortem.rules turns a rule off, and back on', async () => {
    await waitForDiagnostics(document.uri, hasDuration, 'a duration-consistent diagnostic');
    const restore = await setPostmortemSetting('rules', { 'duration-consistent': 'off' });
    try {
      await waitForDiagnostics(document.uri, (ds) => !hasDuration(ds), 'duration-consistent to disappear');
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, hasDuration, 'duration-consistent to come back');
  });

  test('postmortem.enable: false silences every rule, and true brings them back', async () => {
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-settings diagnostics');
    const restore = await setPostmortemSetting('enable', false);
    try {
      await waitForDiagnostics(document.uri, (ds) => ds.length === 0, 'every diagnostic to disappear');
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the diagnostics to come back');
  });

  test('postmortem.run: onSave lints on save, not as you type', async () => {
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-settings diagnostics');
    const restore = await setPostmortemSetting('run', 'onSave');
    // The settings change re-lints every open document; a request answered after it (hover reads the settings
    // through the client) makes sure that re-lint ran on the unedited text before we type.
    await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, new vscode.Position(0, 0));
    const declared = 'Duration of outage: 3 hours,';
    const replaceText = async (from: string, to: string): Promise<void> => {
      const offset = document.getText().indexOf(from);
      assert.ok(offset >= 0, `"${from}" not in the document`);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length)), to);
      assert.equal(await vscode.workspace.applyEdit(edit), true);
    };
    try {
      await replaceText(declared, 'Duration of outage: 2 hours 25 minutes,');
      // Typing alone changes nothing for a bounded while...
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline) {
        assert.ok(hasDuration(ourDiagnostics(document.uri)), 'linted before the save');
        await new Promise((r) => setTimeout(r, 100));
      }
      // ...and saving lints the corrected text.
      await document.save();
      await waitForDiagnostics(document.uri, (ds) => !hasDuration(ds), 'the corrected duration to be linted on save');
    } finally {
      await replaceText('Duration of outage: 2 hours 25 minutes,', declared);
      await document.save();
      await restore();
    }
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-settings diagnostics to come back');
  });

  test('postmortem.profile switches the profile the document is checked against', async () => {
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-settings diagnostics');
    assert.doesNotMatch(defaults, /"Trigger"/);
    const restore = await setPostmortemSetting('profile', 'google-sre');
    try {
      await waitFor(
        async () =>
          (await sendRequest<{ profile: string } | null>('postmortem/documentInfo', { uri: document.uri.toString() }))?.profile ===
          'google-sre',
        'documentInfo to report the google-sre profile',
      );
      // Google SRE asks for sections this document lacks: Impact, Trigger, Detection, Lessons Learned.
      const changed = await waitForDiagnostics(
        document.uri,
        (ds) => ds.some((d) => ruleOf(d) === 'required-sections' && /"Trigger"/.test(d.message)),
        'the missing "Trigger" section of the google-sre profile',
      );
      assert.ok(!changed.some((d) => /Unknown profile/.test(d.message)), describeDiagnostics(changed));
      for (const title of ['Impact', 'Detection', 'Lessons Learned']) {
        assert.ok(
          changed.some((d) => ruleOf(d) === 'required-sections' && d.message.includes(`"${title}"`)),
          `the missing "${title}" section: ${describeDiagnostics(changed)}`,
        );
      }
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-profile diagnostics to come back');
  });

  test('profile: in the front matter chooses the profile for that document, and wins over postmortem.profile', async () => {
    const { document: withFrontMatter } = await openDocument('profiles/2024-10-02-queue-google-sre-postmortem.md');
    const { document: plain } = await openDocument('profiles/2024-10-02-queue-plain-postmortem.md');
    const profileOf = async (d: vscode.TextDocument): Promise<string | undefined> =>
      (await sendRequest<{ profile: string } | null>('postmortem/documentInfo', { uri: d.uri.toString() }))?.profile;
    const missingTrigger = (ds: vscode.Diagnostic[]): boolean =>
      ds.some((d) => ruleOf(d) === 'required-sections' && /"Trigger"/.test(d.message));
    const requiredOrOrder = (ds: vscode.Diagnostic[]): boolean =>
      ds.some((d) => ruleOf(d) === 'required-sections' || ruleOf(d) === 'section-order');

    // The same body: with "profile: google-sre" it lacks Google SRE's sections; without, it is a complete default postmortem.
    const google = await waitForDiagnostics(withFrontMatter.uri, missingTrigger, 'the google-sre findings of the front-matter document');
    assert.ok(
      google.some((d) => ruleOf(d) === 'action-items' && /table/.test(d.message)),
      `Google SRE asks for a table of action items: ${describeDiagnostics(google)}`,
    );
    assert.equal(await profileOf(withFrontMatter), 'google-sre');
    const bare = await waitForDiagnostics(
      plain.uri,
      (ds) => !requiredOrOrder(ds),
      'the default-profile findings of the same body without front matter',
    );
    assert.ok(!missingTrigger(bare), describeDiagnostics(bare));
    assert.equal(await profileOf(plain), 'default');

    // The setting chooses the profile of the document without front matter only.
    const restore = await setPostmortemSetting('profile', 'pagerduty');
    try {
      await waitFor(async () => (await profileOf(plain)) === 'pagerduty', 'the plain document to follow postmortem.profile');
      await waitForDiagnostics(
        plain.uri,
        (ds) => ds.some((d) => ruleOf(d) === 'required-sections' && /"Responders"/.test(d.message)),
        'the missing "Responders" section of the pagerduty profile',
      );
      assert.equal(await profileOf(withFrontMatter), 'google-sre');
      const still = await waitForDiagnostics(withFrontMatter.uri, missingTrigger, 'the front matter to keep google-sre');
      assert.ok(!still.some((d) => /"Responders"/.test(d.message)), describeDiagnostics(still));
    } finally {
      await restore();
    }
    await waitFor(async () => (await profileOf(plain)) === 'default', 'the plain document back on the default profile');
    await waitForDiagnostics(plain.uri, (ds) => !requiredOrOrder(ds), 'the default-profile findings to come back');
  });

  test('postmortem.profile can name a profile defined in .postmortemrc.json', async () => {
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-settings diagnostics');
    assert.doesNotMatch(defaults, /Lessons learned/i);
    const restore = await setPostmortemSetting('profile', 'team-review');
    try {
      await waitFor(
        async () =>
          (await sendRequest<{ profile: string } | null>('postmortem/documentInfo', { uri: document.uri.toString() }))?.profile ===
          'team-review',
        'documentInfo to report the team-review profile',
      );
      // The team's profile adds a required "Lessons learned" section that this document lacks.
      await waitForDiagnostics(
        document.uri,
        (ds) => ds.some((d) => /Lessons learned/i.test(d.message)),
        'a finding about the missing "Lessons learned" section',
      );
    } finally {
      await restore();
    }
    await waitForDiagnostics(document.uri, (ds) => describeDiagnostics(ds) === defaults, 'the default-profile diagnostics to come back');
  });
});
