'use strict';

// Boot-time setup of the dev back end: Users & Permissions settings and the demo user, re-applied at
// every start so a developer or a test always finds the same state; the content API's permissions
// and seed restaurants come from content.js.

const { setupContent } = require('./content');

const DEMO = {
  username: process.env.DEMO_USERNAME || 'demo',
  email: (process.env.DEMO_EMAIL || 'demo@example.com').toLowerCase(),
  password: process.env.DEMO_PASSWORD || 'Demo-pass-1234',
};

const APP_URL = (process.env.APP_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

// A test-only OAuth provider (see test-oauth-provider.js), registered only when asked for.
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

async function upsertDemoUser(strapi) {
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  const users = strapi.plugin('users-permissions').service('user');
  const existing = await strapi.db
    .query('plugin::users-permissions.user')
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
    await upsertDemoUser(strapi);
    strapi.log.info(`Demo user ready: ${DEMO.email}`);
    await setupContent(strapi);
  },
};
