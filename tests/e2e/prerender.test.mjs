// The prerendered pages (src/prerender.rs) and the app taking them over (src/takeover.rs): the
// form is there at first paint, what a person does before the wasm arrives is not lost, nothing
// jumps, nothing is ever submitted natively. The wasm is held back by the test so that "before"
// lasts as long as the test needs. Every storage mode (the phases run this file in each).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import {
  suite, appReady, holdWasm, loggedIn, typeLogin, DEMO, DIST, MODE, PROD, TOKEN_KEYS,
} from './lib/harness.mjs';

const env = suite();
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Every layout shift from the first one on, as the browser reports them (a page that moved
 * nothing sums to 0). Counted whatever input came before it: nothing may move at all. */
async function watchLayoutShifts(p) {
  await p.addInitScript(() => {
    window.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

/** A page opened with its wasm held back; `release()` lets it through. Requests are recorded. */
async function beforeTheApp(p, path) {
  await watchLayoutShifts(p);
  const release = await holdWasm(p);
  p.allRequests = [];
  p.on('request', (r) => p.allRequests.push({ method: r.method(), url: r.url(), body: r.postData() }));
  await p.goto(env.url(path), { waitUntil: 'domcontentloaded' });
  assert.equal(await p.locator('html[data-app]').count(), 0, 'the app has not run yet');
  return release;
}

/** No request carried `secret`, in its address or its body, except the ones to Strapi named. */
function assertNotSent(p, secret, allowed = []) {
  for (const r of p.allRequests) {
    assert.ok(!r.url.includes(encodeURIComponent(secret)) && !r.url.includes(secret), `not in an address: ${r.method} ${r.url}`);
    if (!allowed.some((path) => r.url.endsWith(`/api${path}`))) {
      assert.ok(!(r.body || '').includes(secret), `not in the body of ${r.method} ${r.url}`);
    }
  }
}

const posts = (p, path) => p.allRequests.filter((r) => r.method === 'POST' && r.url.endsWith(`/api${path}`));

test('/auth/login: the labelled form is at first paint; typed, filled and submitted before the wasm, it logs in once', async () => {
  const p = await env.page();
  const release = await beforeTheApp(p, '/auth/login');
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  // An autofill-style fill (value and input event at once) and a person's keystrokes.
  await p.getByLabel('Email').fill(DEMO.email);
  await p.getByLabel('Password').pressSequentially(DEMO.password);
  if (MODE !== 'cookie') assert.ok(await p.getByRole('checkbox', { name: 'Remember me' }).isChecked());
  else assert.equal(await p.getByRole('checkbox', { name: 'Remember me' }).isVisible(), false, 'no "Remember me" in cookie mode');
  await p.getByLabel('Password').press('Enter');
  // Pressed, and the app is not there yet: the browser sent nothing and stays on the page.
  await p.getByLabel('Password').press('Enter');
  assert.equal(new URL(p.url()).search, '');
  assert.equal(posts(p, '/auth/local').length, 0);
  release();
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').getByText(DEMO.email).waitFor();
  assert.equal(posts(p, '/auth/local').length, 1, 'exactly one login');
  assert.deepEqual(JSON.parse(posts(p, '/auth/local')[0].body), { identifier: DEMO.email, password: DEMO.password });
  assertNotSent(p, DEMO.password, ['/auth/local']);
  assert.equal(await p.evaluate(() => window.layoutShift), 0, 'nothing moved');
});

test('/auth/login: the app takes over what is half typed, with the focus and the caret where they were', async () => {
  const p = await env.page();
  const release = await beforeTheApp(p, '/auth/login');
  await p.getByLabel('Email').fill(DEMO.email);
  await p.getByLabel('Password').pressSequentially('Demo-pass');
  await p.getByLabel('Password').press('ArrowLeft');
  if (MODE !== 'cookie') await p.getByRole('checkbox', { name: 'Remember me' }).uncheck();
  await p.getByLabel('Password').focus();
  release();
  await appReady(p);
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'password', 'the focus stayed');
  assert.deepEqual(await p.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [8, 8]);
  assert.equal(await p.getByLabel('Email').inputValue(), DEMO.email);
  if (MODE !== 'cookie') assert.equal(await p.getByRole('checkbox', { name: 'Remember me' }).isChecked(), false);
  // The app holds what was typed: the rest goes at the caret, and the login carries it all.
  await p.keyboard.press('End');
  await p.keyboard.type('-1234');
  await p.keyboard.press('Enter');
  await p.waitForURL((u) => u.pathname === '/dashboard');
  assert.deepEqual(JSON.parse(posts(p, '/auth/local')[0].body), { identifier: DEMO.email, password: DEMO.password });
  if (MODE !== 'cookie') {
    // "Remember me" unchecked before the app ran: the session is this visit's.
    assert.deepEqual(await p.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), TOKEN_KEYS), [null, null, null]);
    assert.ok(await p.evaluate((keys) => keys.some((k) => sessionStorage.getItem(k)), TOKEN_KEYS));
  }
  assert.equal(await p.evaluate(() => window.layoutShift), 0, 'nothing moved');
});

test('/auth/register and /auth/forgot-password: submitted before the wasm, sent once it is there', async () => {
  const p = await env.page();
  const tag = `pre${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const user = { username: tag, email: `${tag}@example.com`, password: `Pw-${tag}` };
  let release = await beforeTheApp(p, '/auth/register');
  await p.getByLabel('Username').fill(user.username);
  await p.getByLabel('Email').fill(user.email);
  await p.getByLabel('Password', { exact: true }).fill(user.password);
  await p.getByLabel('Confirm password').fill(user.password);
  await p.getByRole('button', { name: 'Create account' }).click();
  assert.equal(posts(p, '/auth/local/register').length, 0);
  release();
  await p.waitForURL((u) => u.pathname === '/dashboard');
  assert.equal(posts(p, '/auth/local/register').length, 1);
  assert.deepEqual(JSON.parse(posts(p, '/auth/local/register')[0].body), { username: user.username, email: user.email, password: user.password });
  assertNotSent(p, user.password, ['/auth/local/register']);
  assert.equal(await p.evaluate(() => window.layoutShift), 0, 'nothing moved');

  const q = await env.page();
  release = await beforeTheApp(q, '/auth/forgot-password');
  // Strapi's answer adds a message above the form: held until the takeover is measured.
  let answer;
  const answered = new Promise((r) => { answer = r; });
  await q.route('**/api/auth/forgot-password', async (route) => { await answered; await route.continue(); });
  await q.getByLabel('Email').fill(DEMO.email);
  await q.getByLabel('Email').press('Enter');
  const sent = q.waitForRequest((r) => r.url().endsWith('/api/auth/forgot-password'));
  release();
  await appReady(q);
  await sent;
  await q.evaluate(() => new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); }));
  assert.equal(await q.evaluate(() => window.layoutShift), 0, 'nothing moved');
  answer();
  await q.getByRole('status').getByText(/If an account exists/).waitFor();
  assert.equal(posts(q, '/auth/forgot-password').length, 1);
  assert.deepEqual(JSON.parse(posts(q, '/auth/forgot-password')[0].body), { email: DEMO.email });
});

test('a protected page shows "Checking your session…" before the app, then the page or the login', async () => {
  const p = await env.page();
  let release = await beforeTheApp(p, '/account');
  await p.getByRole('status').getByText('Checking your session…').waitFor();
  assert.equal(await p.title(), 'Account · Yew Strapi Auth');
  release();
  await p.waitForURL((u) => u.pathname === '/auth/login');
  const q = await loggedIn(env);
  const r = await env.tab(q);
  release = await beforeTheApp(r, '/dashboard');
  await r.getByRole('status').getByText('Checking your session…').waitFor();
  release();
  await r.locator('.user-email').getByText(DEMO.email).waitFor();
});

test('a visitor with a session never sees "Login" in the header before the app knows who they are', async () => {
  const p = await loggedIn(env);
  for (const path of ['/', '/auth/login', '/nowhere']) {
    const q = await env.tab(p);
    const release = await beforeTheApp(q, path);
    await q.locator('.site-header .brand').waitFor();
    const nav = q.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Home' }).isVisible(), true);
    assert.equal(await nav.getByRole('link', { name: 'Login' }).isVisible(), false, `${path}: no "Login"`);
    assert.equal(await nav.getByRole('link', { name: 'Create an account' }).isVisible(), false, `${path}: no "Create an account"`);
    release();
    await appReady(q);
    await nav.getByText(/Logged in as/).waitFor();
    await q.close();
  }
  // A session that is not remembered lives in the open tabs: a new tab knows it may have one.
  if (MODE !== 'cookie') {
    const one = await env.page();
    await one.goto(env.url('/auth/login'));
    await appReady(one);
    await one.getByRole('checkbox', { name: 'Remember me' }).uncheck();
    await typeLogin(one, DEMO.email, DEMO.password);
    await one.waitForURL((u) => u.pathname === '/dashboard');
    const two = await env.tab(one);
    const release = await beforeTheApp(two, '/');
    await two.locator('.site-header .brand').waitFor();
    const nav = two.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Login' }).isVisible(), false, 'not remembered: no "Login"');
    release();
    await nav.getByText(/Logged in as/).waitFor();
  }
  // Without a session the whole header is there at first paint.
  const anonymous = await env.page();
  const release = await beforeTheApp(anonymous, '/');
  const nav = anonymous.getByRole('navigation', { name: 'Main' });
  assert.equal(await nav.getByRole('link', { name: 'Login' }).isVisible(), true);
  assert.equal(await nav.getByRole('link', { name: 'Create an account' }).isVisible(), true);
  release();
  await appReady(anonymous);
  assert.equal(await anonymous.evaluate(() => window.layoutShift), 0, 'nothing moved');
});

test('an address with no page of its own shows no other page before the app', async () => {
  const p = await env.page();
  const release = await beforeTheApp(p, '/no/such/page');
  await p.locator('.site-header .brand').waitFor();
  assert.equal(await p.getByRole('heading', { level: 1 }).isVisible(), false, 'the home page is not shown for it');
  release();
  await p.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
});

test('without JavaScript: the page says it needs it, and a typed password goes nowhere', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  try {
    const p = await context.newPage();
    const requests = [];
    p.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
    const page = await p.goto(env.url('/auth/login'));
    // (Chromium's script switch leaves the parser thinking scripts run, so <noscript> is not shown
    // here; a browser with scripts really off shows it.)
    assert.match(await page.text(), /<noscript><p class="noscript">This app needs JavaScript and WebAssembly enabled.<\/p><\/noscript>/);
    await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
    await p.getByLabel('Email').fill(DEMO.email);
    await p.getByLabel('Password').fill(DEMO.password);
    await p.getByLabel('Password').press('Enter');
    await p.getByRole('button', { name: 'Login' }).click({ force: true });
    await p.waitForLoadState('networkidle');
    assert.equal(new URL(p.url()).pathname, '/auth/login');
    assert.equal(new URL(p.url()).search, '');
    assert.deepEqual(requests.filter((r) => r.method !== 'GET'), [], 'nothing submitted');
    assert.ok(requests.every((r) => !r.url.includes(encodeURIComponent(DEMO.password)) && !r.url.includes('password=')));
  } finally {
    await context.close();
  }
});

// The prerendered markup is the same in every token mode: checked once, in the legacy phase.
test('axe finds nothing on any prerendered page before the app runs', { skip: MODE !== 'legacy' }, async () => {
  for (const path of ['/', '/auth/login', '/auth/register', '/auth/forgot-password', '/auth/reset-password', '/auth/email-confirmed', '/dashboard', '/404']) {
    const p = await env.page();
    const release = await beforeTheApp(p, path);
    await p.locator('#main').waitFor();
    await p.evaluate(axeSource);
    const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    assert.deepEqual(found, [], `axe on the prerendered ${path}`);
    release();
    await appReady(p);
  }
});

test('every page of the deployed folder carries the deploy-time settings, in its precompressed copies too', { skip: PROD }, async () => {
  const pages = [];
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    if (e.isDirectory()) walk(join(dir, e.name));
    else if (e.name.endsWith('.html')) pages.push(join(dir, e.name));
  });
  walk(DIST);
  assert.ok(pages.length >= 10, `${pages.length} pages`);
  const index = readFileSync(join(DIST, 'index.html'), 'utf8');
  const meta = (html, name) => html.match(new RegExp(`<meta name="${name}" content="([^"]*)"`))[1];
  for (const page of pages) {
    const html = readFileSync(page, 'utf8');
    for (const name of ['strapi-url', 'strapi-providers', 'strapi-token-storage']) {
      assert.equal(meta(html, name), meta(index, name), `${relative(DIST, page)}: ${name}`);
    }
    assert.equal(gunzipSync(readFileSync(`${page}.gz`)).toString(), html, `${relative(DIST, page)}.gz`);
    assert.equal(brotliDecompressSync(readFileSync(`${page}.br`)).toString(), html, `${relative(DIST, page)}.br`);
  }
  assert.equal(meta(index, 'strapi-providers'), 'testprovider');
  for (const path of ['/', '/auth/login', '/auth/reset-password', '/account/sessions', '/nowhere']) {
    const res = await fetch(env.url(path));
    assert.equal(res.headers.get('content-security-policy'), env.csp, path);
    await res.arrayBuffer();
  }
});
