// The Strapi 5 back end's Server-Timing middleware: 4.26 loads it the same way.
module.exports = require('../../../strapi/src/middlewares/server-timing.js');
