//! Strapi's JSON on the wire, field for field (Users & Permissions, Strapi 5).

use serde::{Deserialize, Serialize};

/// `POST /auth/local` body.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LoginRequest<'a> {
    pub identifier: &'a str,
    pub password: &'a str,
}

/// A user as `/auth/local` and `/users/me` return it (the bare object, not wrapped in `data`).
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: u64,
    #[serde(default)]
    pub document_id: String,
    pub username: String,
    pub email: String,
    #[serde(default)]
    pub provider: String,
    #[serde(default)]
    pub confirmed: bool,
    #[serde(default)]
    pub blocked: bool,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub published_at: Option<String>,
}

/// A successful login or registration: `{jwt, user}` in legacy mode,
/// `{jwt, refreshToken, user}` with `jwtManagement: 'refresh'`.
///
/// `Debug` is written by hand: it holds tokens, and a stray `{:?}` must not print them.
#[derive(Deserialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AuthResponse {
    pub jwt: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
    pub user: User,
}

impl std::fmt::Debug for AuthResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthResponse")
            .field("jwt", &"<redacted>")
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "<redacted>"),
            )
            .field("user", &self.user)
            .finish()
    }
}

/// Strapi's error envelope: `{"data":null,"error":{…}}`.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct ErrorEnvelope {
    pub error: StrapiError,
}

/// The `error` member of every Strapi error answer.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct StrapiError {
    pub status: u16,
    pub name: String,
    pub message: String,
    #[serde(default, deserialize_with = "lenient_details")]
    pub details: ErrorDetails,
}

/// Some errors carry `details: null` or details of another shape; none of that should turn a
/// well-formed Strapi error into a "malformed answer".
fn lenient_details<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ErrorDetails, D::Error> {
    let value = serde_json::Value::deserialize(d)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// `details` is `{}` for most errors and `{errors:[…]}` for validation errors with several causes.
#[derive(Deserialize, Debug, Clone, PartialEq, Default)]
pub struct ErrorDetails {
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// One validation failure; `path` names the field (`["identifier"]`).
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    #[serde(default)]
    pub path: Vec<String>,
    pub message: String,
    #[serde(default)]
    pub name: String,
}

impl StrapiError {
    /// The message for one field, matched on the first element of each error's `path`.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        self.details
            .errors
            .iter()
            .find(|e| e.path.first().map(String::as_str) == Some(field))
            .map(|e| e.message.as_str())
    }
}
