//! A formik-like form hook: state transitions in `state`, the Yew glue in `hook`, checks in `validate`.

mod field_map;
mod hook;
mod server;
mod state;
pub mod validate;

pub use field_map::{FieldMap, FormField, Slots};
pub use hook::{use_form, Binding, UseForm, ALERT_ID};
pub use server::server_field_errors;
pub use state::{slot_validator, Errors, FormAction, FormState, Validator, Values};
