'use strict';

// A stand-in OAuth 2 provider on loopback, for the dev back end's test provider only
// (OAUTH_TEST_PROVIDER=true). It plays the provider's part of the authorization-code flow so that
// Strapi's real /connect/:provider → callback → /auth/:provider/callback path runs end to end:
//   GET  /authorize  → redirects back with a code (or ?error=access_denied when `deny` is asked)
//   POST /token      → exchanges the code for an access token
//   GET  /userinfo   → the profile for a token it issued

const http = require('http');
const crypto = require('crypto');

const PORT = Number(process.env.OAUTH_PORT || 1090);
const PROFILE = {
  email: process.env.OAUTH_TEST_EMAIL || 'pat@provider.test',
  username: process.env.OAUTH_TEST_USERNAME || 'pat-provider',
};
const codes = new Map();
const tokens = new Set();

const readBody = (req) =>
  new Promise((resolve) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(new URLSearchParams(data)));
  });

const json = (res, status, body) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

http
  .createServer(async (req, res) => {
    const url = new URL(req.url, `http://127.0.0.1:${PORT}`);
    if (req.method === 'GET' && url.pathname === '/authorize') {
      const back = new URL(url.searchParams.get('redirect_uri'));
      back.searchParams.set('state', url.searchParams.get('state') || '');
      if (url.searchParams.get('deny') === '1') {
        back.searchParams.set('error', 'access_denied');
      } else {
        const code = crypto.randomBytes(16).toString('hex');
        codes.set(code, true);
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/token') {
      const form = await readBody(req);
      if (!codes.delete(form.get('code'))) {
        json(res, 400, { error: 'invalid_grant' });
        return;
      }
      const token = `test-${crypto.randomBytes(16).toString('hex')}`;
      tokens.add(token);
      json(res, 200, { access_token: token, token_type: 'bearer' });
      return;
    }
    if (req.method === 'GET' && url.pathname === '/userinfo') {
      const token = (req.headers.authorization || '').replace(/^Bearer /, '');
      if (!tokens.has(token)) {
        json(res, 401, { error: 'invalid_token' });
        return;
      }
      json(res, 200, PROFILE);
      return;
    }
    res.writeHead(404).end();
  })
  .listen(PORT, '127.0.0.1', () => console.log(`test OAuth provider on http://127.0.0.1:${PORT}`));
