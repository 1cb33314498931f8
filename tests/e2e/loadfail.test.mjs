// Every way the app's code can fail to arrive or start, in Firefox and WebKit (lib/webdriver.mjs;
// Chromium's are loading.test.mjs, through Playwright): the page ends in "The app did not load"
// with "Try again", which works once the files are served again; a page older than the deploy
// reloads once and starts, and never loops. The server below answers the faults itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist } from './lib/serve.mjs';
import { ENGINES, startDriver } from './lib/webdriver.mjs';
import { DIST } from './lib/harness.mjs';
import { NGINX_502, HOST_PAGE, stalePage } from './lib/loadfaults.mjs';

const engines = (process.env.E2E_ENGINES || 'firefox webkit').split(/\s+/).filter(Boolean);
const NOT_LOADED = 'The app did not load';
const csp = existsSync(join(DIST, 'csp.txt')) ? readFileSync(join(DIST, 'csp.txt'), 'utf8').trim() : '';
const wasmFile = readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));

// What the server does instead of serving a file, for the test running now.
let fault = null;
const drivers = {};
let server;

before(async () => {
  server = await serveDist(DIST, 0, {
    headers: csp ? { 'content-security-policy': csp } : {},
    answer: (path, req) => fault && fault(path, req),
  });
  let port = 4470;
  await Promise.all(engines.map(async (engine) => { drivers[engine] = await startDriver(engine, port++); }));
});

after(async () => {
  for (const driver of Object.values(drivers)) driver.stop();
  await server?.close();
});

const isWasm = (path) => path.endsWith('_bg.wasm');
const isScript = (path) => /\/yew-strapi-auth-[0-9a-f]+\.js$/.test(path);
const html = (body, status = 200) => ({ status, headers: { 'content-type': 'text/html' }, body });
const CASES = [
  ['the wasm answered 502 (a proxy\'s error page)', (p) => isWasm(p) && html(NGINX_502, 502)],
  ['the wasm answered 404', (p) => isWasm(p) && { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' }],
  ['a host\'s HTML page in place of the wasm', (p) => isWasm(p) && html(HOST_PAGE)],
  ['a wasm cut short', (p) => isWasm(p) && {
    status: 200,
    headers: { 'content-type': 'application/wasm' },
    body: readFileSync(join(DIST, wasmFile)).subarray(0, 100_000),
  }],
  ['the script answered 502', (p) => isScript(p) && html(NGINX_502, 502)],
  ['a host\'s HTML page in place of the script', (p) => isScript(p) && html(HOST_PAGE)],
  ['HTML served as JavaScript in place of the script', (p) => isScript(p) && { status: 200, headers: { 'content-type': 'text/javascript' }, body: HOST_PAGE }],
];

/** A new browser for `visit`. */
async function inBrowser(engine, visit) {
  const b = await drivers[engine].session();
  try {
    await visit(b);
  } finally {
    fault = null;
    await b.quit();
  }
}

/** The page a navigation gets (a fetch of the same address is told apart by what it accepts). */
const navigation = (req) => String(req.headers.accept || '').startsWith('text/html');

for (const engine of engines) {
  for (const [what, answer] of CASES) {
    test(`${ENGINES[engine].name}: ${what}: "The app did not load", then "Try again" works`, async () => {
      await inBrowser(engine, async (b) => {
        fault = answer;
        await b.goto(`${server.url}/auth/login`);
        assert.equal(await b.text('#app [role=alert] h1'), NOT_LOADED);
        assert.equal(await b.exec('return document.documentElement.hasAttribute("data-app")'), false);
        fault = null;
        await b.press('Try again');
        await b.ready();
        assert.equal(await b.text('h1'), 'Login');
      });
    });
  }

  test(`${ENGINES[engine].name}: a page older than the deploy loads the current page once, and the app starts`, async () => {
    await inBrowser(engine, async (b) => {
      const stale = stalePage(csp);
      let loads = 0;
      fault = (path, req) => {
        if (path !== '/auth/login' || !navigation(req)) return null;
        loads += 1;
        return loads === 1 ? { status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': stale.csp }, body: stale.html } : null;
      };
      await b.goto(`${server.url}/auth/login`);
      await b.ready();
      assert.equal(loads, 2, 'loaded again once');
    });
  });

  test(`${ENGINES[engine].name}: a stale page that comes back stale is loaded again only once, then "The app did not load"`, async () => {
    await inBrowser(engine, async (b) => {
      const stale = stalePage(csp);
      let loads = 0;
      fault = (path, req) => {
        if (path !== '/auth/login' || !navigation(req)) return null;
        loads += 1;
        return { status: 200, headers: { 'content-type': 'text/html', 'content-security-policy': stale.csp }, body: stale.html };
      };
      await b.goto(`${server.url}/auth/login`);
      assert.equal(await b.text('#app [role=alert] h1'), NOT_LOADED);
      assert.equal(loads, 2, 'one reload, never a loop');
    });
  });
}
