//! Strapi's REST API: the client, its wire types and its errors.

mod client;
mod error;
mod types;

#[cfg(test)]
mod tests;

pub use client::StrapiClient;
pub use error::{parse_answer, ApiError, MSG_RATE_LIMITED, MSG_SERVER, MSG_UNREACHABLE};
pub use types::{AuthResponse, ErrorDetails, FieldError, LoginRequest, StrapiError, User};
