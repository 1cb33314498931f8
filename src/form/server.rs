//! Strapi's validation errors, mapped onto a form's fields.

use super::state::{Errors, FormField};
use crate::api::ApiError;

/// Strapi's per-field validation messages (`details.errors[].path`), for the fields this form has.
pub fn server_field_errors<F: FormField>(error: &ApiError) -> Errors<F> {
    let ApiError::Strapi { error, .. } = error else {
        return Errors::new();
    };
    error
        .details
        .errors
        .iter()
        .filter_map(|e| Some((F::from_name(e.path.first()?)?, e.message.clone())))
        .collect()
}
