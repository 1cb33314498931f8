// Accessibility: axe-core on every page of the app, in its normal and its error states.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { suite, appReady, typeLogin, loggedIn, DEMO, MODE, SESSIONS } from './lib/harness.mjs';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const env = suite();

/** Runs axe on the page as it is now; fails with every violation listed. */
async function assertNoViolations(p, label) {
  await p.evaluate(axeSource);
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(found, [], `axe on ${label}`);
}

async function open(p, path, heading) {
  await p.goto(env.url(path));
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: heading }).waitFor();
}

test('public pages, normal and error states', async () => {
  const p = await env.page();
  await open(p, '/', 'Yew Strapi Auth');
  await assertNoViolations(p, 'home');
  await open(p, '/auth/login', 'Login');
  await assertNoViolations(p, 'login');
  await p.getByRole('button', { name: 'Login' }).click();
  await p.getByText('Email is required').waitFor();
  await assertNoViolations(p, 'login with field errors');
  await typeLogin(p, DEMO.email, 'wrong-password');
  await p.locator('#form-alert').getByText('Invalid identifier or password').waitFor();
  await assertNoViolations(p, 'login with a server error');
  await open(p, '/auth/register', 'Create an account');
  await assertNoViolations(p, 'register');
  await p.getByRole('button', { name: 'Create account' }).click();
  await p.getByText('Username is required').waitFor();
  await assertNoViolations(p, 'register with field errors');
  await open(p, '/auth/forgot-password', 'Forgot your password?');
  await assertNoViolations(p, 'forgot password');
  await p.getByRole('button', { name: 'Send the link' }).click();
  await p.getByText('Email is required').waitFor();
  await assertNoViolations(p, 'forgot password with an error');
  await open(p, '/auth/reset-password', 'Reset your password');
  await assertNoViolations(p, 'reset password without a code');
  await open(p, '/auth/reset-password?code=x', 'Choose a new password');
  await assertNoViolations(p, 'reset password');
  await open(p, '/auth/email-confirmed', 'Your email is confirmed');
  await assertNoViolations(p, 'email confirmed');
  await open(p, '/connect/testprovider/redirect?error=access_denied', 'Sign in with Testprovider');
  await assertNoViolations(p, 'provider error');
  await open(p, '/nowhere', 'Page not found');
  await assertNoViolations(p, 'not found');
  await open(p, '/restaurants', 'Restaurants');
  await p.locator('main .entry').first().waitFor();
  await assertNoViolations(p, 'restaurants');
  await p.getByRole('main').getByLabel('Search by name').fill('nothing like this');
  await p.getByRole('main').getByRole('button', { name: 'Search' }).click();
  await p.getByText('No restaurant matches').waitFor();
  await assertNoViolations(p, 'restaurants, nothing found');
  await open(p, '/restaurants/no-such-place', 'Restaurant not found');
  await assertNoViolations(p, 'a restaurant that is not there');
});

test('protected pages', async () => {
  const p = await loggedIn(env);
  await p.locator('.user-email').waitFor();
  await assertNoViolations(p, 'dashboard');
  await open(p, '/account', 'Account');
  await assertNoViolations(p, 'account');
  await p.getByRole('button', { name: 'Change password' }).click();
  await p.getByText('Current password is required').waitFor();
  await assertNoViolations(p, 'account with field errors');
  await open(p, '/account/sessions', 'Devices');
  if (SESSIONS) await p.locator('.device').first().waitFor();
  await assertNoViolations(p, 'devices');
  await open(p, '/account/reviews', 'My reviews');
  await p.getByText(/You have not written a review yet|\/5/).first().waitFor();
  await assertNoViolations(p, 'my reviews');
  await open(p, '/restaurants', 'Restaurants');
  await p.locator('main .entry h2 a').first().click();
  await p.getByRole('heading', { name: 'Write a review' }).waitFor();
  await assertNoViolations(p, 'a restaurant with the review form');
  await p.getByRole('button', { name: 'Publish review' }).click();
  await p.locator('.field__error', { hasText: 'Choose a note' }).waitFor();
  await assertNoViolations(p, 'the review form with an error');
});

test('keyboard: Tab reaches the form in order, Enter submits, focus is visible', async () => {
  const p = await env.page();
  await open(p, '/auth/login', 'Login');
  const order = [];
  for (let i = 0; i < 12; i += 1) {
    await p.keyboard.press('Tab');
    order.push(await p.evaluate(() => document.activeElement?.getAttribute('name') || document.activeElement?.textContent?.trim()));
    if (order.at(-1) === 'Login' && order.includes('password')) break;
  }
  const email = order.indexOf('identifier');
  // "Remember me" sits between the password and the button (not offered in cookie mode).
  const expected = MODE === 'cookie' ? ['identifier', 'password', 'Login'] : ['identifier', 'password', 'remember', 'Login'];
  assert.deepEqual(order.slice(email, email + expected.length), expected, order.join(' → '));
  const outline = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  if (MODE !== 'cookie') {
    await p.keyboard.press('Shift+Tab');
    const boxOutline = await p.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(boxOutline, 'none', 'focus on the checkbox is visible');
  }
  await p.keyboard.press('Shift+Tab');
  await p.keyboard.type('wrong-password');
  await p.keyboard.press('Shift+Tab');
  await p.keyboard.type(DEMO.email);
  await p.keyboard.press('Enter');
  await p.locator('#form-alert').getByText('Invalid identifier or password').waitFor();
  assert.equal(await p.evaluate(() => document.activeElement?.name), 'password', 'focus back where the fix is');
});
