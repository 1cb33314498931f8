// Users & Permissions: token mode, lifespans and rate limit from the environment; email to a local SMTP port.
const mode = (env) => {
  const value = env('AUTH_MODE', 'legacy');
  if (value === 'refresh') return 'refresh';
  if (value === 'legacy' || value === 'legacy-support') return 'legacy-support';
  throw new Error(`AUTH_MODE must be "legacy" or "refresh", not "${value}"`);
};

module.exports = ({ env }) => ({
  'users-permissions': {
    config: {
      jwtSecret: env('JWT_SECRET', 'dev-users-permissions-jwt-secret-change-me'),
      jwtManagement: mode(env),
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '30d') },
      sessions: {
        accessTokenLifespan: env.int('ACCESS_TOKEN_LIFESPAN', 600),
        maxRefreshTokenLifespan: env.int('MAX_REFRESH_TOKEN_LIFESPAN', 30 * 24 * 3600),
        idleRefreshTokenLifespan: env.int('IDLE_REFRESH_TOKEN_LIFESPAN', 14 * 24 * 3600),
        maxSessionLifespan: env.int('MAX_SESSION_LIFESPAN', 30 * 24 * 3600),
        idleSessionLifespan: env.int('IDLE_SESSION_LIFESPAN', 14 * 24 * 3600),
      },
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
