//! `/account/sessions` (protected): the user's signed-in devices, from Strapi's session manager.

use std::rc::Rc;

use yew::prelude::*;

use crate::api::DeviceSession;
use crate::components::Layout;
use crate::dom::focus_by_id;
use crate::pages::Loaded;
use crate::session::{use_auth, TokenMode};
use crate::time::{format_timestamp, now_secs};

const MSG_SIGNING_OUT: &str = "Signing out the device…";
const MSG_SIGNED_OUT: &str = "The device was signed out.";
const HEADING_ID: &str = "devices-heading";

/// What the page shows: the list, the announcement in its status region, and whether a sign-out
/// is under way (one at a time: a second one could replace the list with an older answer).
#[derive(Clone, Debug, PartialEq)]
pub struct DevicesState {
    pub listing: Loaded<Vec<DeviceSession>>,
    pub notice: Option<String>,
    pub busy: bool,
    /// Bumped to load the list again.
    pub reloads: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DevicesAction {
    Loaded(Vec<DeviceSession>),
    LoadFailed(String),
    SignOutStarted,
    SignedOut(Vec<DeviceSession>),
    SignOutFailed(String),
}

impl Default for DevicesState {
    fn default() -> Self {
        Self {
            listing: Loaded::Loading,
            notice: None,
            busy: false,
            reloads: 0,
        }
    }
}

impl DevicesState {
    pub fn next(&self, action: DevicesAction) -> Self {
        let mut next = self.clone();
        match action {
            DevicesAction::Loaded(list) => next.listing = Loaded::Ready(list),
            DevicesAction::LoadFailed(message) => next.listing = Loaded::Failed(message),
            DevicesAction::SignOutStarted => {
                next.busy = true;
                // Also makes a repeated result a change, so the status region announces it again.
                next.notice = Some(MSG_SIGNING_OUT.into());
            }
            DevicesAction::SignedOut(list) => {
                next.listing = Loaded::Ready(list);
                next.notice = Some(MSG_SIGNED_OUT.into());
                next.busy = false;
            }
            // The list on screen may be out of date: load it again.
            DevicesAction::SignOutFailed(message) => {
                next.notice = Some(message);
                next.reloads += 1;
                next.busy = false;
            }
        }
        next
    }
}

impl Reducible for DevicesState {
    type Action = DevicesAction;

    fn reduce(self: Rc<Self>, action: DevicesAction) -> Rc<Self> {
        Rc::new(self.next(action))
    }
}

#[function_component]
pub fn Sessions() -> Html {
    let auth = use_auth();
    let state = use_reducer(DevicesState::default);
    let session_mode = auth.mode() == Some(TokenMode::Refresh);

    {
        let (auth, dispatch) = (auth.clone(), state.dispatcher());
        use_effect_with((state.reloads, session_mode), move |(_, session_mode)| {
            if *session_mode {
                yew::platform::spawn_local(async move {
                    dispatch.dispatch(match auth.devices().await {
                        Ok(list) => DevicesAction::Loaded(list),
                        Err(e) => DevicesAction::LoadFailed(e.user_message(now_secs())),
                    });
                });
            }
        });
    }

    let revoke = |chosen: &DeviceSession| {
        let (auth, dispatch, busy) = (auth.clone(), state.dispatcher(), state.busy);
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if busy {
                return;
            }
            dispatch.dispatch(DevicesAction::SignOutStarted);
            let (auth, dispatch, chosen) = (auth.clone(), dispatch.clone(), chosen.clone());
            yew::platform::spawn_local(async move {
                match auth.sign_out_device(&chosen).await {
                    Ok(list) => {
                        dispatch.dispatch(DevicesAction::SignedOut(list));
                        // The focused button's row is gone: keep keyboard users on the page.
                        focus_by_id(HEADING_ID);
                    }
                    Err(e) => {
                        dispatch.dispatch(DevicesAction::SignOutFailed(e.user_message(now_secs())))
                    }
                }
            });
        })
    };
    let busy = state.busy;

    let body = if !session_mode {
        html! {
            <p>{ "Device sessions need Strapi's session-management mode (jwtManagement: 'refresh'). In legacy mode a token is valid until it expires, wherever it is." }</p>
        }
    } else {
        match &state.listing {
            Loaded::Loading => {
                html! { <p class="muted" aria-busy="true">{ "Loading your devices…" }</p> }
            }
            Loaded::Failed(message) => html! { <div class="alert" role="alert">{ message }</div> },
            Loaded::Ready(list) => html! {
                <ul class="devices" aria-busy={busy.to_string()}>
                    { for list.iter().map(|d| html! {
                        <li class="device" key={d.id.clone()} data-session={d.id.clone()}>
                            <div>
                                <strong>{ d.device_name.clone().unwrap_or_else(|| "Unknown device".into()) }</strong>
                                if d.current { <span class="badge">{ "This device" }</span> }
                                <p class="muted">
                                    { d.login_at.as_deref().map(|t| format!("Signed in {}", format_timestamp(t))).unwrap_or_default() }
                                    if let Some(t) = &d.last_active_at { <br />{ format!("Last active {}", format_timestamp(t)) } }
                                </p>
                            </div>
                            if !d.current {
                                <button type="button" class="button" onclick={revoke(d)}
                                    aria-disabled={busy.then_some("true")}
                                    aria-label={format!("Sign out {}", d.device_name.clone().unwrap_or_else(|| "this device".into()))}>
                                    { "Sign out" }
                                </button>
                            }
                        </li>
                    }) }
                </ul>
            },
        }
    };
    html! {
        <Layout title="Devices">
            <section class="card card--wide" aria-labelledby={HEADING_ID}>
                <h1 id={HEADING_ID} tabindex="-1">{ "Devices" }</h1>
                <div class="notice-region" role="status">
                    if let Some(message) = &state.notice { <p class="notice">{ message }</p> }
                </div>
                { body }
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, login_at: Option<&str>, current: bool) -> DeviceSession {
        DeviceSession {
            id: id.into(),
            device_id: None,
            device_name: None,
            current,
            login_at: login_at.map(Into::into),
            last_active_at: None,
        }
    }

    #[test]
    fn a_sign_out_is_announced_and_blocks_the_next_one() {
        let loaded = DevicesState::default().next(DevicesAction::Loaded(vec![
            device("mine", None, true),
            device("other", None, false),
        ]));
        assert!(!loaded.busy);
        let started = loaded.next(DevicesAction::SignOutStarted);
        assert!(started.busy);
        assert_eq!(started.notice.as_deref(), Some(MSG_SIGNING_OUT));
        let done = started.next(DevicesAction::SignedOut(vec![device("mine", None, true)]));
        assert!(!done.busy);
        assert_eq!(done.notice.as_deref(), Some(MSG_SIGNED_OUT));
        assert_eq!(
            done.listing,
            Loaded::Ready(vec![device("mine", None, true)])
        );
        assert_eq!(done.reloads, 0);
        // The same result again is still a change for the status region: "signing out" between.
        assert_ne!(done.next(DevicesAction::SignOutStarted).notice, done.notice);
    }

    #[test]
    fn a_failed_sign_out_says_why_and_loads_the_list_again() {
        let state = DevicesState::default()
            .next(DevicesAction::Loaded(vec![device("other", None, false)]))
            .next(DevicesAction::SignOutStarted)
            .next(DevicesAction::SignOutFailed("down".into()));
        assert!(!state.busy);
        assert_eq!(state.notice.as_deref(), Some("down"));
        assert_eq!(state.reloads, 1);
        assert_eq!(
            DevicesState::default()
                .next(DevicesAction::LoadFailed("x".into()))
                .listing,
            Loaded::Failed("x".into())
        );
    }
}
