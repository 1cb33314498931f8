// "Remember me" unchecked: the session lives in sessionStorage, handed between the open tabs over
// a BroadcastChannel, never in localStorage, and ends when the last tab closes. Both token modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, appReady, typeLogin, storedTokens, reloadDashboard, logoutInOneTabEndsTheOther, dashboardInAnotherTab, continueWithProvider, MODE, DEMO, TOKEN_KEYS,
} from './lib/harness.mjs';
import { pageLoadsDuringRenewalKeepTheSession } from './lib/renewal.mjs';

const env = suite();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const sessionTokens = (p) => p.evaluate((keys) => keys.map((k) => sessionStorage.getItem(k)), TOKEN_KEYS);

/** Every localStorage write any page of the context makes, from the first script on: the key,
 * and whether the value had a token's shape (the value itself is never recorded). */
async function watchLocalStorage(context) {
  const writes = [];
  await context.exposeFunction('__localWrite', (key, tokenShaped) => writes.push({ key, tokenShaped }));
  await context.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem(key, value) {
      if (this === window.localStorage) {
        window.__localWrite(String(key), /^[\w-]+\.[\w-]+\.[\w-]+$/.test(String(value)));
      }
      return set.call(this, key, value);
    };
  });
  return writes;
}

/** Logs in through the form with "Remember me" unchecked by keyboard, as a person would. */
async function loginNotRemembered(p) {
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  const box = p.getByRole('checkbox', { name: 'Remember me' });
  assert.equal(await box.isChecked(), true, 'checked by default: the cookbook\'s behaviour');
  await box.focus();
  await p.keyboard.press('Space');
  assert.equal(await box.isChecked(), false);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').waitFor();
}

/** The pair both tabs hold once they agree (they hand it over a moment apart). */
async function samePair(one, two) {
  for (let i = 0; i < 30; i += 1) {
    const [a, b] = [await sessionTokens(one), await sessionTokens(two)];
    if (a.some(Boolean) && JSON.stringify(a) === JSON.stringify(b)) return a;
    await sleep(100);
  }
  assert.fail('the tabs never held the same session');
}

test(`unchecked: a second tab is logged in, and once every tab is closed a new one is not (${MODE} mode)`, async () => {
  const one = await env.page();
  const context = one.context();
  const writes = await watchLocalStorage(context);
  await loginNotRemembered(one);
  assert.deepEqual(await storedTokens(one), [null, null, null], 'nothing in localStorage');
  assert.ok((await sessionTokens(one)).some(Boolean), 'the session is in this tab\'s sessionStorage');

  // A tab opened later asks the open ones and is handed the session.
  const two = await dashboardInAnotherTab(env, one);
  await two.locator('.user-email').getByText(DEMO.email).waitFor();
  await samePair(one, two);
  // Each tab keeps it across a reload.
  await one.reload();
  await one.locator('.user-email').waitFor();

  if (MODE === 'refresh') {
    // Past the 5-second access token: both tabs renew, one refresh at a time, and agree.
    await sleep(7_000);
    assert.equal((await reloadDashboard(one)).status(), 200);
    assert.equal((await reloadDashboard(two)).status(), 200);
    await samePair(one, two);
  }

  // Every tab of the app closes; the browser (its profile, its localStorage) stays.
  await one.close();
  await two.close();
  const three = await env.tab({ context: () => context });
  await three.goto(env.url('/dashboard'));
  await three.waitForURL((u) => u.pathname === '/auth/login');
  await appReady(three);
  assert.equal(await three.getByText('Your session has expired').count(), 0, 'no session, nothing expired');
  assert.deepEqual(three.strapiRequests, [], 'nothing was sent to Strapi');
  assert.deepEqual(await sessionTokens(three), [null, null, null]);

  assert.deepEqual(writes.filter((w) => w.tokenShaped || TOKEN_KEYS.includes(w.key)), [], 'localStorage never held a token');
});

test('unchecked: logging out in one tab ends the session in the other', async () => {
  const [one, two] = await logoutInOneTabEndsTheOther(env, loginNotRemembered);
  assert.deepEqual(await sessionTokens(two), [null, null, null]);
  // A tab opened now finds nothing to be handed.
  const three = await env.tab(one);
  await three.goto(env.url('/dashboard'));
  await three.waitForURL((u) => u.pathname === '/auth/login');
});

test('the choice is kept across a provider login, which honours it', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await p.getByRole('checkbox', { name: 'Remember me' }).uncheck();
  await continueWithProvider(p);
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  assert.ok((await sessionTokens(p)).some(Boolean));
});

test('checked (the default): the session is in localStorage, as the cookbook keeps it', async () => {
  const p = await env.page();
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.locator('.user-email').waitFor();
  assert.ok((await storedTokens(p)).some(Boolean));
  assert.deepEqual(await sessionTokens(p), [null, null, null]);
});

test('not remembered: a page load while a renewal is out keeps the session, every time', { skip: MODE !== 'refresh' }, async () => {
  await pageLoadsDuringRenewalKeepTheSession(env, { remember: false });
});
