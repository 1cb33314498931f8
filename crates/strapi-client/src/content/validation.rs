//! From a `ValidationError`'s `details.errors[].path` to the form field it is about.

use crate::api::StrapiError;

/// A validation error's `path` as a form field name: its parts joined with dots, as a dotted
/// [`Filter::field`](super::Filter::field) path names them: `["note"]` → `note`,
/// `["restaurant", "name"]` → `restaurant.name`, `["blocks", "0", "title"]` → `blocks.0.title`
/// (Strapi writes list indices as strings). An empty path gives an empty name.
pub fn field_name(path: &[String]) -> String {
    path.join(".")
}

/// Each field's first message, in Strapi's order: `(field name, message)`. Errors without a
/// path are about the whole body: `StrapiError::message` already says them.
///
/// [`StrapiError::field_message`] matches one name against each path's first part only, which
/// is enough for the flat Users & Permissions forms; this reads the whole path.
pub fn field_errors(error: &StrapiError) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for e in &error.details.errors {
        let name = field_name(&e.path);
        if !name.is_empty() && !fields.iter().any(|(n, _)| *n == name) {
            fields.push((name, e.message.clone()));
        }
    }
    fields
}
