//! Yew for a Strapi login, on the `strapi-client` crate: the session as Yew state
//! (`session`: `AuthProvider`, `use_auth()`), a formik-like form hook (`form`), and the takeover of
//! a prerendered page (`takeover`).

pub mod dom;
pub mod form;
pub mod session;
pub mod takeover;

// The client's modules under the names this crate's code uses.
use strapi_client::{api, time};
