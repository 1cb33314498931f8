// The app taking over the prerendered login page while a person types, in the three engines
// (Chromium through chromedriver, Firefox, WebKit: lib/webdriver.mjs): what they typed, where the
// caret was and what they had selected are as they left them, the e-mail field included (browsers
// give an e-mail field no selection API, so this is where a takeover loses the caret).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveDist } from './lib/serve.mjs';
import { ENGINES, startDriver } from './lib/webdriver.mjs';
import { DIST } from './lib/harness.mjs';

const engines = (process.env.E2E_TAKEOVER_ENGINES || 'chromium firefox webkit').split(/\s+/).filter(Boolean);
const drivers = {};
let server;
// The wasm is held back until the test lets it through: the prerendered page is all there is.
let released = Promise.resolve();
let release = () => {};
const holdTheApp = () => {
  released = new Promise((resolve) => { release = resolve; });
};

before(async () => {
  const csp = existsSync(join(DIST, 'csp.txt')) ? readFileSync(join(DIST, 'csp.txt'), 'utf8').trim() : null;
  server = await serveDist(DIST, 0, {
    headers: csp ? { 'content-security-policy': csp } : {},
    hold: (path) => (path.endsWith('.wasm') ? released : null),
    // Without its preload the held wasm does not hold the page's load event, so a WebDriver
    // navigation returns with the prerendered page there and the app not yet started.
    html: (page) => page.replace(/<link rel="preload"[^>]*_bg\.wasm"[^>]*>/, ''),
  });
  let port = 4460;
  await Promise.all(engines.map(async (engine) => { drivers[engine] = await startDriver(engine, port++); }));
});

after(async () => {
  release();
  for (const driver of Object.values(drivers)) driver.stop();
  await server?.close();
});

const EMAIL = '#app input[type=email]';
const LEFT = '\uE012';
const SHIFT = '\uE008';

/**
 * Opens the login page with the app held back, has the person do `beforeTheApp` in the e-mail
 * field, lets the app take over, has them do `after`, and returns the field's value then.
 */
async function typeAcrossTheTakeover(engine, beforeTheApp, afterTheApp) {
  const b = await drivers[engine].session();
  try {
    holdTheApp();
    await b.goto(`${server.url}/auth/login`);
    await b.until('the prerendered form', `return document.querySelector('${EMAIL}')`);
    assert.equal(await b.exec('return document.documentElement.hasAttribute("data-app")'), false, 'the app has not run yet');
    await b.exec(`document.querySelector('${EMAIL}').focus()`);
    await b.keys(beforeTheApp);
    release();
    await b.ready();
    assert.equal(await b.exec(`return document.activeElement === document.querySelector('${EMAIL}')`), true, 'the focus stayed');
    await b.keys(afterTheApp);
    return await b.exec(`return document.querySelector('${EMAIL}').value`);
  } finally {
    release();
    await b.quit();
  }
}

for (const engine of engines) {
  test(`${ENGINES[engine].name}: the caret in the e-mail field stays where the person moved it`, async () => {
    // Caret moved back before ".com", a character typed before the takeover and one after.
    const value = await typeAcrossTheTakeover(engine, `seed@example.com${LEFT.repeat(4)}Y`, 'Z');
    assert.equal(value, 'seed@exampleYZ.com');
  });

  test(`${ENGINES[engine].name}: a selection in the e-mail field is still selected, and typing replaces it`, async () => {
    // "example" selected (Shift+← seven times from before ".com"), replaced after the takeover.
    const value = await typeAcrossTheTakeover(engine, `seed@example.com${LEFT.repeat(4)}${SHIFT}${LEFT.repeat(7)}${SHIFT}`, 'x');
    assert.equal(value, 'seed@x.com');
  });
}
