import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ExecuteCommandRequest,
  type ApplyWorkspaceEditParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { ROOT, TestClient } from './client';
import { applyEdits, positionAt } from './edits';
import type { ImportResult } from '../../shared/protocol';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'import-cli');
const BULLETS = readFileSync(join(FIXTURES, 'postmortems', 'bullets.md'), 'utf8');

/** The Slack export folder as texts, as the editor sends them. */
function slackSources(): { name: string; content: string }[] {
  const dir = join(FIXTURES, 'export', 'inc-api');
  return [
    { name: 'users.json', content: readFileSync(join(FIXTURES, 'export', 'users.json'), 'utf8') },
    ...readdirSync(dir).map((f) => ({ name: `inc-api/${f}`, content: readFileSync(join(dir, f), 'utf8') })),
  ];
}

describe('import over LSP: postmortem/import and workspace/executeCommand', () => {
  let client: TestClient;
  const uri = pathToFileURL(join(FIXTURES, 'postmortems', 'lsp-bullets-postmortem.md')).href;
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, BULLETS);
    await client.diagnostics(uri, 1);
  });
  after(() => client.dispose());

  it('advertises the import command', () => {
    assert.deepEqual(client.initializeResult.capabilities.executeCommandProvider?.commands, ['postmortem.server.importTimeline']);
  });

  it('returns the edits and the entries for sources given as texts; records sent back write only those', async () => {
    const result = await client.request<ImportResult>('postmortem/import', { uri, sources: slackSources() });
    assert.equal(result.version, 1);
    assert.equal(result.entries.length, 7);
    assert.equal(result.entries[0]!.line, '- 11:31 PM - Alert Bot: FIRING api p99 latency over 3s on the API dashboard');
    assert.ok(result.dropped.length >= 2, 'channel_join and channel_topic are listed as left out');
    assert.match(result.message, /^Imported 7 timeline entries; 2 records left out/);
    const after = applyEdits(BULLETS, result.edits as TextEdit[]);
    assert.match(after, /- March 10, 2024, 12:05 AM - Ada Okafor: Rollback done/);

    const picked = [result.entries[0]!.record, result.entries[3]!.record];
    const some = await client.request<ImportResult>('postmortem/import', { uri, records: picked });
    assert.deepEqual(
      some.entries.map((e) => e.line),
      [result.entries[0]!.line, result.entries[3]!.line],
    );
  });

  it('opens a zip sent as base64, and lists what it cannot read', async () => {
    const zip = readFileSync(join(ROOT, 'test', 'fixtures', 'import', 'slack-export.zip')).toString('base64');
    const result = await client.request<ImportResult>('postmortem/import', {
      uri,
      sources: [
        { name: 'slack-export.zip', zipBase64: zip },
        { name: 'notes.txt', content: 'nothing timed here' },
      ],
    });
    assert.ok(result.entries.length > 0);
    assert.ok(
      result.unreadable.some((u) => u.ref === 'notes.txt'),
      JSON.stringify(result.unreadable),
    );
    const bad = await client.request<ImportResult>('postmortem/import', {
      uri,
      sources: [{ name: 'x.zip', zipBase64: 'bm90IGEgemlw' }],
    });
    assert.equal(bad.error, true);
    assert.match(bad.message, /x\.zip \(not a zip archive/);
  });

  it('a paste answers only inside the Timeline section and for text that reads as records', async () => {
    const inTimeline = positionAt(BULLETS, BULLETS.indexOf('- 11:30 PM'));
    const inSummary = positionAt(BULLETS, BULLETS.indexOf('API requests'));
    const chat = readFileSync(join(FIXTURES, 'chat.txt'), 'utf8');
    const pasted = await client.request<ImportResult | null>('postmortem/import', {
      uri,
      sources: [{ name: 'clipboard', content: chat }],
      at: inTimeline,
    });
    assert.deepEqual(
      pasted?.entries.map((e) => e.line),
      [
        '- 11:31 PM - Ada Okafor: paging is loud, checking the API',
        '- 11:58 PM - Rui Tanaka: rollback half done',
        '- March 10, 2024, 12:07 AM - Ada Okafor: all green',
      ],
    );
    assert.equal(
      await client.request('postmortem/import', {
        uri,
        sources: [{ name: 'clipboard', content: chat }],
        at: inSummary,
      }),
      null,
    );
    assert.equal(
      await client.request('postmortem/import', {
        uri,
        sources: [{ name: 'clipboard', content: 'just some words\nand more' }],
        at: inTimeline,
      }),
      null,
    );
  });

  it('workspace/executeCommand applies the edit through the client', async () => {
    const applied: ApplyWorkspaceEditParams[] = [];
    client.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      applied.push(params);
      return { applied: true };
    });
    const pd = readFileSync(join(FIXTURES, 'pagerduty.json'), 'utf8');
    const result = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: 'postmortem.server.importTimeline',
      arguments: [{ uri, sources: [{ name: 'pd.json', content: pd }] }],
    })) as ImportResult;
    assert.equal(result.entries.length, 4);
    assert.equal(applied.length, 1);
    const edits = applied[0]!.edit.changes?.[uri];
    assert.ok(edits?.length);
    assert.match(applyEdits(BULLETS, edits), /- March 10, 2024, 3:15 AM - Resolved by Rui Tanaka\./);
  });
});
