//! Pages whose code the split release build (`--cfg ysa_split`, scripts/build.sh) moves into a
//! wasm chunk of its own, fetched on first use (or earlier: `prefetch`). Every other build (`trunk
//! serve`, the tests, the native prerender) compiles them into the one module, rendered at once.
//!
//! A page is a `static` made by `lazy_page!`: in the split build its render function is handed
//! back by an async `#[wasm_split]` function (wasm_split_helpers), whose first call loads the
//! chunk; `<Lazy>` shows a loading view meanwhile and renders the page once it is there.

use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use yew::prelude::*;

use crate::components::Layout;
use crate::router::Route;

/// What a page's chunk hands back: the function that renders the page for its route.
pub type Render = fn(Route) -> Html;

/// The loader of a split page: `Err` when its chunk did not arrive (retried on the next call).
pub type Load = fn() -> Pin<Box<dyn Future<Output = Result<Render, LoadFailed>>>>;

/// A chunk that did not load (network, a stale deploy); the loader logged the cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadFailed;

#[cfg(ysa_split)]
impl From<wasm_split_helpers::SplitLoaderError> for LoadFailed {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        LoadFailed
    }
}

pub enum LazyPage {
    /// Builds without splitting: the page is in the module.
    Ready(Render),
    /// The split build: loaded once, then rendered at once like `Ready`.
    Split {
        loaded: OnceLock<Render>,
        load: Load,
    },
}

impl LazyPage {
    /// The render function, when the page's code is here.
    pub fn get(&self) -> Option<Render> {
        match self {
            LazyPage::Ready(render) => Some(*render),
            LazyPage::Split { loaded, .. } => loaded.get().copied(),
        }
    }

    /// Loads the page's chunk (once; a failed load is tried again on the next call).
    pub async fn load(&self) -> Result<Render, LoadFailed> {
        match self {
            LazyPage::Ready(render) => Ok(*render),
            LazyPage::Split { loaded, load } => {
                if let Some(render) = loaded.get() {
                    return Ok(*render);
                }
                let render = load().await?;
                Ok(*loaded.get_or_init(|| render))
            }
        }
    }
}

/// `lazy_page!(pub static NAME in chunk_name = |route: Route| html! { ... });` — the closure is
/// the page's render function; `chunk_name` names its chunk (one chunk per name).
macro_rules! lazy_page {
    ($vis:vis static $name:ident in $chunk:ident = $render:expr;) => {
        #[cfg(not(ysa_split))]
        $vis static $name: $crate::router::lazy::LazyPage =
            $crate::router::lazy::LazyPage::Ready($render);
        #[cfg(ysa_split)]
        $vis static $name: $crate::router::lazy::LazyPage = {
            #[wasm_split_helpers::wasm_split($chunk, fallible)]
            fn render() -> Result<$crate::router::lazy::Render, $crate::router::lazy::LoadFailed> {
                Ok($render)
            }
            fn load() -> ::std::pin::Pin<::std::boxed::Box<dyn ::std::future::Future<
                Output = Result<$crate::router::lazy::Render, $crate::router::lazy::LoadFailed>,
            >>> {
                ::std::boxed::Box::pin(render())
            }
            $crate::router::lazy::LazyPage::Split { loaded: ::std::sync::OnceLock::new(), load }
        };
    };
}
pub(crate) use lazy_page;

#[derive(Properties)]
pub struct LazyProps {
    pub page: &'static LazyPage,
    pub route: Route,
    /// The page's title while its code is on the way.
    pub title: AttrValue,
}

impl PartialEq for LazyProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.page, other.page)
            && self.route == other.route
            && self.title == other.title
    }
}

/// Renders a `LazyPage`: at once when its code is here, else a loading view until it is (or a
/// "Try again" when it did not arrive).
#[function_component]
pub fn Lazy(props: &LazyProps) -> Html {
    let page = props.page;
    let failed = use_state_eq(|| false);
    let update = use_force_update();
    let load = {
        let failed = failed.clone();
        move || {
            let (failed, update) = (failed.clone(), update.clone());
            failed.set(false);
            yew::platform::spawn_local(async move {
                match page.load().await {
                    Ok(_) => update.force_update(),
                    Err(LoadFailed) => {
                        // A chunk a deploy has replaced: the page reloads into the new build.
                        if !reload_if_redeployed().await {
                            failed.set(true);
                        }
                    }
                }
            });
        }
    };
    let retry = {
        let load = load.clone();
        Callback::from(move |_: MouseEvent| load())
    };
    use_effect_with(page as *const LazyPage as usize, move |_| {
        if page.get().is_none() {
            load();
        }
    });
    match page.get() {
        Some(render) => render(props.route.clone()),
        None => html! {
            <Layout title={props.title.clone()}>
                <h1 class="visually-hidden">{ &props.title }</h1>
                <div class="card shell-placeholder" aria-busy={(!*failed).to_string()}>
                    if *failed {
                        <p role="alert">{ "This page did not load. Check your connection, then try again." }</p>
                        <button type="button" class="button button--primary" onclick={retry}>{ "Try again" }</button>
                    } else {
                        <p class="muted" role="status">{ "Loading…" }</p>
                    }
                </div>
            </Layout>
        },
    }
}

/// index.html's loader keeps here the build it reloaded for, so that a tab reloads once per build.
const STALE_KEY: &str = "ysa-stale";

/// Whether the page the site serves now (`served`) is another build than this tab's, whose
/// script is `ours`, and the tab has not reloaded for it yet (`reloaded_for`): index.html's
/// loader's rule, for a chunk that did not arrive.
pub fn is_redeployed(served: &str, ours: &str, reloaded_for: Option<&str>) -> bool {
    served.contains("modulepreload") && !served.contains(ours) && reloaded_for != Some(ours)
}

/// After a chunk did not arrive: when a deploy has replaced this tab's build (its chunks are gone
/// with it), reloads into the new one rather than mixing versions, and says so (`true`).
async fn reload_if_redeployed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let ours = window
        .document()
        .and_then(|d| d.query_selector("link[rel=modulepreload]").ok().flatten())
        .and_then(|link| link.get_attribute("href"));
    let Some(ours) = ours else {
        return false;
    };
    let here = window.location().href().unwrap_or_default();
    let request = gloo_net::http::Request::get(&here).cache(web_sys::RequestCache::NoStore);
    let served = match request.send().await {
        Ok(answer) if answer.ok() => answer.text().await.unwrap_or_default(),
        _ => return false,
    };
    let storage = window.session_storage().ok().flatten();
    let reloaded_for = storage
        .as_ref()
        .and_then(|s| s.get_item(STALE_KEY).ok().flatten());
    if !is_redeployed(&served, &ours, reloaded_for.as_deref()) {
        return false;
    }
    if let Some(storage) = storage {
        let _ = storage.set_item(STALE_KEY, &ours);
    }
    window.location().reload().is_ok()
}

#[cfg(test)]
mod tests {
    use super::is_redeployed;

    #[test]
    fn a_tab_reloads_once_for_another_build() {
        let ours = "/app-aaaa.js";
        let same = r#"<link rel="modulepreload" href="/app-aaaa.js">"#;
        let other = r#"<link rel="modulepreload" href="/app-bbbb.js">"#;
        assert!(
            !is_redeployed(same, ours, None),
            "the same build: the chunk is just missing"
        );
        assert!(is_redeployed(other, ours, None));
        assert!(
            !is_redeployed(other, ours, Some(ours)),
            "not twice for one build"
        );
        assert!(is_redeployed(other, ours, Some("/app-older.js")));
        // A host's error page is no build at all.
        assert!(!is_redeployed("<h1>502 Bad Gateway</h1>", ours, None));
    }
}
