//! The user's session: its tokens, where they are kept, when they are refreshed.

mod auth;
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod decide;
mod devices;
pub mod jwt;
mod manager;
mod provider;
mod single_flight;
mod state;
mod tab_lock;
mod token_store;
mod tokens;
mod worker;

pub use auth::{use_auth, Auth};
pub use devices::{same_sign_in, SignOutError, MSG_STILL_SIGNED_IN};
pub use provider::AuthProvider;
pub use single_flight::SingleFlight;
pub use state::{AuthAction, AuthState, AuthStatus, EndReason, ShortLived};
pub use token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
pub use tokens::{looks_like_jwt, read_tokens, TokenMode, Tokens};
