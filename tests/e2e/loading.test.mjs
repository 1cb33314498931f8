// When the app cannot start: the page says what happened and what to do, announced, instead of a
// prerendered form that never answers. "Try again" works once the download goes through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { suite, appReady, typeLogin, DEMO } from './lib/harness.mjs';

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
