// Adds `Server-Timing: app;dur=<ms>` so a client can tell Strapi's own time from the network's,
// and, when NODE_NAME is set (several nodes behind a load balancer, scripts/prod.sh), an
// `X-Strapi-Node` header naming the node that answered, so tests can see requests spread.
module.exports = () => {
  const node = process.env.NODE_NAME;
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
      if (node) ctx.set('X-Strapi-Node', node);
    }
  };
};
