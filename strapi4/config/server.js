// HTTP server: loopback by default, no update check (no outbound network at start).
module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1347),
  // Absolute, so the links Strapi puts in emails (email confirmation) work from a mailbox.
  url: env('PUBLIC_URL', `http://127.0.0.1:${env.int('PORT', 1347)}`),
  // Behind a reverse proxy: trust X-Forwarded-For, so the rate limiter sees each client's address.
  proxy: env.bool('IS_PROXIED', false),
  app: {
    keys: env.array('APP_KEYS', ['devKeyOnlyForLocalUse1', 'devKeyOnlyForLocalUse2']),
  },
  logger: {
    updates: { enabled: false },
    startup: { enabled: false },
  },
});
