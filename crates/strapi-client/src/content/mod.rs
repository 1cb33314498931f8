//! Strapi 5's content API: collection and single types, typed, with queries encoded as Strapi's
//! REST API documents them.
//!
//! - [`Query`] (with [`Filter`], [`Populate`], [`Sort`], [`Status`], [`Value`]): the query string,
//!   exactly as `qs.stringify(query, { encodeValuesOnly: true })` writes the docs' object
//!   (checked against npm's `qs` by `tests/qs_oracle.rs`).
//! - [`Entry`], [`List`], [`Single`], [`PageInfo`]: the answers; [`DataBody`]: the request body.
//! - [`field_errors`], [`field_name`]: a `ValidationError`'s fields, for a form.
//! - [`Collection`], [`SingleType`]: the requests, as typed `Call`s. `StrapiClient::send` sends
//!   one as the Public role; the session (`SessionManager::call`) with the logged-in person's
//!   token, renewed on a 401.

mod answer;
mod collection;
mod query;
mod validation;

#[cfg(test)]
mod tests;

pub use answer::{DataBody, Entry, List, ListMeta, PageInfo, Single, SingleMeta};
pub use collection::{Collection, SingleType};
pub use query::{FieldFilter, Filter, Populate, Query, Sort, Status, Value};
pub use validation::{field_errors, field_name};
