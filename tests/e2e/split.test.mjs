// The split release build (scripts/split.mjs, src/router/lazy.rs): a cold /auth/login fetches the
// login's code only; the other pages' chunks come once the page is live and the browser idle, each
// once; a cold page of a chunk keeps its prerendered view until its live one replaces it; a chunk
// that does not arrive says so and "Try again" works once it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite, appReady, DIST } from './lib/harness.mjs';

const env = suite();

const MODULES = readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
const MAIN = MODULES.find((f) => f.endsWith('_bg.wasm'));
const CHUNKS = MODULES.filter((f) => f !== MAIN);
const MANIFEST = JSON.parse(readFileSync(join(DIST, readdirSync(DIST).find((f) => f.endsWith('-split-manifest.json'))), 'utf8'));

/** The wasm files the page asked for, in order, by name. */
function wasmRequests(p) {
  const seen = [];
  p.on('request', (r) => {
    const name = new URL(r.url()).pathname.slice(1);
    if (name.endsWith('.wasm')) seen.push(name);
  });
  return seen;
}

test('the split build has chunks for the visitors\', the members\' and FoodAdvisor\'s pages', () => {
  assert.ok(MAIN, 'a main module');
  assert.deepEqual(Object.keys(MANIFEST).sort(), ['pages_content', 'pages_guest', 'pages_member']);
  for (const files of Object.values(MANIFEST)) for (const f of files) assert.ok(CHUNKS.includes(f), f);
});

test('a cold /auth/login fetches the main module alone; the chunks come once it is live, each once', async () => {
  const p = await env.page();
  const seen = wasmRequests(p);
  // When the app went live, which wasm had been asked for.
  await p.addInitScript(() => {
    new MutationObserver((_, o) => {
      if (document.documentElement.hasAttribute('data-app')) {
        window.wasmAtLive = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm'));
        o.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  });
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  const atLive = (await p.evaluate(() => window.wasmAtLive)).map((u) => new URL(u).pathname.slice(1));
  assert.deepEqual(atLive, [MAIN], 'the login needs no chunk');
  await p.waitForFunction((n) => performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length >= n, CHUNKS.length + 1, { timeout: 15_000 });
  assert.deepEqual([...seen].sort(), [MAIN, ...CHUNKS].sort(), 'every chunk prefetched, once');

  // Every other page then opens from what is here: nothing fetched again.
  await p.getByRole('link', { name: 'Create an account' }).first().click();
  await p.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Restaurants' }).click();
  await p.getByRole('heading', { level: 1, name: 'Restaurants' }).waitFor();
  assert.equal(seen.length, CHUNKS.length + 1, `nothing fetched twice: ${seen}`);
});

test('a cold page of a chunk keeps its prerendered view until the live one replaces it', async () => {
  const p = await env.page();
  const seen = wasmRequests(p);
  await p.addInitScript(() => {
    window.sawLoading = false;
    new MutationObserver(() => {
      if (document.body?.innerText.includes('Loading…')) window.sawLoading = true;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await p.goto(env.url('/auth/register'));
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  assert.equal(await p.evaluate(() => window.sawLoading), false, 'never a loading view in between');
  for (const f of MANIFEST.pages_guest) assert.ok(seen.includes(f), `${f} fetched for the page`);
});

test('a chunk that does not arrive: the page says so, and "Try again" works once it does', async () => {
  const p = await env.page();
  let fail = true;
  const guest = MANIFEST.pages_guest.find((f) => f.includes('pages_guest'));
  await p.route(`**/${guest}`, (route) => (fail ? route.fulfill({ status: 503, body: 'down' }) : route.continue()));
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await p.getByRole('link', { name: 'Create an account' }).first().click();
  const alert = p.getByRole('main').getByRole('alert');
  await alert.getByText('This page did not load').waitFor();
  fail = false;
  await p.getByRole('main').getByRole('button', { name: 'Try again' }).click();
  await p.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
  assert.equal(await alert.count(), 0);
  // At most twice before "Try again": by the idle prefetch (which then gave up, not once per page
  // of the chunk) and by the page, unless the page asked while the prefetch was still waiting.
  const failed = p.badResponses.splice(0);
  assert.ok(failed.length >= 1 && failed.length <= 2, `${failed}`);
  assert.ok(failed.every((r) => r === `503 ${env.url(`/${guest}`)}`), `${failed}`);
});

test('a deploy that replaced the chunks while the tab was open: the tab reloads into it, once', async () => {
  const p = await env.page();
  const guest = MANIFEST.pages_guest.find((f) => f.includes('pages_guest'));
  const glue = readdirSync(DIST).find((f) => /^yew-strapi-auth-[0-9a-f]+\.js$/.test(f));
  // The new build: this tab's chunk is gone, and the page the site serves names another script.
  await p.route(`**/${guest}`, (route) => route.fulfill({ status: 404, body: 'not found' }));
  await p.route('**/auth/register', async (route) => {
    if (route.request().resourceType() !== 'fetch') return route.continue();
    const page = await route.fetch();
    return route.fulfill({ response: page, body: (await page.text()).replaceAll(glue, 'yew-strapi-auth-0000000000000000.js') });
  });
  let loads = 0;
  p.on('load', () => { loads += 1; });
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  await p.getByRole('link', { name: 'Create an account' }).first().click();
  // Reloaded once (into what the site serves), then no more: the page says what happened.
  await p.getByRole('main').getByRole('alert').getByText('This page did not load').waitFor({ timeout: 15_000 });
  assert.equal(loads, 2, 'one reload');
  assert.equal(await p.evaluate(() => sessionStorage.getItem('ysa-stale')), `/${glue}`);
  const failed = p.badResponses.splice(0);
  assert.ok(failed.every((r) => r === `404 ${env.url(`/${guest}`)}`), `${failed}`);
});
