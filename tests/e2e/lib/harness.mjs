// What every end-to-end test shares: the served app, the real Strapi, and a headless Chromium
// that fails a test when a token shows up in the console or the address bar.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import assert from 'node:assert/strict';
import { before, after, afterEach } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** legacy | refresh | cookie: Strapi's token mode, and for `cookie` the app's httpOnly-cookie storage. */
export const MODE = ['refresh', 'cookie'].includes(process.env.AUTH_MODE) ? process.env.AUTH_MODE : 'legacy';
/** Strapi's session management (refresh tokens, devices, "Log out everywhere"): both non-legacy modes. */
export const SESSIONS = MODE !== 'legacy';
export const STRAPI = process.env.E2E_STRAPI_URL || 'http://127.0.0.1:1337';
export const API = `${STRAPI}/api`;
export const DIST = process.env.E2E_DIST || join(ROOT, 'dist');
export const PORT = Number(process.env.E2E_PORT || 4173);
export const DEMO = {
  email: process.env.DEMO_EMAIL || 'demo@example.com',
  password: process.env.DEMO_PASSWORD || 'Demo-pass-1234',
};
export const TOKEN_KEYS = ['token', 'accessToken', 'refreshToken'];
export const SERVER_PROBLEM = 'The server had a problem. Try again later.';
/** The production topology (nginx, several Strapi nodes, PostgreSQL: scripts/prod.sh) serves the app. */
export const PROD = Boolean(process.env.E2E_APP_URL);
/** scripts/prod.sh, e.g. `prod('pg-stop')`. Asynchronous, so the page's events keep flowing (and
 * stay in order) while a node or the database goes down or comes back. */
export const prod = (...args) => promisify(execFile)(join(ROOT, 'scripts', 'prod.sh'), args);

export function strapiCtl(command) {
  execFileSync(join(ROOT, 'scripts', 'strapi.sh'), [command], { stdio: 'inherit' });
}

/** Strapi's own answer, straight from node (no browser): the ground truth the UI is checked against. */
export async function strapiFetch(path, { token, body, method } = {}) {
  const res = await fetch(`${API}${path}`, {
    method: method || (body ? 'POST' : 'GET'),
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** What Chromium logs for requests that fail by design in these tests. */
const EXPECTED_CONSOLE = [
  /^error: Failed to load resource: the server responded with a status of [45]\d\d/,
  // Any network failure: offline, a Strapi or node stopped or restarting (the name Chromium gives
  // depends on the moment the connection broke, e.g. ERR_SOCKET_NOT_CONNECTED mid-restart).
  /^error: Failed to load resource: net::ERR_[A-Z_]+/,
];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * One browser and one static server for a test file. `page()` opens a fresh context (empty
 * storage) and records console output, failed requests and requests to Strapi.
 */
export async function setup() {
  // Every page is served under the build's strict Content-Security-Policy, as in production.
  const cspFile = join(DIST, 'csp.txt');
  const csp = existsSync(cspFile) ? readFileSync(cspFile, 'utf8').trim() : null;
  // E2E_APP_URL: the app is already served (nginx in front of several Strapi nodes,
  // scripts/prod.sh); otherwise this file serves dist/ itself.
  const server = process.env.E2E_APP_URL
    ? { url: process.env.E2E_APP_URL, close: async () => {} }
    : await serveDist(DIST, PORT, { headers: csp ? { 'content-security-policy': csp } : {} });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const opened = [];
  async function page() {
    return tab(null);
  }
  /** Another tab in `sibling`'s context (same storage), or a fresh context when null. */
  async function tab(sibling) {
    const context = sibling ? sibling.context() : await browser.newContext();
    const p = await context.newPage();
    p.consoleLines = [];
    p.badResponses = [];
    p.strapiRequests = [];
    // Every token Strapi hands this page, recorded from the answers themselves: the leak check
    // after the test looks for each of them, without the test having to remember any.
    p.seenTokens = [];
    p.on('response', (r) => {
      if (!r.url().startsWith(API) || !/\/auth\//.test(r.url()) || r.status() >= 400) return;
      r.json().then((body) => {
        for (const key of ['jwt', 'refreshToken', 'accessToken']) {
          if (typeof body?.[key] === 'string') p.seenTokens.push(body[key]);
        }
        // In cookie mode the access token lives in the tab's memory only: the newest one Strapi
        // handed this page is the one it holds.
        if (typeof body?.jwt === 'string') p.lastJwt = body.jwt;
      }).catch(() => {});
    });
    p.on('console', (m) => p.consoleLines.push(`${m.type()}: ${m.text()}`));
    await p.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`);
      });
    });
    p.on('pageerror', (e) => p.consoleLines.push(`pageerror: ${e.message}`));
    p.referers = [];
    p.on('request', (r) => {
      const referer = r.headers().referer;
      if (referer) p.referers.push(referer);
      if (r.url().startsWith(API)) p.strapiRequests.push({ method: r.method(), url: r.url() });
    });
    // Strapi's answers are the tests' to judge (a 401 on an expired access token is the app's
    // renewal at work): only the app's own files count here. Strapi is reached at API, or at
    // /api/ through a test's proxy (lib/renewal.mjs); no file of the app is under /api/.
    p.on('response', (r) => {
      if (r.status() >= 400 && !r.url().startsWith(API) && !new URL(r.url()).pathname.startsWith('/api/')) {
        p.badResponses.push(`${r.status()} ${r.url()}`);
      }
    });
    opened.push({ context, page: p });
    return p;
  }
  /** Fails when any token ever stored by the app appears in the console, the address bar, the
   * title or the page's text (an error message included). */
  async function assertNoTokenLeak(p) {
    // A page that is not the app (an error page) has no storage to read.
    const tokens = (await storedTokens(p).catch(() => [])).filter(Boolean);
    const title = await p.title().catch(() => '');
    const text = await p.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    // A reset code or a provider's token never leaves in a Referer (the page sends only its origin).
    for (const referer of p.referers) {
      assert.ok(!/[?&#](code|access_token|id_token)=/.test(referer), `a code or token in a Referer: ${referer}`);
      assert.equal(new URL(referer).search, '', `a query in a Referer: ${referer}`);
    }
    for (const t of [...tokens, ...p.seenTokens]) {
      assert.ok(!p.referers.some((r) => r.includes(t)), 'a token is in a Referer');
      assert.ok(!p.url().includes(t), 'a token is in the address bar');
      assert.ok(!p.consoleLines.some((l) => l.includes(t)), 'a token reached the console');
      assert.ok(!title.includes(t), 'a token is in the page title');
      assert.ok(!text.includes(t), 'a token is shown on the page');
    }
  }
  /** Checks every page a test opened, then closes them: a tab left open keeps refreshing its
   * session in the background, loading the machine and Strapi for the tests after it. */
  async function retire() {
    const pages = opened.splice(0);
    try {
      for (const { page: p } of pages) {
        if (!p.isClosed()) await assertNoTokenLeak(p);
        assert.deepEqual(p.badResponses, [], 'no asset or page request failed (favicon included)');
        assert.deepEqual(
          p.consoleLines.filter((l) => l.startsWith('pageerror') || l.includes('Content Security Policy') || l.includes('CSP violation')),
          [],
          'no uncaught error and no CSP violation in the page',
        );
        // A clean console: an error or warning fails the test unless it is a request the test
        // made fail on purpose (Chromium logs every 4xx/5xx answer and network failure) or one
        // the test declared in `p.expectedConsole`.
        const expected = [...EXPECTED_CONSOLE, ...(p.expectedConsole || [])];
        assert.deepEqual(
          p.consoleLines.filter((l) => /^(error|warning): /.test(l) && !expected.some((re) => re.test(l))),
          [],
          'no console error or warning the test did not expect',
        );
      }
    } finally {
      for (const context of new Set(pages.map(({ context }) => context))) await context.close();
    }
  }
  async function teardown() {
    await retire();
    await browser.close();
    await server.close();
  }
  // What a stand-in answer for Strapi needs to be readable, credentialed requests included (cookie
  // mode sends its login with credentials, which a wildcard origin does not allow).
  const cors = {
    'access-control-allow-origin': new URL(server.url).origin,
    'access-control-allow-credentials': 'true',
  };
  return { server, browser, page, tab, retire, teardown, csp, cors, url: (path) => `${server.url}${path}` };
}

/**
 * The shared life of a test file: one browser and server for the file, every test's pages
 * checked and closed after it. Returns the environment, filled in once `before` has run.
 */
export function suite() {
  const env = {};
  before(async () => {
    Object.assign(env, await setup());
  });
  afterEach(async () => env.retire());
  after(async () => env.teardown());
  return env;
}

/** The page's refreshes wait, unsent, until the returned function is called: for steps that need
 * the pair to stay put (Strapi's rotation is not atomic against a revocation). */
export async function holdRefreshes(p) {
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await p.context().route('**/api/auth/refresh', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

export async function storedTokens(p) {
  return p.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), TOKEN_KEYS);
}

/** The access token the page's session uses: from storage, or in cookie mode (nothing stored, by
 * design) the newest one Strapi handed the page. */
export async function sessionBearer(p) {
  const [token, access] = await storedTokens(p);
  if (MODE === 'cookie') {
    assert.deepEqual([token, access], [null, null], 'cookie mode stores no token');
    return p.lastJwt;
  }
  return MODE === 'refresh' ? access : token;
}

/**
 * A page already logged in as `user`, for tests that are not about logging in: the session comes
 * from Strapi's API (Node) and is stored as the app stores it, then `path` is opened. Tests about
 * the form, or about what a login teaches the app (clock skew), log in through the form.
 */
export async function loggedIn(env, user = DEMO, path = '/dashboard') {
  if (MODE === 'cookie') {
    // Nothing can be injected: the session is Strapi's cookie, which only a login sets.
    const p = await env.page();
    await loginThroughForm(env, p, user);
    if (path !== '/dashboard') {
      await p.goto(env.url(path));
      await appReady(p);
    }
    return p;
  }
  const { status, json } = await strapiFetch('/auth/local', { body: { identifier: user.email, password: user.password } });
  assert.equal(status, 200, `${user.email} logs in`);
  const p = await env.page();
  p.seenTokens.push(json.jwt, ...(json.refreshToken ? [json.refreshToken] : []));
  await seedStorage(env, p, json.refreshToken
    ? { accessToken: json.jwt, refreshToken: json.refreshToken }
    : { token: json.jwt });
  await p.goto(env.url(path));
  await appReady(p);
  return p;
}

export const EXPIRED_MESSAGE = 'Your session has expired. Please log in again.';

/** Logs in through the form, as a person would, and waits for the dashboard. */
export async function loginThroughForm(env, p, user = DEMO) {
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await typeLogin(p, user.email, user.password);
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
}

/** Clicks the dashboard's own Reload and returns the `/users/me` answer it brought; with `ok`,
 * the successful one (past a 401 for an expired access token, which the app renews and retries).
 * Listening starts before the click: the answer can beat a listener added after it. */
export async function reloadDashboard(p, { ok = false } = {}) {
  const [response] = await Promise.all([
    p.waitForResponse((r) => r.url().endsWith('/api/users/me') && (!ok || r.status() === 200)),
    p.getByRole('main').getByRole('button', { name: 'Reload' }).click(),
  ]);
  return response;
}

/** The session ended under the user: back on the login page with the expiry message, a way
 * back to where they were, and nothing left in storage. */
export async function assertSentToLoginExpired(p, from = '/dashboard') {
  await p.getByText(EXPIRED_MESSAGE).waitFor({ timeout: 15_000 });
  const url = new URL(p.url());
  assert.equal(url.pathname, '/auth/login');
  assert.equal(url.searchParams.get('redirect'), from);
  assert.deepEqual(await storedTokens(p), [null, null, null]);
}

/**
 * "Log out everywhere" in one browser ends another browser's session at its next request; the
 * same story in every topology. Strapi's rotation is not atomic against a revocation, so the other
 * browser's refreshes wait until the revocation is answered. Returns both browsers' pages.
 */
export async function logoutEverywhereEndsAnotherBrowser(env) {
  const here = await env.page();
  const there = await env.page();
  const revokedAll = await holdRefreshes(there);
  await loginThroughForm(env, here);
  await loginThroughForm(env, there);
  const [request] = await Promise.all([
    here.waitForRequest((r) => r.url().endsWith('/api/auth/logout')),
    here.getByRole('button', { name: 'Log out everywhere' }).click(),
  ]);
  assert.deepEqual(JSON.parse(request.postData()), { scope: 'all' });
  assert.equal((await request.response()).status(), 200);
  revokedAll();
  await here.waitForURL((u) => u.pathname === '/auth/login');
  // The other browser's access token lives on until it expires (Strapi's tokens are stateless);
  // its next request after that finds the session revoked.
  await assertSentToLoginExpired(there);
  return { here, there };
}

/** Another tab of `one`'s browser, opened on the dashboard once it shows the user. */
export async function dashboardInAnotherTab(env, one) {
  const two = await env.tab(one);
  await two.goto(env.url('/dashboard'));
  await two.locator('.user-email').waitFor();
  return two;
}

/** On the login page: "Continue with Testprovider", through Strapi and the stand-in provider,
 * until the dashboard shows the provider's user. */
export async function continueWithProvider(p) {
  await p.getByRole('link', { name: 'Continue with Testprovider' }).click();
  await p.waitForURL((u) => u.pathname === '/dashboard', { timeout: 15_000 });
  await p.locator('.user-email').getByText('pat@provider.test').waitFor();
}

/**
 * Two tabs of one browser, the first logged in by `login(tab)`, the second opened on the
 * dashboard: logging out in one sends the other to the login page. Returns both tabs.
 */
export async function logoutInOneTabEndsTheOther(env, login) {
  const one = await env.page();
  await login(one);
  const two = await dashboardInAnotherTab(env, one);
  await one.getByRole('main').getByRole('button', { name: 'Log out', exact: true }).click();
  await one.waitForURL((u) => u.pathname === '/auth/login');
  await two.waitForURL((u) => u.pathname === '/auth/login');
  return [one, two];
}

/**
 * The devices page of a new user logged in from two browsers lists both and signs the other one
 * out, which that browser notices at its next refresh; the same story in every topology and mode.
 */
export async function devicesSignOutAnotherBrowser(env, prefix) {
  const user = await newUser(prefix);
  // Registration's own session would be a third device.
  await strapiFetch('/auth/logout', { token: user.answer.jwt, body: { refreshToken: user.answer.refreshToken } });
  const other = await env.page();
  await loginThroughForm(env, other, user);
  const p = await env.page();
  await loginThroughForm(env, p, user);
  await p.getByRole('link', { name: 'Devices' }).click();
  await p.locator('.device', { hasText: 'This device' }).waitFor();
  assert.equal(await p.locator('.device').count(), 2);
  await p.locator('.device', { hasNotText: 'This device' }).getByRole('button', { name: /^Sign out/ }).click();
  await p.getByText('The device was signed out.').waitFor();
  await p.waitForFunction(() => document.querySelectorAll('.device').length === 1, null, { timeout: 10_000 });
  await assertSentToLoginExpired(other);
}

/** The login form, filled and submitted with Enter, as a person would. */
export async function typeLogin(p, email, password, { submitWith = 'Enter' } = {}) {
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  if (submitWith === 'Enter') await p.getByLabel('Password').press('Enter');
  else await p.getByRole('button', { name: 'Login' }).click();
}

/** Puts `values` in the app origin's localStorage as a page load would find them. The page that
 * gives the origin is left to finish starting first: an app still starting there would read
 * the values too, and could end (and clear) the session they hold before the next page loads. */
export async function seedStorage(env, p, values) {
  await p.goto(env.url('/'));
  await appReady(p);
  await p.evaluate((v) => Object.entries(v).forEach(([k, x]) => localStorage.setItem(k, x)), values);
}

/** Waits until the app has taken over the prerendered page (src/takeover.rs marks <html>). */
export async function appReady(p) {
  await p.locator('html[data-app]').waitFor({ state: 'attached' });
}

/** The page's wasm waits, unsent, until the returned function is called: the prerendered page is
 * all there is meanwhile. */
export async function holdWasm(p) {
  let release;
  const held = new Promise((r) => { release = r; });
  await p.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

export const MAIL = process.env.E2E_MAIL_URL || 'http://127.0.0.1:1080';

/** The mails the local catcher received for `to`, oldest first. */
export async function mailsTo(to) {
  const res = await fetch(`${MAIL}/messages?to=${encodeURIComponent(to)}`);
  return res.json();
}

/** Waits until `to` has at least `count` mails; returns them. */
export async function waitForMails(to, count = 1, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mails = await mailsTo(to);
    if (mails.length >= count) return mails;
    if (Date.now() > deadline) throw new Error(`${to} got ${mails.length} mails, expected ${count}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first http(s) link in a mail's text. */
export function linkIn(mail) {
  const match = (mail.text || mail.html).match(/https?:\/\/[^\s<"]+/);
  if (!match) throw new Error(`no link in mail "${mail.subject}"`);
  return match[0].replace(/&amp;/g, '&');
}

/** A new user made through Strapi's API, for tests that change passwords. */
export async function newUser(prefix = 'user') {
  const tag = `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const user = { username: tag, email: `${tag}@example.com`, password: `Pw-${tag}` };
  const res = await strapiFetch('/auth/local/register', { body: user });
  return { ...user, status: res.status, answer: res.json };
}
