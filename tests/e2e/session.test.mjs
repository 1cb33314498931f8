// The session layer against the real Strapi: refresh, logout, revocation, tabs in step.
// Session-management mode runs with 5-second access tokens (ACCESS_TOKEN_LIFESPAN=5).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import {
  suite, appReady, seedStorage, reloadDashboard, logoutEverywhereEndsAnotherBrowser, logoutInOneTabEndsTheOther, dashboardInAnotherTab, loginThroughForm, assertSentToLoginExpired, typeLogin, storedTokens, strapiFetch, newUser, holdRefreshes, MODE, DEMO,
} from './lib/harness.mjs';
import { pageLoadsDuringRenewalKeepTheSession } from './lib/renewal.mjs';

const refreshMode = MODE === 'refresh';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const env = suite();
const loginOn = (p, user) => loginThroughForm(env, p, user);

/** The pair both tabs hold, once they agree: two reads are two moments, and the tabs keep
 * rotating (localStorage also reaches the other tab's process a moment late). */
async function sharedPair(one, two) {
  let last;
  for (let i = 0; i < 20; i += 1) {
    const [a, b] = [await storedTokens(one), await storedTokens(two)];
    if (a[1] && a[2] && JSON.stringify(a) === JSON.stringify(b)) {
      return a;
    }
    last = [a, b];
    await sleep(100);
  }
  assert.fail(`the tabs never held the same pair (${last.map((t) => t.map(Boolean))})`);
}

/** Strapi renews the page's pair at its first refresh, but the answer reaches the page only at
 * `release()`; `renewed()` is that answer. Later refreshes pass. */
async function holdFirstRefreshAnswer(p) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let renewed;
  await p.context().route('**/api/auth/refresh', async (route) => {
    const response = await route.fetch();
    if (!renewed) {
      renewed = await response.json();
      await held;
    }
    await route.fulfill({ response });
  });
  return { release, renewed: () => renewed };
}

/** Resolves when a renewal leaves the browser: from the session worker, which makes the page's
 * renewals (the page's own request shows only once the worker answers it), or from the page. */
const refreshSent = (p) => p.context().waitForEvent('request', {
  predicate: (r) => r.url().endsWith('/api/auth/refresh'), timeout: 10_000,
});

/** As on plain http beyond localhost: neither Web Locks nor service workers (both need a secure
 * context, and their objects are not there). */
const insecure = (context) => context.addInitScript(() => {
  for (const name of ['locks', 'serviceWorker']) Object.defineProperty(Navigator.prototype, name, { get: () => undefined });
});

const refreshPosts = (p) => p.strapiRequests.filter((r) => r.url.endsWith('/api/auth/refresh'));

test('refresh mode: an expired access token is renewed on the next request, unnoticed', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // Freeze the page's clock after login so the proactive refresh cannot run first: the
  // dashboard's own request must meet the 401 and recover from it.
  await p.context().clock.install();
  await loginOn(p);
  // The page's own time: Playwright refuses to pause in its past.
  await p.clock.pauseAt(await p.evaluate(() => Date.now()) + 500);
  const [, access0, refresh0] = await storedTokens(p);
  const renewedBefore = refreshPosts(p).length;
  await sleep(6_500); // Strapi's 5-second access token is now expired
  const statuses = [];
  p.on('response', (r) => { if (r.url().endsWith('/api/users/me')) statuses.push(r.status()); });
  await reloadDashboard(p, { ok: true });
  assert.deepEqual(statuses, [401, 200], 'refused, renewed, retried');
  assert.equal(refreshPosts(p).length, renewedBefore + 1);
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
  assert.equal(await p.getByRole('alert').count(), 0, 'nothing for the user to notice');
  const [, access1, refresh1] = await storedTokens(p);
  assert.notEqual(access1, access0);
  assert.notEqual(refresh1, refresh0, 'storage holds the rotated pair');
  // Once the new pair has itself rotated, Strapi refuses the first refresh token.
  const again = await strapiFetch('/auth/refresh', { body: { refreshToken: refresh1 } });
  assert.equal(again.status, 200);
  const old = await strapiFetch('/auth/refresh', { body: { refreshToken: refresh0 } });
  assert.equal(old.status, 401);
});

test('refresh mode: the session renews itself before the access token expires', { skip: !refreshMode }, async () => {
  const p = await env.page();
  await loginOn(p);
  const [, access0] = await storedTokens(p);
  await p.waitForFunction((a) => localStorage.getItem('accessToken') !== a, access0, { timeout: 10_000 });
  const [, access1, refresh1] = await storedTokens(p);
  assert.equal(refreshPosts(p).length, 1);
  assert.equal((await strapiFetch('/users/me', { token: access1 })).status, 200);
  await reloadDashboard(p, { ok: true });
  assert.equal(new URL(p.url()).pathname, '/dashboard');
});

test('refresh mode: a device clock a minute ahead of Strapi\'s still refreshes once per token', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // To this clock every 5-second token has expired before it arrives.
  await p.context().clock.install({ time: Date.now() + 60_000 });
  await loginOn(p);
  // Tokens live 5 s and renew about 4 s after they are issued: one or two renewals in 6 s,
  // where a clock taken at its word renews without pause.
  await sleep(6_000);
  const renewals = refreshPosts(p).length;
  assert.ok(renewals >= 1 && renewals <= 2, `${renewals} renewals in 6 s`);
});

test('refresh mode: a tab that slept past its refresh time renews when it becomes visible', { skip: !refreshMode }, async () => {
  const p = await env.page();
  await p.context().clock.install();
  await loginOn(p);
  // The tab sleeps: its timers stop while Strapi's 5-second access token expires.
  await p.clock.pauseAt(await p.evaluate(() => Date.now()) + 500);
  const [, access0] = await storedTokens(p);
  const renewedBefore = refreshPosts(p).length;
  await sleep(6_500);
  assert.equal(refreshPosts(p).length, renewedBefore, 'nothing while asleep');
  // It wakes: the clock catches up without firing any timer, then the tab shows again.
  await p.clock.setSystemTime(Date.now());
  await Promise.all([
    refreshSent(p),
    p.evaluate(() => document.dispatchEvent(new Event('visibilitychange'))),
  ]);
  await p.waitForFunction((a) => localStorage.getItem('accessToken') !== a, access0);
  const [, access1, refresh1] = await storedTokens(p);
  assert.equal((await strapiFetch('/users/me', { token: access1 })).status, 200);
  assert.equal(new URL(p.url()).pathname, '/dashboard');
});

test('refresh mode: log out revokes the session on Strapi', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // No rotation between reading the pair and the click (a refresh that never answers).
  await p.context().route('**/api/auth/refresh', () => {});
  await loginOn(p);
  const [, access, refresh] = await storedTokens(p);
  // The page shows the logout at once; the revocation is done when Strapi has answered it.
  const revoked = p.waitForResponse((r) => r.url().endsWith('/api/auth/logout'));
  const [request] = await Promise.all([
    p.waitForRequest((r) => r.url().endsWith('/api/auth/logout')),
    p.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click(),
  ]);
  assert.equal(request.headers().authorization, `Bearer ${access}`);
  assert.deepEqual(JSON.parse(request.postData()), { refreshToken: refresh });
  await p.waitForURL((u) => u.pathname === '/auth/login' && !u.search);
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  assert.equal((await revoked).status(), 200);
  assert.equal((await strapiFetch('/auth/refresh', { body: { refreshToken: refresh } })).status, 401);
});

test('refresh mode: log out ends the session here at once, even when Strapi does not answer', { skip: !refreshMode }, async () => {
  const p = await env.page();
  await loginOn(p);
  // Strapi hangs: the revocation can only end with the app's 15-second timeout.
  await p.route('**/api/auth/logout', () => {});
  await p.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click();
  // At once: well before the app's 15-second timeout (the margin is for a slow machine).
  await p.waitForURL((u) => u.pathname === '/auth/login', { timeout: 10_000 });
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('refresh mode: logging out while a refresh is out does not bring the session back', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // Strapi renews the pair at once, but its answer reaches the page only after the logout (only
  // the proactive refresh is held; a logout may renew an expired token too).
  const held = await holdFirstRefreshAnswer(p);
  await loginOn(p);
  await refreshSent(p);
  await p.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click();
  await p.waitForURL((u) => u.pathname === '/auth/login');
  const answered = p.waitForResponse((r) => r.url().endsWith('/api/auth/refresh'));
  // The app revokes the pair it should not keep: a logout naming its refresh token.
  const revokedNew = p.waitForResponse((r) => r.url().endsWith('/api/auth/logout')
    && (r.request().postData() || '').includes(held.renewed()?.refreshToken ?? '\u0000'));
  held.release();
  await answered;
  const renewed = held.renewed();
  await revokedNew;
  assert.ok((await storedTokens(p)).every((t) => t === null), 'the renewed pair is not kept');
  const reuse = await strapiFetch('/auth/refresh', { body: { refreshToken: renewed.refreshToken } });
  assert.equal(reuse.status, 401, 'and it is revoked on Strapi');
});

test('refresh mode: a login elsewhere while a refresh is out keeps that login and revokes the unused pair', { skip: !refreshMode }, async () => {
  const p = await env.page();
  const held = await holdFirstRefreshAnswer(p);
  await loginOn(p);
  await refreshSent(p);
  // Another tab logs in meanwhile (without Web Locks nothing orders it after the refresh).
  const { json: login } = await strapiFetch('/auth/local', { body: { identifier: DEMO.email, password: DEMO.password } });
  p.seenTokens.push(login.jwt, login.refreshToken);
  await p.evaluate(([access, refresh]) => {
    localStorage.setItem('accessToken', access);
    localStorage.setItem('refreshToken', refresh);
  }, [login.jwt, login.refreshToken]);
  const revoked = p.waitForResponse((r) => r.url().endsWith('/api/auth/logout')
    && (r.request().postData() || '').includes(held.renewed()?.refreshToken ?? '\u0000'), { timeout: 10_000 });
  held.release();
  await revoked;
  const renewed = held.renewed();
  const [, access, refresh] = await storedTokens(p);
  assert.deepEqual([access, refresh], [login.jwt, login.refreshToken], 'the newer login is kept');
  assert.equal(new URL(p.url()).pathname, '/dashboard');
  const reuse = await strapiFetch('/auth/refresh', { body: { refreshToken: renewed.refreshToken } });
  assert.equal(reuse.status, 401, 'the pair no tab keeps is revoked on Strapi');
  assert.equal((await strapiFetch('/users/me', { token: login.jwt })).status, 200);
});

async function attempts(times, n, limitMs = 20_000) {
  for (let waited = 0; times.length < n; waited += 100) {
    assert.ok(waited < limitMs, `${times.length} of ${n} renewal attempts in ${limitMs / 1000} s`);
    await sleep(100);
  }
  return times.slice(0, n);
}

test('refresh mode: when Strapi fails the refresh, the tab backs off before asking again', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // A proxy in front of a restarting Strapi: every refresh gets a 503 page, with no wait named.
  // Timed where it reaches the network (the worker's request; the page's own is answered by it).
  const times = [];
  await p.context().route('**/api/auth/refresh', (route) => {
    times.push(Date.now());
    return route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503</h1>' });
  });
  await loginOn(p);
  const [t0, t1, t2] = await attempts(times, 3);
  // The first retry comes 1 to 3 s after the failure, the second 1 to 5 s after that (the
  // window doubles; where in it is drawn): never at once, never at a fixed beat.
  const slack = 400;
  assert.ok(t1 - t0 >= 1_000 - slack && t1 - t0 <= 3_000 + slack, `first retry after ${t1 - t0} ms`);
  assert.ok(t2 - t1 >= 1_000 - slack && t2 - t1 <= 5_000 + slack, `second retry after ${t2 - t1} ms`);
});

test('refresh mode: after a renewal goes through, the next failure backs off from the first window again', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // Every draw at the top of its window, so each wait is exact: 1 s + 2 s, then 1 s + 4 s, ...
  await p.addInitScript(() => {
    Math.random = () => 0.999;
  });
  const times = [];
  const fails = new Set([1, 2, 4]);
  await p.context().route('**/api/auth/refresh', (route) => {
    times.push(Date.now());
    if (!fails.has(times.length)) return route.fallback();
    return route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503</h1>' });
  });
  await loginOn(p);
  const t = await attempts(times, 5, 40_000);
  assert.ok(t[2] - t[1] >= 4_500, `the second retry waits the second window (${t[2] - t[1]} ms)`);
  // Attempt 3 renewed; attempt 4 failed: its retry is the first window's 3 s, not the third's 9 s.
  assert.ok(t[4] - t[3] <= 3_600, `retry after a renewal went through came after ${t[4] - t[3]} ms`);
});

test('refresh mode: a 503 with Retry-After: 3 on the renewal makes the tab wait at least 3 s, then it renews', { skip: !refreshMode }, async () => {
  const p = await env.page();
  const times = [];
  await p.context().route('**/api/auth/refresh', (route) => {
    times.push(Date.now());
    if (times.length > 1) return route.fallback();
    return route.fulfill({
      status: 503,
      contentType: 'application/json',
      headers: { ...env.cors, 'retry-after': '3', 'access-control-expose-headers': 'Retry-After' },
      body: JSON.stringify({ data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'Service Unavailable', details: {} } }),
    });
  });
  await loginOn(p);
  const [, access0] = await storedTokens(p);
  // The tab is shown again and the network comes back, over and over: still no sooner.
  await p.evaluate(() => setInterval(() => {
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
  }, 200));
  const [t0, t1] = await attempts(times, 2);
  assert.ok(t1 - t0 >= 3_000, `asked again after ${t1 - t0} ms, before the 3 s Strapi asked for`);
  // The wait is Strapi's plus a drawn part of the first window (2 s).
  assert.ok(t1 - t0 <= 5_000 + 400, `asked again after ${t1 - t0} ms`);
  await p.waitForFunction((a) => localStorage.getItem('accessToken') !== a, access0, { timeout: 10_000 });
  const [, access1] = await storedTokens(p);
  assert.equal((await strapiFetch('/users/me', { token: access1 })).status, 200);
  assert.equal(new URL(p.url()).pathname, '/dashboard');
});

test('refresh mode: "Log out everywhere" ends another browser\'s session at its next request', { skip: !refreshMode }, async () => {
  await logoutEverywhereEndsAnotherBrowser(env);
});

test('refresh mode: a session revoked from another device ends with the expiry message', { skip: !refreshMode }, async () => {
  const p = await env.page();
  // The page must not rotate its pair between the read and the revocation below (Strapi would
  // then revoke the spent parent and the new session would live on).
  const release = await holdRefreshes(p);
  await loginOn(p);
  const [, access, refresh] = await storedTokens(p);
  const revoked = await strapiFetch('/auth/logout', { token: access, body: { refreshToken: refresh } });
  assert.equal(revoked.status, 200);
  release();
  await assertSentToLoginExpired(p);
});

for (const locks of [true, false]) {
  const where = locks ? '' : ' (no Web Locks: plain http beyond localhost)';
  test(`refresh mode: two tabs refreshing at once never log each other out${where}`, { skip: !refreshMode }, async () => {
    const one = await env.page();
    if (!locks) await insecure(one.context());
    await loginOn(one);
    const two = await dashboardInAnotherTab(env, one);
    // Both tabs hold the same pair and schedule their refresh for the same moment; stay for
    // several rotations.
    await sleep(13_000);
    for (const tab of [one, two]) {
      assert.equal(new URL(tab.url()).pathname, '/dashboard');
      await reloadDashboard(tab, { ok: true });
    }
    const rotations = refreshPosts(one).length + refreshPosts(two).length;
    assert.ok(rotations >= 2, `the pair rotated (${rotations} refreshes)`);
    const [, access] = await sharedPair(one, two);
    assert.equal((await strapiFetch('/users/me', { token: access })).status, 200);
  });
}

test('refresh mode: without Web Locks, the tab whose refresh Strapi refuses waits for the other tab\'s new pair', { skip: !refreshMode }, async () => {
  // The race the probabilistic test above can meet, made certain: both tabs present the same
  // refresh token; Strapi rotates it for the first and refuses the second (a rotated token is
  // refused), and the refusal reaches its tab before the winner has stored the new pair.
  const one = await env.page();
  await insecure(one.context());
  await loginOn(one);
  const two = await dashboardInAnotherTab(env, one);
  let firstRotated;
  const rotated = new Promise((resolve) => { firstRotated = resolve; });
  let refused;
  const refusedSeen = new Promise((resolve) => { refused = resolve; });
  let winner;
  await one.context().route('**/api/auth/refresh', async (route) => {
    if (!winner) {
      winner = route.request();
      const response = await route.fetch();
      firstRotated();
      await refusedSeen; // the winner's answer waits until the loser has been refused
      await sleep(3_000); // and is slow: longer than the 2 s a tab with Web Locks would wait
      await route.fulfill({ response });
      return;
    }
    await rotated;
    const response = await route.fetch();
    await route.fulfill({ response });
    refused(response.status());
  });
  assert.equal(await refusedSeen, 401, 'Strapi refuses the token the other tab just rotated');
  await winner.response();
  await sleep(2_000);
  for (const tab of [one, two]) assert.equal(new URL(tab.url()).pathname, '/dashboard');
  const [, access] = await sharedPair(one, two);
  assert.equal((await strapiFetch('/users/me', { token: access })).status, 200);
});

test('two tabs: logging out in one sends the other to the login page', async () => {
  const [, two] = await logoutInOneTabEndsTheOther(env, loginOn);
  assert.equal(new URL(two.url()).searchParams.get('redirect'), '/dashboard');
  await two.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
});

test('two tabs: logging in in one shows in the other', async () => {
  const one = await env.page();
  await one.goto(env.url('/auth/login'));
  await appReady(one);
  const two = await env.tab(one);
  await two.goto(env.url('/auth/login?redirect=/account/sessions'));
  await appReady(two);
  await typeLogin(one, DEMO.email, DEMO.password);
  await one.waitForURL((u) => u.pathname === '/dashboard');
  await two.waitForURL((u) => u.pathname === '/account/sessions');
  await two.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
});

test('a protected page shows a loading state while the session is checked, never the login form', async () => {
  const p = await env.page();
  await loginOn(p);
  let release;
  const held = new Promise((r) => { release = r; });
  await p.route('**/api/users/me', async (route) => { await held; await route.continue(); });
  await p.goto(env.url('/dashboard'));
  await p.getByText('Checking your session…').waitFor();
  assert.equal(await p.getByLabel('Password').count(), 0, 'no flash of the login form');
  assert.equal(await p.locator('.user-email').count(), 0, 'no protected content yet');
  release();
  await p.locator('.user-email').waitFor();
});

test('refresh mode: the devices page lists sessions and signs one out, even after it rotated', { skip: !refreshMode }, async () => {
  // A user of its own: the demo user has sessions left on Strapi by the tests before this one.
  const user = await newUser('devices');
  // Registering signed it in through the API: that session is not one of the two browsers.
  await strapiFetch('/auth/logout', { token: user.answer.jwt, body: { refreshToken: user.answer.refreshToken } });
  const other = await env.page();
  // The other browser's refresh waits until the list below is on screen, then rotates its
  // session: Strapi gives the session a new id, and the id on screen is the old one.
  const release = await holdRefreshes(other);
  await loginOn(other, user);
  const [, otherAccess, firstRefresh] = await storedTokens(other);
  const otherId = (await strapiFetch('/auth/sessions', { token: otherAccess })).json.data.find((s) => s.current).id;
  const p = await env.page();
  await loginOn(p, user);
  await p.getByRole('link', { name: 'Devices' }).click();
  await p.getByRole('heading', { level: 1, name: 'Devices' }).waitFor();
  await p.locator('.device', { hasText: 'This device' }).waitFor();
  assert.equal(await p.locator('.device').count(), 2);
  assert.equal(await p.locator('.device', { hasText: 'This device' }).getByRole('button').count(), 0);
  const row = p.locator(`.device[data-session="${otherId}"]`);
  assert.match(await row.innerText(), /Signed in \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  release();
  // Rotated, and the new pair stored: the one the other browser would use next.
  await other.waitForFunction((r) => localStorage.getItem('refreshToken') !== r, firstRefresh, { timeout: 10_000 });
  const [, , otherRefresh] = await storedTokens(other);
  const [del] = await Promise.all([
    p.waitForRequest((r) => r.method() === 'DELETE'),
    row.getByRole('button', { name: /^Sign out/ }).click(),
  ]);
  assert.ok(del.url().endsWith(`/api/auth/sessions/${otherId}`));
  await p.getByText('The device was signed out.').waitFor();
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'devices-heading',
    'the button\'s row is gone: focus goes to the page heading, not the body');
  await p.waitForFunction(() => document.querySelectorAll('.device').length === 1, null, { timeout: 10_000 });
  assert.equal((await strapiFetch('/auth/refresh', { body: { refreshToken: otherRefresh } })).status, 401,
    'the session the other browser holds now is revoked, not only the id that was on screen');
  // The other browser learns at its next refresh.
  await assertSentToLoginExpired(other);
});

test('legacy mode: the devices page explains it needs session management', { skip: refreshMode }, async () => {
  const p = await env.page();
  await loginOn(p);
  await p.goto(env.url('/account/sessions'));
  await p.getByText(/need Strapi's session-management mode/).waitFor();
  assert.equal(p.strapiRequests.filter((r) => r.url.endsWith('/auth/sessions')).length, 0);
});

function signLegacyJwt(payload) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(payload);
  const secret = process.env.JWT_SECRET || 'dev-users-permissions-jwt-secret-change-me';
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

test('legacy mode: an expired or invalid token ends the session cleanly, with no refresh', { skip: refreshMode }, async () => {
  const now = Math.floor(Date.now() / 1000);
  const expired = signLegacyJwt({ id: 1, iat: now - 120, exp: now - 60 });
  const valid = signLegacyJwt({ id: 1, iat: now, exp: now + 600 });
  // The test's signature is right: the same token, not yet expired, is accepted.
  assert.equal((await strapiFetch('/users/me', { token: valid })).status, 200);
  assert.equal((await strapiFetch('/users/me', { token: expired })).status, 401);
  for (const token of [expired, `${valid.slice(0, -4)}AAAA`]) {
    const p = await env.page();
    await seedStorage(env, p, { token });
    await p.goto(env.url('/dashboard'));
    await assertSentToLoginExpired(p);
    assert.equal(refreshPosts(p).length, 0, 'legacy mode never refreshes');
  }
});

test('legacy mode: log out clears locally and sends nothing to Strapi', { skip: refreshMode }, async () => {
  const p = await env.page();
  await loginOn(p);
  assert.equal(await p.getByRole('button', { name: 'Log out everywhere' }).count(), 0);
  const before = p.strapiRequests.length;
  await p.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click();
  await p.waitForURL((u) => u.pathname === '/auth/login');
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  assert.equal(p.strapiRequests.slice(before).filter((r) => r.url.includes('/auth/logout')).length, 0);
});

test('the header knows who is logged in, in every tab, and fits a phone', async () => {
  const one = await env.page();
  await one.setViewportSize({ width: 360, height: 740 });
  const nav = (p) => p.getByRole('navigation', { name: 'Main' });
  await one.goto(env.url('/'));
  await appReady(one);
  // Logged out: the way in.
  await nav(one).getByRole('link', { name: 'Create an account' }).waitFor();
  assert.equal(await nav(one).getByRole('link', { name: 'Login' }).count(), 1);
  assert.equal(await nav(one).getByRole('button', { name: 'Log out' }).count(), 0);
  await loginOn(one);
  // Logged in: who, where to go, the way out.
  await nav(one).getByText('Logged in as demo').waitFor();
  for (const name of ['Dashboard', 'Account']) {
    assert.equal(await nav(one).getByRole('link', { name }).count(), 1, name);
  }
  assert.equal(await nav(one).getByRole('link', { name: 'Login' }).count(), 0);
  // At 360 px nothing runs off the side, and the header stays a header.
  assert.ok(await one.evaluate(() => document.documentElement.scrollWidth <= 360), 'no horizontal scroll');
  const height = await one.locator('.site-header').evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(height <= 140, `header ${height}px tall at 360 px`);
  // Another tab shows the same user at once.
  const two = await env.tab(one);
  await two.goto(env.url('/'));
  await nav(two).getByText('Logged in as demo').waitFor();
  // Logging out from the header, with the keyboard, reaches both tabs.
  await nav(one).getByRole('button', { name: 'Log out' }).focus();
  await one.keyboard.press('Enter');
  await one.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  for (const p of [one, two]) {
    await nav(p).getByRole('link', { name: 'Create an account' }).waitFor();
    assert.equal(await nav(p).getByText('Logged in as').count(), 0);
  }
  assert.deepEqual(await storedTokens(one), [null, null, null]);
});

test('refresh mode: a page load while a renewal is out keeps the session, every time', { skip: !refreshMode }, async () => {
  await pageLoadsDuringRenewalKeepTheSession(env);
});
