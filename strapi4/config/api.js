// REST API: the prefix is Strapi's `rest.prefix`, which the app's configuration must mirror.
module.exports = ({ env }) => ({
  rest: {
    prefix: env('REST_PREFIX', '/api'),
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
  },
});
