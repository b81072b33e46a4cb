/**
 * The language client is created just after activation (client/src/deferredClient.ts): until then requests wait for
 * it, notification handlers are handed over to it once it exists, and deactivating first means it is never created.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DeferredClient } from '../../client/src/deferredClient';

/** The part of a language client the deferred one calls, recording what it is asked. */
function fakeClient() {
  const handlers = new Map<string, (params: unknown) => void>();
  const requests: [string, unknown][] = [];
  const client = {
    running: false,
    isRunning() {
      return this.running;
    },
    sendRequest(method: string, params: unknown) {
      requests.push([method, params]);
      return Promise.resolve(`answer to ${method}`);
    },
    onNotification(method: string, handler: (params: unknown) => void) {
      handlers.set(method, handler);
      return { dispose: () => handlers.delete(method) };
    },
  };
  return { client, handlers, requests, typed: client as unknown as BaseLanguageClient };
}

describe('deferred language client', () => {
  it('is not created during the call that makes it, and answers as not running until it is', async () => {
    const fake = fakeClient();
    let created = 0;
    const deferred = new DeferredClient(() => {
      created++;
      return Promise.resolve(fake.typed);
    });
    assert.equal(created, 0, 'created synchronously, during activation');
    assert.equal(deferred.isRunning(), false);
    assert.equal(deferred.current, undefined);
    assert.equal(await deferred.created, fake.typed);
    assert.equal(created, 1);
    fake.client.running = true;
    assert.equal(deferred.isRunning(), true);
  });

  it('sends a request made before the client exists once it does', async () => {
    const fake = fakeClient();
    const deferred = new DeferredClient(() => Promise.resolve(fake.typed));
    const answer = deferred.sendRequest<string>('postmortem/documentInfo', { uri: 'file:///a.md' });
    assert.deepEqual(fake.requests, []);
    assert.equal(await answer, 'answer to postmortem/documentInfo');
    assert.deepEqual(fake.requests, [['postmortem/documentInfo', { uri: 'file:///a.md' }]]);
  });

  it('hands notification handlers registered early to the client, and disposes them there', async () => {
    const fake = fakeClient();
    const deferred = new DeferredClient(() => Promise.resolve(fake.typed));
    const seen: unknown[] = [];
    const registration = deferred.onNotification('postmortem/didValidate', (p) => seen.push(p));
    const dropped = deferred.onNotification('postmortem/other', (p) => seen.push(p));
    dropped.dispose();
    await deferred.created;
    assert.deepEqual([...fake.handlers.keys()], ['postmortem/didValidate']);
    fake.handlers.get('postmortem/didValidate')?.({ uri: 'file:///a.md' });
    assert.deepEqual(seen, [{ uri: 'file:///a.md' }]);
    registration.dispose();
    assert.equal(fake.handlers.size, 0);
    // Registered after the client exists: straight on it.
    deferred.onNotification('postmortem/late', () => undefined);
    assert.deepEqual([...fake.handlers.keys()], ['postmortem/late']);
  });

  it('is never created when the extension is deactivated first, and says so', async () => {
    let created = 0;
    const deferred = new DeferredClient(() => {
      created++;
      return Promise.resolve(fakeClient().typed);
    });
    deferred.dispose();
    await assert.rejects(deferred.created, /deactivated before its language client was created/);
    assert.equal(created, 0);
    await assert.rejects(deferred.sendRequest('postmortem/documentInfo', {}), /deactivated/);
  });

  it('reports a client that could not be created where it is awaited', async () => {
    const deferred = new DeferredClient(() => Promise.reject(new Error('dist/connect.js is missing')));
    await assert.rejects(deferred.created, /dist\/connect\.js is missing/);
    assert.equal(deferred.isRunning(), false);
  });
});
