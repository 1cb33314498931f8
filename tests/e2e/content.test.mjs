// The content API the app reads and writes (FoodAdvisor's restaurants and reviews, issue 29),
// against the real Strapi: Strapi's core REST routes plus the project's own rules
// (strapi/src/api/review, strapi/src/middlewares/published-only.js). No browser: the contract only.
// In refresh mode the suite's access tokens live 5 seconds: a user logs in again once its token is 2 s old.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { SESSIONS, strapiFetch } from './lib/harness.mjs';

const PUBLIC_AUTHOR_KEYS = ['documentId', 'id', 'username'];

/** A new user, registered through Strapi; `token()` is a bearer valid for the next request (with
 * session management, a fresh login once the last token is 2 s old: the same in every mode). */
async function register(name) {
  const tag = `${name}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = `Pass-${tag}-1`;
  const { status, json } = await strapiFetch('/auth/local/register', {
    body: { username: tag, email: `${tag}@example.test`, password },
  });
  assert.equal(status, 200, `register ${tag}: ${JSON.stringify(json)}`);
  let { jwt } = json;
  let at = Date.now();
  return {
    ...json.user,
    async token() {
      if (SESSIONS && Date.now() - at > 2000) {
        const login = await strapiFetch('/auth/local', { body: { identifier: json.user.email, password } });
        assert.equal(login.status, 200, 'login');
        ({ jwt } = login.json);
        at = Date.now();
      }
      return jwt;
    },
  };
}

/** `strapiFetch` as `user` (or anonymous): GET by default, POST/PUT with `body`. */
async function as(user, path, { method, body } = {}) {
  return strapiFetch(path, { token: user ? await user.token() : undefined, method, body });
}

const assertError = ({ status, json }, code, name) => {
  assert.equal(status, code, JSON.stringify(json));
  assert.equal(json.data, null);
  assert.equal(json.error.status, code);
  assert.equal(json.error.name, name);
  assert.equal(typeof json.error.message, 'string');
};

const bySlug = async (slug) => {
  const { status, json } = await as(null, `/restaurants?filters[slug][$eq]=${slug}`);
  assert.equal(status, 200);
  return json.data[0];
};

let alice, bob, sushi, taco;
before(async () => {
  alice = await register('alice');
  bob = await register('bob');
  sushi = await bySlug('sushi-ko');
  taco = await bySlug('taco-loco');
  assert.ok(sushi && taco, 'the seed restaurants are there');
});

async function createReview(user, data, query = '') {
  return as(user, `/reviews${query}`, { method: 'POST', body: { data } });
}

test('Public lists restaurants page by page, with the pagination in meta', async () => {
  const first = await as(null, '/restaurants?sort=name:asc&pagination[page]=1&pagination[pageSize]=5');
  assert.equal(first.status, 200);
  assert.equal(first.json.data.length, 5);
  const { pagination } = first.json.meta;
  assert.equal(pagination.page, 1);
  assert.equal(pagination.pageSize, 5);
  assert.ok(pagination.total >= 12, `seeded restaurants: ${pagination.total}`);
  assert.equal(pagination.pageCount, Math.ceil(pagination.total / 5));
  const second = await as(null, '/restaurants?sort=name:asc&pagination[page]=2&pagination[pageSize]=5');
  assert.equal(second.json.meta.pagination.page, 2);
  const names = [...first.json.data, ...second.json.data].map((r) => r.name);
  assert.equal(new Set(names).size, 10, 'no restaurant on two pages');
  assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)), 'sorted by name');
  for (const r of first.json.data) {
    assert.equal(typeof r.documentId, 'string');
    assert.match(r.slug, /^[a-z0-9-]+$/);
    assert.ok(['p1', 'p2', 'p3', 'p4'].includes(r.price));
    assert.ok(r.publishedAt, 'published');
  }
});

test('search by name ($containsi) and find one by documentId or by slug', async () => {
  const found = await as(null, '/restaurants?filters[name][$containsi]=PIZZ&fields[0]=name&fields[1]=slug');
  assert.equal(found.status, 200);
  assert.ok(found.json.data.length >= 2);
  assert.ok(found.json.data.every((r) => /pizz/i.test(r.name)), JSON.stringify(found.json.data));
  const none = await as(null, '/restaurants?filters[name][$containsi]=no-such-restaurant-name');
  assert.deepEqual(none.json.data, []);
  assert.equal(none.json.meta.pagination.total, 0);

  const one = await as(null, `/restaurants/${sushi.documentId}`);
  assert.equal(one.status, 200);
  assert.equal(one.json.data.name, 'Sushi Ko');
  assert.equal(one.json.data.slug, 'sushi-ko');
  assert.equal((await bySlug('sushi-ko')).documentId, sushi.documentId);
  assertError(await as(null, '/restaurants/no-such-document-id'), 404, 'NotFoundError');
});

test('drafts never reach Public or Authenticated: status=draft is refused, other draft filters find nothing', async () => {
  for (const user of [null, alice]) {
    for (const path of ['/restaurants?status=draft', `/restaurants/${sushi.documentId}?status=draft`, '/reviews?status=draft&populate=restaurant']) {
      const answer = await as(user, path);
      assertError(answer, 403, 'ForbiddenError');
      assert.match(answer.json.error.message, /drafts are not public/i);
    }
    assert.equal((await as(user, '/restaurants?status=published')).status, 200);
    // The seeded never-published restaurant stays invisible whatever the query.
    for (const path of [
      '/restaurants?filters[slug][$eq]=secret-supper-club',
      '/restaurants?filters[name][$containsi]=secret',
      '/restaurants?publicationFilter=never-published',
      '/restaurants?hasPublishedVersion=false',
    ]) {
      const { status, json } = await as(user, path);
      assert.equal(status, 200, path);
      assert.deepEqual(json.data, [], path);
    }
  }
});

test('Public may read reviews but not write them (403)', async () => {
  assert.equal((await as(null, '/reviews')).status, 200);
  assertError(await createReview(null, { note: 4, restaurant: sushi.documentId }), 403, 'ForbiddenError');
});

test('a review is stored under its caller whatever the body says, and shows only the author\'s public fields', async () => {
  const created = await createReview(
    alice,
    { note: 4, content: 'Fresh fish.', restaurant: sushi.documentId, author: bob.id },
    '?populate[author][fields][0]=username&populate[restaurant][fields][0]=name',
  );
  assert.ok([200, 201].includes(created.status), JSON.stringify(created.json));
  const review = created.json.data;
  assert.equal(review.note, 4);
  assert.equal(review.content, 'Fresh fish.');
  assert.deepEqual(review.author, { id: alice.id, documentId: alice.documentId, username: alice.username });
  assert.equal(review.restaurant.name, 'Sushi Ko');
  // The same with `author: {connect: [...]}` naming someone else.
  const connected = await createReview(alice, { note: 2, restaurant: sushi.documentId, author: { connect: [bob.documentId] } }, '?populate=author');
  assert.equal(connected.json.data.author.id, alice.id);
  assert.equal((await as(alice, `/reviews/${connected.json.data.documentId}`, { method: 'DELETE' })).status, 204);

  // Every way of asking for the author, as Public and as another user: id, documentId, username.
  for (const user of [null, bob]) {
    for (const populate of [
      'populate[author][fields][0]=username',
      'populate=*',
      'populate[author]=*',
      'populate=author',
      'populate[0]=author',
      'populate[author][fields][0]=email&populate[author][fields][1]=provider',
      'populate[author][populate]=*',
      `populate[author][filters][email][$eq]=${encodeURIComponent(alice.email)}`,
    ]) {
      const { status, json } = await as(user, `/reviews/${review.documentId}?${populate}`);
      assert.equal(status, 200, `${populate}: ${JSON.stringify(json)}`);
      assert.deepEqual(Object.keys(json.data.author).sort(), PUBLIC_AUTHOR_KEYS, populate);
      assert.equal(json.data.author.username, alice.username);
      assert.ok(!JSON.stringify(json).includes(alice.email), `no email with ${populate}`);
    }
  }
  // Without populate, no author at all (Strapi's default).
  assert.equal((await as(null, `/reviews/${review.documentId}`)).json.data.author, undefined);
  // Users themselves stay private.
  assertError(await as(null, '/users'), 403, 'ForbiddenError');
  assertError(await as(bob, `/users/${alice.id}`), 403, 'ForbiddenError');
});

test('only the author may change or delete a review: others get 403 and nothing changes', async () => {
  const { json } = await createReview(alice, { note: 3, content: 'Fine.', restaurant: sushi.documentId });
  const id = json.data.documentId;
  const original = (await as(null, `/reviews/${id}?populate=*`)).json.data;

  for (const user of [bob]) {
    const put = await as(user, `/reviews/${id}`, { method: 'PUT', body: { data: { note: 1, content: 'Awful.' } } });
    assertError(put, 403, 'ForbiddenError');
    assert.match(put.json.error.message, /author/i);
    assertError(await as(user, `/reviews/${id}`, { method: 'DELETE' }), 403, 'ForbiddenError');
  }
  assertError(await as(null, `/reviews/${id}`, { method: 'PUT', body: { data: { note: 1 } } }), 403, 'ForbiddenError');
  assertError(await as(null, `/reviews/${id}`, { method: 'DELETE' }), 403, 'ForbiddenError');
  assert.deepEqual((await as(null, `/reviews/${id}?populate=*`)).json.data, original, 'unchanged');

  // The author's update: note and content change; author and restaurant in the body are ignored.
  const put = await as(alice, `/reviews/${id}?populate=*`, {
    method: 'PUT',
    body: { data: { note: 5, content: 'Better on a second visit.', author: bob.id, restaurant: taco.documentId } },
  });
  assert.equal(put.status, 200, JSON.stringify(put.json));
  assert.equal(put.json.data.note, 5);
  assert.equal(put.json.data.content, 'Better on a second visit.');
  assert.equal(put.json.data.author.id, alice.id);
  assert.equal(put.json.data.restaurant.documentId, sushi.documentId);
  assertError(await as(alice, `/reviews/${id}`, { method: 'PUT', body: { data: { note: 0 } } }), 400, 'ValidationError');

  const del = await as(alice, `/reviews/${id}`, { method: 'DELETE' });
  assert.equal(del.status, 204);
  assertError(await as(null, `/reviews/${id}`), 404, 'NotFoundError');
  assertError(await as(alice, '/reviews/no-such-review', { method: 'PUT', body: { data: { note: 2 } } }), 404, 'NotFoundError');
});

test('"my reviews" by author id (or username) through the generic find; private author fields cannot be filtered or sorted on', async () => {
  await createReview(bob, { note: 2, content: 'Too salty.', restaurant: taco.documentId });
  await createReview(bob, { note: 5, content: 'Perfect.', restaurant: sushi.documentId });
  const mine = await as(bob, `/reviews?filters[author][id][$eq]=${bob.id}&populate[restaurant][fields][0]=name&sort=createdAt:desc`);
  assert.equal(mine.status, 200, JSON.stringify(mine.json));
  assert.deepEqual(mine.json.data.map((r) => [r.content, r.restaurant.name]), [['Perfect.', 'Sushi Ko'], ['Too salty.', 'Taco Loco']]);
  assert.equal(mine.json.meta.pagination.total, 2);
  const byName = await as(null, `/reviews?filters[author][username][$eq]=${bob.username}`);
  assert.equal(byName.json.meta.pagination.total, 2);

  for (const query of [
    `filters[author][email][$eq]=${encodeURIComponent(bob.email)}`,
    'filters[author][email][$startsWith]=b',
    `filters[$or][0][author][email][$eq]=${encodeURIComponent(bob.email)}`,
    'filters[author][provider][$eq]=local',
    'filters[author][password][$null]=false',
    'filters[author][role][type][$eq]=authenticated',
    'sort=author.email:asc',
    'sort[0][author][email]=asc',
  ]) {
    const answer = await as(bob, `/reviews?${query}`);
    assertError(answer, 400, 'ValidationError');
    assert.match(answer.json.error.message, /^Invalid key /, query);
  }
});

test('the reviews of a restaurant, newest first, with their authors\' usernames', async () => {
  const first = await createReview(alice, { note: 3, content: 'First.', restaurant: taco.documentId });
  const second = await createReview(bob, { note: 4, content: 'Second.', restaurant: taco.documentId });
  const { status, json } = await as(null, `/reviews?filters[restaurant][documentId][$eq]=${taco.documentId}&sort[0]=createdAt:desc&sort[1]=id:desc&populate[author][fields][0]=username&pagination[pageSize]=100`);
  assert.equal(status, 200);
  assert.ok(json.data.every((r) => r.restaurant === undefined || r.restaurant.documentId === taco.documentId));
  const ids = json.data.map((r) => r.documentId);
  assert.ok(ids.indexOf(second.json.data.documentId) < ids.indexOf(first.json.data.documentId), 'newest first');
  const latest = json.data.find((r) => r.documentId === second.json.data.documentId);
  assert.deepEqual(latest.author, { id: bob.id, documentId: bob.documentId, username: bob.username });
});

test('invalid reviews answer 400 ValidationError with the field\'s path', async () => {
  const cases = [
    [{ note: 7, restaurant: sushi.documentId }, 'note'],
    [{ note: 0, restaurant: sushi.documentId }, 'note'],
    [{ content: 'No note.', restaurant: sushi.documentId }, 'note'],
    [{ note: 3, restaurant: sushi.documentId, content: 'x'.repeat(2001) }, 'content'],
    [{ note: 3 }, 'restaurant'],
    [{ note: 3, restaurant: 'no-such-restaurant' }, 'restaurant'],
  ];
  for (const [data, field] of cases) {
    const answer = await createReview(alice, data);
    assertError(answer, 400, 'ValidationError');
    assert.ok(
      answer.json.error.details.errors.some((e) => Array.isArray(e.path) && e.path.join('.') === field && typeof e.message === 'string'),
      `${JSON.stringify(data).slice(0, 80)}: ${JSON.stringify(answer.json.error)}`,
    );
  }
  const noData = await as(alice, '/reviews', { method: 'POST', body: { note: 3 } });
  assertError(noData, 400, 'ValidationError');
});
