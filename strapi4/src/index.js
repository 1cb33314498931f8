'use strict';

// Boot-time setup of the Strapi 4 dev back end, the counterpart of ../strapi/src/index.js (Strapi 5):
// Users & Permissions settings, the permissions the app needs and the demo user, re-applied at every
// start so a developer or a test always finds the same state. Strapi 4 has no document service:
// this uses the query engine (strapi.db.query) and the plugin's user service (entityService, which
// hashes the password).

const DEMO = {
  username: process.env.DEMO_USERNAME || 'demo',
  email: (process.env.DEMO_EMAIL || 'demo@example.com').toLowerCase(),
  password: process.env.DEMO_PASSWORD || 'Demo-pass-1234',
};

const APP_URL = (process.env.APP_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

// What each role must be allowed, whatever an earlier run left in the database. The plugin grants
// these by default on a fresh database; /auth/local is its `auth.callback` action.
const UP = 'plugin::users-permissions';
const REQUIRED_PERMISSIONS = {
  public: [
    'auth.callback',
    'auth.connect',
    'auth.register',
    'auth.forgotPassword',
    'auth.resetPassword',
    'auth.emailConfirmation',
    'auth.sendEmailConfirmation',
  ],
  authenticated: ['user.me', 'auth.changePassword'],
};

// A test-only OAuth provider (see ../strapi/test-oauth-provider.js), registered only when asked for.
const TEST_PROVIDER = 'testprovider';
const TEST_PROVIDER_ON = process.env.OAUTH_TEST_PROVIDER === 'true';
const OAUTH_URL = `http://127.0.0.1:${process.env.OAUTH_PORT || 1090}`;
const testProviderGrant = () => ({
  enabled: true,
  icon: 'key',
  key: 'test-client',
  secret: 'test-secret',
  oauth: 2,
  authorize_url: `${OAUTH_URL}/authorize`,
  access_url: `${OAUTH_URL}/token`,
  callback: `${APP_URL}/connect/${TEST_PROVIDER}/redirect`,
  scope: ['email'],
});

function registerTestProvider(strapi) {
  const { enabled, icon, ...grantConfig } = testProviderGrant();
  strapi.plugin('users-permissions').service('providers-registry').add(TEST_PROVIDER, {
    enabled,
    icon,
    grantConfig,
    async authCallback({ accessToken }) {
      const res = await fetch(`${OAUTH_URL}/userinfo`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!res.ok) throw new Error('The test provider refused the token');
      const profile = await res.json();
      return { username: profile.username, email: profile.email };
    },
  });
}

// The stored grant settings win over the registry's on later boots; keep them in step with APP_URL.
async function applyTestProviderGrant(strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const grant = (await store.get({ key: 'grant' })) || {};
  await store.set({ key: 'grant', value: { ...grant, [TEST_PROVIDER]: testProviderGrant() } });
}

async function applyAdvancedSettings(strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = (await store.get({ key: 'advanced' })) || {};
  await store.set({
    key: 'advanced',
    value: {
      ...advanced,
      unique_email: true,
      allow_register: true,
      email_confirmation: process.env.EMAIL_CONFIRMATION === 'true',
      email_reset_password: `${APP_URL}/auth/reset-password`,
      email_confirmation_redirection: `${APP_URL}/auth/email-confirmed`,
      default_role: 'authenticated',
    },
  });
}

async function findRole(strapi, type) {
  const role = await strapi.db.query(`${UP}.role`).findOne({ where: { type } });
  if (!role) throw new Error(`Users & Permissions has no "${type}" role`);
  return role;
}

async function ensurePermissions(strapi) {
  const permissions = strapi.db.query(`${UP}.permission`);
  for (const [type, actions] of Object.entries(REQUIRED_PERMISSIONS)) {
    const role = await findRole(strapi, type);
    for (const short of actions) {
      const action = `${UP}.${short}`;
      const found = await permissions.findOne({ where: { action, role: role.id } });
      if (!found) await permissions.create({ data: { action, role: role.id } });
    }
  }
}

async function upsertDemoUser(strapi) {
  const role = await findRole(strapi, 'authenticated');
  const users = strapi.plugin('users-permissions').service('user');
  const existing = await strapi.db
    .query(`${UP}.user`)
    .findOne({ where: { email: DEMO.email } });
  const fields = {
    username: DEMO.username,
    email: DEMO.email,
    password: DEMO.password,
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  };
  if (existing) {
    await users.edit(existing.id, fields);
  } else {
    await users.add(fields);
  }
}

module.exports = {
  register({ strapi }) {
    if (TEST_PROVIDER_ON) registerTestProvider(strapi);
  },

  async bootstrap({ strapi }) {
    await applyAdvancedSettings(strapi);
    if (TEST_PROVIDER_ON) await applyTestProviderGrant(strapi);
    await ensurePermissions(strapi);
    await upsertDemoUser(strapi);
    strapi.log.info(`Demo user ready: ${DEMO.email}`);
  },
};
