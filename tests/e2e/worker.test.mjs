// The session worker's own rules (assets/session-worker.js), against the real Strapi in refresh
// mode: the worker runs here in a plain context with Node's fetch, handed the fetch events a
// browser would give it. What it answers, and what Strapi saw, are checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API, DEMO, MODE, strapiFetch } from './lib/harness.mjs';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'assets', 'session-worker.js');

/** A fresh worker: its event listeners, and how many requests it sent to Strapi. */
function worker() {
  const listeners = {};
  const sent = [];
  // The worker's clients: 'page' is a window of the app, 'helper' a worker of the app's origin.
  const clients = { page: { type: 'window' }, helper: { type: 'worker' } };
  const self = {
    addEventListener: (type, fn) => { listeners[type] = fn; },
    skipWaiting() {},
    clients: { claim: async () => {}, get: async (id) => clients[id] },
  };
  const countingFetch = (url, init) => {
    sent.push(url);
    return fetch(url, init);
  };
  runInNewContext(readFileSync(SCRIPT, 'utf8'), {
    self, fetch: countingFetch, Response, AbortSignal, URL, setTimeout, clearTimeout,
  });
  /** Dispatches a fetch event; resolves to the worker's answer, or null when it let it pass. */
  async function dispatch(request, { clientId = 'page' } = {}) {
    let answer = null;
    const event = { request, clientId, respondWith: (p) => { answer = p; }, waitUntil() {} };
    listeners.fetch(event);
    return answer && (await answer);
  }
  return { dispatch, sent };
}

const refreshRequest = (body) => new Request(`${API}/auth/refresh`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
});

async function login() {
  const { status, json } = await strapiFetch('/auth/local', { body: { identifier: DEMO.email, password: DEMO.password } });
  assert.equal(status, 200);
  return json;
}

test('these tests run against Strapi in refresh mode', () => {
  assert.equal(MODE, 'refresh');
});

test('renewals presenting one token at once are one request to Strapi, and all get its pair', { skip: MODE !== 'refresh' }, async () => {
  const w = worker();
  const { refreshToken } = await login();
  const answers = await Promise.all([1, 2, 3].map(() => w.dispatch(refreshRequest({ refreshToken }))));
  assert.equal(w.sent.length, 1, 'one rotation on Strapi');
  const bodies = await Promise.all(answers.map((a) => a.json()));
  assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
  assert.ok(bodies.every((b) => b.refreshToken === bodies[0].refreshToken && b.jwt === bodies[0].jwt));
  assert.notEqual(bodies[0].refreshToken, refreshToken);
  assert.equal((await strapiFetch('/users/me', { token: bodies[0].jwt })).status, 200, 'the shared pair works');
});

test('the page that replaces the one that asked gets the answer it never saw', { skip: MODE !== 'refresh' }, async () => {
  const w = worker();
  const { refreshToken } = await login();
  const first = await (await w.dispatch(refreshRequest({ refreshToken }))).json();
  // Strapi itself now refuses the old token: only the worker still knows what it became.
  assert.equal((await strapiFetch('/auth/refresh', { body: { refreshToken } })).status, 401);
  const again = await w.dispatch(refreshRequest({ refreshToken }));
  assert.equal(again.status, 200);
  assert.deepEqual(await again.json(), first);
  assert.equal(w.sent.length, 1, 'answered from the worker, Strapi not asked');
  // The new token is Strapi's business again.
  const next = await w.dispatch(refreshRequest({ refreshToken: first.refreshToken }));
  assert.equal(next.status, 200);
  assert.equal(w.sent.length, 2);
});

test('a refusal is not kept, and other requests are left to the browser', { skip: MODE !== 'refresh' }, async () => {
  const w = worker();
  const refused = await w.dispatch(refreshRequest({ refreshToken: 'not-a-token' }));
  assert.equal(refused.status, 401);
  assert.equal((await w.dispatch(refreshRequest({ refreshToken: 'not-a-token' }))).status, 401);
  assert.equal(w.sent.length, 2, 'a refusal is asked again');
  assert.equal(await w.dispatch(new Request(`${API}/users/me`)), null, 'a GET passes');
  assert.equal(await w.dispatch(new Request(`${API}/auth/local`, { method: 'POST', body: '{}' })), null, 'a login passes');
});

test('cookie renewals (no token in the body) are joined while out, never answered after', { skip: MODE !== 'refresh' }, async () => {
  const w = worker();
  // No cookie here: Strapi answers "Missing refresh token"; what matters is how often it is asked.
  const together = await Promise.all([w.dispatch(refreshRequest({})), w.dispatch(refreshRequest({}))]);
  assert.deepEqual(together.map((a) => a.status), [400, 400]);
  assert.equal(w.sent.length, 1);
  await w.dispatch(refreshRequest({}));
  assert.equal(w.sent.length, 2);
});

/** A request as the browser hands it to the worker, with the fields Node's Request cannot take
 * (a navigation's mode, a form's destination). */
const shaped = (path, { mode = 'cors', destination = '', type = 'application/json', body = '{}' } = {}) => ({
  method: 'POST',
  url: `${API}${path}`,
  mode,
  destination,
  headers: new Headers(type ? { 'content-type': type } : {}),
  clone() { return new Request(this.url, { method: 'POST', body, headers: this.headers }); },
});

test('only the app\'s own renewal is answered: never a navigation, a form, a no-cors fetch or a request without a page of the app', { skip: MODE !== 'refresh' }, async () => {
  const w = worker();
  const { refreshToken } = await login();
  const body = JSON.stringify({ refreshToken });
  // Another site's form, in a tab or a frame: a navigation, with a form's body.
  assert.equal(await w.dispatch(shaped('/auth/refresh', { mode: 'navigate', destination: 'document', type: 'application/x-www-form-urlencoded' }), { clientId: '' }), null, 'a top-level form');
  assert.equal(await w.dispatch(shaped('/auth/refresh', { mode: 'navigate', destination: 'iframe', type: 'text/plain', body }), { clientId: '' }), null, 'a form in a frame');
  // Shaped like the app's renewal in every other way: still a navigation.
  assert.equal(await w.dispatch(shaped('/auth/refresh', { mode: 'navigate', destination: 'document', body }), { clientId: '' }), null, 'a navigation with a JSON body');
  // A page's fetch that could not have been the app's: no-cors, or not JSON (a form's encodings).
  assert.equal(await w.dispatch(shaped('/auth/refresh', { mode: 'no-cors', type: 'text/plain', body })), null, 'a no-cors fetch');
  assert.equal(await w.dispatch(shaped('/auth/refresh', { type: 'text/plain', body })), null, 'a fetch without a JSON body');
  assert.equal(await w.dispatch(shaped('/auth/refresh', { body }), { clientId: '' }), null, 'a request without a client');
  assert.equal(w.sent.length, 0, 'none of them was sent by the worker');
  // A worker of the app's origin is answered by the network as it is, not joined to any renewal.
  const fromWorker = await w.dispatch(refreshRequest({ refreshToken }), { clientId: 'helper' });
  assert.equal(fromWorker.status, 200);
  const rotated = await fromWorker.json();
  const again = await w.dispatch(refreshRequest({ refreshToken }), { clientId: 'helper' });
  assert.equal(again.status, 401, 'nothing kept for it: Strapi refuses the rotated token');
  // And the app's own renewal still is.
  const own = await w.dispatch(refreshRequest({ refreshToken: rotated.refreshToken }));
  assert.equal(own.status, 200);
});
