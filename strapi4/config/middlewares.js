// Strapi's default stack, with CORS opened to the app's origins and the rate-limit and retry headers
// exposed so the app can say how long to wait, plus a Server-Timing header. Same as
// ../strapi/config/middlewares.js (the Strapi 5 back end).

// With CORS_ORIGINS unset, any http origin on this machine may call the dev back end (trunk serve,
// the e2e static server, wasm-pack's test server on a random port); set it to list origins exactly.
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/;

const allowedOrigins = (env) => {
  const listed = env.array('CORS_ORIGINS', []);
  if (listed.length) return listed;
  return (ctx) => {
    const origin = ctx.get('origin');
    return LOOPBACK.test(origin) ? [origin] : [];
  };
};

module.exports = ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      origin: allowedOrigins(env),
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'X-Strapi-Refresh-Cookie'],
      // Retry-After: how long to wait after a 429 or 503 (sent by a proxy in front of Strapi).
      expose: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'Server-Timing', 'X-Strapi-Node'],
      credentials: true,
    },
  },
  'global::server-timing',
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];
