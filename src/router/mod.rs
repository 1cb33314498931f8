//! The app's routes, the page each renders, and the navigation helpers pages share.

pub mod lazy;

pub use strapi_client::config::path_segment;
pub use yew_strapi::guards::LoginNotice;
pub use yew_strapi::redirect::{percent_decode, percent_encode, query_param};

/// Where a login goes when no usable `?redirect=` was given.
pub const DEFAULT_AFTER_LOGIN: &str = "/dashboard";

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{checking_session, Layout};
use crate::pages::{
    Account, ConnectRedirect, Dashboard, EmailConfirmed, ForgotPassword, Home, Login, MyReviews,
    NotFound, Register, ResetPassword, RestaurantPage, Restaurants, Sessions,
};
use lazy::{lazy_page, Lazy, LazyPage};
use yew_strapi::guards::{GuestOnly, RequireAuth, Unconfirmed};

/// The app's pages. `Routable` is written by hand (`route_for`, `Route::path`): the derive builds
/// a general route matcher (route-recognizer) that cost the bundle about 13 KB for these eleven
/// fixed paths and one parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Login,
    Register,
    ForgotPassword,
    ResetPassword,
    EmailConfirmed,
    ConnectRedirect { provider: String },
    Dashboard,
    Account,
    Sessions,
    Restaurants,
    Restaurant { slug: String },
    MyReviews,
    NotFound,
}

const PROVIDER_PREFIX: &str = "/connect/";
const PROVIDER_SUFFIX: &str = "/redirect";
const RESTAURANT_PREFIX: &str = "/restaurants/";

/// The fixed paths, each once: matching and building read the same table.
pub(crate) const PATHS: &[(&str, Route)] = &[
    ("/", Route::Home),
    ("/auth/login", Route::Login),
    ("/auth/register", Route::Register),
    ("/auth/forgot-password", Route::ForgotPassword),
    ("/auth/reset-password", Route::ResetPassword),
    ("/auth/email-confirmed", Route::EmailConfirmed),
    ("/dashboard", Route::Dashboard),
    ("/account", Route::Account),
    ("/account/sessions", Route::Sessions),
    ("/account/reviews", Route::MyReviews),
    ("/restaurants", Route::Restaurants),
    ("/404", Route::NotFound),
];

/// The page a path shows, as yew-router's derive matched it: one trailing slash is ignored, the
/// provider's segment is percent-decoded, anything else is `NotFound`.
pub fn route_for(pathname: &str) -> Route {
    let trimmed = pathname.strip_suffix('/').unwrap_or(pathname);
    let path = if trimmed.is_empty() { "/" } else { trimmed };
    if let Some((_, route)) = PATHS.iter().find(|(p, _)| *p == path) {
        return route.clone();
    }
    let segment = |rest: Option<&str>| {
        rest.filter(|segment| !segment.is_empty() && !segment.contains('/'))
            .and_then(percent_decode)
    };
    if let Some(slug) = segment(path.strip_prefix(RESTAURANT_PREFIX)) {
        return Route::Restaurant { slug };
    }
    segment(
        path.strip_prefix(PROVIDER_PREFIX)
            .and_then(|rest| rest.strip_suffix(PROVIDER_SUFFIX)),
    )
    .map(|provider| Route::ConnectRedirect { provider })
    .unwrap_or(Route::NotFound)
}

impl Route {
    pub fn path(&self) -> String {
        match self {
            Route::ConnectRedirect { provider } => {
                format!(
                    "{PROVIDER_PREFIX}{}{PROVIDER_SUFFIX}",
                    path_segment(provider)
                )
            }
            Route::Restaurant { slug } => format!("{RESTAURANT_PREFIX}{}", path_segment(slug)),
            route => PATHS
                .iter()
                .find(|(_, r)| r == route)
                .map_or("/404", |(p, _)| p)
                .to_owned(),
        }
    }
}

impl Routable for Route {
    fn from_path(path: &str, _params: &std::collections::HashMap<&str, &str>) -> Option<Self> {
        Some(route_for(path))
    }

    fn to_path(&self) -> String {
        self.path()
    }

    fn routes() -> Vec<&'static str> {
        let mut all: Vec<&'static str> = PATHS.iter().map(|(p, _)| *p).collect();
        all.push("/connect/:provider/redirect");
        all.push("/restaurants/:slug");
        all
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }

    fn recognize(pathname: &str) -> Option<Self> {
        Some(route_for(pathname))
    }
}

/// Each route's page and its access rule: `GuestOnly` (visitors without a session; one with a
/// session goes on), `RequireAuth` (a session is needed; a visitor without one logs in first), or
/// open to all. The flows that end in a session of their own (reset link, provider login) are open:
/// they go on once they have stored it.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Login => guest_only("Login", html! { <Login /> }),
        route => {
            let (page, title) = lazy_page_for(&route).expect("every route but Login is lazy");
            html! { <Lazy key={title} {page} {route} {title} /> }
        }
    }
}

// Every page but the login's, in three chunks of the split release build (src/router/lazy.rs):
// the pages for visitors, those for members, and FoodAdvisor's. One chunk per page made ten page
// chunks and 39 shared ones, most under 1 KB: every set of pages sharing code gets its own.
lazy_page!(static HOME in pages_guest = |_| html! { <Home /> };);
lazy_page!(static REGISTER in pages_guest = |_| guest_only("Create an account", html! { <Register /> }););
lazy_page!(static FORGOT_PASSWORD in pages_guest = |_| html! { <ForgotPassword /> };);
lazy_page!(static RESET_PASSWORD in pages_guest = |_| html! { <ResetPassword /> };);
lazy_page!(static EMAIL_CONFIRMED in pages_guest = |_| html! { <EmailConfirmed /> };);
lazy_page!(static CONNECT_REDIRECT in pages_guest = |route| match route {
    Route::ConnectRedirect { provider } => html! { <ConnectRedirect {provider} /> },
    _ => Html::default(),
};);
lazy_page!(static NOT_FOUND in pages_guest = |_| html! { <NotFound /> };);
lazy_page!(static ACCOUNT in pages_member = |_| require_auth("Account", html! { <Account /> }););
lazy_page!(static DASHBOARD in pages_member = |_| require_auth("Dashboard", html! { <Dashboard /> }););
lazy_page!(static SESSIONS in pages_member = |_| require_auth("Devices", html! { <Sessions /> }););
lazy_page!(static RESTAURANTS in pages_content = |_| html! { <Restaurants /> };);
lazy_page!(static RESTAURANT in pages_content = |route| match route {
    Route::Restaurant { slug } => html! { <RestaurantPage {slug} /> },
    _ => Html::default(),
};);
lazy_page!(static MY_REVIEWS in pages_content = |_| require_auth("My reviews", html! { <MyReviews /> }););

/// The lazy page a route shows, and its title while it loads; `None` for the login page.
pub fn lazy_page_for(route: &Route) -> Option<(&'static LazyPage, &'static str)> {
    Some(match route {
        Route::Login => return None,
        Route::Home => (&HOME, "Home"),
        Route::Register => (&REGISTER, "Create an account"),
        Route::ForgotPassword => (&FORGOT_PASSWORD, "Forgot password"),
        Route::ResetPassword => (&RESET_PASSWORD, "Reset password"),
        Route::EmailConfirmed => (&EMAIL_CONFIRMED, "Email confirmed"),
        Route::ConnectRedirect { .. } => (&CONNECT_REDIRECT, "Logging in"),
        Route::Account => (&ACCOUNT, "Account"),
        Route::Dashboard => (&DASHBOARD, "Dashboard"),
        Route::Sessions => (&SESSIONS, "Devices"),
        Route::Restaurants => (&RESTAURANTS, "Restaurants"),
        Route::Restaurant { .. } => (&RESTAURANT, "Restaurant"),
        Route::MyReviews => (&MY_REVIEWS, "My reviews"),
        Route::NotFound => (&NOT_FOUND, "Page not found"),
    })
}

/// Fetches every lazy page's chunk (the split build; nothing otherwise), one after another; stops
/// at the first that does not arrive (the network is in trouble, or a deploy replaced them: the
/// page that needs one says so then, and tries again).
pub async fn prefetch_all() {
    let dynamic = [
        Route::ConnectRedirect {
            provider: String::new(),
        },
        Route::Restaurant {
            slug: String::new(),
        },
    ];
    for route in PATHS.iter().map(|(_, r)| r.clone()).chain(dynamic) {
        if let Some((page, _)) = lazy_page_for(&route) {
            if page.load().await.is_err() {
                return;
            }
        }
    }
}

/// A page only for visitors without a session; one with a session goes on to `?redirect=` or the
/// dashboard.
fn guest_only(title: &'static str, page: Html) -> Html {
    html! {
        <GuestOnly<Route> home={Route::Dashboard} guest_prefix="/auth" checking={checking_session(title.into())}>
            { page }
        </GuestOnly<Route>>
    }
}

/// A page that needs a session, with this app's loading page and its "could not check your
/// session" card.
fn require_auth(title: &'static str, page: Html) -> Html {
    let unconfirmed = Callback::from(move |Unconfirmed { message, retry, .. }| {
        html! {
            <Layout {title}>
                <section class="card" aria-labelledby="unconfirmed-heading">
                    <h1 id="unconfirmed-heading">{ title }</h1>
                    <div class="alert" role="alert">{ message }</div>
                    <button type="button" class="button button--primary" onclick={retry}>{ "Try again" }</button>
                </section>
            </Layout>
        }
    });
    html! {
        <RequireAuth<Route> login={Route::Login} checking={checking_session(title.into())} {unconfirmed}>
            { page }
        </RequireAuth<Route>>
    }
}

/// Goes to an already-checked same-origin path (see `yew_strapi::redirect::safe_redirect`),
/// keeping its query.
pub fn go_to_path(navigator: &Navigator, path: &str) {
    yew_strapi::guards::go_to_path::<Route>(navigator, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_comes_back_from_its_own_path() {
        let mut all: Vec<Route> = PATHS.iter().map(|(_, r)| r.clone()).collect();
        all.push(Route::ConnectRedirect {
            provider: "github".into(),
        });
        all.push(Route::Restaurant {
            slug: "le-bistro".into(),
        });
        for route in all {
            assert_eq!(route_for(&route.path()), route, "{}", route.path());
        }
        assert_eq!(Route::Login.path(), "/auth/login");
        assert_eq!(
            Route::ConnectRedirect {
                provider: "auth0".into()
            }
            .path(),
            "/connect/auth0/redirect"
        );
    }

    #[test]
    fn one_trailing_slash_is_ignored_as_the_derive_did() {
        assert_eq!(route_for(""), Route::Home);
        assert_eq!(route_for("/dashboard/"), Route::Dashboard);
        assert_eq!(route_for("/account/sessions/"), Route::Sessions);
        assert_eq!(route_for("/dashboard//"), Route::NotFound);
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/nope",
            "/auth",
            "/auth/login/x",
            "/Dashboard",
            "/connect/github",
            "/connect//redirect",
            "/connect/a/b/redirect",
            "/connect/%zz/redirect",
            "/dashboard?x=1",
        ] {
            assert_eq!(route_for(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn a_restaurant_is_one_segment_under_restaurants() {
        assert_eq!(
            route_for("/restaurants/caf%C3%A9-x/"),
            Route::Restaurant {
                slug: "café-x".into()
            }
        );
        assert_eq!(route_for("/restaurants"), Route::Restaurants);
        for path in ["/restaurants/a/b", "/restaurants/%zz", "/restaurants//"] {
            assert_eq!(route_for(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn the_provider_segment_is_decoded_and_encoded_back() {
        let route = route_for("/connect/my%2Fprovider/redirect");
        assert_eq!(
            route,
            Route::ConnectRedirect {
                provider: "my/provider".into()
            }
        );
        assert_eq!(route.path(), "/connect/my%2Fprovider/redirect");
    }
}
