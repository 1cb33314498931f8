// Adds `Server-Timing: app;dur=<ms>` so a client can tell Strapi's own time from the network's.
module.exports = () => async (ctx, next) => {
  const start = process.hrtime.bigint();
  try {
    await next();
  } finally {
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    ctx.set('Server-Timing', `app;dur=${ms.toFixed(1)}`);
  }
};
