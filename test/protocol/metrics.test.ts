/**
 * The incident's figures over the protocol: the hover of a timeline timestamp and the preview's card
 * (postmortem/render) show the times to detect, acknowledge, mitigate and resolve.
 *
 * test/fixtures/protocol/metrics-postmortem.md, by hand: the summary's window starts at 14:00 UTC (the
 * lead-up entry at 13:40 is before it); detected at 14:12 → time to detect 12 minutes; acknowledged at
 * 14:20, 8 minutes after detection → time to acknowledge 8m; mitigated at 14:55 → time to mitigate
 * 55 minutes from the start; resolved at 15:30 → time to resolve 1 hour 30 minutes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-protocol/node';
import { fixtureUri, readFixture, TestClient } from './client';
import { positionAt } from './edits';

const TEXT = readFixture('metrics-postmortem.md');

interface Render {
  figures: Record<string, unknown>;
  overviewHtml: string;
}

describe('incident figures in the hover and on the preview card', () => {
  let client: TestClient;
  const uri = fixtureUri('metrics-postmortem.md');
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, TEXT);
    await client.diagnostics(uri, 1);
  });
  after(() => client.dispose());

  const hoverAt = async (stamp: string): Promise<string> => {
    const hover = await client.hover(uri, positionAt(TEXT, TEXT.indexOf(stamp, TEXT.indexOf('## Timeline')) + 12));
    assert.ok(hover, `a hover on ${stamp}`);
    return (hover.contents as MarkupContent).value;
  };

  it('the hover of a timestamp gives the four times, in words and figures computed by hand', async () => {
    const value = await hoverAt('2025-03-12 14:00 UTC');
    assert.match(value, /T\+0m since the incident started/);
    const line = value.split('\n').find((l) => l.startsWith('Time to '));
    // Each figure names the entry behind it, by line (metrics.sources).
    assert.equal(
      line,
      'Time to detect **12m** (line 15) · acknowledge **8m** (line 16) · mitigate **55m** (line 17) · resolve **1h30m** (line 18)',
    );
    assert.match(value, /^Phase: none read from the words$/m);
  });

  it('the entry that ends a figure says so', async () => {
    assert.match(await hoverAt('2025-03-12 14:12 UTC'), /detect \*\*12m\*\* \(this entry\)/);
    const ack = await hoverAt('2025-03-12 14:20 UTC');
    assert.match(ack, /acknowledge \*\*8m\*\* \(this entry\)/);
    assert.doesNotMatch(ack, /detect \*\*12m\*\* \(this entry\)/);
    assert.match(await hoverAt('2025-03-12 14:55 UTC'), /mitigate \*\*55m\*\* \(this entry\)/);
    assert.match(await hoverAt('2025-03-12 14:55 UTC'), /^Phase: \*\*mitigated\*\* — marker `\[mitigated\]`$/m);
    assert.match(await hoverAt('2025-03-12 15:30 UTC'), /resolve \*\*1h30m\*\* \(this entry\)/);
    assert.match(await hoverAt('2025-03-12 13:40 UTC'), /T-20m, before the incident started/);
  });

  it('the preview card shows time to acknowledge and to mitigate next to detect and resolve', async () => {
    const render = await client.connection.sendRequest<Render | null>('postmortem/render', { uri, width: 800 });
    assert.ok(render);
    const f = render.figures;
    assert.equal(f.timeToDetect, '12m');
    assert.equal(f.timeToAcknowledge, '8m');
    assert.equal(f.timeToMitigate, '55m');
    assert.equal(f.timeToResolve, '1h 30m');
    const labels = [...render.overviewHtml.matchAll(/class="pm-figure-label">([^<]+)</g)].map((m) => m[1]);
    assert.deepEqual(labels.slice(3, 7), ['Time to detect', 'Time to acknowledge', 'Time to mitigate', 'Time to resolve']);
    assert.match(
      render.overviewHtml,
      /class="pm-figure pm-tta"><div class="pm-figure-label">Time to acknowledge<\/div><div class="pm-figure-value">8m</,
    );
    assert.match(
      render.overviewHtml,
      /class="pm-figure pm-ttm"><div class="pm-figure-label">Time to mitigate<\/div><div class="pm-figure-value">55m</,
    );
  });

  it('a timeline that says nothing of acknowledging or mitigating shows neither figure', async () => {
    const other = fixtureUri('metrics-plain-postmortem.md');
    const plain = TEXT.replace(/\[(acknowledged|mitigated)\] /g, '')
      .replace('takes the page and opens an incident channel', 'reads the dashboards')
      .replace('Traffic moves to the region that kept its replicas; errors stop', 'The replica rebuild starts');
    await client.open(other, plain);
    await client.diagnostics(other, 1);
    const render = await client.connection.sendRequest<Render | null>('postmortem/render', { uri: other, width: 800 });
    assert.ok(render);
    assert.equal(render.figures.timeToAcknowledge, null);
    assert.equal(render.figures.timeToMitigate, null);
    assert.doesNotMatch(render.overviewHtml, /Time to (acknowledge|mitigate)/);
    const hover = await client.hover(other, positionAt(plain, plain.indexOf('2025-03-12 14:12 UTC') + 12));
    assert.match(
      (hover?.contents as MarkupContent).value,
      /^Time to detect \*\*12m\*\* \(this entry\) · resolve \*\*1h30m\*\* \(line 18\)$/m,
    );
  });
});
