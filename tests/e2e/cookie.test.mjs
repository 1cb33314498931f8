// Cookie mode (Strapi AUTH_MODE=cookie, the app's strapi-token-storage=cookie): the refresh token
// lives in Strapi's httpOnly cookie, the access token in the tab's memory. What the other modes'
// session tests prove, proven here, and an attacker's script that finds nothing worth stealing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, appReady, logoutEverywhereEndsAnotherBrowser, devicesSignOutAnotherBrowser, dashboardInAnotherTab, continueWithProvider, loginThroughForm, reloadDashboard,
  strapiFetch, newUser, waitForMails, linkIn, holdRefreshes, prod, API, DEMO, MODE, PROD, SERVER_PROBLEM,
} from './lib/harness.mjs';
import { pageLoadsDuringRenewalKeepTheSession } from './lib/renewal.mjs';
import { READ_EVERYTHING, assertNoTokenReadable, assertFoundOpensNothing } from './lib/attacker.mjs';

const env = suite();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const COOKIE = 'strapi_up_refresh';

test('these tests run against Strapi in cookie mode', () => {
  assert.equal(MODE, 'cookie', 'AUTH_MODE=cookie and a dist with strapi-token-storage=cookie');
});

const refreshPosts = (p) => p.strapiRequests.filter((r) => r.url.endsWith('/api/auth/refresh'));

/** Strapi's refresh cookie in the browser, as the browser holds it (scripts cannot see it). */
async function refreshCookie(p) {
  return (await p.context().cookies(API)).find((c) => c.name === COOKIE);
}

/**
 * The attacker: a script in the page reads localStorage, sessionStorage and document.cookie and
 * finds no token; once the access token has expired, nothing it found lets Node call
 * /users/me or /auth/refresh (what it found, tried as a bearer, a refresh token and a cookie).
 */
async function assertNothingToSteal(p) {
  const found = await p.evaluate(`(() => {${READ_EVERYTHING}})()`);
  assertNoTokenReadable(found, p.seenTokens);
  assert.ok(await refreshCookie(p), 'the session is in the httpOnly cookie');
  return () => assertFoundOpensNothing(found);
}

test('login: the refresh token goes to an httpOnly cookie, nothing readable holds a token', async () => {
  const p = await env.page();
  const [request] = await Promise.all([
    p.waitForRequest((r) => r.url().endsWith('/api/auth/local')),
    loginThroughForm(env, p),
  ]);
  assert.equal(request.headers()['x-strapi-refresh-cookie'], 'httpOnly');
  const answer = await (await request.response()).json();
  assert.equal(answer.refreshToken, undefined, 'no refresh token in the answer');
  const cookie = await refreshCookie(p);
  assert.ok(cookie?.httpOnly, 'httpOnly');
  assert.equal(cookie.sameSite, 'Lax');
  assert.equal(await p.getByRole('checkbox', { name: 'Remember me' }).count(), 0, 'the cookie\'s lifetime is Strapi\'s');
  const tryThem = await assertNothingToSteal(p);
  // Past the 5-second access token: nothing found opens Strapi.
  await sleep(6_000);
  await tryThem();
  // The app itself goes on: its cookie renews the session.
  assert.equal((await reloadDashboard(p)).status(), 200);
  assert.ok(refreshPosts(p).length >= 1, 'renewed with the cookie');
  await (await assertNothingToSteal(p))();
});

test('a page load restores the session with one refresh; an anonymous visitor sends nothing', async () => {
  const p = await env.page();
  await loginThroughForm(env, p);
  p.strapiRequests.length = 0;
  await p.reload();
  await p.locator('.user-email').getByText(DEMO.email).waitFor();
  const calls = p.strapiRequests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
  assert.equal(calls[0], 'POST /api/auth/refresh', calls.join(', '));
  assert.equal(calls.filter((c) => c === 'POST /api/auth/refresh').length, 1, calls.join(', '));

  const anonymous = await env.page();
  await anonymous.goto(env.url('/auth/login'));
  await appReady(anonymous);
  await anonymous.goto(env.url('/dashboard'));
  await anonymous.waitForURL((u) => u.pathname === '/auth/login');
  assert.deepEqual(anonymous.strapiRequests, [], 'no request for a visitor with no session');
});

test('a refused cookie at page load means "not logged in", not an error', async () => {
  const p = await env.page();
  await loginThroughForm(env, p);
  // Revoked elsewhere (Node logs every session of the user out).
  const other = await strapiFetch('/auth/local', { body: { identifier: DEMO.email, password: DEMO.password } });
  await strapiFetch('/auth/logout', { token: other.json.jwt, body: { scope: 'all' } });
  await p.goto(env.url('/'));
  await appReady(p);
  await p.getByRole('link', { name: 'Login' }).first().waitFor();
  assert.equal(await p.getByRole('alert').filter({ hasText: /\S/ }).count(), 0);
  // The hint is gone: the next load asks nothing.
  p.strapiRequests.length = 0;
  await p.reload();
  await appReady(p);
  await sleep(300);
  assert.deepEqual(p.strapiRequests, []);
});

test('two tabs: each restores its own access token, refreshes stay serialised, logout ends both', async () => {
  const one = await env.page();
  await loginThroughForm(env, one);
  // Every tab of the browser, the second one's restoring refresh included.
  const refused = [];
  one.context().on('response', (r) => { if (r.url().endsWith('/api/auth/refresh') && r.request().method() === 'POST' && r.status() !== 200) refused.push(r.status()); });
  const two = await dashboardInAnotherTab(env, one);
  await two.locator('.user-email').getByText(DEMO.email).waitFor();
  // Several refreshes each, through one cookie jar: the Web Lock keeps them one at a time, so
  // none presents a cookie another tab has just rotated.
  await sleep(12_000);
  assert.deepEqual(refused, [], 'no refresh was refused');
  assert.equal((await reloadDashboard(one)).status(), 200);
  assert.equal((await reloadDashboard(two)).status(), 200);
  assert.ok(refreshPosts(one).length >= 2 && refreshPosts(two).length >= 2);
  // The page ends the session at the click; Strapi's answer, which clears the cookie, comes after.
  const [logout] = await Promise.all([
    one.waitForResponse((r) => r.url().endsWith('/api/auth/logout')),
    one.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click(),
  ]);
  assert.equal(logout.status(), 200);
  await one.waitForURL((u) => u.pathname === '/auth/login');
  await two.waitForURL((u) => u.pathname === '/auth/login');
  assert.equal(await refreshCookie(one), undefined, 'Strapi cleared its cookie');
});

test('a login in one tab reaches a tab already open', async () => {
  const one = await env.page();
  await one.goto(env.url('/auth/login'));
  await appReady(one);
  const two = await env.tab(one);
  await loginThroughForm(env, two);
  // The login page of the first tab sees the session (its own refresh) and goes on.
  await one.waitForURL((u) => u.pathname === '/dashboard');
  await one.locator('.user-email').getByText(DEMO.email).waitFor();
});

test('"Log out everywhere" ends another browser\'s session and clears this one\'s cookie', async () => {
  const { here } = await logoutEverywhereEndsAnotherBrowser(env);
  assert.equal(await refreshCookie(here), undefined, 'Strapi cleared its cookie');
});

test('a refresh refused once, as a lost race is, is tried again with the cookie the browser holds', async () => {
  const p = await env.page();
  await loginThroughForm(env, p);
  // The first refresh gets Strapi's answer to a rotated cookie; the next ones reach Strapi.
  let refusals = 0;
  await p.context().route('**/api/auth/refresh', async (route) => {
    if (refusals > 0) return route.continue();
    refusals += 1;
    return route.fulfill({
      status: 401,
      contentType: 'application/json',
      headers: env.cors,
      body: JSON.stringify({ data: null, error: { status: 401, name: 'UnauthorizedError', message: 'Invalid refresh token', details: {} } }),
    });
  });
  // Past the 5-second access token: the proactive refresh meets the refusal, then tries again.
  await sleep(6_000);
  assert.equal(refusals, 1);
  assert.ok(refreshPosts(p).length >= 2, 'tried again');
  assert.equal((await reloadDashboard(p)).status(), 200);
  assert.equal(new URL(p.url()).pathname, '/dashboard');
  assert.equal(await p.getByText('Your session has expired').count(), 0);
});

test('devices: the list, and signing another browser out', async () => {
  await devicesSignOutAnotherBrowser(env, 'cookiedevices');
});

test('register: the answer\'s refresh token is moved into the cookie at once', async () => {
  const tag = `cookiereg${Date.now()}`;
  const p = await env.page();
  await p.goto(env.url('/auth/register'));
  await appReady(p);
  await p.getByLabel('Username').fill(tag);
  await p.getByLabel('Email').fill(`${tag}@example.com`);
  await p.getByLabel('Password', { exact: true }).fill('secret-pass');
  await p.getByLabel('Confirm password').fill('secret-pass');
  const [answer] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith('/api/auth/local/register')),
    p.getByLabel('Confirm password').press('Enter'),
  ]);
  const { refreshToken } = await answer.json();
  assert.ok(refreshToken, 'Strapi 5.54 answers registration with a body token');
  await p.locator('.user-email').getByText(`${tag}@example.com`).waitFor();
  const moved = refreshPosts(p);
  assert.equal(moved.length, 1, 'one exchange');
  await assertNothingToSteal(p);
  // The body token now lives in the cookie: a reload keeps the session.
  await p.reload();
  await p.locator('.user-email').getByText(`${tag}@example.com`).waitFor();
});

test('change password: the dead cookie is cleared and the new session moved into it', async () => {
  const user = await newUser('cookiechange');
  const elsewhere = await env.page();
  await loginThroughForm(env, elsewhere, user);
  const changed = await holdRefreshes(elsewhere);
  const p = await env.page();
  await loginThroughForm(env, p, user);
  await p.getByRole('link', { name: 'Account' }).first().click();
  await p.getByLabel('Current password').fill(user.password);
  await p.getByLabel('New password', { exact: true }).fill('changed-pass');
  await p.getByLabel('Confirm new password').fill('changed-pass');
  const logout = p.waitForRequest((r) => r.url().endsWith('/api/auth/logout'));
  await p.getByRole('button', { name: 'Change password' }).click();
  await p.getByText('Your password was changed. Your other devices were signed out.').waitFor();
  changed();
  // The cookie's session was revoked with the others: cleared without revoking the new one.
  assert.deepEqual(JSON.parse((await logout).postData()), { deviceId: 'none' });
  await assertNothingToSteal(p);
  await p.goto(env.url('/dashboard'));
  await p.locator('.user-email').getByText(user.email).waitFor();
  await sleep(6_000);
  assert.equal((await reloadDashboard(p)).status(), 200, 'the new session renews');
  await elsewhere.getByText('Your session has expired. Please log in again.').waitFor({ timeout: 15_000 });
});

test('forgot and reset password: logged in, the session in the cookie', async () => {
  const user = await newUser('cookiereset');
  const p = await env.page();
  await p.goto(env.url('/auth/forgot-password'));
  await appReady(p);
  await p.getByLabel('Email').fill(user.email);
  await p.getByLabel('Email').press('Enter');
  await p.getByText('If an account exists for this email, a reset link is on its way.').waitFor();
  const [mail] = await waitForMails(user.email);
  await p.goto(linkIn(mail));
  await p.getByLabel('New password', { exact: true }).fill('reset-pass-1');
  await p.getByLabel('Confirm new password').fill('reset-pass-1');
  await p.getByLabel('Confirm new password').press('Enter');
  await p.locator('.user-email').getByText(user.email).waitFor();
  await assertNothingToSteal(p);
  await p.reload();
  await p.locator('.user-email').getByText(user.email).waitFor();
});

test('provider login: the session ends up in the cookie, nothing readable', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  const callback = p.waitForRequest((r) => r.url().includes('/api/auth/testprovider/callback'));
  await continueWithProvider(p);
  // The callback carries the provider step's cookies, not the refresh-cookie header: it would
  // only cost a CORS preflight, since Strapi answers this route with a body token anyway.
  assert.equal((await callback).headers()['x-strapi-refresh-cookie'], undefined);
  const tryThem = await assertNothingToSteal(p);
  await sleep(6_000);
  await tryThem();
  await p.reload();
  await p.locator('.user-email').getByText('pat@provider.test').waitFor();
});

test('the database down (production topology): the refreshes meanwhile and a page load keep the session', { skip: !PROD && 'needs scripts/prod.sh' }, async () => {
  const p = await env.page();
  await loginThroughForm(env, p);
  await prod('pg-stop');
  try {
    // Strapi answers a cookie refresh 401 "Missing or invalid credentials" while its database is
    // down, as to a stranger: not a refusal. The proactive refresh meets it, then Reload's.
    await sleep(6_000);
    assert.equal(new URL(p.url()).pathname, '/dashboard', 'the proactive refresh kept the session');
    await reloadDashboard(p);
    await p.getByRole('alert').getByText(SERVER_PROBLEM).waitFor();
    assert.equal(new URL(p.url()).pathname, '/dashboard');
    // A page load: the restoring refresh meets it too, and says so with a way to try again.
    await p.reload();
    await p.getByText(SERVER_PROBLEM).waitFor();
    assert.ok(await refreshCookie(p), 'the cookie is kept');
  } finally {
    await prod('pg-start');
  }
  await p.getByRole('button', { name: 'Try again' }).click();
  await p.locator('.user-email').getByText(DEMO.email).waitFor();
  assert.equal(new URL(p.url()).pathname, '/dashboard');
});

test('a page load while a renewal is out keeps the session, every time', { skip: PROD }, async () => {
  await pageLoadsDuringRenewalKeepTheSession(env);
});
