'use strict';

// Reviews: Strapi's core controller, with the rules it cannot know.
//
// 1. The author is whoever is logged in. `create` ignores any `author` in the body and sets the
//    caller; `update` ignores `author` and `restaurant` (a review stays its author's, on the
//    restaurant it was written for). Who may update or delete is api::review.is-author's job.
// 2. A review shows its author as `{ id, documentId, username }` and nothing else, to everyone.
//    Core Strapi can only show a relation to users to roles that may `find` users, which would also
//    list every user with their email at /api/users. So reading reviews checks relations to users
//    as if that permission were granted, for this type only, and then projects the author down to
//    the three public fields. Queries (filters, sort, populate) may name those three fields of the
//    author and no other: `filters[author][id]` and `[username]` work, `[email]` is a 400 as if the
//    field did not exist, so no private field can be probed through a filter.
// 3. `restaurant` is required on create and must be a published restaurant's documentId.
const { createCoreController } = require('@strapi/strapi').factories;
const { errors } = require('@strapi/utils');

const UID = 'api::review.review';
const USER_FIND = 'plugin::users-permissions.user.find';
const AUTHOR_FIELDS = ['id', 'documentId', 'username'];

/** The request as seen by a reader of reviews: relations to users readable (see 2 above). */
function readingAuthors(ctx) {
  const auth = ctx.state.auth || {};
  const ability = { can: (scope) => scope === USER_FIND || Boolean(auth.ability?.can(scope)) };
  return Object.create(ctx, { state: { value: { ...ctx.state, auth: { ...auth, ability } } } });
}

const invalidKey = (key, param) => new errors.ValidationError(`Invalid key ${key}`, { key, source: 'query', param });

/** Throws on any author field but the public ones, anywhere in a filters or sort value. */
function checkAuthorKeys(value, param, inAuthor = false) {
  if (Array.isArray(value)) return value.forEach((v) => checkAuthorKeys(v, param, inAuthor));
  if (typeof value === 'string' && param === 'sort') {
    // "author.email:asc,note:desc"
    for (const part of value.split(',')) {
      const [head, field] = part.split(':')[0].trim().split('.');
      if (head === 'author' && field !== undefined && !AUTHOR_FIELDS.includes(field)) throw invalidKey(field, param);
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith('$')) {
      checkAuthorKeys(inner, param, inAuthor); // an operator: $and, $or, $not, $eq, ...
    } else if (inAuthor && !AUTHOR_FIELDS.includes(key)) {
      throw invalidKey(key, param);
    } else {
      checkAuthorKeys(inner, param, inAuthor || key === 'author');
    }
  }
}

/** The query with an object-form populate of `author` reduced to its public fields (its own
 * filters, sort or nested populate could otherwise probe the user's private fields). */
function withPublicAuthorPopulate(query) {
  const { populate } = query;
  if (!populate || typeof populate !== 'object' || Array.isArray(populate) || !('author' in populate)) return query;
  return { ...query, populate: { ...populate, author: { fields: ['username'] } } };
}

const projectAuthor = (entity) => {
  if (entity && typeof entity === 'object' && entity.author && typeof entity.author === 'object') {
    entity.author = Object.fromEntries(AUTHOR_FIELDS.filter((f) => f in entity.author).map((f) => [f, entity.author[f]]));
  }
  return entity;
};

const bodyData = (ctx) => {
  const data = ctx.request.body?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new errors.ValidationError('Missing "data" payload in the request body');
  }
  return data;
};

const restaurantError = (message) =>
  new errors.ValidationError(message, { errors: [{ path: ['restaurant'], message, name: 'ValidationError' }] });

module.exports = createCoreController(UID, ({ strapi }) => ({
  async validateQuery(ctx) {
    checkAuthorKeys(ctx.query.filters, 'filters');
    checkAuthorKeys(ctx.query.sort, 'sort');
    const view = readingAuthors(ctx);
    return super.validateQuery(Object.create(view, { query: { value: withPublicAuthorPopulate(ctx.query) } }));
  },

  async sanitizeQuery(ctx) {
    const view = readingAuthors(ctx);
    return super.sanitizeQuery(Object.create(view, { query: { value: withPublicAuthorPopulate(ctx.query) } }));
  },

  async sanitizeOutput(data, ctx) {
    const out = await super.sanitizeOutput(data, readingAuthors(ctx));
    return Array.isArray(out) ? out.map(projectAuthor) : projectAuthor(out);
  },

  async create(ctx) {
    // Only a person can be an author (an API token made in the admin has no user).
    if (!ctx.state.user) return ctx.forbidden('Only a logged-in user can write a review');
    const { author: _ignored, ...input } = bodyData(ctx);
    await this.validateQuery(ctx);
    const query = await this.sanitizeQuery(ctx);
    await this.validateInput(input, ctx);
    const data = await this.sanitizeInput(input, ctx);
    if (typeof data.restaurant !== 'string' || !data.restaurant) {
      throw restaurantError('restaurant must be the documentId of a published restaurant');
    }
    const restaurant = await strapi
      .documents('api::restaurant.restaurant')
      .findOne({ documentId: data.restaurant, status: 'published', fields: ['id'] });
    if (!restaurant) throw restaurantError('No published restaurant has this documentId');
    const entity = await strapi.service(UID).create({ ...query, data: { ...data, author: ctx.state.user.id } });
    ctx.status = 201;
    return this.transformResponse(await this.sanitizeOutput(entity, ctx));
  },

  async update(ctx) {
    const data = bodyData(ctx);
    delete data.author;
    delete data.restaurant;
    return super.update(ctx);
  },
}));
