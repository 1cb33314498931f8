// A renewal cut off by a page load: Strapi has rotated the refresh token, its answer is still on
// the way, and the page reloads (or the person types an address). A proxy in front of the real
// Strapi holds that answer until the new page is up, as a slow network would; the app, served from
// its own copy of dist/ pointed at the proxy, must keep the session in every storage mode.
import { createServer, request as forward } from 'node:http';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { serveDist } from './serve.mjs';
import { STRAPI, DIST, MODE, DEMO, appReady, typeLogin } from './harness.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding'];

/** An HTTP proxy to Strapi that can hold the answer to the next `POST /auth/refresh` after Strapi
 * has given it. */
async function holdingProxy(target) {
  let hold = null;
  const server = createServer((req, res) => {
    const url = new URL(req.url, target);
    const isRefresh = req.method === 'POST' && url.pathname.endsWith('/auth/refresh');
    const body = [];
    req.on('data', (c) => body.push(c));
    req.on('end', () => {
      const headers = { ...req.headers, host: url.host };
      const upstream = forward(url, { method: req.method, headers }, (answer) => {
        const chunks = [];
        answer.on('data', (c) => chunks.push(c));
        answer.on('end', async () => {
          if (isRefresh && hold) {
            const held = hold;
            hold = null;
            held.answered(answer.statusCode);
            await held.released;
          }
          const out = Object.fromEntries(Object.entries(answer.headers).filter(([k]) => !HOP_BY_HOP.includes(k)));
          // The page that asked may be gone: then this answer reaches nobody, as on a real network.
          res.on('error', () => {});
          if (!res.destroyed) res.writeHead(answer.statusCode, out).end(Buffer.concat(chunks));
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(body));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Holds the next refresh answer: `answered` is Strapi's status (the rotation is done), and
     * the answer goes on at `release()`. */
    holdNextRefresh() {
      let release;
      const released = new Promise((r) => { release = r; });
      let answered;
      const status = new Promise((r) => { answered = r; });
      hold = { answered, released };
      return { answered: status, release };
    },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/** dist/ pointed at a holding proxy to the suite's Strapi, served on a port of its own. */
async function renewalRig() {
  const proxy = await holdingProxy(STRAPI);
  const dir = mkdtempSync(join(tmpdir(), 'yew-strapi-auth-renewal-'));
  cpSync(DIST, dir, { recursive: true });
  execFileSync(join(ROOT, 'scripts', 'configure-dist.sh'), [dir, proxy.url, 'testprovider', '', MODE === 'cookie' ? 'cookie' : '']);
  const csp = readFileSync(join(dir, 'csp.txt'), 'utf8').trim();
  const site = await serveDist(dir, 0, { headers: { 'content-security-policy': csp } });
  return {
    proxy,
    url: (path) => `${site.url}${path}`,
    async close() {
      await site.close();
      await proxy.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Logs in (with "Remember me" as `remember` says), then, again and again, lets a scheduled renewal
 * reach Strapi, loads a page while its answer is held (a reload, or an address typed), releases
 * it, and checks that the session goes on: the next renewal Strapi sees from this browser (the
 * one the next round holds) is accepted, and the page is not sent to log in.
 */
export async function pageLoadsDuringRenewalKeepTheSession(env, { remember = true, reloads = 3, addressed = 2 } = {}) {
  const rig = await renewalRig();
  try {
    const p = await env.page();
    await p.goto(rig.url('/auth/login'));
    await appReady(p);
    if (!remember) await p.getByRole('checkbox', { name: 'Remember me' }).uncheck();
    await typeLogin(p, DEMO.email, DEMO.password);
    await p.waitForURL((u) => u.pathname === '/dashboard');
    await p.locator('.user-email').waitFor();
    // The next renewal Strapi answers, within a few of the 5-second tokens' lives.
    const accepted = async (held, before) => {
      const limit = new Promise((r) => { setTimeout(r, 20_000, 'none in 20 s').unref(); });
      const status = await Promise.race([held.answered, limit]);
      assert.equal(status, 200, `${before}: Strapi accepts this browser's renewal (the session was kept)`);
      assert.notEqual(new URL(p.url()).pathname, '/auth/login', `${before}: still logged in`);
    };
    let held = rig.proxy.holdNextRefresh();
    let before = 'the first renewal';
    for (let i = 0; i < reloads + addressed; i += 1) {
      await accepted(held, before);
      // The rotation is done on Strapi; its answer is on the way when the page goes. Whatever
      // renewal comes next is held too, the new page's own included.
      const next = rig.proxy.holdNextRefresh();
      if (i < reloads) await p.reload();
      else await p.goto(rig.url(i % 2 ? '/account' : '/dashboard'));
      held.release();
      held = next;
      before = `after ${i < reloads ? `reload ${i + 1}` : `address ${i - reloads + 1}`}`;
    }
    await accepted(held, before);
    held.release();
    await p.goto(rig.url('/dashboard'));
    await p.locator('.user-email').waitFor();
  } finally {
    await rig.close();
  }
}
