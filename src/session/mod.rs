//! The user's session: its tokens, where they are kept, when they are refreshed.

pub mod jwt;
mod single_flight;
mod token_store;
mod tokens;

pub use single_flight::SingleFlight;
pub use token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
pub use tokens::{looks_like_jwt, read_tokens, TokenMode, Tokens};
