//! Strapi's JSON on the wire, field for field (Users & Permissions, Strapi 5).

use serde::{Deserialize, Serialize};

/// `POST /auth/local` body.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct LoginRequest<'a> {
    /// The user's email or username: Strapi accepts either.
    pub identifier: &'a str,
    /// The password.
    pub password: &'a str,
}

/// A user as `/auth/local` and `/users/me` return it (the bare object, not wrapped in `data`).
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The user's numeric database id (`id`).
    pub id: u64,
    /// Strapi 5's `documentId`; empty where Strapi sends none (Strapi 4).
    #[serde(default)]
    pub document_id: String,
    /// The username.
    pub username: String,
    /// The email address.
    pub email: String,
    /// How the account signs in: `local` (a password) or a provider's name (`github`, …); empty
    /// when absent.
    #[serde(default)]
    pub provider: String,
    /// Whether the email address is confirmed (false when absent).
    #[serde(default)]
    pub confirmed: bool,
    /// Whether an administrator blocked the account (false when absent).
    #[serde(default)]
    pub blocked: bool,
    /// When the account was created (`createdAt`, ISO 8601 as Strapi sends it).
    #[serde(default)]
    pub created_at: Option<String>,
    /// When the account last changed (`updatedAt`, ISO 8601).
    #[serde(default)]
    pub updated_at: Option<String>,
    /// Strapi 5's `publishedAt` (ISO 8601), where sent.
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
    /// The JWT to send as `Authorization: Bearer`: the session's only token in legacy mode, a
    /// short-lived access token in session-management mode.
    pub jwt: String,
    /// `refreshToken`: only in session-management mode, and absent when Strapi put it in its
    /// httpOnly cookie instead (as cookie mode asks).
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// The user the session belongs to.
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
    /// The HTTP status, as Strapi reports it.
    pub status: u16,
    /// Strapi's error class, e.g. `ValidationError`, `ApplicationError`, `ForbiddenError`.
    pub name: String,
    /// Strapi's message, in English (most 4xx ones reach the person through
    /// [`ApiError::user_message`]).
    ///
    /// [`ApiError::user_message`]: super::ApiError::user_message
    pub message: String,
    /// Per-field causes, for validation errors; empty otherwise (also when `details` is `null`).
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
    /// One entry per failed check; empty when Strapi gives none.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

/// One validation failure; `path` names the field (`["identifier"]`).
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Where in the request body the check failed; the first element is the field's name.
    #[serde(default)]
    pub path: Vec<String>,
    /// What is wrong, in Strapi's English words (e.g. `password is a required field`).
    pub message: String,
    /// The check's class (e.g. `ValidationError`); empty when absent.
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
    /// The new access token.
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
    /// Strapi's `ok` flag.
    pub ok: bool,
}

/// One entry of `GET /auth/sessions`.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSession {
    /// The session's id, as `DELETE /auth/sessions/:id` takes it. Strapi gives the session a new
    /// one each time its refresh token rotates.
    pub id: String,
    /// `null` unless the client sent a `deviceId` at login.
    #[serde(default)]
    pub device_id: Option<String>,
    /// A readable name Strapi derived from the login's `User-Agent` (e.g. `Chrome on Linux`).
    #[serde(default)]
    pub device_name: Option<String>,
    /// Whether this is the session whose access token made the request: this device.
    #[serde(default)]
    pub current: bool,
    /// When the user signed in on the device (`loginAt`, ISO 8601); kept across rotations.
    #[serde(default)]
    pub login_at: Option<String>,
    /// When the session's refresh token last rotated (`lastActiveAt`, ISO 8601): Strapi's
    /// nearest measure of when it was last used.
    #[serde(default)]
    pub last_active_at: Option<String>,
}

/// Strapi's `{data: …}` wrapper, as `/auth/sessions` uses.
#[derive(Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct Data<T> {
    /// The wrapped answer.
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
    /// The session's JWT, as in [`AuthResponse::jwt`]; `None` while the email awaits confirmation.
    #[serde(default)]
    pub jwt: Option<String>,
    /// As [`AuthResponse::refresh_token`]; also `None` while the email awaits confirmation.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// The new user.
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
    /// The password the user has now (`currentPassword`).
    pub current_password: &'a str,
    /// The new password.
    pub password: &'a str,
    /// The new password again (`passwordConfirmation`); Strapi refuses a mismatch.
    pub password_confirmation: &'a str,
}
