//! The user's session: its tokens and where they are kept.

mod token_store;
mod tokens;

pub use token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
pub use tokens::{looks_like_jwt, read_tokens, TokenMode, Tokens};
