// Users & Permissions in Strapi 4's only token mode: one long-lived JWT (what Strapi 5 calls
// legacy-support). Rate limit from the environment; email to a local SMTP port (the mail catcher
// in ../strapi/mailcatcher.js), so nothing leaves the machine.
module.exports = ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'dev-users-permissions-jwt-secret-change-me'),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '30d') },
      // Set explicitly: 4.26's middleware falls back to 5 requests per 5 minutes when the config
      // lacks a value, the plugin's defaults (the same as Strapi 5's) are 10 per minute.
      ratelimit: env.bool('RATELIMIT_ENABLED', true)
        ? { interval: env.int('RATELIMIT_INTERVAL_MS', 60000), max: env.int('RATELIMIT_MAX', 10) }
        : { enabled: false },
    },
  },
  email: {
    config: {
      provider: 'sendmail',
      providerOptions: {
        devPort: env.int('SMTP_PORT', 1025),
        devHost: env('SMTP_HOST', '127.0.0.1'),
      },
      settings: {
        defaultFrom: env('EMAIL_FROM', 'no-reply@example.test'),
        defaultReplyTo: env('EMAIL_FROM', 'no-reply@example.test'),
      },
    },
  },
});
