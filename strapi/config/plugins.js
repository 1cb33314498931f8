// Users & Permissions: token mode, lifespans and rate limit from the environment; email to a local SMTP port.
// AUTH_MODE=legacy (one long-lived JWT), refresh (session management, tokens in the answers) or
// cookie (session management with the refresh token in an httpOnly cookie, for every request).
const mode = (env) => {
  const value = env('AUTH_MODE', 'legacy');
  if (value === 'refresh' || value === 'cookie') return 'refresh';
  if (value === 'legacy' || value === 'legacy-support') return 'legacy-support';
  throw new Error(`AUTH_MODE must be "legacy", "refresh" or "cookie", not "${value}"`);
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
        // On for AUTH_MODE=cookie; SESSIONS_HTTPONLY=false keeps it off, so the cookie is set only
        // where the app asks for it (X-Strapi-Refresh-Cookie): Strapi's own default.
        httpOnly: env.bool('SESSIONS_HTTPONLY', env('AUTH_MODE', 'legacy') === 'cookie'),
        // SameSite=Lax (Strapi's default) suits an app on the same site as Strapi. `secure`
        // follows NODE_ENV=production unless REFRESH_COOKIE_SECURE says otherwise: this dev back
        // end and scripts/prod.sh serve plain http on this machine, where a secure cookie would
        // never come back.
        cookie: {
          sameSite: env('REFRESH_COOKIE_SAMESITE', 'lax'),
          ...(env('REFRESH_COOKIE_SECURE') === undefined ? {} : { secure: env.bool('REFRESH_COOKIE_SECURE') }),
        },
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
