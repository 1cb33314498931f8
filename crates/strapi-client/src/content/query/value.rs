//! The scalar a filter compares with: a string, an integer, a float or a boolean.

use super::encode::js_number;

/// A value in a filter, sent as `qs` sends the matching JavaScript value.
///
/// Built with `From`: `"pizza"`, `5`, `4.5`, `true`, `String`… Dates and times are strings in
/// Strapi's ISO 8601 form (`"2026-12-07"`, `"2026-12-07T12:00:00.000Z"`).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Sent as it is, percent-encoded (`Kai doe` → `Kai%20doe`).
    String(String),
    /// Sent in decimal, every digit kept (as `qs` writes a JavaScript `BigInt`): ids beyond 2^53
    /// are not rounded as a JavaScript `Number` would round them.
    Integer(i128),
    /// Sent as JavaScript writes the number: `0.5`, `1e+21` (encoded `1e%2B21`), `1e-7`; `-0`
    /// is `0`, and NaN and the infinities are `NaN`, `Infinity`, `-Infinity`, which no Strapi
    /// field matches.
    Float(f64),
    /// Sent as `true` or `false`.
    Bool(bool),
}

impl Value {
    /// The text `qs` encodes for it (before percent-encoding).
    pub(crate) fn to_text(&self) -> String {
        match self {
            Value::String(s) => s.clone(),
            Value::Integer(i) => i.to_string(),
            Value::Float(x) => js_number(*x),
            Value::Bool(b) => b.to_string(),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Self {
        Value::Float(x)
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(i: $t) -> Self {
                Value::Integer(i as i128)
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize);
