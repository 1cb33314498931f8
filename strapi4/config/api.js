// The same REST settings as the Strapi 5 back end (the prefix the app's configuration mirrors).
module.exports = require('../../strapi/config/api.js');
