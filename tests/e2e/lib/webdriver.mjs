// A thin W3C WebDriver client (the classic protocol over HTTP) for the engines Playwright cannot
// drive here: Debian's Firefox ESR through geckodriver, and WebKitGTK through WebKitWebDriver (on a
// virtual display). Chromium runs the same journeys through chromedriver. Only what the journeys
// use; every wait is for a condition, with a limit.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { TAKE_NOTES } from './console-probe.mjs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** How to start each engine's driver, and the session it is asked for. */
export const ENGINES = {
  firefox: {
    name: 'Firefox',
    driver: (port) => ['geckodriver', ['--host', '127.0.0.1', '--port', String(port)]],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: '/usr/bin/firefox-esr',
        args: ['-headless'],
        // No update checks, telemetry or first-run pages: nothing leaves this machine.
        prefs: {
          'app.update.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'toolkit.telemetry.enabled': false,
          'browser.shell.checkDefaultBrowser': false,
          'network.captive-portal-service.enabled': false,
        },
      },
    },
  },
  webkit: {
    name: 'WebKit',
    driver: (port) => ['xvfb-run', ['-a', 'WebKitWebDriver', '--host=127.0.0.1', `--port=${port}`]],
    capabilities: {},
  },
  chromium: {
    name: 'Chromium',
    driver: (port) => ['/usr/bin/chromedriver', [`--port=${port}`]],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    },
  },
};

async function call(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const error = new Error(`WebDriver ${method} ${path}: ${json.value?.error || res.status} ${json.value?.message || ''}`);
    error.code = json.value?.error;
    throw error;
  }
  return json.value;
}

/** Starts an engine's driver on `port`; resolves once it answers. */
export async function startDriver(engine, port) {
  const [command, args] = ENGINES[engine].driver(port);
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 100) {
    try {
      const status = await call(base, 'GET', '/status');
      if (status.ready !== false) break;
    } catch {
      // not listening yet
    }
    if (waited > 20_000) throw new Error(`${ENGINES[engine].name}'s WebDriver did not start`);
    await sleep(100);
  }
  return {
    base,
    /** A new browser (its own profile: empty storage and cookies). */
    session: () => newSession(base, ENGINES[engine].capabilities),
    stop: () => {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    },
  };
}

async function newSession(base, alwaysMatch) {
  const { sessionId } = await call(base, 'POST', '/session', { capabilities: { alwaysMatch } });
  const s = `/session/${sessionId}`;
  const at = (method, path, body) => call(base, method, `${s}${path}`, body);
  // What the console probe (lib/console-probe.mjs) noted in the tabs left so far.
  const notes = [];
  const takeNotes = async () => notes.push(...((await session.exec(TAKE_NOTES).catch(() => [])) || []));
  const session = {
    goto: (url) => at('POST', '/url', { url }),
    url: () => at('GET', '/url'),
    exec: (script, ...args) => at('POST', '/execute/sync', { script, args }),
    async find(css) {
      const found = await at('POST', '/element', { using: 'css selector', value: css });
      return found[ELEMENT];
    },
    /** Waits until `script` (a function body) returns something truthy; returns it. */
    async until(what, script, ...args) {
      let last;
      for (let waited = 0; waited <= 15_000; waited += 100) {
        try {
          last = await session.exec(script, ...args);
          if (last) return last;
        } catch (error) {
          // A navigation in progress; try again.
          last = error.message;
        }
        await sleep(100);
      }
      throw new Error(`waited 15 s for ${what} (last: ${JSON.stringify(last)})`);
    },
    /** Waits for the app to have taken over the page (the takeover sets `html[data-app]`). */
    ready: () => session.until('the app', 'return document.documentElement.hasAttribute("data-app")'),
    text: (css) => session.until(`${css} to have text`, 'const e = document.querySelector(arguments[0]); return e && e.textContent.trim()', css),
    async type(css, text) {
      // A page may still be checking the session before its form is there.
      await session.until(`${css} to be there`, 'return Boolean(document.querySelector(arguments[0]))', css);
      const id = await session.find(css);
      await at('POST', `/element/${id}/clear`, {});
      await at('POST', `/element/${id}/value`, { text });
    },
    async click(css) {
      await session.until(`${css} to be there and enabled`, 'const e = document.querySelector(arguments[0]); return Boolean(e && !e.disabled)', css);
      await at('POST', `/element/${await session.find(css)}/click`, {});
    },
    /** Clicks the button whose text is `text`. */
    async press(text) {
      const id = await session.until(`the "${text}" button`,
        'return [...document.querySelectorAll("button")].find((b) => b.textContent.trim() === arguments[0] && !b.disabled)', text);
      await at('POST', `/element/${id[ELEMENT]}/click`, {});
    },
    /** Keys pressed and released in order, at whatever has the focus (`\uE012` is ←, `\uE008` Shift
     * held down until the next Shift). */
    async keys(text) {
      const actions = [];
      let shift = false;
      for (const key of text) {
        if (key === '\uE008') {
          actions.push({ type: shift ? 'keyUp' : 'keyDown', value: key });
          shift = !shift;
        } else {
          actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
        }
      }
      if (shift) actions.push({ type: 'keyUp', value: '\uE008' });
      await at('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    },
    /** The cookies of the current page's origin, httpOnly ones included (as the browser holds them). */
    cookies: () => at('GET', '/cookie'),
    path: () => session.exec('return location.pathname'),
    waitForPath: (path) => session.until(`the address ${path}`, 'return location.pathname === arguments[0]', path),
    async newTab() {
      const { handle } = await at('POST', '/window/new', { type: 'tab' });
      return handle;
    },
    handle: () => at('GET', '/window'),
    async switchTo(handle) {
      await takeNotes();
      return at('POST', '/window', { handle });
    },
    /** What would have failed a console check in this browser's tabs since the last call: console
     * errors and warnings, uncaught errors, refused promises, CSP violations, failed loads. */
    async console() {
      await takeNotes();
      return notes.splice(0);
    },
    size: (width, height) => at('POST', '/window/rect', { width, height }),
    quit: () => call(base, 'DELETE', s).catch(() => {}),
  };
  return session;
}
