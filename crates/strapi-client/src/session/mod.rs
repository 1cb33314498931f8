//! The user's session: its tokens, where they are kept, when they are renewed, and how it ends.
//! Free of any UI framework: a UI layer (the `yew-strapi` crate) owns a [`SessionManager`] and
//! turns what it reports into state.

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod decide;
mod ending;
pub mod jwt;
mod manager;
mod single_flight;
mod tab_lock;
mod token_store;
mod tokens;
mod worker;

pub use decide::Keep;
pub use ending::{EndReason, ShortLived};
pub use manager::SessionManager;
pub use single_flight::SingleFlight;
pub use token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
pub use tokens::{looks_like_jwt, read_tokens, TokenMode, Tokens};
