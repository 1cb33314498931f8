//! `/account/sessions` (protected): the user's signed-in devices, from Strapi's session manager.

use yew::prelude::*;

use crate::api::{ApiError, Data, DeviceSession, Ignored, Method};
use crate::components::Layout;
use crate::dom::focus_by_id;
use crate::router::percent_encode;
use crate::session::{use_auth, Auth, TokenMode};
use crate::time::now_secs;

/// Rounds of "delete, then look again" before telling the user the device is still signed in.
const SIGN_OUT_ROUNDS: usize = 3;
const MSG_STILL_SIGNED_IN: &str = "The device is still signed in. Please try again.";
const MSG_SIGNING_OUT: &str = "Signing out the device…";
const MSG_SIGNED_OUT: &str = "The device was signed out.";
const HEADING_ID: &str = "devices-heading";

/// `2026-11-25T01:49:47.341Z` → `2026-11-25 01:49 UTC`; anything else as it came.
pub fn format_timestamp(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(date), Some(time)) if iso.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time} UTC")
        }
        _ => iso.to_owned(),
    }
}

/// The entry of a fresh list that is the same sign-in as `chosen`. Strapi gives a session a new
/// id each time its refresh token rotates and keeps its `loginAt` and `deviceId`, so the device the
/// user chose is the one with the same id or, once it rotated, the same sign-in. A session made by
/// a password change or reset has no `loginAt` but a `deviceId` of its own; one with neither can
/// only be told by its id.
pub fn same_sign_in<'a>(
    list: &'a [DeviceSession],
    chosen: &DeviceSession,
) -> Option<&'a DeviceSession> {
    let traceable = chosen.login_at.is_some() || chosen.device_id.is_some();
    list.iter().find(|d| {
        !d.current
            && (d.id == chosen.id
                || (traceable && d.login_at == chosen.login_at && d.device_id == chosen.device_id))
    })
}

/// Signs out the sign-in `chosen` stands for and returns the list as it is afterwards. Deleting
/// only the id on screen is not enough: if that device refreshed since the list was loaded, the
/// id belongs to a spent session and the device stays signed in under its new one.
async fn sign_out(auth: &Auth, chosen: &DeviceSession) -> Result<Vec<DeviceSession>, String> {
    let message = |e: ApiError| e.user_message(now_secs());
    let mut id = chosen.id.clone();
    for _ in 0..SIGN_OUT_ROUNDS {
        let path = format!("/auth/sessions/{}", percent_encode(&id));
        match auth.send::<Ignored>(Method::DELETE, &path, None).await {
            // Not found: it rotated or was signed out meanwhile; the list says which.
            Err(e) if e.status() != Some(404) => return Err(message(e)),
            _ => {}
        }
        let list = auth
            .get::<Data<Vec<DeviceSession>>>("/auth/sessions")
            .await
            .map_err(message)?
            .data;
        match same_sign_in(&list, chosen) {
            Some(successor) => id = successor.id.clone(),
            None => return Ok(list),
        }
    }
    Err(MSG_STILL_SIGNED_IN.into())
}

#[derive(Clone, PartialEq)]
enum Devices {
    Loading,
    Loaded(Vec<DeviceSession>),
    Failed(String),
}

#[function_component]
pub fn Sessions() -> Html {
    let auth = use_auth();
    let devices = use_state(|| Devices::Loading);
    let notice = use_state(|| None::<String>);
    let reloads = use_state(|| 0u32);
    // One sign-out at a time: a second one could replace the list with an older answer.
    let busy = use_state(|| false);
    let session_mode = auth.mode() == Some(TokenMode::Refresh);

    {
        let (auth, devices) = (auth.clone(), devices.clone());
        use_effect_with((*reloads, session_mode), move |(_, session_mode)| {
            if *session_mode {
                yew::platform::spawn_local(async move {
                    match auth.get::<Data<Vec<DeviceSession>>>("/auth/sessions").await {
                        Ok(list) => devices.set(Devices::Loaded(list.data)),
                        Err(e) => devices.set(Devices::Failed(e.user_message(now_secs()))),
                    }
                });
            }
        });
    }

    let revoke = |chosen: &DeviceSession| {
        let (auth, devices, notice, reloads, busy) = (
            auth.clone(),
            devices.clone(),
            notice.clone(),
            reloads.clone(),
            busy.clone(),
        );
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            // Also makes a repeated result a change, so the status region announces it again.
            notice.set(Some(MSG_SIGNING_OUT.into()));
            let (auth, devices, notice, reloads, busy, chosen) = (
                auth.clone(),
                devices.clone(),
                notice.clone(),
                reloads.clone(),
                busy.clone(),
                chosen.clone(),
            );
            yew::platform::spawn_local(async move {
                match sign_out(&auth, &chosen).await {
                    Ok(list) => {
                        devices.set(Devices::Loaded(list));
                        notice.set(Some(MSG_SIGNED_OUT.into()));
                        // The focused button's row is gone: keep keyboard users on the page.
                        focus_by_id(HEADING_ID);
                    }
                    Err(message) => {
                        notice.set(Some(message));
                        reloads.set(*reloads + 1);
                    }
                }
                busy.set(false);
            });
        })
    };

    let body = if !session_mode {
        html! {
            <p>{ "Device sessions need Strapi's session-management mode (jwtManagement: 'refresh'). In legacy mode a token is valid until it expires, wherever it is." }</p>
        }
    } else {
        match &*devices {
            Devices::Loading => {
                html! { <p class="muted" aria-busy="true">{ "Loading your devices…" }</p> }
            }
            Devices::Failed(message) => html! { <div class="alert" role="alert">{ message }</div> },
            Devices::Loaded(list) => html! {
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
                    if let Some(message) = &*notice { <p class="notice">{ message }</p> }
                </div>
                { body }
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(
            format_timestamp("2026-11-25T01:49:47.341Z"),
            "2026-11-25 01:49 UTC"
        );
        assert_eq!(format_timestamp("yesterday"), "yesterday");
        assert_eq!(format_timestamp(""), "");
    }

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
    fn a_sign_in_is_followed_through_rotation() {
        let chosen = device("old", Some("2026-11-25T06:33:09.853Z"), false);
        let mine = device("mine", Some("2026-11-25T06:33:09.762Z"), true);
        let rotated = device("new", Some("2026-11-25T06:33:09.853Z"), false);
        let other = device("other", Some("2026-11-25T07:00:00.000Z"), false);
        let list = [mine.clone(), other.clone(), rotated.clone()];
        assert_eq!(same_sign_in(&list, &chosen), Some(&rotated));
        assert_eq!(same_sign_in(&[mine.clone(), other.clone()], &chosen), None);
        // Same id: found even without a sign-in time.
        let bare = device("old", None, false);
        assert_eq!(
            same_sign_in(std::slice::from_ref(&bare), &bare),
            Some(&bare)
        );
        // Without a sign-in time nothing else can be told to be the same device.
        let unknown = device("x", None, false);
        assert_eq!(same_sign_in(&[device("y", None, false)], &unknown), None);
        // Never this device, whatever it shares with the chosen one.
        let current_twin = device("me", Some("2026-11-25T06:33:09.853Z"), true);
        assert_eq!(same_sign_in(&[current_twin], &chosen), None);
        // A session from a password change: no sign-in time, a deviceId that rotation keeps.
        let mut reissued = device("p1", None, false);
        reissued.device_id = Some("d9".into());
        let mut reissued_rotated = device("p2", None, false);
        reissued_rotated.device_id = Some("d9".into());
        assert_eq!(
            same_sign_in(std::slice::from_ref(&reissued_rotated), &reissued),
            Some(&reissued_rotated)
        );
        // A different deviceId is a different device.
        let mut elsewhere = rotated.clone();
        elsewhere.device_id = Some("d2".into());
        assert_eq!(same_sign_in(&[elsewhere], &chosen), None);
    }
}
