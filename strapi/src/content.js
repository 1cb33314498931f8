'use strict';

// Boot-time setup of the content API (FoodAdvisor's restaurants and reviews): who may do what, and
// the seed restaurants. Re-applied at every start, so the state is always what this file says.

const RESTAURANT = 'api::restaurant.restaurant';
const REVIEW = 'api::review.review';

// Exactly these content-API actions per role, for the two types (others on them are revoked).
const READ = [`${RESTAURANT}.find`, `${RESTAURANT}.findOne`, `${REVIEW}.find`, `${REVIEW}.findOne`];
const PERMISSIONS = {
  public: READ,
  authenticated: [...READ, `${REVIEW}.create`, `${REVIEW}.update`, `${REVIEW}.delete`],
};

// Published at boot, enough for a few pages at pageSize 5; two match a search for "pizz".
const RESTAURANTS = [
  ['Pizzeria Napoli', 'p2', 'Wood-fired Neapolitan pizza, dough rested for two days.'],
  ['Le Petit Bistro', 'p3', 'French classics in a small room: onion soup, steak frites, tarte tatin.'],
  ['Sushi Ko', 'p4', 'An omakase counter of twelve seats.'],
  ['Taco Loco', 'p1', 'Street tacos and aguas frescas, open late.'],
  ['Curry House', 'p2', 'Slow-cooked curries from Kerala and Goa.'],
  ['The Green Fork', 'p2', 'Vegetables first: a seasonal menu from nearby farms.'],
  ['Burger Barn', 'p1', 'Smash burgers, hand-cut fries, milkshakes.'],
  ['Noodle Bar', 'p1', 'Hand-pulled noodles in beef broth.'],
  ['Casa Paella', 'p3', 'Paella for two cooked over orange wood.'],
  ['Bagel Corner', 'p1', 'Boiled then baked, every morning from six.'],
  ['Seoul Kitchen', 'p2', 'Korean barbecue at the table and banchan to share.'],
  ['Pizza al Taglio', 'p1', 'Roman pizza by the slice, sold by weight.'],
];
// Never published: what a leak of drafts would show.
const DRAFT_ONLY = ['Secret Supper Club', 'p4', 'Not open yet: this entry is a draft and must never reach the app.'];

const slugify = (name) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/(^-|-$)/g, '');

async function applyPermissions(strapi) {
  const roles = strapi.db.query('plugin::users-permissions.role');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const [type, actions] of Object.entries(PERMISSIONS)) {
    const role = await roles.findOne({ where: { type } });
    const current = await permissions.findMany({
      where: { role: role.id, action: { $startsWith: 'api::' } },
    });
    const ours = (action) => action.startsWith(`${RESTAURANT}.`) || action.startsWith(`${REVIEW}.`);
    for (const p of current) {
      if (ours(p.action) && !actions.includes(p.action)) await permissions.delete({ where: { id: p.id } });
    }
    for (const action of actions) {
      if (!current.some((p) => p.action === action)) await permissions.create({ data: { action, role: role.id } });
    }
  }
}

async function seedRestaurants(strapi) {
  const rows = strapi.db.query(RESTAURANT);
  const documents = strapi.documents(RESTAURANT);
  const seed = async ([name, price, description], status) => {
    const slug = slugify(name);
    if (await rows.findOne({ where: { slug }, select: ['id'] })) return; // seeded before: leave it
    await documents.create({ data: { name, slug, price, description }, ...(status ? { status } : {}) });
  };
  for (const r of RESTAURANTS) await seed(r, 'published');
  await seed(DRAFT_ONLY, null);
}

// Several nodes on one PostgreSQL (scripts/prod.sh) may boot at once: a transaction-scoped
// advisory lock makes them seed one after the other, so the later one finds the rows (a uid field
// cannot be a unique index under draft & publish: a document's draft and published rows share it).
// SQLite is one process's file; there the transaction alone is enough.
const SEED_LOCK = 2926071; // any constant shared by the nodes

async function setupContent(strapi) {
  const postgres = strapi.config.get('database.connection.client') === 'postgres';
  await strapi.db.transaction(async ({ trx }) => {
    if (postgres) await trx.raw('SELECT pg_advisory_xact_lock(?)', [SEED_LOCK]);
    await applyPermissions(strapi);
    await seedRestaurants(strapi);
  });
}

module.exports = { setupContent };
