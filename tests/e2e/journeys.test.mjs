// A person's journeys in the engines Playwright cannot drive here (Firefox ESR, WebKitGTK), through
// WebDriver (lib/webdriver.mjs), against the real Strapi, in every storage mode of the phase:
// localStorage and "Remember me" unchecked (refresh mode), Strapi's httpOnly cookie (cookie mode).
// Every journey ends with a clean console (lib/console-probe.mjs); cookie mode's includes the
// attacker's script (lib/attacker.mjs, shared with the Playwright suite). The same journeys run in
// Chromium with E2E_ENGINES=chromium; the deep Chromium suite is Playwright's (the other files).
// Engines: E2E_ENGINES, default "firefox webkit".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist } from './lib/serve.mjs';
import { ENGINES, startDriver } from './lib/webdriver.mjs';
import { DIST, PORT, DEMO, MODE, strapiFetch, waitForMails, linkIn } from './lib/harness.mjs';
import { withProbe, cspWithProbe } from './lib/console-probe.mjs';
import { READ_EVERYTHING, assertNoTokenReadable, assertFoundOpensNothing } from './lib/attacker.mjs';

const engines = (process.env.E2E_ENGINES || 'firefox webkit').split(/\s+/).filter(Boolean);
const STORAGE = MODE === 'cookie' ? ['cookie'] : ['localStorage', '"Remember me" unchecked'];
const drivers = {};
let server;

before(async () => {
  const csp = existsSync(join(DIST, 'csp.txt')) ? readFileSync(join(DIST, 'csp.txt'), 'utf8').trim() : null;
  server = await serveDist(DIST, PORT, {
    headers: csp ? { 'content-security-policy': cspWithProbe(csp) } : {},
    html: withProbe,
  });
  let port = Number(process.env.E2E_DRIVER_PORT || 4444);
  for (const engine of engines) drivers[engine] = await startDriver(engine, port++);
});

after(async () => {
  for (const driver of Object.values(drivers)) driver.stop();
  await server?.close();
});

const url = (path) => `${server.url}${path}`;
const sleepUntil = (t) => new Promise((resolve) => setTimeout(resolve, Math.max(0, t - Date.now())));

/** A new browser for `journey`; its console must stay clean throughout (lib/console-probe.mjs). */
async function inBrowser(driver, journey) {
  const b = await driver.session();
  try {
    await journey(b);
    assert.deepEqual(await b.console(), [], 'no console error or warning, uncaught error or CSP violation');
  } finally {
    await b.quit();
  }
}

/** The page fits a 360-px-wide phone: nothing wider than the viewport. */
async function assertFitsThePhone(b, where) {
  const [scroll, client] = await b.exec('const d = document.documentElement; return [d.scrollWidth, d.clientWidth]');
  assert.ok(scroll <= client, `${where}: ${scroll} px of content in ${client} px`);
}

/** Where the session is kept: [localStorage's, sessionStorage's refresh token, document.cookie]. */
const kept = (b) => b.exec('return [localStorage.getItem("refreshToken"), sessionStorage.getItem("refreshToken"), document.cookie]');

/** The number of renewals this page has asked for (its own requests, answered by Strapi or the
 * session worker alike). */
const RENEWALS = 'performance.getEntriesByType("resource").filter((e) => e.name.endsWith("/api/auth/refresh")).length';
const renewals = (b) => b.exec(`return ${RENEWALS}`);

for (const engine of engines) {
  for (const storage of STORAGE) {
    test(`${ENGINES[engine].name}, ${storage}: log in (after its failures), reload, renew, two tabs in step, log out; at 360 px`, async () => {
      await inBrowser(drivers[engine], async (b) => {
        await b.size(360, 740);
        await b.goto(url('/auth/login'));
        await b.ready();
        await assertFitsThePhone(b, 'login');

        // Failures first: an empty form, then a wrong password.
        await b.click('button[type=submit]');
        assert.equal(await b.text('#identifier-error'), 'Email is required');
        await b.type('#identifier', DEMO.email);
        await b.type('#password', 'not-the-password');
        await b.click('button[type=submit]');
        assert.equal(await b.text('#form-alert'), 'Invalid identifier or password');
        assert.equal(await b.path(), '/auth/login');

        if (storage !== 'localStorage' && MODE !== 'cookie') {
          await b.click('#remember-me');
          await b.until('"Remember me" unchecked', 'return !document.querySelector("#remember-me").checked');
        }
        await b.type('#password', DEMO.password);
        await b.click('button[type=submit]');
        await b.waitForPath('/dashboard');
        assert.equal(await b.text('.user-email'), DEMO.email);
        await assertFitsThePhone(b, 'dashboard');

        // Kept where the mode says, and never where a script can read it in cookie mode.
        const [local, session, cookies] = await kept(b);
        if (storage === 'localStorage') assert.ok(local && !session, 'in localStorage');
        if (storage.startsWith('"Remember')) assert.ok(!local && session, `in sessionStorage only (${[local, session].map(Boolean)})`);
        let stolen = null;
        if (storage === 'cookie') {
          assert.ok(!local && !session, 'no refresh token in storage');
          assert.ok(!/refresh/i.test(cookies), 'the refresh cookie is httpOnly');
          // The attacker's script finds nothing that looks like a token; what it found is tried
          // from outside once the access token has expired (below).
          stolen = { found: await b.exec(READ_EVERYTHING), at: Date.now() };
          assertNoTokenReadable(stolen.found);
        }

        // A reload keeps the session; past the access token's life (5 s) it renews itself.
        await b.goto(url('/dashboard'));
        await b.ready();
        assert.equal(await b.text('.user-email'), DEMO.email);
        const before = await renewals(b);
        await b.until('a renewal after the access token\'s life', `return ${RENEWALS} > arguments[0]`, before);
        await b.goto(url('/dashboard'));
        await b.ready();
        assert.equal(await b.text('.user-email'), DEMO.email, 'still logged in after the renewal');
        if (stolen) {
          // Past the life of the access token that was current when the script looked (5 s).
          await sleepUntil(stolen.at + 6_000);
          await assertFoundOpensNothing(stolen.found);
        }

        // A second tab has the session too; logging out there ends it here.
        const first = await b.handle();
        const second = await b.newTab();
        await b.switchTo(second);
        await b.goto(url('/dashboard'));
        await b.ready();
        assert.equal(await b.text('.user-email'), DEMO.email);
        const [local2, session2] = await kept(b);
        await b.press('Log out');
        await b.waitForPath('/auth/login');
        await b.switchTo(first);
        await b.waitForPath('/auth/login');
        assert.deepEqual((await kept(b)).slice(0, 2), [null, null], 'nothing left in storage');
        // Strapi ended it too: the refresh token the tabs held is refused.
        const last = local2 || session2;
        if (last) assert.equal((await strapiFetch('/auth/refresh', { body: { refreshToken: last } })).status, 401);
      });
    });
  }

  test(`${ENGINES[engine].name}: restaurants, a search, a review written after logging in, My reviews`, async () => {
    const text = `From ${engine} ${Date.now()}`;
    await inBrowser(drivers[engine], async (b) => {
      // The list, from its chunk; a search kept in the address.
      await b.goto(url('/restaurants'));
      await b.ready();
      await b.until('five restaurants', 'return document.querySelectorAll("main .entry").length === 5');
      await b.type('#restaurant-search', 'pizz');
      await b.press('Search');
      await b.until('the search in the address', 'return new URLSearchParams(location.search).get("q") === "pizz"');
      await b.until('the pizzerias', 'const e = [...document.querySelectorAll("main .entry h2")]; return e.length > 0 && e.every((h) => /pizz/i.test(h.textContent))');
      // A restaurant; logging in from it comes back to it.
      await b.click('main .entry h2 a');
      await b.until('the restaurant', 'return /^\\/restaurants\\/[^/]+$/.test(location.pathname) && document.querySelector("#reviews-heading")');
      const here = await b.path();
      await b.click('main a.button--primary');
      await b.waitForPath('/auth/login');
      await b.type('#identifier', DEMO.email);
      await b.type('#password', DEMO.password);
      await b.click('button[type=submit]');
      await b.waitForPath(here);
      // A review: its note checked first, then published under the logged-in name.
      await b.type('#content', text);
      await b.press('Publish review');
      assert.equal(await b.text('#note-error'), 'Choose a note');
      await b.click('#note option[value="4"]');
      await b.press('Publish review');
      await b.until('the review in the list', 'return [...document.querySelectorAll("main .review")].some((r) => r.textContent.includes(arguments[0]) && r.querySelector(".review-author").textContent === "demo")', text);
      // My reviews: deleted by its author.
      await b.goto(url('/account/reviews'));
      await b.ready();
      await b.until('the review among mine', 'return [...document.querySelectorAll("main .review")].some((r) => r.textContent.includes(arguments[0]))', text);
      await b.exec('const r = [...document.querySelectorAll("main .review")].find((r) => r.textContent.includes(arguments[0])); [...r.querySelectorAll("button")].find((x) => x.textContent === "Delete").click()', text);
      await b.press('Yes, delete');
      await b.text('main .notice');
      await b.until('the review gone', 'return ![...document.querySelectorAll("main .review")].some((r) => r.textContent.includes(arguments[0]))', text);
    });
  });

  test(`${ENGINES[engine].name}: register, change the password, the devices list, forgot and reset the password`, async () => {
    const tag = `wd${engine}${Date.now()}`;
    const user = { username: tag, email: `${tag}@example.com`, password: `Pw-${tag}-1` };
    await inBrowser(drivers[engine], async (b) => {
      const type = async (fields) => {
        for (const [name, value] of Object.entries(fields)) await b.type(`input[name="${name}"]`, value);
      };
      await b.goto(url('/auth/register'));
      await b.ready();
      await type({ username: user.username, email: user.email, password: user.password, passwordConfirmation: user.password });
      await b.click('button[type=submit]');
      await b.waitForPath('/dashboard');
      assert.equal(await b.text('.user-email'), user.email);

      const changed = `Pw-${tag}-2`;
      await b.goto(url('/account'));
      await b.ready();
      await type({ currentPassword: user.password, password: changed, passwordConfirmation: changed });
      await b.press('Change password');
      await b.until('the change confirmed', 'return document.body.textContent.includes("Your password was changed.")');

      await b.goto(url('/account/sessions'));
      await b.ready();
      if (MODE !== 'legacy') await b.until('this device in the list', 'return document.body.textContent.includes("This device")');

      await b.press('Log out');
      await b.waitForPath('/auth/login');
      await b.goto(url('/auth/forgot-password'));
      await b.ready();
      await type({ email: user.email });
      await b.press('Send the link');
      const [mail] = await waitForMails(user.email);
      const reset = `Pw-${tag}-3`;
      await b.goto(linkIn(mail));
      await b.ready();
      await type({ password: reset, passwordConfirmation: reset });
      await b.press('Set new password');
      await b.waitForPath('/dashboard');
      assert.equal(await b.text('.user-email'), user.email);
      // Strapi agrees: the reset password is the one that works now.
      assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: reset } })).status, 200);
      assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: changed } })).status, 400);
    });
  });

  test(`${ENGINES[engine].name}: provider login in two browsers; "Log out everywhere" in one ends the other`, async () => {
    // A driver runs one browser at a time: the second browser has its own.
    const other = await startDriver(engine, 4500 + engines.indexOf(engine));
    try {
      await inBrowser(drivers[engine], (one) => inBrowser(other, async (two) => {
        for (const b of [one, two]) {
          await b.goto(url('/auth/login'));
          await b.ready();
          await b.click('a[href*="/connect/testprovider"]');
          await b.waitForPath('/dashboard');
          assert.equal(await b.text('.user-email'), 'pat@provider.test');
        }
        await one.press('Log out everywhere');
        await one.waitForPath('/auth/login');
        // The other browser's access token lives until it expires (5 s); its renewal is refused.
        await two.waitForPath('/auth/login');
        assert.match(await two.text('p.notice'), /Your session has expired/);
      }));
    } finally {
      other.stop();
    }
  });

  test(`${ENGINES[engine].name}: a person who is not logged in is sent from /dashboard to the login page, and back after logging in`, async () => {
    await inBrowser(drivers[engine], async (b) => {
      await b.goto(url('/dashboard'));
      await b.ready();
      await b.waitForPath('/auth/login');
      await b.type('#identifier', DEMO.email);
      await b.type('#password', DEMO.password);
      await b.click('button[type=submit]');
      await b.waitForPath('/dashboard');
      assert.equal(await b.text('.user-email'), DEMO.email);
      await b.press('Log out');
      await b.waitForPath('/auth/login');
      // Logged out for good: the dashboard sends to the login page again.
      await b.goto(url('/dashboard'));
      await b.ready();
      await b.waitForPath('/auth/login');
    });
  });
}
