// The production topology (scripts/prod.sh): nginx serving dist/ with deploy/nginx-site.conf and
// proxying /api/ round-robin to two Strapi nodes on one PostgreSQL, session-management mode with
// 5-second access tokens. The app is same-origin with the API, as most deployments are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  suite, appReady, logoutEverywhereEndsAnotherBrowser, devicesSignOutAnotherBrowser, dashboardInAnotherTab, loginThroughForm, reloadDashboard, typeLogin, loggedIn, storedTokens, strapiFetch, newUser, prod, DEMO, DIST, SERVER_PROBLEM,
} from './lib/harness.mjs';
import { coldAssets } from '../../bench/budget.mjs';

const APP = process.env.E2E_APP_URL;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const env = suite();
const loginOn = (p, user) => loginThroughForm(env, p, user);

/** The nodes that answered this page's API requests, from the header the dev back end adds. */
function watchNodes(p) {
  const nodes = new Set();
  p.on('response', (r) => {
    const node = r.headers()['x-strapi-node'];
    if (node) nodes.add(node);
  });
  return nodes;
}

/** Clicks Reload on the dashboard and returns the status of the `/users/me` it sends. */
async function reload(p) {
  return (await reloadDashboard(p)).status();
}

test('nginx: precompressed files, wasm as application/wasm, the CSP on every page, 404 for a missing asset', async () => {
  const csp = readFileSync(join(DIST, 'csp.txt'), 'utf8').trim();
  for (const { kind, path } of coldAssets(DIST)) {
    for (const encoding of ['br', 'gzip']) {
      const res = await fetch(`${APP}${path}`, { headers: { 'accept-encoding': encoding } });
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-encoding'), encoding, `${path} served from its .${encoding === 'br' ? 'br' : 'gz'} file`);
      await res.arrayBuffer();
    }
    const res = await fetch(`${APP}${path}`);
    const type = res.headers.get('content-type');
    if (kind === 'wasm') assert.equal(type, 'application/wasm');
    if (kind === 'js') assert.match(type, /^text\/javascript/);
    if (kind !== 'html') assert.match(res.headers.get('cache-control'), /immutable/, `${path} is cached for good`);
    await res.arrayBuffer();
  }
  // Every route is its own prerendered page (any other path: index.html), with the build's CSP,
  // precompressed like the rest.
  const pages = {
    '/': '/', '/auth/login': '/auth/login', '/auth/register/': '/auth/register', '/auth/forgot-password': '/auth/forgot-password',
    '/auth/reset-password?code=x': '/auth/reset-password', '/auth/email-confirmed': '/auth/email-confirmed',
    '/dashboard': '/dashboard', '/account': '/account', '/account/sessions?x=1': '/account/sessions', '/404': '/404',
    '/nowhere': '/', '/connect/testprovider/redirect': '/',
  };
  for (const [path, page] of Object.entries(pages)) {
    const res = await fetch(`${APP}${path}`, { headers: { 'accept-encoding': 'br' } });
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /^text\/html/, path);
    assert.equal(res.headers.get('content-encoding'), 'br', path);
    assert.equal(res.headers.get('content-security-policy'), csp, path);
    assert.equal(res.headers.get('cache-control'), 'no-cache', path);
    assert.match(await res.text(), new RegExp(`<html lang="en" data-page="${page}">`), path);
  }
  // The session worker keeps its name across builds: revalidated, never cached for good.
  const worker = await fetch(`${APP}/session-worker.js`);
  assert.equal(worker.status, 200);
  assert.match(worker.headers.get('content-type'), /^text\/javascript/);
  assert.equal(worker.headers.get('cache-control'), 'no-cache');
  assert.equal(worker.headers.get('content-security-policy'), csp);
  assert.match(await worker.text(), /\/auth\/refresh/);
  // A missing asset is a 404, never index.html served as code.
  for (const path of ['/missing-0123456789abcdef.js', '/missing_bg.wasm', '/missing.css']) {
    const res = await fetch(`${APP}${path}`);
    assert.equal(res.status, 404, path);
    await res.arrayBuffer();
  }
});

test('a session across two nodes: login, reload keeps it, refresh on expiry, requests reach both nodes', async () => {
  const p = await env.page();
  const nodes = watchNodes(p);
  await loginOn(p);
  // A reload of a deep link: nginx answers it with the app, the app finds its session.
  await p.reload();
  await appReady(p);
  await p.locator('.user-email').waitFor();
  const [, access0] = await storedTokens(p);
  // Past the 5-second access token: renewed on the way, whichever node answers.
  await sleep(6_000);
  assert.equal(await reload(p), 200);
  const [, access1] = await storedTokens(p);
  assert.notEqual(access1, access0, 'the access token was renewed');
  for (let i = 0; i < 4; i += 1) assert.equal(await reload(p), 200);
  assert.deepEqual([...nodes].sort(), ['node1', 'node2'], 'one tab\'s requests reach both nodes');
  assert.equal(await p.getByRole('alert').count(), 0);
});

test('two tabs refreshing on different nodes keep each other logged in', async () => {
  const one = await env.page();
  await loginOn(one);
  const two = await dashboardInAnotherTab(env, one);
  // Two refresh cycles of the 5-second tokens, each tab's requests spread over both nodes.
  await sleep(9_000);
  for (const p of [one, two]) {
    assert.equal(await reload(p), 200);
    assert.equal(new URL(p.url()).pathname, '/dashboard');
  }
  const [a, b] = [await storedTokens(one), await storedTokens(two)];
  assert.ok(a[2] && b[2], 'both tabs hold a session');
});

test('"Log out everywhere" on one node ends another browser\'s session', async () => {
  await logoutEverywhereEndsAnotherBrowser(env);
});

test('devices: the list and signing another device out, across nodes', async () => {
  await devicesSignOutAnotherBrowser(env, 'proddevices');
});

test('change password: the new one works through either node', async () => {
  const user = await newUser('prodchange');
  const p = await loggedIn(env, user, '/account');
  await p.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  await p.getByLabel('Current password').fill(user.password);
  await p.getByLabel('New password', { exact: true }).fill('changed-pass');
  await p.getByLabel('Confirm new password').fill('changed-pass');
  await p.getByRole('button', { name: 'Change password' }).click();
  await p.getByText('Your password was changed. Your other devices were signed out.').waitFor();
  // Two logins: round robin sends them to both nodes.
  for (let i = 0; i < 2; i += 1) {
    assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: 'changed-pass' } })).status, 200);
  }
  assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: user.password } })).status, 400);
});

test('a node stopped in the middle of a session: requests fail over, the user stays logged in', async () => {
  const p = await env.page();
  await loginOn(p);
  await prod('node-stop', '1');
  try {
    // Requests sent after the stop (not answers still on their way from before it).
    const nodes = new Set();
    for (let i = 0; i < 4; i += 1) {
      const response = await reloadDashboard(p);
      assert.equal(response.status(), 200);
      nodes.add(response.headers()['x-strapi-node']);
    }
    assert.deepEqual([...nodes], ['node2']);
    // A refresh while the node is down, too.
    const [, access0] = await storedTokens(p);
    await sleep(6_000);
    assert.equal(await reload(p), 200);
    assert.notEqual((await storedTokens(p))[1], access0, 'renewed meanwhile');
    assert.equal(await p.getByRole('alert').count(), 0, 'nothing for the user to notice');
    assert.equal(new URL(p.url()).pathname, '/dashboard');
    // Then the other node too: nginx answers for Strapi, in its shape, with a wait to honour.
    await prod('node-stop', '2');
    try {
      const down = await fetch(`${APP}/api/users/me`);
      assert.equal(down.status, 503);
      assert.equal(down.headers.get('retry-after'), '5');
      assert.equal((await down.json()).error.name, 'ServiceUnavailableError');
      await reloadDashboard(p);
      await p.getByRole('alert').getByText(SERVER_PROBLEM).waitFor();
      assert.ok((await storedTokens(p))[2], 'the session is kept');
    } finally {
      await prod('node-start', '2');
    }
    // nginx skips a node for 10 s after it failed (fail_timeout): wait until it is tried again.
    let status;
    for (let waited = 0; (status = await reload(p)) !== 200; waited += 500) {
      assert.ok(waited < 20_000, `the API still answers ${status} 20 s after node 2 is back`);
      await sleep(500);
    }
  } finally {
    await prod('node-start', '1');
  }
});

test('PostgreSQL down while logged in: "The server had a problem" meanwhile, never a logout; it works once the database is back', async () => {
  const p = await env.page();
  await loginOn(p);
  const [, access0] = await storedTokens(p);
  await prod('pg-stop');
  try {
    // Past the access token's life, so that the proactive refresh and the one Reload needs both
    // meet the dead database. Strapi then answers a refresh 401 "Missing or invalid credentials",
    // as to a stranger (its permission check threw): that must not end the session.
    await sleep(6_000);
    assert.equal(new URL(p.url()).pathname, '/dashboard', 'the proactive refresh kept the session');
    await reloadDashboard(p);
    await p.getByRole('alert').getByText(SERVER_PROBLEM).waitFor();
    assert.equal(new URL(p.url()).pathname, '/dashboard');
    assert.ok((await storedTokens(p))[2], 'the session is kept');
    // A login meanwhile is told the same, not that its password is wrong.
    const q = await env.page();
    await q.goto(env.url('/auth/login'));
    await appReady(q);
    await typeLogin(q, DEMO.email, DEMO.password);
    await q.getByRole('alert').getByText(SERVER_PROBLEM).waitFor();
  } finally {
    await prod('pg-start');
  }
  await reloadDashboard(p, { ok: true });
  await p.waitForFunction(() => !document.querySelector('[role=alert]')?.textContent);
  assert.equal(await p.locator('.user-email').innerText(), DEMO.email);
  assert.notEqual((await storedTokens(p))[1], access0, 'renewed once the database is back');
});
