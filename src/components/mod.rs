//! Reusable pieces of UI, one per file.

mod layout;
mod require_auth;
mod text_field;

pub use layout::{page_title, Layout};
pub use require_auth::RequireAuth;
pub use text_field::TextField;
