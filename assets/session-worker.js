// Renewals that outlive the page. Strapi rotates the refresh token the moment it answers
// POST /auth/refresh and refuses the old one from then on; a page reloaded (or left by a typed
// address) while that request is out never sees the answer, and the next page, holding only the
// old token, would be logged out. A page's renewal is therefore sent from here: the request goes
// on when the page is gone, the browser applies the answer's Set-Cookie (cookie mode), and the
// answer goes to whoever asks with the same credential next:
//  - a token in the body (localStorage or sessionStorage): every request that presents that token
//    while it is out, and for KEEP_MS after (the page that replaces the one that asked);
//  - the httpOnly cookie (body `{}`): every request made while it is out; afterwards the browser
//    holds the rotated cookie itself.
// Nothing is written anywhere: the answer lives in this worker's memory only, and only a request
// carrying the credential it replaced can have it. Every other request is not touched.
const KEEP_MS = 60_000;
// A bound for a request Strapi never answers (the page itself gives up at its own timeout, 15 s by
// default, and the next renewal starts a new request once this one is forgotten).
const GIVE_UP_MS = 120_000;
const flights = new Map();

self.addEventListener('install', (event) => {
  self.skipWaiting();
  // Where the browser can route by itself (static routing), page loads and every GET go straight
  // to the network without starting this worker; elsewhere the handler below returns at once.
  if (event.addRoutes) {
    event.waitUntil(Promise.resolve()
      .then(() => event.addRoutes({ condition: { requestMethod: 'GET' }, source: 'network' }))
      .catch(() => {}));
  }
});
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  if (!fromTheApp(event)) return;
  event.respondWith(renew(event, event.request));
});

// Only the app's own renewal: a JSON fetch made by a page of the app. Anything else, above all a
// navigation (another site's form, in a tab or a frame), goes to the network untouched, as if there
// were no worker: sent from here, it would leave from the app's own origin with the app's cookies,
// which is exactly what SameSite and CORS exist to prevent. A form cannot send a JSON body, and a
// `no-cors` fetch cannot say it sends one; a page of another origin is never this worker's client.
function fromTheApp(event) {
  const request = event.request;
  return request.method === 'POST'
    && new URL(request.url).pathname.endsWith('/auth/refresh')
    && (request.mode === 'cors' || request.mode === 'same-origin')
    && request.destination === ''
    && Boolean(event.clientId)
    && /^application\/json\b/i.test(request.headers.get('content-type') || '');
}

async function renew(event, request) {
  // A worker of the app's origin is a client too; only a window (a page of the app) renews.
  const client = await self.clients.get(event.clientId);
  if (!client || client.type !== 'window') return fetch(request);
  const body = await request.clone().text();
  let key = 'cookie';
  try {
    const token = JSON.parse(body).refreshToken;
    if (typeof token === 'string') key = `body:${token}`;
  } catch {
    // Not JSON: Strapi will say so; the request goes as it is, joined with nothing.
    key = null;
  }
  let flight = key && flights.get(key);
  if (!flight) {
    // Built anew, without the page's abort signal: leaving the page must not cancel it.
    flight = fetch(request.url, {
      method: 'POST',
      headers: request.headers,
      body,
      mode: 'cors',
      credentials: request.credentials,
      cache: 'no-store',
      referrerPolicy: request.referrerPolicy,
      signal: AbortSignal.timeout(GIVE_UP_MS),
    }).then(async (response) => ({
      status: response.status,
      // What the page may read of them (a cross-origin answer shows only the headers Strapi
      // exposes): Retry-After, the rate limit's reset.
      headers: [...response.headers],
      text: await response.text(),
    }));
    if (key) {
      flights.set(key, flight);
      const forget = () => flights.get(key) === flight && flights.delete(key);
      flight.then(
        (answer) => (answer.status === 200 && key !== 'cookie' ? setTimeout(forget, KEEP_MS) : forget()),
        forget,
      );
    }
    // The worker stays alive until the answer is in, whether or not the page that asked still is.
    event.waitUntil(flight.catch(() => {}));
  }
  const answer = await flight;
  return new Response(answer.text, { status: answer.status, headers: answer.headers });
}
