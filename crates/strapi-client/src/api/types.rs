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

/// Some errors carry `details: null`; that is no details, not a malformed answer.
fn lenient_details<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ErrorDetails, D::Error> {
    Ok(Option::<ErrorDetails>::deserialize(d)?.unwrap_or_default())
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

/// `POST /auth/refresh` body, and `POST /auth/logout` body for one session.
#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefreshRequest<'a> {
    pub refresh_token: &'a str,
}

/// `POST /auth/refresh` answer: a rotated pair, no user.
#[derive(Deserialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefreshResponse {
    pub jwt: String,
    /// Absent in cookie mode: the new refresh token is in Strapi's cookie.
    #[serde(default)]
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for RefreshResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RefreshResponse(<redacted>)")
    }
}

/// `{"ok":true}` from logout.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct OkResponse {
    pub ok: bool,
}

/// One entry of `GET /auth/sessions`.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSession {
    pub id: String,
    /// `null` unless the client sent a `deviceId` at login.
    #[serde(default)]
    pub device_id: Option<String>,
    #[serde(default)]
    pub device_name: Option<String>,
    #[serde(default)]
    pub current: bool,
    #[serde(default)]
    pub login_at: Option<String>,
    #[serde(default)]
    pub last_active_at: Option<String>,
}

/// Strapi's `{data: …}` wrapper, as `/auth/sessions` uses.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Data<T> {
    pub data: T,
}

/// An answer whose body does not matter beyond being Strapi's JSON (`{"data":{}}`).
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Ignored {}

/// `POST /auth/local/register` body.
#[derive(Serialize, Clone, PartialEq, Eq)]
pub struct RegisterRequest<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub password: &'a str,
}

/// A registration: like a login, except that with email confirmation on there is no token yet.
#[derive(Deserialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RegisterResponse {
    #[serde(default)]
    pub jwt: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
    pub user: User,
}

impl RegisterResponse {
    /// The session, when Strapi issued one (email confirmation off).
    pub fn into_auth(self) -> Option<AuthResponse> {
        Some(AuthResponse {
            jwt: self.jwt?,
            refresh_token: self.refresh_token,
            user: self.user,
        })
    }
}

impl std::fmt::Debug for RegisterResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegisterResponse")
            .field("jwt", &self.jwt.as_ref().map(|_| "<redacted>"))
            .field("user", &self.user)
            .finish()
    }
}

/// `POST /auth/forgot-password` and `/auth/send-email-confirmation` body.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct EmailRequest<'a> {
    pub email: &'a str,
}

/// `POST /auth/reset-password` body.
#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ResetPasswordRequest<'a> {
    pub code: &'a str,
    pub password: &'a str,
    pub password_confirmation: &'a str,
}

/// `POST /auth/change-password` body.
#[derive(Serialize, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ChangePasswordRequest<'a> {
    pub current_password: &'a str,
    pub password: &'a str,
    pub password_confirmation: &'a str,
}
