// Another site, as an attacker runs one: pages on a second origin (`localhost`, a different site
// from the app's 127.0.0.1, so SameSite applies) that send the browser to the app's session
// routes — a form in the tab, a form in a frame, `fetch` in `no-cors` and in `cors` mode — and
// what the app's server saw meanwhile (nginx's access log of the production topology). Shared
// by the Chromium suite and the WebDriver journeys.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The session routes another site aims at. */
export const TARGETS = ['/api/auth/refresh', '/api/auth/logout'];
/** The ways a page of another origin can make the browser send a request there. */
export const WAYS = ['form', 'frame', 'no-cors', 'cors'];

/**
 * Serves the attacker's pages on http://localhost:<port>. `/attack/<way><target>` sends one request
 * to the app (no query: nothing in a Referer a leak check would mistake for a token); the page's
 * title becomes "sent" once the browser has sent it (a form's navigation leaves the page, so for
 * the two forms "sent" is what the app's server logs).
 */
export async function attackerSite(app) {
  const page = (way, to) => {
    const action = `${app}${to}`;
    // A form's body: text/plain made to look like JSON, the closest a form gets to the app's.
    const form = `<form method="post" action="${action}" enctype="text/plain"><input name='{"refreshToken":"' value='x"}'></form>`;
    if (way === 'form') return `${form}<script>document.forms[0].submit()</script>`;
    if (way === 'frame') return `<iframe src="/attack/form${to}"></iframe>`;
    const init = way === 'cors'
      ? `{ method: 'POST', mode: 'cors', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' }`
      : `{ method: 'POST', mode: 'no-cors', credentials: 'include', body: '{}' }`;
    return `<script>fetch(${JSON.stringify(action)}, ${init}).catch(() => {}).finally(() => { document.title = 'sent'; })</script>`;
  };
  const server = createServer((req, res) => {
    const [, attack, way, ...rest] = new URL(req.url, 'http://x').pathname.split('/');
    const to = `/${rest.join('/')}`;
    if (attack !== 'attack' || !WAYS.includes(way) || !TARGETS.includes(to)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>attacker</title>${page(way, to)}`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${server.address().port}`;
  return {
    origin,
    url: (way, to) => `${origin}/attack/${way}${to}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** nginx's access log of the production topology (scripts/prod.sh), read from a point on. */
export function accessLog() {
  const file = join(process.env.PROD_DIR || '', 'nginx-access.log');
  const size = () => statSync(file).size;
  return {
    /** Marks where the log is now: `since(mark)` gives the requests logged after it. */
    mark: size,
    since(mark) {
      return readFileSync(file).subarray(mark).toString('utf8').split('\n').filter(Boolean).map((line) => {
        const m = line.match(/"(\w+) (\S+) [^"]*" (\d{3}) .*"([^"]*)" "([^"]*)"$/);
        return m && { method: m[1], path: m[2], status: Number(m[3]), referer: m[4], line };
      }).filter(Boolean);
    },
  };
}

/** Polls `check` every 50 ms until it returns something truthy; fails after `ms`. */
export async function until(what, check, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Every way, at every target, from the attacker's site, in the browser `open(url)` drives (a tab of
 * the browser that holds the session, the app's pages closed or elsewhere). Resolves to the
 * requests the app's server saw meanwhile, to be checked by `assertNothingCredentialed`.
 */
export async function attackFromAnotherSite(site, log, { open, title }) {
  const start = log.mark();
  for (const to of TARGETS) {
    for (const way of WAYS) {
      const before = log.since(start).filter((r) => r.method === 'POST' && r.path === to).length;
      await open(site.url(way, to));
      if (way === 'form' || way === 'frame') {
        // The form navigates away from the attacker's page: sent once the server logged it.
        await until(`the ${way}'s POST ${to} in the access log`, () =>
          log.since(start).filter((r) => r.method === 'POST' && r.path === to).length > before);
      } else {
        await until(`the ${way} fetch to ${to}`, async () => (await title()) === 'sent');
      }
    }
  }
  return log.since(start);
}

/** The server saw the attacker's requests, and answered none of them as a session's: every
 * request to a session route while the attacker's pages ran was refused. */
export function assertNothingCredentialed(seen) {
  const session = seen.filter((r) => TARGETS.includes(r.path) && r.method === 'POST');
  if (!session.length) throw new Error('the attacker\'s requests never reached the server: the test proves nothing');
  const served = session.filter((r) => r.status < 400);
  if (served.length) {
    throw new Error(`a request caused by another site was answered as the session's:\n${served.map((r) => r.line).join('\n')}`);
  }
}
