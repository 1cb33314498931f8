// Account flows with email confirmation off: register, forgot and reset password (through real
// mail), change password. Strapi runs in the mode AUTH_MODE says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, appReady, loggedIn, storedTokens, sessionBearer, strapiFetch, waitForMails, mailsTo, linkIn, newUser, holdRefreshes, SESSIONS,
} from './lib/harness.mjs';

const refreshMode = SESSIONS;
const env = suite();

const alert = (p) => p.locator('#form-alert');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function open(path) {
  const p = await env.page();
  await p.goto(env.url(path));
  await appReady(p);
  return p;
}

async function fillRegister(p, { username, email, password, confirmation = password }, { submit = true } = {}) {
  await p.getByLabel('Username').fill(username);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password', { exact: true }).fill(password);
  await p.getByLabel('Confirm password').fill(confirmation);
  if (submit) await p.getByLabel('Confirm password').press('Enter');
}

async function assertLoggedInAs(p, email) {
  await p.waitForURL((u) => u.pathname === '/dashboard');
  await p.locator('.user-email').getByText(email).waitFor();
  const [token, access] = await storedTokens(p);
  const bearer = await sessionBearer(p);
  assert.ok(bearer, 'the session has an access token');
  assert.equal(refreshMode ? token : access, null);
  assert.equal((await strapiFetch('/users/me', { token: bearer })).json.email, email);
}

test('register a new user: logged in on the dashboard', async () => {
  const tag = `reg${Date.now()}`;
  const p = await open('/auth/register');
  await p.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  await fillRegister(p, { username: tag, email: `${tag}@example.com`, password: 'secret-pass' });
  await assertLoggedInAs(p, `${tag}@example.com`);
});

test('register with a taken email: Strapi\'s message, typed values kept, passwords cleared', async () => {
  const taken = await newUser('taken');
  assert.equal(taken.status, 200);
  const p = await open('/auth/register');
  await fillRegister(p, { username: `other${Date.now()}`, email: taken.email, password: 'secret-pass' });
  await alert(p).getByText('Email or Username are already taken').waitFor();
  assert.equal(await p.getByLabel('Email').inputValue(), taken.email);
  assert.equal(await p.getByLabel('Password', { exact: true }).inputValue(), '');
  assert.equal(await p.getByLabel('Confirm password').inputValue(), '');
  assert.equal(new URL(p.url()).pathname, '/auth/register');
  assert.deepEqual(await storedTokens(p), [null, null, null]);
});

test('register fails for a keyboard user on the button: focus goes to the message, not lost', async () => {
  const taken = await newUser('focus');
  assert.equal(taken.status, 200);
  const p = await open('/auth/register');
  await fillRegister(p, { username: `other${Date.now()}`, email: taken.email, password: 'secret-pass' }, { submit: false });
  // The button is disabled while the request is out, which drops its focus to the page body.
  await p.getByRole('button', { name: 'Create account' }).focus();
  await p.keyboard.press('Enter');
  await alert(p).getByText('Email or Username are already taken').waitFor();
  // Focus follows the render that shows the message.
  await p.waitForFunction(() => document.activeElement?.id === 'form-alert', null, { timeout: 2_000 });
});

test('register: client checks first, then Strapi\'s field errors under their fields', async () => {
  const p = await open('/auth/register');
  await fillRegister(p, { username: '', email: 'nope', password: '123', confirmation: '321' });
  await p.getByText('Username is required').waitFor();
  await p.getByText(/Enter a valid email address/).waitFor();
  await p.getByText('Use at least 6 characters').waitFor();
  await p.getByText('Passwords do not match').waitFor();
  assert.equal(p.strapiRequests.length, 0, 'nothing sent');
  // Strapi's own rule the client does not repeat: at most 72 bytes.
  const tag = `long${Date.now()}`;
  const long = 'x'.repeat(80);
  await fillRegister(p, { username: tag, email: `${tag}@example.com`, password: long });
  const field = p.locator('#password-error');
  await field.getByText('Password must be less than 73 bytes').waitFor();
  assert.equal(await p.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), 'true');
});

test('forgot password → the mail → its link → a new password → logged in; the code works once', async () => {
  const user = await newUser('reset');
  const p = await open('/auth/login');
  await p.getByRole('link', { name: 'Forgot your password?' }).click();
  await p.getByRole('heading', { level: 1, name: 'Forgot your password?' }).waitFor();
  await p.getByLabel('Email').fill(user.email);
  await p.getByLabel('Email').press('Enter');
  await p.getByText('If an account exists for this email, a reset link is on its way.').waitFor();
  const [mail] = await waitForMails(user.email);
  const link = linkIn(mail);
  assert.match(link, /\/auth\/reset-password\?code=/);

  const r = await env.page();
  await r.goto(link);
  await r.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
  // As soon as the app has the page (the prerendered one cannot take the code out; a cold page of a
  // chunk waits for its chunk first).
  await appReady(r);
  await r.waitForURL((u) => u.search === '', { timeout: 5_000 });
  const newPassword = 'brand-new-pass';
  await r.getByLabel('New password', { exact: true }).fill(newPassword);
  await r.getByLabel('Confirm new password').fill(newPassword);
  await r.getByLabel('Confirm new password').press('Enter');
  await assertLoggedInAs(r, user.email);
  assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: user.password } })).status, 400);
  assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: newPassword } })).status, 200);

  // The same link again: refused, with a way to ask for a new one.
  const again = await env.page();
  await again.goto(link);
  await again.getByLabel('New password', { exact: true }).fill('another-pass');
  await again.getByLabel('Confirm new password').fill('another-pass');
  await again.getByLabel('Confirm new password').press('Enter');
  await alert(again).getByText('Incorrect code provided').waitFor();
  await again.getByRole('link', { name: 'Ask for a new reset link' }).waitFor();
  assert.deepEqual(await storedTokens(again), [null, null, null]);
});

test('forgot password for an unknown email: the same neutral answer, and no mail', async () => {
  const email = `nobody${Date.now()}@example.com`;
  const p = await open('/auth/forgot-password');
  await p.getByLabel('Email').fill(email);
  await p.getByRole('button', { name: 'Send the link' }).click();
  await p.getByText('If an account exists for this email, a reset link is on its way.').waitFor();
  await sleep(500);
  assert.deepEqual(await mailsTo(email), []);
});

test('a reset link without a code says so', async () => {
  const p = await open('/auth/reset-password');
  await p.getByText(/This link is incomplete/).waitFor();
  await p.getByRole('link', { name: 'Ask for a new reset link' }).waitFor();
});

test('change password on /account: the new one works' + (refreshMode ? ', other sessions end' : ''), async () => {
  const user = await newUser('change');
  const loginAs = async () => {
    const p = await loggedIn(env, user);
    await assertLoggedInAs(p, user.email);
    return p;
  };
  const elsewhere = await loginAs();
  // Strapi's rotation is not atomic: one running while the password changes can create a session
  // the revocation does not see. The other device's refreshes wait until the change is done.
  const changed = await holdRefreshes(elsewhere);
  const p = await loginAs();
  await p.getByRole('link', { name: 'Account' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
  // A wrong current password first.
  await p.getByLabel('Current password').fill('not-my-password');
  await p.getByLabel('New password', { exact: true }).fill('changed-pass');
  await p.getByLabel('Confirm new password').fill('changed-pass');
  await p.getByLabel('Confirm new password').press('Enter');
  await alert(p).getByText('The provided current password is invalid').waitFor();
  await p.getByLabel('Current password').fill(user.password);
  await p.getByLabel('New password', { exact: true }).fill('changed-pass');
  await p.getByLabel('Confirm new password').fill('changed-pass');
  await p.getByRole('button', { name: 'Change password' }).click();
  await p.getByText(refreshMode
    ? 'Your password was changed. Your other devices were signed out.'
    : 'Your password was changed.').waitFor();
  changed();
  assert.equal((await strapiFetch('/users/me', { token: await sessionBearer(p) })).status, 200, 'the new session works');
  assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: 'changed-pass' } })).status, 200);
  assert.equal((await strapiFetch('/auth/local', { body: { identifier: user.email, password: user.password } })).status, 400);
  if (refreshMode) {
    await elsewhere.getByText('Your session has expired. Please log in again.').waitFor({ timeout: 15_000 });
  }
  assert.equal(new URL(p.url()).pathname, '/account');
});
