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
    use_effect_with((), |_| takeover::restore());
    html! {
        <AuthProvider client={props.client.clone()}>
            <BrowserRouter>
                <Switch<Route> render={switch} />
            </BrowserRouter>
        </AuthProvider>
    }
}

/// Mounts the app into `#app`, replacing the page's prerendered first view (`prerender`) with the
/// same view, now live, and what the person did meanwhile (`takeover`).
pub fn start() {
    let client = StrapiClient::new(config::from_page());
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            takeover::read(&root);
            root.set_inner_html("");
            yew::Renderer::<App>::with_root_and_props(root, AppProps { client }).render();
        }
        None => {
            yew::Renderer::<App>::with_props(AppProps { client }).render();
        }
    }
}
