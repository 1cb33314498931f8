'use strict';

// The core routes. Changing or deleting a review is its author's alone (api::review.is-author);
// reading reviews never shows a draft restaurant through a populate (global::published-only).
const { createCoreRouter } = require('@strapi/strapi').factories;

module.exports = createCoreRouter('api::review.review', {
  config: {
    find: { middlewares: ['global::published-only'] },
    findOne: { middlewares: ['global::published-only'] },
    update: { middlewares: ['api::review.is-author'] },
    delete: { middlewares: ['api::review.is-author'] },
  },
});
