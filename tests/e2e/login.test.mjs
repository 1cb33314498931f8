// The cookbook's login flow against the real Strapi, in the mode Strapi runs in (AUTH_MODE).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, appReady, seedStorage, typeLogin, storedTokens, sessionBearer, strapiFetch, strapiCtl, MODE, DEMO,
} from './lib/harness.mjs';

const env = suite();

const alert = (p) => p.locator('#form-alert');
const loginPosts = (p) => p.strapiRequests.filter((r) => r.method === 'POST' && r.url.endsWith('/auth/local'));

async function openLogin(path = '/auth/login') {
  const p = await env.page();
  await p.goto(env.url(path));
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  return p;
}

async function loginAsDemo(p) {
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
}

/** After a failure: no token, still on the login page, email kept, password cleared and focused. */
async function assertFailedCleanly(p, email) {
  assert.deepEqual(await storedTokens(p), [null, null, null], 'no token stored');
  assert.equal(new URL(p.url()).pathname, '/auth/login');
  assert.equal(await p.getByLabel('Email').inputValue(), email);
  assert.equal(await p.getByLabel('Password').inputValue(), '');
  assert.equal(await p.evaluate(() => document.activeElement?.name), 'password');
  const button = p.getByRole('button', { name: 'Login' });
  assert.equal(await button.isEnabled(), true);
}

test(`demo user logs in with Enter and lands on the dashboard (${MODE} mode)`, async () => {
  const p = await openLogin();
  await loginAsDemo(p);
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
  assert.equal(await p.title(), 'Dashboard · Yew Strapi Auth');
  const [token, access, refresh] = await storedTokens(p);
  const bearer = await sessionBearer(p);
  if (MODE === 'cookie') {
    assert.deepEqual([token, access, refresh], [null, null, null], 'nothing in localStorage');
    assert.match(bearer, /^[\w-]+\.[\w-]+\.[\w-]+$/);
  } else if (MODE === 'refresh') {
    assert.equal(token, null, 'session mode does not write the legacy key');
    assert.match(access, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.match(refresh, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.notEqual(access, refresh);
  } else {
    assert.match(token, /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(access, null);
    assert.equal(refresh, null);
  }
  const me = await strapiFetch('/users/me', { token: bearer });
  assert.equal(me.status, 200, 'Strapi accepts the stored JWT');
  assert.equal(me.json.email, DEMO.email);
  // The POST carried exactly the cookbook's body, and no bearer.
  assert.equal(loginPosts(p).length, 1);
  assert.ok(!(await p.content()).includes(bearer), 'the token is not in the page');
});

test('the request is the cookbook one: JSON identifier and password, no Authorization', async () => {
  const p = await openLogin();
  const [request] = await Promise.all([
    p.waitForRequest((r) => r.url().endsWith('/api/auth/local')),
    typeLogin(p, DEMO.email, 'not-the-password', { submitWith: 'click' }),
  ]);
  assert.equal(request.method(), 'POST');
  assert.equal(request.headers()['content-type'], 'application/json');
  assert.equal(request.headers().authorization, undefined);
  assert.deepEqual(JSON.parse(request.postData()), { identifier: DEMO.email, password: 'not-the-password' });
});

test('wrong password: Strapi\'s message, nothing stored, the form works again', async () => {
  const p = await openLogin();
  await typeLogin(p, DEMO.email, 'wrong-password');
  await alert(p).getByText('Invalid identifier or password').waitFor();
  assert.equal(await alert(p).getAttribute('role'), 'alert');
  await assertFailedCleanly(p, DEMO.email);
  // And it works on the next try, without a reload.
  await p.getByLabel('Password').fill(DEMO.password);
  await p.getByLabel('Password').press('Enter');
  await p.waitForURL((u) => u.pathname === '/dashboard');
});

test('unknown user gets the same message as a wrong password', async () => {
  const p = await openLogin();
  await typeLogin(p, 'nobody-here@example.com', 'whatever-password');
  await alert(p).getByText('Invalid identifier or password').waitFor();
  await assertFailedCleanly(p, 'nobody-here@example.com');
});

test('empty fields: both errors, announced on the fields, nothing sent', async () => {
  const p = await openLogin();
  await p.getByRole('button', { name: 'Login' }).click();
  await p.getByText('Email is required').waitFor();
  await p.getByText('Password is required').waitFor();
  const email = p.getByLabel('Email');
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  const described = await email.getAttribute('aria-describedby');
  assert.equal(await p.locator(`#${described}`).innerText(), 'Email is required');
  assert.equal(await p.evaluate(() => document.activeElement?.name), 'identifier', 'focus on the first invalid field');
  assert.equal(loginPosts(p).length, 0);
  assert.equal(new URL(p.url()).pathname, '/auth/login');
  assert.equal(new URL(p.url()).search, '', 'no native GET submit');
});

test('a malformed email shows its error after blur, and clears when fixed', async () => {
  const p = await openLogin();
  const email = p.getByLabel('Email');
  await email.fill('not-an-email');
  assert.equal(await p.getByText(/Enter a valid email address/).count(), 0, 'nothing before blur');
  await email.press('Tab');
  await p.getByText(/Enter a valid email address/).waitFor();
  assert.equal(await email.getAttribute('aria-invalid'), 'true');
  await p.getByLabel('Password').fill('some-password');
  await p.getByLabel('Password').press('Enter');
  assert.equal(loginPosts(p).length, 0, 'invalid form is not sent');
  await email.fill(DEMO.email);
  assert.equal(await p.getByText(/Enter a valid email address/).count(), 0);
  assert.equal(await email.getAttribute('aria-invalid'), 'false');
});

test('while the request is in flight: "Logging in...", disabled, a second click sends nothing', async () => {
  const p = await openLogin();
  let release;
  const held = new Promise((r) => { release = r; });
  // Hold the real request back a moment so the in-flight state can be seen; it still goes to Strapi.
  await p.route('**/api/auth/local', async (route) => {
    await held;
    await route.continue();
  });
  await typeLogin(p, DEMO.email, DEMO.password, { submitWith: 'click' });
  const busy = p.getByRole('button', { name: 'Logging in...' });
  await busy.waitFor();
  assert.equal(await busy.isDisabled(), true);
  await busy.click({ force: true }).catch(() => {});
  await p.getByLabel('Password').press('Enter');
  release();
  await p.waitForURL((u) => u.pathname === '/dashboard');
  assert.equal(loginPosts(p).length, 1, 'exactly one login request');
});

test('open-redirect attempts are ignored; a same-origin redirect round-trips', async () => {
  for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '\\\\evil.example']) {
    const p = await openLogin(`/auth/login?redirect=${encodeURIComponent(evil)}`);
    await loginAsDemo(p);
    const url = new URL(p.url());
    assert.equal(url.origin, env.server.url, `${evil} stays on the app`);
    assert.equal(url.pathname, '/dashboard', `${evil} goes to the dashboard`);
  }
  const p = await env.page();
  await p.goto(env.url('/dashboard'));
  await p.waitForURL((u) => u.pathname === '/auth/login' && u.searchParams.get('redirect') === '/dashboard');
  await appReady(p);
  await loginAsDemo(p);
  assert.equal(new URL(p.url()).pathname, '/dashboard');
});

test('a reload on the dashboard keeps the user logged in; /auth/login then goes to the dashboard', async () => {
  const p = await openLogin();
  await loginAsDemo(p);
  await p.reload();
  await p.locator('.user-email').waitFor();
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
  await p.goto(env.url('/auth/login'));
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
});

test('log out clears the stored tokens and returns to the login page', async () => {
  const p = await openLogin();
  await loginAsDemo(p);
  await p.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click();
  await p.waitForURL((u) => u.pathname === '/auth/login');
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  await p.goto(env.url('/dashboard'));
  await p.waitForURL((u) => u.pathname === '/auth/login');
});

test('garbage in localStorage sends the user to login and is removed', async () => {
  const p = await env.page();
  await seedStorage(env, p, { token: 'garbage' });
  await p.goto(env.url('/dashboard'));
  await p.waitForURL((u) => u.pathname === '/auth/login');
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('a well-formed token Strapi refuses ends the session with a message', async () => {
  const p = await env.page();
  const forged = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MSwiaWF0IjoxLCJleHAiOjJ9.Zm9yZ2VkLXNpZ25hdHVyZQ';
  await seedStorage(env, p, { token: forged, accessToken: forged, refreshToken: forged });
  await p.goto(env.url('/dashboard'));
  if (MODE === 'cookie') {
    // No token belongs in storage in cookie mode: it is removed unsent, and there is no session.
    await p.waitForURL((u) => u.pathname === '/auth/login');
    assert.deepEqual(p.strapiRequests, []);
  } else {
    await p.getByText('Your session has expired. Please log in again.').waitFor();
  }
  const url = new URL(p.url());
  assert.equal(url.pathname, '/auth/login');
  assert.equal(url.searchParams.get('redirect'), '/dashboard');
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('a proxy\'s HTML 502 and a non-Strapi JSON answer: "The server had a problem"', async () => {
  const p = await openLogin();
  await p.route('**/api/auth/local', (route) => route.fulfill({
    status: 502, contentType: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
    headers: env.cors,
  }));
  await typeLogin(p, DEMO.email, DEMO.password);
  await alert(p).getByText('The server had a problem. Try again later.').waitFor();
  await assertFailedCleanly(p, DEMO.email);
  await p.unroute('**/api/auth/local');
  await p.route('**/api/auth/local', (route) => route.fulfill({
    status: 200, contentType: 'application/json', body: '{"token":"not strapi"}',
    headers: env.cors,
  }));
  await p.getByLabel('Password').fill(DEMO.password);
  await p.getByLabel('Password').press('Enter');
  await p.getByRole('button', { name: 'Login' }).waitFor();
  await alert(p).getByText('The server had a problem. Try again later.').waitFor();
  await assertFailedCleanly(p, DEMO.email);
});

test('a hanging request is aborted after the configured timeout', async () => {
  const p = await env.page();
  // The deployer's timeout setting, as dist/index.html carries it, shortened for the test.
  await p.route('**/auth/login', async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace(
      '<meta name="strapi-timeout-ms" content="" />',
      '<meta name="strapi-timeout-ms" content="1500" />',
    );
    await route.fulfill({ response: res, body: html });
  });
  await p.route('**/api/auth/local', () => {}); // never answers
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  const started = Date.now();
  await typeLogin(p, DEMO.email, DEMO.password);
  await alert(p).getByText('Cannot reach the server. Check your connection and try again.').waitFor();
  const waited = Date.now() - started;
  assert.ok(waited >= 1400 && waited < 8000, `aborted after ${waited} ms`);
  await assertFailedCleanly(p, DEMO.email);
});

test('Strapi stopped: "Cannot reach the server", and it works once Strapi is back', async () => {
  const p = await openLogin();
  strapiCtl('stop');
  try {
    await typeLogin(p, DEMO.email, DEMO.password);
    await alert(p).getByText('Cannot reach the server. Check your connection and try again.').waitFor();
    await assertFailedCleanly(p, DEMO.email);
  } finally {
    strapiCtl('start');
  }
  await p.getByLabel('Password').fill(DEMO.password);
  await p.getByLabel('Password').press('Enter');
  await p.waitForURL((u) => u.pathname === '/dashboard');
});
