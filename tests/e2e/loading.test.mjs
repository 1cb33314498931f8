// When the app cannot start: the page says what happened and what to do, announced, instead of a
// prerendered form that never answers. "Try again" works once the download goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, typeLogin, DEMO } from './lib/harness.mjs';
import { NGINX_502, HOST_PAGE, stalePage } from './lib/loadfaults.mjs';

const env = suite();
const OLD_BROWSER = 'This browser cannot run this app';
const NOT_LOADED = 'The app did not load';

/** The failure the test caused on purpose is not a page problem for the harness to report. */
function forgive(p, pattern) {
  p.consoleLines = p.consoleLines.filter((l) => !pattern.test(l));
}

/** The message, in an alert, in place of the page: no form left to fill in. */
async function assertToldInsteadOfForm(p, heading) {
  const alert = p.getByRole('alert');
  await alert.getByRole('heading', { level: 1, name: heading }).waitFor();
  assert.equal(await p.getByLabel('Email').count(), 0, 'the form that cannot work is gone');
  assert.equal(await p.getByText('Loading…').count(), 0);
  return alert;
}

test('a browser without WebAssembly is told which browsers work, never an endless "Loading…"', async () => {
  const p = await env.page();
  await p.addInitScript(() => { delete globalThis.WebAssembly; });
  await p.goto(env.url('/auth/login'));
  const alert = await assertToldInsteadOfForm(p, OLD_BROWSER);
  assert.match(await alert.innerText(), /Safari 15, Firefox 89, Chrome or Edge 89/);
  assert.equal(await alert.getByRole('button').count(), 0, 'trying again would not help');
  forgive(p, /WebAssembly/);
});

test('a browser whose WebAssembly lacks what the build uses is told the same, before any download fails', async () => {
  const p = await env.page();
  // As an engine without bulk memory: the probe fails, and so does compiling the app's module.
  await p.addInitScript(() => {
    WebAssembly.validate = () => false;
    const refuse = () => Promise.reject(new WebAssembly.CompileError('bulk memory operations are not enabled'));
    WebAssembly.instantiateStreaming = refuse;
    WebAssembly.instantiate = refuse;
  });
  await p.goto(env.url('/auth/login'));
  await assertToldInsteadOfForm(p, OLD_BROWSER);
  forgive(p, /CompileError|bulk memory/);
});

test('a wasm that arrives broken: "Try again", which works once the download goes through', async () => {
  const p = await env.page();
  await p.route('**/*_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm broken on the way') }));
  await p.goto(env.url('/auth/login'));
  const alert = await assertToldInsteadOfForm(p, NOT_LOADED);
  assert.match(await alert.innerText(), /Check your connection, then try again\./);
  forgive(p, /CompileError|WebAssembly|wasm/i);
  await p.unroute('**/*_bg.wasm');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
  assert.equal(await p.getByRole('alert').filter({ hasText: NOT_LOADED }).count(), 0);
});

test('a wasm download that fails: "Try again", then logging in works', async () => {
  const p = await env.page();
  await p.route('**/*_bg.wasm', (route) => route.abort('connectionreset'));
  await p.goto(env.url('/auth/login'));
  const alert = await assertToldInsteadOfForm(p, NOT_LOADED);
  forgive(p, /Failed to fetch|fetch|wasm|ERR_CONNECTION_RESET/i);
  await p.unroute('**/*_bg.wasm');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await appReady(p);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL('**/dashboard');
});

test('a script download that fails says so too', async () => {
  const p = await env.page();
  await p.route(/\/yew-strapi-auth-[0-9a-f]+\.js$/, (route) => route.abort('connectionreset'));
  await p.goto(env.url('/auth/login'));
  await assertToldInsteadOfForm(p, NOT_LOADED);
  forgive(p, /Failed to fetch|import|module|ERR_CONNECTION_RESET/i);
});

// Every way the app's code can fail to arrive or start ends in "The app did not load" with
// "Try again" (issue: an error status left "Checking your session…" for ever).
const WASM = '**/*_bg.wasm';
const SCRIPT = /\/yew-strapi-auth-[0-9a-f]+\.js$/;

/** What the test broke on purpose: the console lines and failed requests it caused. */
function forgiveAll(p) {
  forgive(p, /./);
  p.badResponses = [];
}

/** `route`s the file matching `pattern` as `answer`; the message shows, and "Try again" works once
 * the file is served again. */
async function failsThenTryAgain(pattern, answer) {
  const p = await env.page();
  await p.route(pattern, answer);
  await p.goto(env.url('/auth/login'));
  const alert = await assertToldInsteadOfForm(p, NOT_LOADED);
  assert.equal(await p.locator('html[data-app]').count(), 0);
  await p.unroute(pattern);
  forgiveAll(p);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await appReady(p);
  await p.getByRole('heading', { level: 1, name: 'Login' }).waitFor();
}

const fulfil = (status, contentType, body) => (route) => route.fulfill({ status, contentType, body });

for (const [what, pattern, answer] of [
  ['the wasm answered 502 (a proxy\'s error page)', WASM, fulfil(502, 'text/html', NGINX_502)],
  ['the wasm answered 404', WASM, fulfil(404, 'text/plain', 'not found')],
  ['the wasm answered 503 as JSON', WASM, fulfil(503, 'application/json', '{"error":{"status":503}}')],
  ['a host\'s HTML page served in place of the wasm', WASM, fulfil(200, 'text/html', HOST_PAGE)],
  ['the script answered 502', SCRIPT, fulfil(502, 'text/html', NGINX_502)],
  ['the script answered 404', SCRIPT, fulfil(404, 'text/plain', 'not found')],
  ['a host\'s HTML page served in place of the script', SCRIPT, fulfil(200, 'text/html', HOST_PAGE)],
  ['HTML served as JavaScript in place of the script', SCRIPT, fulfil(200, 'text/javascript', HOST_PAGE)],
]) {
  test(`${what}: "The app did not load", then "Try again" works`, async () => {
    await failsThenTryAgain(pattern, answer);
  });
}

test('a wasm cut short on the way: "The app did not load", then "Try again" works', async () => {
  await failsThenTryAgain(WASM, async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    await route.fulfill({ response, body: body.subarray(0, body.length >> 1) });
  });
});

/** Routes the login page: the tab's navigations get `document()`, its own requests the real one. */
async function routeLoginPage(p, document) {
  const loads = [];
  const stale = stalePage(env.csp);
  await p.route(env.url('/auth/login'), async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    loads.push(Date.now());
    if (document(loads.length) === 'stale') {
      return route.fulfill({ status: 200, contentType: 'text/html', headers: { 'content-security-policy': stale.csp }, body: stale.html });
    }
    return route.continue();
  });
  return loads;
}

test('a page older than the deploy (its code is gone) loads the current page once, and the app starts', async () => {
  const p = await env.page();
  const loads = await routeLoginPage(p, (n) => (n === 1 ? 'stale' : 'current'));
  await p.goto(env.url('/auth/login'));
  await appReady(p);
  assert.equal(loads.length, 2, 'loaded again once');
  assert.equal(await p.getByRole('alert').filter({ hasText: NOT_LOADED }).count(), 0);
  forgiveAll(p);
  await typeLogin(p, DEMO.email, DEMO.password);
  await p.waitForURL('**/dashboard');
});

test('a stale page that comes back stale (a cache in front) is loaded again only once: then "The app did not load"', async () => {
  const p = await env.page();
  const loads = await routeLoginPage(p, () => 'stale');
  await p.goto(env.url('/auth/login'));
  await assertToldInsteadOfForm(p, NOT_LOADED);
  // Once the message is up nothing reloads the page any more (a reload would have replaced it).
  assert.equal(loads.length, 2, 'one reload, never a loop');
  forgiveAll(p);
});
