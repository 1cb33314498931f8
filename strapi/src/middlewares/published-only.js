'use strict';

// Route middleware: drafts stay private. Strapi's core `find`/`findOne` hand every draft version
// (never-published entries included) to whoever may read a type and asks `?status=draft`: the
// status parameter is not a permission. The app's people (the Public and Authenticated roles of
// Users & Permissions) get published versions only: any other status is refused with 403, not
// silently turned into `published`, so a client asking for drafts learns that it cannot have
// them. Other callers (an API token made in the admin, for a preview) keep Strapi's behaviour.
// A route middleware rather than a policy: a policy's ForbiddenError reaches the client as a bare
// "Forbidden" (Strapi's authorize step replaces it), and this message is worth keeping.
module.exports = () => async (ctx, next) => {
  const { status } = ctx.query;
  if (status !== undefined && status !== 'published' && ctx.state.auth?.strategy?.name === 'users-permissions') {
    return ctx.forbidden('Drafts are not public: leave out status, or ask for status=published');
  }
  return next();
};
