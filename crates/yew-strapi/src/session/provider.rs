//! `AuthProvider`: owns the session for the app. Its effects are named hooks, one job each:
//! confirming the stored session, keeping this tab in step with the others, refreshing on wake.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, StorageEvent};
use yew::prelude::*;

use super::auth::Auth;
use strapi_client::session::{EndReason, SessionManager, TokenStore};

use super::state::{AuthAction, AuthState, AuthStatus};
use crate::api::{ApiError, StrapiClient};
use crate::time::now_secs;

/// The properties of [`AuthProvider`].
#[derive(Properties, PartialEq)]
pub struct AuthProviderProps {
    /// The app's Strapi; another client (one not equal to it) starts a new session manager.
    pub client: StrapiClient,
    /// The app, which reaches the session through [`use_auth`](super::use_auth).
    #[prop_or_default]
    pub children: Html,
}

/// Owns the app's session and gives its children an [`Auth`] through
/// [`use_auth`](super::use_auth). At mount it removes unusable tokens from storage, then confirms
/// a stored or restorable session with `GET /users/me`; it follows logins, logouts and renewals in
/// other tabs (`storage` events, the tabs' BroadcastChannel) and renews a due token when the tab
/// becomes visible or the browser comes back online.
#[function_component]
pub fn AuthProvider(props: &AuthProviderProps) -> Html {
    let cookie = props.client.cookie();
    let state = use_reducer(move || {
        TokenStore::use_cookie(cookie);
        let held = TokenStore::discard_unusable().is_some();
        AuthState::initial(held || TokenStore::restorable().is_some())
    });
    let session = {
        let dispatch = state.dispatcher();
        use_memo(props.client.clone(), move |client| {
            SessionManager::new(client.clone(), move |reason| {
                dispatch.dispatch(AuthAction::Ended(reason))
            })
        })
    };
    let session: Rc<SessionManager> = (*session).clone();

    use_session_check(&state, &session);
    use_tab_sync(state.dispatcher(), &session);
    use_refresh_on_wake(&session);

    let auth = Auth::new(Rc::new((*state).clone()), state.dispatcher(), session);
    html! {
        <ContextProvider<Auth> context={auth}>
            { props.children.clone() }
        </ContextProvider<Auth>>
    }
}

/// Confirms the session with `/users/me` whenever the state asks for a check (start-up, "Try
/// again", a login in another tab), first finding it where the hint says when this tab holds none.
#[hook]
fn use_session_check(state: &UseReducerHandle<AuthState>, session: &Rc<SessionManager>) {
    let (session, dispatch) = (session.clone(), state.dispatcher());
    let checking = state.status == AuthStatus::Checking;
    use_effect_with((state.check, checking), move |(_, checking)| {
        if *checking {
            yew::platform::spawn_local(async move {
                match session.restore().await {
                    Ok(true) => {}
                    Ok(false) => return dispatch.dispatch(AuthAction::Absent),
                    Err(ApiError::NoServerSessions) => {
                        return dispatch.dispatch(AuthAction::Ended(EndReason::NoServerSessions))
                    }
                    Err(e) => {
                        return dispatch
                            .dispatch(AuthAction::Unconfirmed(e.user_message(now_secs())))
                    }
                }
                match session.me().await {
                    Ok((user, mode)) => {
                        session.schedule();
                        dispatch.dispatch(AuthAction::Confirmed(user, mode));
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

/// A login, logout or rotation in another tab shows here: through localStorage's `storage` event,
/// and the tabs' channel for a session that is not remembered.
#[hook]
fn use_tab_sync(dispatch: UseReducerDispatcher<AuthState>, session: &Rc<SessionManager>) {
    let session = session.clone();
    use_effect_with((), move |_| {
        let changed = move |present: Option<bool>| {
            if let Some(present) = present {
                session.schedule();
                dispatch.dispatch(AuthAction::StorageChanged { present });
            }
        };
        let window = web_sys::window().expect("a browser window");
        let on_storage = {
            let changed = changed.clone();
            EventListener::new(&window, "storage", move |event| {
                if let Some(event) = event.dyn_ref::<StorageEvent>() {
                    let (key, value) = (event.key(), event.new_value());
                    changed(TokenStore::on_storage_event(
                        key.as_deref(),
                        value.as_deref(),
                    ));
                }
            })
        };
        let on_message = TokenStore::channel().map(|channel| {
            EventListener::new(&channel, "message", move |event| {
                let text = event
                    .dyn_ref::<MessageEvent>()
                    .and_then(|e| e.data().as_string());
                if let Some(text) = text {
                    changed(TokenStore::on_message(&text));
                }
            })
        });
        move || drop((on_storage, on_message))
    });
}

/// A tab that slept past its refresh timer renews the session as soon as it is visible again
/// (and says again that it holds a session other tabs may ask for),
/// and a browser that was offline as soon as it is back online (not 15 s later, at the next
/// retry of a refresh the network refused).
#[hook]
fn use_refresh_on_wake(session: &Rc<SessionManager>) {
    let session = session.clone();
    use_effect_with((), move |_| {
        let window = web_sys::window().expect("a browser window");
        let document = window.document().expect("a document");
        let refresh = {
            let session = session.clone();
            move || {
                let session = session.clone();
                yew::platform::spawn_local(async move { session.refresh_if_due().await });
            }
        };
        let on_visible = {
            let refresh = refresh.clone();
            EventListener::new(&document.clone(), "visibilitychange", move |_| {
                if document.visibility_state() == web_sys::VisibilityState::Visible {
                    TokenStore::renew_hint();
                    refresh();
                }
            })
        };
        let on_online = EventListener::new(&window, "online", move |_| {
            let session = session.clone();
            yew::platform::spawn_local(async move { session.refresh_back_online().await });
        });
        move || drop((on_visible, on_online))
    });
}
