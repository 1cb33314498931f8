'use strict';

// Route middleware on PUT and DELETE /api/reviews/:id: only a review's author may change or delete
// it. Strapi's core `update` and `delete` check no ownership (anyone with the permission could
// edit anyone's review). Anyone else gets 403 ForbiddenError and nothing changes; an unknown id
// goes on to the core controller, which answers its usual 404.
module.exports = (_config, { strapi }) => async (ctx, next) => {
  const user = ctx.state.user;
  const review = await strapi.documents('api::review.review').findOne({
    documentId: ctx.params.id,
    fields: ['id'],
    populate: { author: { fields: ['id'] } },
  });
  if (review && (!user || review.author?.id !== user.id)) {
    return ctx.forbidden('Only the author of a review may change or delete it');
  }
  return next();
};
