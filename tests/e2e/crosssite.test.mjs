// Another site cannot act on the session (the production topology: the app and /api on one
// origin, where the session worker's scope covers the API's routes). A person logged in visits
// a page on another site; that page aims forms (in the tab and in a frame) and fetches (no-cors,
// cors) at /api/auth/refresh and /api/auth/logout. Afterwards the session is the same one: the
// server answered none of those requests as the session's, the cookie jar is as it was, and the
// app's next renewal succeeds. In every storage mode: localStorage, "Remember me" unchecked, and
// the httpOnly cookie with Strapi's `sessions.httpOnly` on and off. Chromium through Playwright
// (which also sees the worker's own requests), Firefox and WebKit through WebDriver.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, loginThroughForm, typeLogin, DEMO, MODE } from './lib/harness.mjs';
import { ENGINES, startDriver } from './lib/webdriver.mjs';
import { attackerSite, accessLog, attackFromAnotherSite, assertNothingCredentialed, until } from './lib/crosssite.mjs';

const env = suite();

/** Waits until the page is controlled by the session worker (registered once a session is held). */
async function controlled(p) {
  await p.evaluate(() => navigator.serviceWorker.ready);
  // The worker claims the page when it activates; a navigation is handled only once it does.
  await until('the session worker controls the page', () => p.evaluate(() => Boolean(navigator.serviceWorker.controller)));
}

/** Renewals the session worker has sent and not yet had answered, across the browser context. */
function renewalsInFlight(context) {
  const out = new Set();
  context.on('request', (r) => { if (r.url().endsWith('/api/auth/refresh')) out.add(r); });
  for (const event of ['requestfinished', 'requestfailed']) context.on(event, (r) => out.delete(r));
  return out;
}

/**
 * Logs in (`login`), leaves the app for the attacker's pages in the same tab, and checks that
 * nothing they did touched the session; then comes back to the app, which keeps the session and
 * renews it.
 */
async function attackAfter(login) {
  const p = await env.page();
  const out = renewalsInFlight(p.context());
  await login(p);
  await controlled(p);
  const site = await attackerSite(new URL(env.server.url).origin);
  try {
    // The app's pages are gone during the attack, so whatever reaches the session routes is the
    // attacker's; a renewal of the app's still out when it left is let finish first.
    await p.goto('about:blank');
    await until('the app\'s own renewal to finish', () => out.size === 0);
    const jar = await p.context().cookies();
    const seen = await attackFromAnotherSite(site, accessLog(), {
      open: (url) => p.goto(url),
      title: () => p.title().catch(() => ''),
    });
    assertNothingCredentialed(seen);
    assert.deepEqual(await p.context().cookies(), jar, 'the cookie jar is as it was');
    // What the attacker's own pages logged: the app's answers refused to be framed there (its
    // CSP's frame-ancestors), as they should be. Not the app's console.
    p.consoleLines = p.consoleLines.filter((l) => !/^error: Framing '[^']*' violates the following Content Security Policy directive: "frame-ancestors 'self'"/.test(l));
  } finally {
    await site.close();
  }
  // The same session: the page loads into the dashboard, and its renewal (at once in cookie
  // mode, within the 5-second access token's life otherwise) is answered 200.
  const renewed = p.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.request().method() === 'POST', { timeout: 15_000 });
  await p.goto(env.url('/dashboard'));
  await appReady(p);
  await p.locator('.user-email').waitFor();
  assert.equal((await renewed).status(), 200, 'the next renewal succeeds');
  assert.equal(new URL(p.url()).pathname, '/dashboard');
}

test('these tests run against the production topology with session management', () => {
  assert.ok(process.env.PROD_DIR && process.env.E2E_APP_URL, 'scripts/prod.sh serves the app (PROD_DIR, E2E_APP_URL)');
  assert.ok(MODE === 'refresh' || MODE === 'cookie');
});

test('another site cannot renew or end a session kept in localStorage', { skip: MODE !== 'refresh' }, async () => {
  await attackAfter((p) => loginThroughForm(env, p));
});

test('another site cannot renew or end a session kept in sessionStorage ("Remember me" unchecked)', { skip: MODE !== 'refresh' }, async () => {
  await attackAfter(async (p) => {
    await p.goto(env.url('/auth/login'));
    await appReady(p);
    await p.getByRole('checkbox', { name: 'Remember me' }).uncheck();
    await typeLogin(p, DEMO.email, DEMO.password);
    await p.waitForURL((u) => u.pathname === '/dashboard');
    await p.locator('.user-email').waitFor();
  });
});

test(`another site cannot renew or end a session kept in the httpOnly cookie (Strapi's sessions.httpOnly ${process.env.SESSIONS_HTTPONLY === 'false' ? 'off' : 'on'})`, { skip: MODE !== 'cookie' }, async () => {
  await attackAfter((p) => loginThroughForm(env, p));
});

// Firefox and WebKit (lib/webdriver.mjs): the same visit, checked from the server's log and the
// cookie jar as WebDriver shows it.
const engines = (process.env.E2E_ENGINES || 'firefox webkit').split(/\s+/).filter(Boolean);
const drivers = {};
before(async () => {
  let port = 4480;
  await Promise.all(engines.map(async (engine) => { drivers[engine] = await startDriver(engine, port++); }));
});
after(() => { for (const driver of Object.values(drivers)) driver.stop(); });

/** The renewals this page has had answered (its own, whoever answered them). */
const RENEWALS = 'performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/api/auth/refresh")).length';
const STORAGE = MODE === 'cookie' ? ['cookie'] : ['localStorage', '"Remember me" unchecked'];

for (const engine of engines) {
  for (const storage of STORAGE) {
    test(`${ENGINES[engine].name}, ${storage}: another site cannot renew or end the session`, async () => {
      const app = new URL(env.server.url).origin;
      const b = await drivers[engine].session();
      const site = await attackerSite(app);
      try {
        await b.goto(`${app}/auth/login`);
        await b.ready();
        if (storage.startsWith('"Remember')) {
          await b.click('#remember-me');
          await b.until('"Remember me" unchecked', 'return !document.querySelector("#remember-me").checked');
        }
        await b.type('#identifier', DEMO.email);
        await b.type('#password', DEMO.password);
        await b.click('button[type=submit]');
        await b.waitForPath('/dashboard');
        await b.text('.user-email');
        // The worker, where this engine runs one for the page: it must be in charge for the
        // visit to test it (WebKitGTK's automation may offer none; the browser's rules then apply).
        const worker = await b.exec('return Boolean(navigator.serviceWorker)');
        if (worker) await b.until('the session worker controls the page', 'return Boolean(navigator.serviceWorker.controller)');
        // Leaves right after a renewal has been answered: the next one is seconds away, so no
        // renewal of the app's is out while the other site's pages run.
        const seen = await b.exec(`return ${RENEWALS}`);
        await b.until('a renewal answered', `return ${RENEWALS} > arguments[0]`, seen);
        // A file of the app's origin, not a page of the app: WebDriver shows that origin's cookies.
        await b.goto(`${app}/favicon.svg`);
        const jar = await b.cookies();
        const log = await attackFromAnotherSite(site, accessLog(), {
          open: (url) => b.goto(url),
          title: () => b.exec('return document.title').catch(() => ''),
        });
        assertNothingCredentialed(log);
        await b.goto(`${app}/favicon.svg`);
        assert.deepEqual(await b.cookies(), jar, 'the cookie jar is as it was');
        // The same session: the dashboard, and its next renewal answered 200 by the server.
        const back = accessLog();
        const mark = back.mark();
        await b.goto(`${app}/dashboard`);
        await b.ready();
        await b.text('.user-email');
        const renewal = await until('the next renewal in the access log', () =>
          back.since(mark).find((r) => r.method === 'POST' && r.path === '/api/auth/refresh'));
        assert.equal(renewal.status, 200, 'the next renewal succeeds');
        assert.equal(await b.path(), '/dashboard');
      } finally {
        await site.close();
        await b.quit();
      }
    });
  }
}
