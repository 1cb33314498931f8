// The attacker of cookie mode, shared by the Playwright suite (Chromium) and the WebDriver journeys
// (Firefox, WebKit): what a script injected into the page can read, and whether any of it lets
// someone else call Strapi once the access token has expired.
import assert from 'node:assert/strict';
import { API } from './harness.mjs';

export const TOKEN_SHAPE = /[\w-]{8,}\.[\w-]{8,}\.[\w-]{8,}/;

/** The body of a function, run in the page, that returns everything a script can read. */
export const READ_EVERYTHING = `
  const all = (s) => Object.keys(s).map((k) => [k, s.getItem(k)]);
  return { local: all(localStorage), session: all(sessionStorage), cookie: document.cookie };`;

/** Nothing a script found looks like a token, or is one of `issued` (tokens Strapi handed out). */
export function assertNoTokenReadable(found, issued = []) {
  const values = [...found.local, ...found.session].map(([, v]) => v);
  for (const [k, v] of [...found.local, ...found.session]) {
    assert.ok(!TOKEN_SHAPE.test(v), `a token-shaped value is readable under "${k}"`);
  }
  assert.ok(!TOKEN_SHAPE.test(found.cookie), 'a token-shaped cookie is readable');
  for (const t of issued) {
    assert.ok(!values.some((v) => v.includes(t)) && !found.cookie.includes(t), 'a token Strapi issued is readable');
  }
}

/** Tries, from outside the browser, everything a script found: as a bearer, as a refresh token
 * and as a cookie. Neither /users/me nor /auth/refresh may answer 200. */
export async function assertFoundOpensNothing(found) {
  const values = [...found.local, ...found.session].map(([, v]) => v);
  const candidates = [...values, ...found.cookie.split(/;\s*/).filter(Boolean), ''];
  for (const c of candidates) {
    const headers = { 'content-type': 'application/json', ...(found.cookie ? { cookie: found.cookie } : {}) };
    const me = await fetch(`${API}/users/me`, { headers: { ...headers, ...(c ? { authorization: `Bearer ${c}` } : {}) } });
    assert.notEqual(me.status, 200, 'what a script found opened /users/me');
    const refresh = await fetch(`${API}/auth/refresh`, { method: 'POST', headers, body: JSON.stringify(c ? { refreshToken: c } : {}) });
    assert.notEqual(refresh.status, 200, 'what a script found renewed the session');
  }
}
