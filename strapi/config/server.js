// HTTP server: loopback by default, no update check (no outbound network at start).
module.exports = ({ env }) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  app: {
    keys: env.array('APP_KEYS', ['devKeyOnlyForLocalUse1', 'devKeyOnlyForLocalUse2']),
  },
  logger: {
    updates: { enabled: false },
    startup: { enabled: false },
  },
});
