// The app shell from a static host: every route renders, deep links survive a reload, and the page
// reaches Strapi.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, API } from './lib/harness.mjs';

const env = suite();

const ROUTES = [
  { path: '/', heading: 'Yew Strapi Auth', title: 'Home · Yew Strapi Auth' },
  { path: '/auth/login', heading: 'Login', title: 'Login · Yew Strapi Auth' },
  { path: '/no/such/page', heading: 'Page not found', title: 'Page not found · Yew Strapi Auth' },
];

for (const { path, heading, title } of ROUTES) {
  test(`${path} renders inside the layout, and again after a reload`, async () => {
    const p = await env.page();
    await p.goto(env.url(path));
    await appReady(p);
    await p.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(await p.title(), title);
    assert.equal(await p.locator('html').getAttribute('lang'), 'en');
    assert.equal(await p.getByRole('navigation', { name: 'Main' }).getByRole('link').count(), 4, 'Home, Restaurants, Login, Create an account');
    await p.reload();
    await p.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(new URL(p.url()).pathname, path);
  });
}

test('/dashboard without a session sends the visitor to login with a way back', async () => {
  const p = await env.page();
  await p.goto(env.url('/dashboard'));
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  const url = new URL(p.url());
  assert.equal(url.pathname, '/auth/login');
  assert.equal(url.searchParams.get('redirect'), '/dashboard');
});

test('the navigation works with the keyboard and without reloading the page', async () => {
  const p = await env.page();
  await p.goto(env.url('/'));
  await appReady(p);
  await p.evaluate(() => { window.sameDocument = true; });
  await p.getByRole('link', { name: 'Log in' }).focus();
  await p.keyboard.press('Enter');
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  assert.equal(new URL(p.url()).pathname, '/auth/login');
  assert.equal(await p.evaluate(() => window.sameDocument), true, 'client-side navigation, no new document');
  assert.equal(
    await p.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]').innerText(),
    'Login',
  );
});

test('the home page links to the login page, and the favicon loads', async () => {
  const p = await env.page();
  await p.goto(env.url('/'));
  await appReady(p);
  const icon = await p.locator('link[rel="icon"]').getAttribute('href');
  const res = await p.request.get(env.url(icon));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /image\/svg\+xml/);
  await p.getByRole('link', { name: 'Log in' }).click();
  await p.getByRole('heading', { name: 'Login' }).waitFor();
});

test('Strapi answers a request made from the page origin (CORS)', async () => {
  const p = await env.page();
  await p.goto(env.url('/'));
  const answer = await p.evaluate(async (url) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'nobody@example.com', password: 'wrong-password' }),
    });
    return { status: res.status, body: await res.json() };
  }, `${API}/auth/local`);
  assert.equal(answer.status, 400);
  assert.equal(answer.body.error.message, 'Invalid identifier or password');
});
