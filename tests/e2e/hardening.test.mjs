// Hardening: the strict Content-Security-Policy, tokens kept out of sight, hostile values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, seedStorage, typeLogin, storedTokens, DEMO, STRAPI } from './lib/harness.mjs';

const env = suite();

test('the page is served under a strict CSP and the login flow runs under it', async () => {
  assert.ok(env.csp, 'the build wrote csp.txt');
  const directives = Object.fromEntries(env.csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives['default-src'], ["'self'"]);
  assert.ok(directives['script-src'].includes("'wasm-unsafe-eval'"));
  assert.ok(!directives['script-src'].includes("'unsafe-inline'") && !directives['script-src'].includes("'unsafe-eval'"));
  assert.ok(directives['script-src'].some((s) => s.startsWith("'sha256-")), 'the inline loader is allowed by hash');
  // The stylesheet is inline (one round trip less before the first paint), allowed by its hash.
  assert.ok(!directives['style-src'].includes("'unsafe-inline'"));
  assert.ok(directives['style-src'].some((s) => s.startsWith("'sha256-")), 'the inline stylesheet is allowed by hash');
  assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
  assert.ok(directives['connect-src'].includes(new URL(STRAPI).origin));

  const p = await env.page();
  const res = await p.goto(env.url('/auth/login'));
  assert.equal(res.headers()['content-security-policy'], env.csp);
  await appReady(p);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
  // An inline script injected into the page is refused: the policy is really enforced.
  await p.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
  });
  assert.equal(await p.evaluate(() => window.injected), undefined);
  p.consoleLines = p.consoleLines.filter((l) => !l.includes('CSP violation: script-src'));
  p.consoleLines = p.consoleLines.filter((l) => !l.includes('Content Security Policy'));
});

test('tokens never reach the title, the URL, the console or the page text', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
  // Stored ones, and (cookie mode stores none) every one Strapi handed the page.
  const tokens = [...(await storedTokens(p)).filter(Boolean), ...p.seenTokens];
  assert.ok(tokens.length > 0);
  for (const path of ['/dashboard', '/account', '/account/sessions']) {
    await p.goto(env.url(path));
    await p.locator('h1').waitFor();
    const text = await p.evaluate(() => document.documentElement.outerHTML + document.title + location.href);
    for (const t of tokens) assert.ok(!text.includes(t), `no token in ${path}`);
  }
});

test('a Strapi error message with markup is shown as text', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  const hostile = '<img src=x onerror="window.pwned=1"><b>bold</b>';
  await p.route('**/api/auth/local', (route) => route.fulfill({
    status: 400,
    contentType: 'application/json',
    headers: env.cors,
    body: JSON.stringify({ data: null, error: { status: 400, name: 'ValidationError', message: hostile, details: {} } }),
  }));
  await typeLogin(p, DEMO.email, 'whatever');
  const alert = p.locator('#form-alert');
  await alert.getByText(hostile).waitFor();
  assert.equal(await alert.locator('img, b').count(), 0);
  assert.equal(await p.evaluate(() => window.pwned), undefined);
});

test('oversized and control-character input gets a clear message, not a crash', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await p.getByLabel('Email').fill('demo\u0007@example.com');
  await p.getByLabel('Password').fill('x'.repeat(100_000));
  await p.getByRole('button', { name: 'Login' }).click();
  await p.getByText(/Enter a valid email address/).waitFor();
  await p.getByLabel('Email').fill(DEMO.email);
  await p.getByRole('button', { name: 'Login' }).click();
  await p.locator('#form-alert').getByText(/Invalid identifier or password|too long/).waitFor();
  assert.equal(await p.getByRole('button', { name: 'Login' }).isEnabled(), true);
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('junk, JSON or another mode\'s token in localStorage never crashes the app', async () => {
  const junk = [
    { token: '{"jwt":"x"}' },
    { token: 'null', accessToken: 'undefined', refreshToken: '[]' },
    { accessToken: 'a.b.c' },
    { refreshToken: 'eyJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.c2ln' },
    { token: '\u0000\u0001' },
  ];
  for (const values of junk) {
    const p = await env.page();
    await seedStorage(env, p, values);
    await p.goto(env.url('/dashboard'));
    await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
    assert.deepEqual(await storedTokens(p), [null, null, null], JSON.stringify(values));
  }
});
