// The same middleware stack as the Strapi 5 back end (CORS for the app's origins, the headers the
// app reads exposed, Server-Timing): 4.26 takes the same configuration.
module.exports = require('../../strapi/config/middlewares.js');
