// The login journey against a real Strapi 4.26 (strapi4/, STRAPI_VERSION=4), the other back end the
// README promises, in its only mode: one JWT, kept in localStorage under the cookbook's key. What
// differs in 4's answers (no documentId on the user, 405 for unknown routes) must not show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, typeLogin, loginThroughForm, storedTokens, strapiFetch, DEMO, MODE } from './lib/harness.mjs';

const env = suite();

test('this runs against Strapi 4', async () => {
  assert.equal(process.env.STRAPI_VERSION, '4');
  assert.equal(MODE, 'legacy');
  // Strapi 4's login answer: a user without Strapi 5's documentId.
  const { status, json } = await strapiFetch('/auth/local', { body: { identifier: DEMO.email, password: DEMO.password } });
  assert.equal(status, 200);
  assert.equal(json.user.documentId, undefined);
});

test('Strapi 4: a wrong password is said, then login, reload keeps the session, logout ends it', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await typeLogin(p, DEMO.email, 'not-the-password');
  await p.getByRole('alert').getByText('Invalid identifier or password').waitFor();
  assert.equal(new URL(p.url()).pathname, '/auth/login');

  await loginThroughForm(env, p);
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
  assert.equal(await p.locator('.session-mode').innerText(), 'Single token (legacy)');
  const [token, access, refresh] = await storedTokens(p);
  assert.ok(token && !access && !refresh, 'the cookbook\'s `token` only');

  await p.reload();
  await appReady(p);
  await p.locator('.user-email').waitFor();
  assert.equal(new URL(p.url()).pathname, '/dashboard', 'a reload keeps the session');
  assert.equal(p.strapiRequests.filter((r) => r.url.includes('/auth/refresh')).length, 0, 'nothing asks for session management');

  await p.getByRole('main').getByRole('button', { name: 'Log out' }).click();
  await p.waitForURL((u) => u.pathname === '/auth/login');
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  await p.goto(env.url('/dashboard'));
  await p.waitForURL((u) => u.pathname === '/auth/login');
});
