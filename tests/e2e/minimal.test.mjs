// examples/minimal, the app a newcomer copies, built with Trunk (scripts/test.sh) and driven once
// against the real Strapi as a person would: a wrong password is said, login shows Strapi's
// /users/me, a reload keeps the session, logout ends it and the protected page sends to login.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { serveDist } from './lib/serve.mjs';
import { CHROMIUM_ARGS, DEMO, PORT, STRAPI } from './lib/harness.mjs';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'minimal', 'dist');
let server;
let browser;

before(async () => {
  server = await serveDist(DIST, PORT);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('examples/minimal: login, /users/me, reload keeps the session, logout', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = [];
  p.on('pageerror', (e) => errors.push(e.message));
  const me = [];
  p.on('request', (r) => { if (r.url() === `${STRAPI}/api/users/me`) me.push(r.headers().authorization); });

  // A protected page without a session goes to the login form, with the way back.
  await p.goto(`${server.url}/`);
  await p.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/');

  await p.getByLabel('Email').fill(DEMO.email);
  await p.getByLabel('Password').fill('not-the-password');
  await p.getByRole('button', { name: 'Log in' }).click();
  await p.getByRole('alert').getByText('Invalid identifier or password').waitFor();

  await p.getByLabel('Password').fill(DEMO.password);
  await p.getByRole('button', { name: 'Log in' }).click();
  await p.waitForURL((u) => u.pathname === '/');
  await p.getByRole('status').getByText(`(${DEMO.email})`).waitFor();
  assert.match(me.at(-1) ?? '', /^Bearer \S+$/, '/users/me went with the session');
  const token = await p.evaluate(() => localStorage.getItem('token') || localStorage.getItem('accessToken'));
  assert.ok(token, 'the session is kept in localStorage');

  await p.reload();
  await p.getByRole('status').getByText(`(${DEMO.email})`).waitFor();
  assert.equal(new URL(p.url()).pathname, '/', 'a reload keeps the session');

  await p.getByRole('button', { name: 'Log out' }).click();
  await p.waitForURL((u) => u.pathname === '/login');
  assert.equal(await p.evaluate(() => localStorage.getItem('token') || localStorage.getItem('accessToken')), null);
  await p.goto(`${server.url}/`);
  await p.waitForURL((u) => u.pathname === '/login');
  assert.ok(!(await p.content()).includes(token), 'the token is not on the page');
  assert.deepEqual(errors, [], 'no uncaught error');
  await context.close();
});
