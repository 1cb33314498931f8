// What the load-failure tests serve in place of the app's code, shared by the Chromium suite
// (loading.test.mjs, through Playwright's routes) and Firefox and WebKit's (loadfail.test.mjs,
// through a server of its own).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './harness.mjs';

/** nginx's own page for a node that does not answer. */
export const NGINX_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
/** A static host's fallback page, served for a file it does not have. */
export const HOST_PAGE = '<!doctype html><title>Home</title><p>Welcome';

/** The login page as a tab opened before the last deploy holds it: its code has other names,
 * which the server no longer has (404). Its inline module script changed with the names, so the
 * CSP it comes with (`csp`: the build's) allows that script's hash instead. */
export function stalePage(csp) {
  const current = readFileSync(join(DIST, 'auth', 'login', 'index.html'), 'utf8');
  const html = current.replace(/yew-strapi-auth-[0-9a-f]+(?=(_bg)?\.(js|wasm))/g, 'yew-strapi-auth-0123456789abcdef');
  assert.notEqual(html, current, 'the page names its code');
  const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
  return { html, csp: csp.replace(/script-src [^;]*/, `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`) };
}
