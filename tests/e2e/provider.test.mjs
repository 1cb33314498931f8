// Provider login through Strapi's real /connect flow, with the dev back end's stand-in OAuth
// provider (OAUTH_TEST_PROVIDER=true) on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, continueWithProvider, storedTokens, sessionBearer, strapiFetch } from './lib/harness.mjs';

const env = suite();

test('"Continue with Testprovider" signs in through Strapi and the provider', async () => {
  const p = await env.page();
  const visited = [];
  p.on('framenavigated', (f) => { if (f === p.mainFrame()) visited.push(f.url()); });
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await continueWithProvider(p);
  const bearer = await sessionBearer(p);
  const me = await strapiFetch('/users/me', { token: bearer });
  assert.equal(me.json.provider, 'testprovider');
  // The way back went through the app's redirect page, which kept nothing in the address bar.
  const back = visited.find((u) => u.includes('/connect/testprovider/redirect'));
  assert.ok(back, `visited ${visited.join(' → ')}`);
  assert.ok(visited.every((u) => !u.includes(bearer)));
});

test('a token in the redirect URL leaves the address bar and history at once', async () => {
  const p = await env.page();
  await p.goto(env.url('/connect/testprovider/redirect?access_token=SECRET-provider-token&raw[x]=1'));
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: 'Sign in with Testprovider' }).waitFor();
  assert.equal(new URL(p.url()).search, '');
  assert.ok(!(await p.evaluate(() => location.href)).includes('SECRET'));
  // Without the provider session Strapi opened in /connect, Strapi refuses the bare token.
  await p.getByRole('alert').waitFor();
  assert.deepEqual(await storedTokens(p), [null, null, null]);
  assert.ok(!p.consoleLines.some((l) => l.includes('SECRET')));
});

test('an error from the provider is shown, as text', async () => {
  const p = await env.page();
  await p.goto(env.url('/connect/testprovider/redirect?error=access_denied&error_description=%3Cb%3EUser+said+no%3C%2Fb%3E'));
  await appReady(p);
  const alert = p.getByRole('alert');
  await alert.waitFor();
  assert.equal(await alert.innerText(), 'Testprovider did not sign you in (access_denied: <b>User said no</b>).');
  assert.equal(await alert.locator('b').count(), 0, 'markup from the URL is not rendered');
  assert.equal(new URL(p.url()).search, '');
  await p.getByRole('link', { name: 'Back to login' }).waitFor();
});

test('a provider name that is not configured is refused without calling Strapi', async () => {
  const p = await env.page();
  await p.goto(env.url('/connect/github/redirect?access_token=x'));
  await appReady(p);
  await p.getByText('This sign-in link is not valid.').waitFor();
  assert.equal(p.strapiRequests.filter((r) => r.url.includes('/callback')).length, 0);
});
