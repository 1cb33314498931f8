//! The user's session: its tokens, where they are kept, when they are refreshed.

mod auth;
pub mod jwt;
mod manager;
mod single_flight;
mod tab_lock;
mod token_store;
mod tokens;

pub use auth::{use_auth, Auth, AuthAction, AuthProvider, AuthState, AuthStatus, EndReason};
pub use manager::{SessionEvent, SessionManager};
pub use single_flight::SingleFlight;
pub use token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
pub use tokens::{looks_like_jwt, read_tokens, TokenMode, Tokens};
