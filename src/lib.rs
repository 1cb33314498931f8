//! A Yew single-page app that gives a Strapi 5 back end a front-end login and session layer.

pub mod components;
pub mod foodadvisor;
pub mod pages;
#[cfg(feature = "prerender")]
pub mod prerender;
pub mod router;

// The app is built on the two library crates' public API, under the names its pages use.
pub use strapi_client::{api, backoff, config, content, time};
use yew_strapi::takeover;
pub use yew_strapi::{dom, form};

/// The session: the framework-free core (`strapi_client::session`) and its Yew layer
/// (`yew_strapi::session`).
pub mod session {
    pub use strapi_client::session::*;
    pub use yew_strapi::session::*;
}

/// The app's display name, in the header and in every page title.
pub const APP_NAME: &str = "Yew Strapi Auth";

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use api::StrapiClient;
use router::{switch, Route};
use session::AuthProvider;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// Where Strapi is; read once from the page at start-up.
    pub client: StrapiClient,
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    // Once the first render is on the screen (effects run after it).
    use_effect_with((), |_| prefetch_when_idle());
    html! {
        <AuthProvider client={props.client.clone()}>
            <BrowserRouter>
                <Switch<Route> render={switch} />
            </BrowserRouter>
        </AuthProvider>
    }
}

/// The split build's chunks, fetched once the page is interactive and the browser is idle (a
/// second at most), so a later page opens at once.
fn prefetch_when_idle() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let go = || yew::platform::spawn_local(router::prefetch_all());
    let idle = wasm_bindgen::closure::Closure::once_into_js(go);
    // Safari has no requestIdleCallback.
    if window.request_idle_callback(idle.unchecked_ref()).is_err() {
        gloo_timers::callback::Timeout::new(1000, go).forget();
    }
}

/// Mounts the app into `#app`, replacing the page's prerendered first view (`prerender`) with the
/// same view, now live, and what the person did meanwhile (`takeover`). A page whose code is in a
/// chunk (the split build) is loaded first: the prerendered view stays until the live one can
/// replace it, never a loading view in between.
pub fn start() {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    match router::lazy_page_for(&router::route_for(&path)) {
        Some((page, _)) if page.get().is_none() => yew::platform::spawn_local(async move {
            // A failed load mounts anyway: the page's <Lazy> offers to try again.
            let _ = page.load().await;
            mount();
        }),
        _ => mount(),
    }
}

fn mount() {
    let client = StrapiClient::new(config::from_page());
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            takeover::read(&root);
            root.set_inner_html("");
            yew::Renderer::<App>::with_root_and_props(root, AppProps { client }).render();
            // Queued behind the scheduler's first run, which renders every component before it
            // may yield to the browser: what was typed, and a form already submitted, reach the
            // live form at once, not after a paint and a timer (an effect's time: on the phone
            // profile an early click's login request left 70-100 ms later that way).
            yew::platform::spawn_local(async { takeover::restore() });
        }
        None => {
            yew::Renderer::<App>::with_props(AppProps { client }).render();
        }
    }
}

/// The wasm's entry point: this file is the binary's root too (Cargo.toml `[[bin]]`).
#[allow(dead_code)]
fn main() {
    start();
}
