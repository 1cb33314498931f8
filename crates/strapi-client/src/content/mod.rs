//! Strapi 5's content API: collection and single types, typed, with queries encoded as Strapi's
//! REST API documents them.
