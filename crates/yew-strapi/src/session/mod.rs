//! The session as Yew state: `AuthProvider` owns a `strapi_client` session manager and turns what
//! it reports into an `AuthState`; pages reach it through `use_auth()`.

mod auth;
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod devices;
mod provider;
mod state;

pub use auth::{use_auth, Auth};
pub use devices::{same_sign_in, SignOutError, MSG_STILL_SIGNED_IN};
pub use provider::AuthProvider;
pub use state::{AuthAction, AuthState, AuthStatus};
