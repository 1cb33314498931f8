// Strapi's default stack, with CORS opened to the app's origins and the rate-limit headers exposed
// so the app can say how long to wait, plus a Server-Timing header for the benchmark.
module.exports = ({ env }) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      origin: env.array('CORS_ORIGINS', [
        'http://127.0.0.1:8080',
        'http://localhost:8080',
        'http://127.0.0.1:4173',
        'http://localhost:4173',
      ]),
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept'],
      expose: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Server-Timing'],
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
