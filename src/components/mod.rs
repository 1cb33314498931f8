//! Reusable pieces of UI, one per file.

mod layout;
mod text_field;

pub use layout::{page_title, Layout};
pub use text_field::TextField;
