// Headless: the admin panel is neither built nor served (`strapi start` then never looks for a
// build). Secrets are dev defaults; set them in production.
module.exports = ({ env }) => ({
  serveAdminPanel: false,
  autoOpen: false,
  auth: { secret: env('ADMIN_JWT_SECRET', 'dev-admin-jwt-secret-change-me') },
  apiToken: { salt: env('API_TOKEN_SALT', 'dev-api-token-salt-change-me') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT', 'dev-transfer-token-salt-change-me') } },
  flags: { nps: false, promoteEE: false },
});
