// FoodAdvisor's restaurants and reviews in the app, against the real Strapi (strapi/src/api):
// the list a page at a time with a search kept in the address, a restaurant with its reviews, a
// visitor sent to log in and back, a review written, edited and deleted by its author, the
// review form's checks and Strapi's refusals, and an access token that expires mid-review.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, loggedIn, loginThroughForm, strapiFetch, newUser, typeLogin, DEMO, MODE, SERVER_PROBLEM } from './lib/harness.mjs';

const UNREACHABLE = 'Cannot reach the server. Check your connection and try again.';

const env = suite();

/** A fresh access token for `user` (in session mode they live 5 seconds). */
async function token(user) {
  const { status, json } = await strapiFetch('/auth/local', { body: { identifier: user.email, password: user.password } });
  assert.equal(status, 200);
  return json.jwt;
}
const main = (p) => p.getByRole('main');

/** The names the list shows, in order. */
const names = (p) => main(p).locator('.entry h2').allInnerTexts();

test('the list: five a page, Next and Back through the address, a search that a shared link keeps', async () => {
  const p = await env.page();
  await p.goto(env.url('/restaurants'));
  await appReady(p);
  await main(p).getByText('Page 1 of 3', { exact: true }).waitFor();
  const first = await names(p);
  assert.equal(first.length, 5);
  assert.deepEqual([...first].sort((a, b) => a.localeCompare(b)), first, 'by name');

  await main(p).getByRole('button', { name: 'Next' }).click();
  await p.waitForURL((u) => u.searchParams.get('page') === '2');
  await main(p).getByText('Page 2 of 3', { exact: true }).waitFor();
  const second = await names(p);
  assert.equal(second.filter((n) => first.includes(n)).length, 0, 'another page of restaurants');

  await p.goBack();
  await main(p).getByText('Page 1 of 3', { exact: true }).waitFor();
  assert.deepEqual(await names(p), first);

  await main(p).getByLabel('Search by name').fill('PIZZ');
  await main(p).getByRole('button', { name: 'Search' }).click();
  await p.waitForURL((u) => u.searchParams.get('q') === 'PIZZ' && !u.searchParams.has('page'));
  await p.waitForFunction(() => document.querySelectorAll('main .entry').length === 2);
  for (const name of await names(p)) assert.match(name, /pizz/i);

  // A shared link: the same list, the search in its field.
  const shared = await env.page();
  await shared.goto(env.url('/restaurants?q=PIZZ'));
  await appReady(shared);
  await shared.waitForFunction(() => document.querySelectorAll('main .entry').length === 2);
  assert.equal(await main(shared).getByLabel('Search by name').inputValue(), 'PIZZ');

  await main(p).getByLabel('Search by name').fill('no such place anywhere');
  await main(p).getByRole('button', { name: 'Search' }).click();
  await main(p).getByText('No restaurant matches “no such place anywhere”.').waitFor();
});

test('a visitor reads a restaurant, is sent to log in and comes back to write a review', async () => {
  const p = await env.page();
  await p.goto(env.url('/restaurants'));
  await appReady(p);
  const link = main(p).locator('.entry h2 a').first();
  const name = await link.innerText();
  await link.click();
  await main(p).getByRole('heading', { level: 1, name }).waitFor();
  const slug = new URL(p.url()).pathname.split('/').pop();
  assert.equal(await p.title(), `${name} · Yew Strapi Auth`);

  await main(p).getByRole('link', { name: 'Log in to write a review' }).click();
  await p.waitForURL((u) => u.pathname === '/auth/login' && u.searchParams.get('redirect') === `/restaurants/${slug}`);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL((u) => u.pathname === `/restaurants/${slug}`);
  await main(p).getByRole('heading', { name: 'Write a review' }).waitFor();

  // Checked before sending: a note is needed; what was typed stays.
  const text = `Lovely place, from the e2e suite ${Date.now()}`;
  await main(p).getByLabel('Your review').fill(text);
  await main(p).getByRole('button', { name: 'Publish review' }).click();
  await main(p).locator('.field__error', { hasText: 'Choose a note' }).waitFor();
  assert.equal(await main(p).getByLabel('Note').evaluate((el) => el === document.activeElement), true, 'focus on what to fix');
  assert.equal(await main(p).getByLabel('Your review').inputValue(), text);

  await main(p).getByLabel('Note').selectOption('4');
  await main(p).getByRole('button', { name: 'Publish review' }).click();
  await main(p).getByText('Your review was published.').waitFor();
  const review = main(p).locator('.review', { hasText: text });
  await review.waitFor();
  assert.equal(await review.locator('.review-author').innerText(), 'demo');
  assert.equal(await review.locator('.review-note').innerText(), '4/5');
  assert.equal(await main(p).getByLabel('Your review').inputValue(), '', 'the form is empty for the next one');
});

test('a restaurant\'s page asks for its reviews beside the restaurant, not once it has arrived', async () => {
  const carol = await newUser('carol');
  const { json: list } = await strapiFetch('/restaurants?pagination[pageSize]=1&sort=name:desc');
  const { documentId: restaurant, slug } = list.data[0];
  const content = `Reviewed beside the restaurant ${Date.now()}`;
  const created = await strapiFetch('/reviews', { token: await token(carol), body: { data: { note: 3, content, restaurant } } });
  assert.equal(created.status, 201);
  const p = await env.page();
  // The restaurant's answer waits until the reviews have been asked for.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await p.route((url) => url.pathname.endsWith('/api/restaurants'), async (route) => { await held; await route.continue(); });
  const asked = p.waitForRequest((r) => new URL(r.url()).pathname.endsWith('/api/reviews'), { timeout: 10_000 });
  await p.goto(env.url(`/restaurants/${slug}`));
  await asked;
  release();
  await main(p).locator('.review', { hasText: content }).waitFor();
  assert.equal(p.strapiRequests.filter((r) => r.url.includes('/api/reviews?')).length, 1, 'the reviews once');
});

test('a list or a review list that does not load says why, and "Try again" brings it', async () => {
  const p = await env.page();
  // Strapi fails the first request of each (a proxy's 502 page, then the network), then answers.
  const failing = new Set(['restaurants', 'reviews']);
  await p.route((url) => /\/api\/(restaurants|reviews)$/.test(url.pathname), async (route) => {
    const kind = new URL(route.request().url()).pathname.split('/').pop();
    if (!failing.delete(kind)) return route.continue();
    return kind === 'restaurants'
      ? route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' })
      : route.abort('connectionrefused');
  });
  await p.goto(env.url('/restaurants'));
  await main(p).getByRole('alert').getByText(SERVER_PROBLEM).waitFor();
  await main(p).getByRole('button', { name: 'Try again' }).click();
  await main(p).getByText('Page 1 of 3', { exact: true }).waitFor();
  assert.equal(await main(p).getByRole('alert').count(), 0);

  const link = main(p).locator('.entry h2 a').first();
  const name = await link.innerText();
  await link.click();
  await main(p).getByRole('heading', { level: 1, name }).waitFor();
  await main(p).getByRole('alert').getByText(UNREACHABLE).waitFor();
  await main(p).getByRole('button', { name: 'Try again' }).click();
  await main(p).getByRole('heading', { name: 'Reviews' }).waitFor();
  await p.waitForFunction(() => !document.querySelector('main [role="alert"]'));
});

test('a body that names another author is stored under the logged-in one; another user may not change it', async () => {
  // As an attacker would: the API itself, with a token, naming someone else.
  const alice = await newUser('alice');
  const bob = await newUser('bob');
  const { json: list } = await strapiFetch('/restaurants?pagination[pageSize]=1');
  const restaurant = list.data[0].documentId;
  const bobId = bob.answer.user.id;
  const created = await strapiFetch('/reviews', { token: await token(alice), body: { data: { note: 2, content: 'mine', restaurant, author: bobId } } });
  assert.equal(created.status, 201);
  const id = created.json.data.documentId;
  const { json: stored } = await strapiFetch(`/reviews/${id}?populate[author][fields][0]=username`);
  assert.equal(stored.data.author.username, alice.username);

  const edit = await strapiFetch(`/reviews/${id}`, { token: await token(bob), method: 'PUT', body: { data: { note: 5 } } });
  assert.equal(edit.status, 403);
  const removal = await strapiFetch(`/reviews/${id}`, { token: await token(bob), method: 'DELETE' });
  assert.equal(removal.status, 403);
  const { json: after } = await strapiFetch(`/reviews/${id}`);
  assert.equal(after.data.note, 2, 'nothing changed');
});

test('My reviews: the author edits and deletes their own review', async () => {
  const user = await newUser('reviewer');
  const { json: list } = await strapiFetch('/restaurants?pagination[pageSize]=1&sort=name:asc');
  const restaurant = list.data[0];
  const created = await strapiFetch('/reviews', { token: await token(user), body: { data: { note: 3, content: 'First visit', restaurant: restaurant.documentId } } });
  assert.equal(created.status, 201);

  const p = await loggedIn(env, user, '/account/reviews');
  const row = main(p).locator('.review', { hasText: 'First visit' });
  await row.waitFor();
  assert.equal(await row.getByRole('link', { name: restaurant.name }).count(), 1);

  await row.getByRole('button', { name: 'Edit' }).click();
  await main(p).getByLabel('Note').selectOption('5');
  await main(p).getByLabel('Your review').fill('Second visit: better');
  await main(p).getByRole('button', { name: 'Save review' }).click();
  await main(p).getByText('Your review was saved.').waitFor();
  const edited = main(p).locator('.review', { hasText: 'Second visit: better' });
  await edited.waitFor();
  assert.equal(await edited.locator('.review-note').innerText(), '5/5');

  await edited.getByRole('button', { name: 'Delete' }).click();
  await edited.getByRole('button', { name: 'Yes, delete' }).click();
  await main(p).getByText('Your review was deleted.').waitFor();
  await main(p).getByText('You have not written a review yet.').waitFor();
  const { status } = await strapiFetch(`/reviews/${created.json.data.documentId}`);
  assert.equal(status, 404);
});

test('an access token that expires while the person writes: the review still goes through, once', { skip: MODE === 'legacy' && 'needs session management (5-second access tokens)' }, async () => {
  const user = await newUser('slowwriter');
  const p = await env.page();
  await loginThroughForm(env, p, user);
  await p.goto(env.url('/restaurants'));
  await appReady(p);
  await main(p).locator('.entry h2 a').first().click();
  await main(p).getByRole('heading', { name: 'Write a review' }).waitFor();
  const text = `Written slowly ${Date.now()}`;
  await main(p).getByLabel('Note').selectOption('5');
  await main(p).getByLabel('Your review').fill(text);
  // Longer than the 5-second access token the login gave: renewed on the way (ahead of time or
  // after a 401), the text is sent once.
  const posts = [];
  p.on('response', (r) => { if (r.url().endsWith('/api/reviews') && r.request().method() === 'POST') posts.push(r.status()); });
  const issued = Date.now();
  await p.waitForFunction((t) => Date.now() > t + 6_500, issued, { timeout: 10_000, polling: 250 });
  await main(p).getByRole('button', { name: 'Publish review' }).click();
  await main(p).getByText('Your review was published.').waitFor();
  assert.equal(posts.filter((s) => s === 201).length, 1, `stored once: ${posts}`);
  const { json } = await strapiFetch(`/reviews?filters[content][$eq]=${encodeURIComponent(text)}`);
  assert.equal(json.data.length, 1, 'one review with that text');
});
