//! Browser tests (`wasm-pack test --headless --chrome`): TokenStore on real localStorage, and the
//! Login component mounted in the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlButtonElement, HtmlFormElement, HtmlInputElement, InputEvent, InputEventInit,
};
use yew::platform::time::sleep;
use yew::prelude::*;
use yew_router::prelude::*;

use yew_strapi_auth::api::StrapiClient;
use yew_strapi_auth::config::StrapiConfig;
use yew_strapi_auth::pages::Login;
use yew_strapi_auth::session::{AuthProvider, TokenMode, TokenStore, Tokens};

wasm_bindgen_test_configure!(run_in_browser);

const A: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOjF9.c2ln";
const R: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.c2ln";

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn get(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}

#[wasm_bindgen_test]
fn legacy_save_writes_the_raw_token_and_removes_the_pair() {
    storage().clear().unwrap();
    storage().set_item("accessToken", A).unwrap();
    storage().set_item("refreshToken", R).unwrap();
    TokenStore::save(&Tokens::Legacy { jwt: A.into() });
    assert_eq!(get("token").as_deref(), Some(A), "raw, not JSON-quoted");
    assert_eq!(get("accessToken"), None);
    assert_eq!(get("refreshToken"), None);
    assert_eq!(TokenStore::mode(), Some(TokenMode::Legacy));
}

#[wasm_bindgen_test]
fn refresh_save_writes_the_pair_and_removes_the_legacy_key() {
    storage().clear().unwrap();
    storage().set_item("token", A).unwrap();
    TokenStore::save(&Tokens::Refresh {
        access: A.into(),
        refresh: R.into(),
    });
    assert_eq!(get("accessToken").as_deref(), Some(A));
    assert_eq!(get("refreshToken").as_deref(), Some(R));
    assert_eq!(get("token"), None);
    assert_eq!(
        TokenStore::load(),
        Some(Tokens::Refresh {
            access: A.into(),
            refresh: R.into()
        })
    );
}

#[wasm_bindgen_test]
fn garbled_values_are_no_session_and_are_removed_at_start_up() {
    for (key, junk) in [
        ("token", "garbage"),
        ("token", "{\"jwt\":1}"),
        ("accessToken", A),
        ("refreshToken", ""),
    ] {
        storage().clear().unwrap();
        storage().set_item(key, junk).unwrap();
        assert_eq!(TokenStore::load(), None, "{key}={junk}");
        assert_eq!(get(key).as_deref(), Some(junk), "load only reads");
        assert_eq!(TokenStore::discard_unusable(), None);
        assert_eq!(get(key), None, "{key} removed at start-up");
    }
}

#[wasm_bindgen_test]
fn clear_removes_every_key_and_nothing_else() {
    storage().clear().unwrap();
    storage().set_item("token", A).unwrap();
    storage().set_item("accessToken", A).unwrap();
    storage().set_item("unrelated", "kept").unwrap();
    TokenStore::clear();
    assert_eq!(TokenStore::load(), None);
    assert_eq!(get("unrelated").as_deref(), Some("kept"));
}

// ---- The Login component, mounted ----

#[derive(Properties, PartialEq)]
struct HostProps {
    client: StrapiClient,
}

#[function_component]
fn Host(props: &HostProps) -> Html {
    html! {
        <AuthProvider client={props.client.clone()}>
            <BrowserRouter><Login /></BrowserRouter>
        </AuthProvider>
    }
}

/// Mounts Login with a client whose Strapi is `base_url`; returns the mount point.
async fn mount_login(base_url: &str) -> Element {
    storage().clear().unwrap();
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let client = StrapiClient::new(StrapiConfig::new(base_url));
    yew::Renderer::<Host>::with_root_and_props(root.clone(), HostProps { client }).render();
    until("the form is rendered", || {
        root.query_selector("form").unwrap().is_some()
    })
    .await;
    root
}

/// Waits until `check` holds, up to 5 s: engines render at their own pace (WebKit sometimes
/// 40–50 ms after the event, when Yew's scheduler yields to the browser), so never a fixed time.
async fn until(what: &str, check: impl Fn() -> bool) {
    for _ in 0..500 {
        if check() {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    panic!("waited 5 s for: {what}");
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn find<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
        .dyn_into()
        .unwrap()
}

fn text(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default()
}

fn type_into(root: &Element, name: &str, value: &str) {
    let input: HtmlInputElement = find(root, &format!("input[name=\"{name}\"]"));
    input.set_value(value);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

fn submit(root: &Element) {
    let form: HtmlFormElement = find(root, "form");
    form.request_submit().unwrap();
}

#[wasm_bindgen_test]
async fn renders_the_cookbook_form() {
    let root = mount_login("http://127.0.0.1:9").await;
    assert_eq!(text(&root, "h1"), "Login");
    let email: HtmlInputElement = find(&root, "#identifier");
    assert_eq!(email.type_(), "email");
    assert_eq!(email.placeholder(), "Enter your email");
    assert_eq!(text(&root, "label[for=identifier]"), "Email");
    let password: HtmlInputElement = find(&root, "#password");
    assert_eq!(password.type_(), "password");
    assert_eq!(password.placeholder(), "Enter your password");
    let button: HtmlButtonElement = find(&root, "button[type=submit]");
    assert_eq!(button.text_content().unwrap(), "Login");
    assert!(!button.disabled());
    root.remove();
}

#[wasm_bindgen_test]
async fn validation_errors_show_on_submit_with_aria() {
    let root = mount_login("http://127.0.0.1:9").await;
    submit(&root);
    until("the errors show", || {
        !text(&root, "#password-error").is_empty()
    })
    .await;
    assert_eq!(text(&root, "#identifier-error"), "Email is required");
    assert_eq!(text(&root, "#password-error"), "Password is required");
    let email: HtmlInputElement = find(&root, "#identifier");
    assert_eq!(email.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        email.get_attribute("aria-describedby").as_deref(),
        Some("identifier-error")
    );
    type_into(&root, "identifier", "nope");
    until("the email error changes", || {
        text(&root, "#identifier-error") != "Email is required"
    })
    .await;
    assert!(text(&root, "#identifier-error").starts_with("Enter a valid email address"));
    type_into(&root, "identifier", "demo@example.com");
    type_into(&root, "password", "pw");
    until("the errors clear", || {
        text(&root, "#identifier-error").is_empty() && text(&root, "#password-error").is_empty()
    })
    .await;
    assert_eq!(
        email.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    root.remove();
}

#[wasm_bindgen_test]
async fn unreachable_server_shows_the_alert_and_clears_the_password() {
    // Port 9 on loopback: nothing listens, the connection is refused at once.
    let root = mount_login("http://127.0.0.1:9").await;
    type_into(&root, "identifier", "demo@example.com");
    type_into(&root, "password", "secret-pw");
    submit(&root);
    until("the alert shows", || !text(&root, "#form-alert").is_empty()).await;
    assert_eq!(
        text(&root, "#form-alert"),
        "Cannot reach the server. Check your connection and try again."
    );
    let alert: Element = find(&root, "#form-alert");
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    let email: HtmlInputElement = find(&root, "#identifier");
    let password: HtmlInputElement = find(&root, "#password");
    assert_eq!(email.value(), "demo@example.com");
    assert_eq!(password.value(), "");
    let button: HtmlButtonElement = find(&root, "button[type=submit]");
    assert!(!button.disabled());
    assert_eq!(button.text_content().unwrap(), "Login");
    assert_eq!(get("token"), None);
    root.remove();
}

#[wasm_bindgen_test]
async fn in_flight_the_button_is_disabled_and_says_so() {
    // A fetch that never settles stands in for a slow server; restored afterwards.
    let window = web_sys::window().unwrap();
    let real_fetch = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
    let pending = js_sys::Function::new_no_args(
        "window.__fetches = (window.__fetches || 0) + 1; \
         return new Promise((_, reject) => { window.__failFetch = () => reject(new TypeError('Failed to fetch')); });",
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &pending).unwrap();

    let root = mount_login("http://127.0.0.1:9").await;
    type_into(&root, "identifier", "demo@example.com");
    type_into(&root, "password", "secret-pw");
    submit(&root);
    let button: HtmlButtonElement = find(&root, "button[type=submit]");
    until("the button is disabled", || button.disabled()).await;
    assert_eq!(button.text_content().unwrap(), "Logging in...");
    submit(&root);
    // What must not happen has no moment of its own to wait for: the first request failing is
    // the moment, since what the second submit set off is queued before what the failure does.
    let fail = js_sys::Reflect::get(&window, &"__failFetch".into()).unwrap();
    fail.dyn_into::<js_sys::Function>()
        .unwrap()
        .call0(&JsValue::NULL)
        .unwrap();
    until("the first request's failure shows", || {
        !text(&root, "#form-alert").is_empty()
    })
    .await;
    let fetches = js_sys::Reflect::get(&window, &"__fetches".into()).unwrap();
    assert_eq!(fetches.as_f64(), Some(1.0), "a second submit sends nothing");

    js_sys::Reflect::set(&window, &"fetch".into(), &real_fetch).unwrap();
    root.remove();
}
