// The app set to keep the session in Strapi's cookie (strapi-token-storage=cookie), in front of a
// Strapi without session management (its default mode: every Strapi 5 out of the box, and Strapi
// 4). Nothing can keep such a session past the page; the person is told so, the console says once
// what is missing, nothing is stored, nothing renews, and nothing claims a managed session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, loginThroughForm, reloadDashboard, TOKEN_KEYS, MODE } from './lib/harness.mjs';
import { READ_EVERYTHING, assertNoTokenReadable } from './lib/attacker.mjs';

const env = suite();
const NOT_KEPT = "This site does not keep sessions: you stay logged in until you reload or leave this page, then you log in again. The site's administrator can change this.";
const CANNOT_KEEP = 'This site cannot keep you logged in between visits: log in again. Its administrator can turn this on.';
// The developer's line (a console warning, once): which setting is missing.
const WARNING = /^warning: yew-strapi-auth: cookie mode needs Strapi's session management, which this Strapi lacks: set jwtManagement: 'refresh'/;

test('these tests run against Strapi in its default mode, with pages set to cookie mode', async () => {
  assert.equal(MODE, 'legacy');
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  assert.equal(await p.locator('meta[name=strapi-token-storage]').getAttribute('content'), 'cookie');
});

const renewals = (p) => p.strapiRequests.filter((r) => r.url.endsWith('/api/auth/refresh'));
const warnings = (p) => p.consoleLines.filter((l) => WARNING.test(l));

test('a login works, says the session ends with the page, stores nothing and never renews', async () => {
  const p = await env.page();
  p.expectedConsole = [WARNING];
  await loginThroughForm(env, p);
  await p.getByRole('status').filter({ hasText: NOT_KEPT }).waitFor();
  assert.equal(await p.locator('.session-mode').innerText(), 'Single token (legacy)', 'no claim of a managed session');
  assert.equal(await p.getByRole('link', { name: 'Devices' }).count(), 0);
  assert.equal(await p.getByRole('button', { name: 'Log out everywhere' }).count(), 0);
  // Nothing in storage (not even the hint that a page load should look for a cookie).
  const found = await p.evaluate(`(() => {${READ_EVERYTHING}})()`);
  assertNoTokenReadable(found, p.seenTokens);
  assert.deepEqual(found.local.filter(([k]) => [...TOKEN_KEYS, 'strapiSession'].includes(k)), []);
  // The token in memory works: the dashboard's own request goes through.
  assert.equal((await reloadDashboard(p)).status(), 200);
  assert.equal(warnings(p).length, 1, 'the console says it once');
  // A reload: nothing was kept, so nothing is asked for; the visitor is simply logged out, as told.
  await p.reload();
  await appReady(p);
  await p.getByRole('link', { name: 'Login' }).first().waitFor();
  assert.deepEqual(renewals(p), [], 'no renewal asked, ever');
});

test('a page load with a session hint left from a Strapi that had sessions: told why, once, and nothing loops', async () => {
  const p = await env.page();
  p.expectedConsole = [WARNING];
  await p.goto(env.url('/'));
  await appReady(p);
  // As the app wrote it while this Strapi still ran session management.
  await p.evaluate(() => localStorage.setItem('strapiSession', 'cookie'));
  await p.goto(env.url('/dashboard'));
  await p.getByRole('status').filter({ hasText: CANNOT_KEEP }).waitFor();
  assert.equal(new URL(p.url()).pathname, '/auth/login');
  assert.equal(new URL(p.url()).searchParams.get('redirect'), '/dashboard');
  assert.equal(renewals(p).length, 1, 'asked once (Strapi answered 404)');
  assert.equal(await p.evaluate(() => localStorage.getItem('strapiSession')), null, 'the hint is gone');
  assert.equal(warnings(p).length, 1);
  // The next page load asks nothing.
  await p.goto(env.url('/dashboard'));
  await p.waitForURL((u) => u.pathname === '/auth/login');
  await appReady(p);
  assert.equal(renewals(p).length, 1, 'no second renewal');
});
