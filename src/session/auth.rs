//! `Auth`, the handle `use_auth()` gives pages: the session's state and one typed call for each
//! thing a page does with Strapi. No page names an endpoint or sees a token.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::prelude::*;

use super::manager::SessionManager;
use super::state::{AuthAction, AuthState, AuthStatus, EndReason};
use super::tokens::{TokenMode, Tokens};
use crate::api::{
    json, ApiError, AuthResponse, ChangePasswordRequest, Data, DeviceSession, Ignored, Method,
    StrapiClient, User,
};
use crate::router::percent_encode;

/// What `use_auth()` returns: the state, and the only way pages log in, log out and make
/// authenticated requests.
#[derive(Clone)]
pub struct Auth {
    state: Rc<AuthState>,
    dispatch: UseReducerDispatcher<AuthState>,
    session: Rc<SessionManager>,
}

impl Auth {
    pub(super) fn new(
        state: Rc<AuthState>,
        dispatch: UseReducerDispatcher<AuthState>,
        session: Rc<SessionManager>,
    ) -> Self {
        Self {
            state,
            dispatch,
            session,
        }
    }
}

impl PartialEq for Auth {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.session, &other.session)
    }
}

impl Auth {
    pub fn status(&self) -> &AuthStatus {
        &self.state.status
    }

    pub fn ended(&self) -> Option<EndReason> {
        self.state.ended
    }

    pub fn user(&self) -> Option<&User> {
        match &self.state.status {
            AuthStatus::Authenticated(user) => Some(user),
            _ => None,
        }
    }

    /// The confirmed session's token mode, e.g. to offer features of session management.
    pub fn mode(&self) -> Option<TokenMode> {
        self.state.mode
    }

    /// `POST /auth/local`; on success the tokens are stored and the user is authenticated.
    pub async fn login(&self, identifier: &str, password: &str) -> Result<(), ApiError> {
        let answer = self.session.client().login(identifier, password).await?;
        self.adopt(answer);
        Ok(())
    }

    /// Makes a session Strapi issued (login, registration, password reset, provider login,
    /// password change) the current one.
    pub fn adopt(&self, answer: AuthResponse) {
        let tokens = Tokens::from_auth(&answer);
        self.session.adopt(&tokens);
        self.dispatch
            .dispatch(AuthAction::Confirmed(answer.user, tokens.mode()));
    }

    /// `POST /auth/change-password`. Strapi answers with a new session (in session-management
    /// mode it also revokes the user's other sessions), which becomes the current one.
    pub async fn change_password(
        &self,
        current_password: &str,
        password: &str,
        password_confirmation: &str,
    ) -> Result<(), ApiError> {
        let body = json(&ChangePasswordRequest {
            current_password,
            password,
            password_confirmation,
        });
        let answer: AuthResponse = self
            .send(Method::POST, "/auth/change-password", Some(body))
            .await?;
        self.adopt(answer);
        Ok(())
    }

    /// Ends the session locally at once (the page shows it), then revokes it on Strapi where the
    /// mode allows.
    pub async fn logout(&self, everywhere: bool) {
        let revoke = self.session.logout(everywhere);
        self.dispatch
            .dispatch(AuthAction::Ended(EndReason::LoggedOut));
        revoke.await;
    }

    /// The anonymous calls (registration, password reset, provider callback, …) and Strapi's
    /// configuration. Everything that needs the session is a method of `Auth` itself.
    pub fn public(&self) -> &StrapiClient {
        self.session.client()
    }

    /// `GET /users/me`.
    pub async fn me(&self) -> Result<User, ApiError> {
        self.send(Method::GET, "/users/me", None).await
    }

    /// `GET /auth/sessions`: the user's signed-in devices (session-management mode).
    pub async fn devices(&self) -> Result<Vec<DeviceSession>, ApiError> {
        let list: Data<Vec<DeviceSession>> = self.send(Method::GET, "/auth/sessions", None).await?;
        Ok(list.data)
    }

    /// `DELETE /auth/sessions/:id`; see `sign_out_device` for what a person means by it.
    pub(super) async fn delete_device(&self, id: &str) -> Result<Ignored, ApiError> {
        let path = format!("/auth/sessions/{}", percent_encode(id));
        self.send(Method::DELETE, &path, None).await
    }

    /// An authenticated request to Strapi (`path` below the API prefix): the session adds the
    /// bearer, refreshes and retries.
    async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        self.session.send(method, path, body).await
    }

    pub fn recheck(&self) {
        self.dispatch.dispatch(AuthAction::Recheck);
    }
}

#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth() is called inside <AuthProvider>")
}
