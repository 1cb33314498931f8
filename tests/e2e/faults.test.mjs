// Faults real browsers meet: storage that refuses (blocked, full), going offline and back, and
// Strapi restarting under a logged-in user. Every token mode (5-second access tokens in refresh
// and cookie mode).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, loginThroughForm, reloadDashboard, storedTokens, strapiCtl, MODE, SESSIONS, DEMO, SERVER_PROBLEM,
} from './lib/harness.mjs';

const refreshMode = SESSIONS;
const NOT_KEPT = 'This browser does not let the site store your session: it lasts until you reload or close this tab.';
const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const env = suite();
const loginOn = (p) => loginThroughForm(env, p);

async function reload(p) {
  return (await reloadDashboard(p)).status();
}

/** Logged in with storage refused: the session works for the life of the tab and says once
 * that it will not survive a reload. */
async function assertWorksInMemory(p) {
  await loginOn(p);
  await p.getByRole('status').getByText(NOT_KEPT).waitFor();
  assert.equal(await p.getByText(NOT_KEPT).count(), 1, 'said once');
  assert.equal(await reload(p), 200);
  if (refreshMode) {
    // Past the access token's life: renewed in memory.
    await sleep(6_000);
    assert.equal(await reload(p), 200);
  }
  // Client-side navigation keeps it.
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
  await p.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  assert.equal(await p.getByRole('alert').count(), 0);
  // A reload starts a new page: nothing was kept, as said.
  await p.reload();
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
}

test('storage blocked (SecurityError on any access): log in and work for the tab, told once', async () => {
  const p = await env.page();
  await p.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await assertWorksInMemory(p);
});

test('storage full (QuotaExceededError on write): log in and work for the tab, nothing half-written', async () => {
  const p = await env.page();
  await p.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await assertWorksInMemory(p);
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('offline and back: requests say so, the session stays, and it works again without a reload', async () => {
  const p = await env.page();
  const refreshes = [];
  p.on('request', (r) => { if (r.url().endsWith('/api/auth/refresh')) refreshes.push(Date.now()); });
  await loginOn(p);
  await p.context().setOffline(true);
  const offlineAt = Date.now();
  await p.getByRole('main').getByRole('button', { name: 'Reload' }).click();
  await p.getByRole('alert').getByText(UNREACHABLE).waitFor();
  // Long enough for the access token to fall due: the proactive refresh must not spin. It backs
  // off (1–3 s, then 1–5 s, …): at least a second between attempts, a handful at most.
  await sleep(refreshMode ? 8_000 : 1_000);
  const offline = refreshes.filter((t) => t > offlineAt);
  assert.ok(offline.length <= 4, `${offline.length} refresh attempts offline`);
  offline.slice(1).forEach((t, i) => assert.ok(t - offline[i] >= 900, `attempts ${t - offline[i]} ms apart`));
  assert.equal(new URL(p.url()).pathname, '/dashboard');
  // Kept: the tokens in storage, or in cookie mode the hint beside Strapi's cookie.
  const kept = MODE === 'cookie'
    ? [await p.evaluate(() => localStorage.getItem('strapiSession'))]
    : await storedTokens(p);
  assert.ok(kept.some(Boolean), 'the session is kept');
  // Listening starts before going online: the renewal's answer can beat a listener added after.
  const renewed = refreshMode
    && p.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.status() === 200, { timeout: 5_000 });
  const backAt = Date.now();
  await p.context().setOffline(false);
  if (refreshMode) {
    // The due refresh happens at once on `online`, not at the next retry of the backoff.
    await renewed;
    assert.ok(Date.now() - backAt < 5_000);
  }
  assert.equal(await reload(p), 200);
  await p.waitForFunction(() => !document.querySelector('[role=alert]')?.textContent);
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
});

test('a slow answer arriving after a newer one never replaces it', async () => {
  const p = await env.page();
  // The dashboard's first load is held; the Reload after it fails at once; then the first
  // answer arrives, late and successful. What the page shows is the newest outcome.
  let releaseFirst;
  const firstHeld = new Promise((resolve) => { releaseFirst = resolve; });
  let loads = 0;
  await p.route('**/api/users/me', async (route) => {
    loads += 1;
    if (loads === 1) {
      await firstHeld;
      return route.continue();
    }
    return route.fulfill({
      status: 503, contentType: 'application/json', headers: env.cors,
      body: JSON.stringify({ data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Service Unavailable', details: {} } }),
    });
  });
  await loginOn(p);
  await p.getByRole('main').getByRole('button', { name: 'Reload' }).click();
  const alert = p.getByRole('alert').getByText(SERVER_PROBLEM);
  await alert.waitFor();
  const late = p.waitForResponse((r) => r.url().endsWith('/api/users/me') && r.status() === 200);
  releaseFirst();
  await late;
  await sleep(300);
  assert.equal(await alert.count(), 1, 'the newer failure is still shown');
});

test('Strapi restarted in the middle of a session: the user stays logged in', async () => {
  const p = await env.page();
  await loginOn(p);
  strapiCtl('restart');
  // The restart can outlast a 5-second access token: then the first answer is a 401, the app
  // renews the token and asks again. What counts is that the page gets the user back.
  for (let i = 0; i < (refreshMode ? 2 : 1); i += 1) {
    await reloadDashboard(p, { ok: true });
    if (refreshMode && i === 0) await sleep(6_000);
  }
  assert.equal(await p.getByRole('alert').count(), 0);
  assert.equal(new URL(p.url()).pathname, '/dashboard');
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
});
