//! Strapi's REST API: the client, its wire types and its errors.

pub mod calls;
mod client;
mod error;
mod json;
mod types;

#[cfg(test)]
mod tests;

pub use calls::Call;
pub use client::{Answer, StrapiClient};
pub(crate) use client::{Cookies, RawAnswer, Revoke};
pub use error::{
    parse_answer, ApiError, MSG_FORBIDDEN, MSG_NOT_FOUND, MSG_NO_SERVER_SESSIONS, MSG_RATE_LIMITED,
    MSG_SERVER, MSG_SESSION_ENDED, MSG_UNREACHABLE,
};
pub use gloo_net::http::Method;
pub(crate) use json::to_json;
// The request bodies and the internal parser are the crate's own: callers get typed calls.
pub(crate) use json::from_json;
#[cfg(test)]
use types::LoginRequest;
#[cfg(test)]
pub(crate) use types::OkResponse;
pub use types::{
    AuthResponse, Data, DeviceSession, ErrorDetails, FieldError, Ignored, RefreshResponse,
    RegisterResponse, StrapiError, User,
};
