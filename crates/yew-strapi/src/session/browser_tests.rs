//! Browser tests of the Yew layer against the real Strapi in session-management mode (see the
//! `strapi-client` crate's own browser tests for the manager): what another tab's writes do to a
//! tab that shows the session.

use std::time::Duration;

use strapi_client::api::StrapiClient;
use strapi_client::config::StrapiConfig;
use strapi_client::session::{TokenStore, Tokens};
use wasm_bindgen_test::*;
use web_sys::{StorageEvent, StorageEventInit};
use yew::platform::time::sleep;
use yew::prelude::*;

use super::{use_auth, AuthProvider, AuthStatus};

wasm_bindgen_test_configure!(run_in_browser);

const STRAPI: &str = match option_env!("E2E_STRAPI_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:1337",
};
const DEMO_EMAIL: &str = "demo@example.com";
const DEMO_PASSWORD: &str = "Demo-pass-1234";

fn client() -> StrapiClient {
    StrapiClient::new(StrapiConfig::new(STRAPI))
}

// ---- storage-event sync: what another tab's writes do to this one ----

#[function_component]
fn StatusProbe() -> Html {
    let auth = use_auth();
    let text = match auth.status() {
        AuthStatus::Checking => "checking".to_owned(),
        AuthStatus::Anonymous => "anonymous".to_owned(),
        AuthStatus::Authenticated(user) => format!("authenticated:{}", user.email),
        AuthStatus::Unconfirmed(message) => format!("unconfirmed:{message}"),
    };
    html! { <p id="probe">{ text }</p> }
}

#[derive(Properties, PartialEq)]
struct ProbeProps {
    client: StrapiClient,
}

#[function_component]
fn ProbeHost(props: &ProbeProps) -> Html {
    html! { <AuthProvider client={props.client.clone()}><StatusProbe /></AuthProvider> }
}

/// What the browser fires in this tab when another tab writes `key`.
fn storage_event_from_another_tab(key: &str) {
    let init = StorageEventInit::new();
    init.set_key(Some(key));
    let event = StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

async fn probe_text(root: &web_sys::Element, expected: &str) -> String {
    let mut text = String::new();
    for _ in 0..100 {
        text = root.text_content().unwrap_or_default();
        if text == expected {
            break;
        }
        sleep(Duration::from_millis(50)).await;
    }
    text
}

#[wasm_bindgen_test]
async fn storage_events_keep_this_tab_in_step() {
    TokenStore::clear();
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<ProbeHost>::with_root_and_props(root.clone(), ProbeProps { client: client() })
        .render();
    assert_eq!(probe_text(&root, "anonymous").await, "anonymous");

    // Another tab logs in: this one confirms the stored session with Strapi.
    let answer = client().login(DEMO_EMAIL, DEMO_PASSWORD).await.unwrap();
    TokenStore::save(&Tokens::from_auth(&answer));
    storage_event_from_another_tab("accessToken");
    let expected = format!("authenticated:{DEMO_EMAIL}");
    assert_eq!(probe_text(&root, &expected).await, expected);

    // Another tab rotates the pair, and a key that is not the session's changes: still the same
    // user, and no new check. What must not happen has no moment of its own to wait for: the
    // logout that follows is the moment, since what the first two events set off is queued before
    // what it sets off.
    let fetches = FetchCounter::start();
    storage_event_from_another_tab("refreshToken");
    storage_event_from_another_tab("theme");
    assert_eq!(root.text_content().unwrap(), expected);

    // Another tab logs out: this one is anonymous at once.
    TokenStore::clear();
    storage_event_from_another_tab("accessToken");
    assert_eq!(probe_text(&root, "anonymous").await, "anonymous");
    assert_eq!(
        fetches.calls(),
        0,
        "a rotation, an unrelated key or a logout elsewhere asks Strapi nothing"
    );
    root.remove();
}

/// Counts the page's `fetch` calls while it lives (each still goes out); the real `fetch` is put
/// back when it is dropped.
struct FetchCounter {
    real: wasm_bindgen::JsValue,
}

impl FetchCounter {
    fn start() -> Self {
        let window = web_sys::window().unwrap();
        let real = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let wrap = js_sys::Function::new_with_args(
            "real",
            "window.__fetchCalls = 0; \
             return function (...args) { window.__fetchCalls += 1; return real.apply(this, args); };",
        );
        let counting = wrap.call1(&wasm_bindgen::JsValue::NULL, &real).unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &counting).unwrap();
        FetchCounter { real }
    }

    fn calls(&self) -> u32 {
        let window = web_sys::window().unwrap();
        let calls = js_sys::Reflect::get(&window, &"__fetchCalls".into()).unwrap();
        calls.as_f64().unwrap_or(0.0) as u32
    }
}

impl Drop for FetchCounter {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.real).unwrap();
    }
}
