//! `Auth`, the handle `use_auth()` gives pages: the session's state and one typed call for each
//! thing a page does with Strapi. No page names an endpoint or sees a token.

use std::rc::Rc;

use serde::de::DeserializeOwned;
use yew::prelude::*;

use strapi_client::session::{EndReason, SessionManager, ShortLived, TokenMode, TokenStore};

use super::state::{AuthAction, AuthState, AuthStatus};
use crate::api::{calls, Answer, ApiError, AuthResponse, Call, DeviceSession, StrapiClient, User};

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
    /// Where the session stands: being checked, anonymous, authenticated, or unconfirmed.
    pub fn status(&self) -> &AuthStatus {
        &self.state.status
    }

    /// Why the last session ended, until a new one is confirmed (for the login page's words).
    pub fn ended(&self) -> Option<EndReason> {
        self.state.ended
    }

    /// The logged-in user, once Strapi has confirmed the session.
    pub fn user(&self) -> Option<&User> {
        match &self.state.status {
            AuthStatus::Authenticated(user) => Some(user),
            _ => None,
        }
    }

    /// Why the session lasts only as long as this page, where it does.
    pub fn short_lived(&self) -> Option<ShortLived> {
        self.state.short_lived
    }

    /// The confirmed session's token mode, e.g. to offer features of session management.
    pub fn mode(&self) -> Option<TokenMode> {
        self.state.mode
    }

    /// `POST /auth/local`; on success the tokens are stored and the user is authenticated.
    pub async fn login(&self, identifier: &str, password: &str) -> Result<(), ApiError> {
        let answer = self.session.client().login(identifier, password).await?;
        self.adopt(answer).await
    }

    /// Makes a session Strapi issued for a login (registration, password reset, provider login)
    /// the current one, kept as this tab's "Remember me" says.
    pub async fn adopt(&self, answer: AuthResponse) -> Result<(), ApiError> {
        self.begin(answer, true).await
    }

    async fn begin(&self, answer: AuthResponse, new_login: bool) -> Result<(), ApiError> {
        let tokens = self.session.begin(&answer, new_login).await?;
        self.dispatch
            .dispatch(AuthAction::Confirmed(answer.user, tokens.mode()));
        if let Some(why) = TokenStore::short_lived() {
            self.dispatch.dispatch(AuthAction::ShortLived(why));
        }
        Ok(())
    }

    /// This tab's "Remember me": whether the next login is kept in localStorage (checked) or
    /// only while a tab of the app is open.
    pub fn remember(&self) -> bool {
        TokenStore::remember_choice()
    }

    /// Sets this tab's "Remember me" for the next login (`rememberMe` in sessionStorage, see
    /// [`TokenStore::choose_remember`]); the current session stays where it is.
    pub fn set_remember(&self, remember: bool) {
        TokenStore::choose_remember(remember);
    }

    /// Whether the session lives in Strapi's httpOnly cookie: "Remember me" is then Strapi's
    /// cookie lifetime, not a choice this app offers.
    pub fn cookie_mode(&self) -> bool {
        self.session.client().cookie()
    }

    /// `POST /auth/change-password`. Strapi answers with a new session (in session-management
    /// mode it also revokes the user's other sessions), which becomes the current one.
    pub async fn change_password(
        &self,
        current_password: &str,
        password: &str,
        password_confirmation: &str,
    ) -> Result<(), ApiError> {
        let answer = self
            .call(calls::change_password(
                current_password,
                password,
                password_confirmation,
            ))
            .await?;
        // The same session goes on where it is kept, under the new tokens.
        self.begin(answer, false).await
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

    /// An authenticated call to Strapi (`api::calls`): the session adds the bearer, refreshes
    /// and retries. Only the parse is per answer type; the request path is one for all.
    pub fn call<T: DeserializeOwned>(&self, call: Call<T>) -> Answer<'_, T> {
        self.session.call(call)
    }

    /// `GET /auth/sessions`, as the list.
    pub async fn devices(&self) -> Result<Vec<DeviceSession>, ApiError> {
        Ok(self.call(calls::devices()).await?.data)
    }

    /// Confirms the session with `GET /users/me` again (e.g. "Try again" after
    /// [`AuthStatus::Unconfirmed`]): the status is `Checking` until Strapi answers.
    pub fn recheck(&self) {
        self.dispatch.dispatch(AuthAction::Recheck);
    }
}

/// The session's [`Auth`] handle, from the enclosing [`AuthProvider`](super::AuthProvider).
///
/// # Panics
///
/// Outside an `<AuthProvider>`.
#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth() is called inside <AuthProvider>")
}
