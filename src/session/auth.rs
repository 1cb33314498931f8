//! `AuthProvider` and `use_auth()`: the one owner of the session that pages see.

use std::rc::Rc;

use gloo_events::EventListener;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use web_sys::StorageEvent;
use yew::prelude::*;

use super::manager::{SessionEvent, SessionManager};
use super::token_store::{TokenStore, KEY_ACCESS, KEY_REFRESH, KEY_TOKEN};
use super::tokens::{TokenMode, Tokens};
use crate::api::{json, ApiError, AuthResponse, ChangePasswordRequest, Method, StrapiClient, User};
use crate::time::now_secs;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthStatus {
    /// Tokens are stored and `/users/me` has not answered yet.
    Checking,
    Anonymous,
    Authenticated(Rc<User>),
    /// Tokens are stored but Strapi could not be asked; the message says why.
    Unconfirmed(String),
}

/// Why the last session ended, for the login page's words and redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndReason {
    /// Strapi refused the tokens and they could not be renewed.
    Expired,
    /// This tab logged out.
    LoggedOut,
    /// Another tab logged out (or cleared the tokens).
    Elsewhere,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthState {
    pub status: AuthStatus,
    pub ended: Option<EndReason>,
    /// Bumped whenever the stored session must be confirmed with `/users/me` again.
    pub check: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthAction {
    Confirmed(User),
    Ended(EndReason),
    Unconfirmed(String),
    /// Ask `/users/me` again (after "Try again", or when another tab logged in).
    Recheck,
    /// The tokens in storage changed in another tab; `present` says whether a session is stored.
    StorageChanged {
        present: bool,
    },
}

impl AuthState {
    /// The state at start-up, from what storage holds.
    pub fn initial(has_tokens: bool) -> Self {
        Self {
            status: if has_tokens {
                AuthStatus::Checking
            } else {
                AuthStatus::Anonymous
            },
            ended: None,
            check: u32::from(has_tokens),
        }
    }

    pub fn next(&self, action: AuthAction) -> Self {
        let mut next = self.clone();
        match action {
            AuthAction::Confirmed(user) => {
                next.status = AuthStatus::Authenticated(Rc::new(user));
                next.ended = None;
            }
            // A session ends once: a late "expired" (a request that was out during a logout)
            // must not turn "you logged out" into "your session expired".
            AuthAction::Ended(_) if self.status == AuthStatus::Anonymous => {}
            AuthAction::Ended(reason) => {
                next.status = AuthStatus::Anonymous;
                next.ended = Some(reason);
            }
            // Only a check in progress can end unconfirmed; a session that ended meanwhile stays ended.
            AuthAction::Unconfirmed(message) => {
                if self.status == AuthStatus::Checking {
                    next.status = AuthStatus::Unconfirmed(message);
                }
            }
            AuthAction::Recheck => {
                next.status = AuthStatus::Checking;
                next.check += 1;
            }
            AuthAction::StorageChanged { present: false } => {
                if self.status != AuthStatus::Anonymous {
                    next.status = AuthStatus::Anonymous;
                    next.ended = Some(EndReason::Elsewhere);
                }
            }
            AuthAction::StorageChanged { present: true } => match self.status {
                // A login in another tab: confirm it here too.
                AuthStatus::Anonymous | AuthStatus::Unconfirmed(_) => {
                    return self.next(AuthAction::Recheck)
                }
                // A rotation: same user, nothing to show.
                AuthStatus::Checking | AuthStatus::Authenticated(_) => {}
            },
        }
        next
    }
}

impl Reducible for AuthState {
    type Action = AuthAction;

    fn reduce(self: Rc<Self>, action: AuthAction) -> Rc<Self> {
        let next = self.next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// What `use_auth()` returns: the state, and the only way pages log in, log out and make
/// authenticated requests.
#[derive(Clone)]
pub struct Auth {
    state: Rc<AuthState>,
    dispatch: UseReducerDispatcher<AuthState>,
    session: Rc<SessionManager>,
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

    /// The stored session's token mode, e.g. to offer features of session management.
    pub fn mode(&self) -> Option<TokenMode> {
        TokenStore::mode()
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
        self.session.adopt(&Tokens::from_auth(&answer));
        self.dispatch.dispatch(AuthAction::Confirmed(answer.user));
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

    /// An authenticated request to Strapi (`path` below the API prefix).
    pub async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        self.session.send(method, path, body).await
    }

    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.send(Method::GET, path, None).await
    }

    pub fn recheck(&self) {
        self.dispatch.dispatch(AuthAction::Recheck);
    }
}

#[hook]
pub fn use_auth() -> Auth {
    use_context::<Auth>().expect("use_auth() is called inside <AuthProvider>")
}

#[derive(Properties, PartialEq)]
pub struct AuthProviderProps {
    pub client: StrapiClient,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn AuthProvider(props: &AuthProviderProps) -> Html {
    let state = use_reducer(|| AuthState::initial(TokenStore::discard_unusable().is_some()));
    let session = {
        let dispatch = state.dispatcher();
        use_memo(props.client.clone(), move |client| {
            let session = SessionManager::new(client.clone());
            session.set_listener(move |event| match event {
                SessionEvent::Ended => dispatch.dispatch(AuthAction::Ended(EndReason::Expired)),
            });
            session
        })
    };
    let session: Rc<SessionManager> = (*session).clone();

    // Confirm the stored session with /users/me whenever asked to.
    {
        let (session, dispatch) = (session.clone(), state.dispatcher());
        let checking = state.status == AuthStatus::Checking;
        use_effect_with((state.check, checking), move |(_, checking)| {
            if *checking {
                yew::platform::spawn_local(async move {
                    match session.send::<User>(Method::GET, "/users/me", None).await {
                        Ok(user) => {
                            session.schedule();
                            dispatch.dispatch(AuthAction::Confirmed(user));
                        }
                        // The manager already ended the session and said so.
                        Err(ApiError::NoSession) => {}
                        Err(e) => {
                            dispatch.dispatch(AuthAction::Unconfirmed(e.user_message(now_secs())))
                        }
                    }
                });
            }
        });
    }

    // Other tabs: a login, logout or rotation there shows here. Sleeping tabs: refresh on wake.
    {
        let (session, dispatch) = (session.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("a browser window");
            let on_storage = {
                let session = session.clone();
                EventListener::new(&window, "storage", move |event| {
                    let key = event.dyn_ref::<StorageEvent>().and_then(StorageEvent::key);
                    // `None` is localStorage.clear().
                    if key.is_some_and(|k| {
                        ![KEY_TOKEN, KEY_ACCESS, KEY_REFRESH].contains(&k.as_str())
                    }) {
                        return;
                    }
                    let present = TokenStore::load().is_some();
                    session.schedule();
                    dispatch.dispatch(AuthAction::StorageChanged { present });
                })
            };
            let document = window.document().expect("a document");
            let on_visible = EventListener::new(&document.clone(), "visibilitychange", move |_| {
                if document.visibility_state() == web_sys::VisibilityState::Visible {
                    let session = session.clone();
                    yew::platform::spawn_local(async move { session.refresh_if_due().await });
                }
            });
            move || drop((on_storage, on_visible))
        });
    }

    let auth = Auth {
        state: Rc::new((*state).clone()),
        dispatch: state.dispatcher(),
        session,
    };
    html! {
        <ContextProvider<StrapiClient> context={props.client.clone()}>
            <ContextProvider<Auth> context={auth}>
                { props.children.clone() }
            </ContextProvider<Auth>>
        </ContextProvider<StrapiClient>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> User {
        serde_json::from_str(r#"{"id":1,"username":"demo","email":"demo@example.com"}"#).unwrap()
    }

    #[test]
    fn start_checks_only_when_tokens_are_stored() {
        assert_eq!(AuthState::initial(true).status, AuthStatus::Checking);
        assert_eq!(AuthState::initial(true).check, 1);
        assert_eq!(AuthState::initial(false).status, AuthStatus::Anonymous);
    }

    #[test]
    fn confirmed_then_expired() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user()));
        assert!(
            matches!(s.status, AuthStatus::Authenticated(ref u) if u.email == "demo@example.com")
        );
        let s = s.next(AuthAction::Ended(EndReason::Expired));
        assert_eq!(s.status, AuthStatus::Anonymous);
        assert_eq!(s.ended, Some(EndReason::Expired));
    }

    #[test]
    fn logout_in_another_tab_ends_this_one() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user()));
        let s = s.next(AuthAction::StorageChanged { present: false });
        assert_eq!(s.status, AuthStatus::Anonymous);
        assert_eq!(s.ended, Some(EndReason::Elsewhere));
        // Already anonymous: nothing changes (no new reason).
        let anon = AuthState::initial(false);
        assert_eq!(
            anon.next(AuthAction::StorageChanged { present: false }),
            anon
        );
    }

    #[test]
    fn login_in_another_tab_is_confirmed_here() {
        let s = AuthState::initial(false).next(AuthAction::StorageChanged { present: true });
        assert_eq!(s.status, AuthStatus::Checking);
        assert_eq!(s.check, 1);
    }

    #[test]
    fn rotation_in_another_tab_changes_nothing() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user()));
        assert_eq!(s.next(AuthAction::StorageChanged { present: true }), s);
    }

    #[test]
    fn a_session_that_ended_is_not_revived_as_unconfirmed() {
        let s = AuthState::initial(true).next(AuthAction::Ended(EndReason::Expired));
        assert_eq!(s.next(AuthAction::Unconfirmed("Not Found".into())), s);
    }

    #[test]
    fn a_session_that_ended_keeps_its_first_reason() {
        // Logged out here; a request that was already out then meets a 401 and finds no tokens.
        let s = AuthState::initial(true)
            .next(AuthAction::Confirmed(user()))
            .next(AuthAction::Ended(EndReason::LoggedOut));
        assert_eq!(s.next(AuthAction::Ended(EndReason::Expired)), s);
    }

    #[test]
    fn recheck_after_unconfirmed() {
        let s = AuthState::initial(true).next(AuthAction::Unconfirmed("down".into()));
        assert_eq!(s.status, AuthStatus::Unconfirmed("down".into()));
        let s = s.next(AuthAction::Recheck);
        assert_eq!((s.status.clone(), s.check), (AuthStatus::Checking, 2));
    }
}
