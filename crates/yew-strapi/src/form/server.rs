//! Strapi's validation errors, mapped onto a form's fields.

use super::field_map::FormField;
use super::field_map::Slots;
use super::state::Errors;
use crate::api::ApiError;

/// Strapi's per-field validation messages (`details.errors[].path`), for the fields this form has.
pub fn server_field_errors<F: FormField>(error: &ApiError) -> Errors<F> {
    Errors::from_slots(server_field_slots(error, F::ALL.len(), |name| {
        F::from_name(name).map(F::slot)
    }))
}

/// The same, untyped: `slot_of` finds a field's position from its name.
pub fn server_field_slots(
    error: &ApiError,
    fields: usize,
    slot_of: impl Fn(&str) -> Option<usize>,
) -> Slots<String> {
    let mut slots: Slots<String> = vec![None; fields];
    if let ApiError::Strapi { error, .. } = error {
        for e in &error.details.errors {
            if let Some(slot) = e.path.first().and_then(|name| slot_of(name)) {
                slots[slot] = Some(e.message.clone());
            }
        }
    }
    slots
}
