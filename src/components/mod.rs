//! Reusable pieces of UI, one per file.

mod form_alert;
mod layout;
mod new_password_fields;
mod remember_me;
mod review_form;
mod review_row;
mod submit_button;
mod text_field;

pub use form_alert::FormAlert;
pub use layout::{checking_session, page_title, Layout};
pub use new_password_fields::NewPasswordFields;
pub use remember_me::RememberMe;
pub use review_form::{ReviewForm, ReviewTarget};
pub use review_row::review_row;
pub use submit_button::SubmitButton;
pub use text_field::TextField;
