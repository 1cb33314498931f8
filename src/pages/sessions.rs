//! `/account/sessions` (protected): the user's signed-in devices, from Strapi's session manager.

use yew::prelude::*;

use crate::api::{Data, DeviceSession, Ignored, Method};
use crate::components::Layout;
use crate::router::percent_encode;
use crate::session::{use_auth, TokenMode};
use crate::time::now_secs;

/// `2026-11-25T01:49:47.341Z` → `2026-11-25 01:49 UTC`; anything else as it came.
pub fn format_timestamp(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(date), Some(time)) if iso.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time} UTC")
        }
        _ => iso.to_owned(),
    }
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

    let revoke = |id: String| {
        let (auth, notice, reloads) = (auth.clone(), notice.clone(), reloads.clone());
        Callback::from(move |_: MouseEvent| {
            let (auth, notice, reloads, id) =
                (auth.clone(), notice.clone(), reloads.clone(), id.clone());
            yew::platform::spawn_local(async move {
                let path = format!("/auth/sessions/{}", percent_encode(&id));
                match auth.send::<Ignored>(Method::DELETE, &path, None).await {
                    Ok(_) => notice.set(Some("The device was signed out.".into())),
                    Err(e) => notice.set(Some(e.user_message(now_secs()))),
                }
                reloads.set(*reloads + 1);
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
                <ul class="devices">
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
                                <button type="button" class="button" onclick={revoke(d.id.clone())}
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
            <section class="card card--wide" aria-labelledby="devices-heading">
                <h1 id="devices-heading">{ "Devices" }</h1>
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
}
