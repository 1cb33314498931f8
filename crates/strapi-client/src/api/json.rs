//! JSON in and out: request bodies written by serde_json, answers read by the browser's own parser.

use serde::de::DeserializeOwned;

/// Why a text did not become the expected type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON at all (an HTML error page, an empty body, a cut-off answer).
    Syntax,
    /// JSON, but not the shape asked for.
    Shape,
}

/// Our request bodies are plain structs of strings: serializing them cannot fail.
pub(crate) fn to_json<T: serde::Serialize>(body: &T) -> String {
    serde_json::to_string(body).unwrap_or_default()
}

/// In the browser, `JSON.parse` reads the text and serde-wasm-bindgen maps the result onto `T`:
/// serde_json's parser and its per-type visitors stay out of the bundle (about 12 KB gzip).
/// Where the two parsers differ (numbers beyond 2^53, duplicate keys, lone surrogates), the
/// browser tests in `api/tests.rs` pin down what this one does.
#[cfg(target_arch = "wasm32")]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|_| JsonError::Syntax)?;
    serde_wasm_bindgen::from_value(value).map_err(|_| JsonError::Shape)
}

/// Natively (tests, tools) serde_json reads it, with the same two outcomes.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(|_| {
        if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
            JsonError::Shape
        } else {
            JsonError::Syntax
        }
    })
}
