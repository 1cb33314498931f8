// Email confirmation on (EMAIL_CONFIRMATION=true): register → check your inbox → the link in the
// real mail → confirmed → login works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  suite, appReady, typeLogin, storedTokens, waitForMails, linkIn,
} from './lib/harness.mjs';

const env = suite();

test('register → check your inbox → resend → confirm from the mail → login works', async () => {
  const tag = `confirm${Date.now()}`;
  const email = `${tag}@example.com`;
  const password = 'confirm-pass';
  const p = await env.page();
  await p.goto(env.url('/auth/register'));
  await appReady(p);
  await p.getByLabel('Username').fill(tag);
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password', { exact: true }).fill(password);
  await p.getByLabel('Confirm password').fill(password);
  await p.getByRole('button', { name: 'Create account' }).click();
  await p.getByRole('heading', { level: 1, name: 'Check your inbox' }).waitFor();
  assert.deepEqual(await storedTokens(p), [null, null, null], 'no session before confirmation');
  await waitForMails(email, 1);

  await p.getByRole('button', { name: 'Resend the email' }).click();
  await p.getByText(`We sent the email again to ${email}.`).waitFor();
  const mails = await waitForMails(email, 2);
  assert.equal(mails.length, 2, 'resend sends a second mail');

  // Logging in before confirming: Strapi's own words.
  const early = await env.page();
  await early.goto(env.url('/auth/login'));
  await appReady(early);
  await typeLogin(early, email, password);
  await early.locator('#form-alert').getByText('Your account email is not confirmed').waitFor();
  assert.deepEqual(await storedTokens(early), [null, null, null]);

  const link = linkIn(mails.at(-1));
  assert.match(link, /\/api\/auth\/email-confirmation\?confirmation=/);
  await early.goto(link);
  await early.waitForURL((u) => u.pathname === '/auth/email-confirmed');
  await early.getByRole('heading', { level: 1, name: 'Your email is confirmed' }).waitFor();
  await early.getByRole('link', { name: 'Log in' }).last().click();
  await typeLogin(early, email, password);
  await early.waitForURL((u) => u.pathname === '/dashboard');
  await early.locator('.user-email').getByText(email).waitFor();
});
