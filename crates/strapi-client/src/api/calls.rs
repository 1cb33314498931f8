//! The authenticated endpoints, one typed `Call` each: what a logged-in page may ask Strapi.
//! A `Call` can only be made here, so no page names an endpoint or builds a request;
//! [`SessionManager::call`](crate::session::SessionManager::call) (or yew-strapi's `Auth::call`)
//! sends it with the session's bearer, refreshing and retrying as needed.

use std::marker::PhantomData;

use gloo_net::http::Method;

use super::json::to_json;
use super::types::{AuthResponse, ChangePasswordRequest, Data, DeviceSession, Ignored, User};
use crate::config::path_segment;

/// One authenticated request and the type its answer parses into.
#[derive(Debug, Clone, PartialEq)]
pub struct Call<T> {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) body: Option<String>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Call<T> {
    pub(crate) fn new(method: Method, path: impl Into<String>, body: Option<String>) -> Self {
        Self {
            method,
            path: path.into(),
            body,
            answer: PhantomData,
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path under Strapi's REST prefix, query string included (`/reviews?sort[0]=…`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The JSON body, where the request has one.
    pub fn body(&self) -> Option<&str> {
        self.body.as_deref()
    }
}

/// `GET /users/me`: the logged-in user.
pub fn me() -> Call<User> {
    Call::new(Method::GET, "/users/me", None)
}

/// `GET /auth/sessions`: the user's signed-in devices (session-management mode).
pub fn devices() -> Call<Data<Vec<DeviceSession>>> {
    Call::new(Method::GET, "/auth/sessions", None)
}

/// `DELETE /auth/sessions/:id`: signs one device out.
pub fn delete_device(id: &str) -> Call<Ignored> {
    Call::new(
        Method::DELETE,
        format!("/auth/sessions/{}", path_segment(id)),
        None,
    )
}

/// `POST /auth/change-password`: answers with a new session (in session-management mode Strapi
/// also revokes the user's other sessions).
pub fn change_password(
    current_password: &str,
    password: &str,
    password_confirmation: &str,
) -> Call<AuthResponse> {
    let body = to_json(&ChangePasswordRequest {
        current_password,
        password,
        password_confirmation,
    });
    Call::new(Method::POST, "/auth/change-password", Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_call_names_its_endpoint_once() {
        assert_eq!((me().method, me().path), (Method::GET, "/users/me".into()));
        assert_eq!(devices().path, "/auth/sessions");
        let delete = delete_device("a/b c");
        assert_eq!(delete.method, Method::DELETE);
        assert_eq!(
            delete.path, "/auth/sessions/a%2Fb%20c",
            "ids are one path segment"
        );
        let change = change_password("old", "new-pass", "new-pass");
        assert_eq!(change.method, Method::POST);
        assert_eq!(
            change.body.as_deref(),
            Some(
                r#"{"currentPassword":"old","password":"new-pass","passwordConfirmation":"new-pass"}"#
            )
        );
    }
}
