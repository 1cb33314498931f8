//! The app's routes, the page each renders, and the navigation helpers pages share.

mod redirect;

pub use redirect::{
    percent_decode, percent_encode, query_param, safe_redirect, DEFAULT_AFTER_LOGIN,
};

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::components::{GuestOnly, RequireAuth};
use crate::pages::{
    Account, ConnectRedirect, Dashboard, EmailConfirmed, ForgotPassword, Home, Login, NotFound,
    Register, ResetPassword, Sessions,
};

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
    NotFound,
}

const PROVIDER_PREFIX: &str = "/connect/";
const PROVIDER_SUFFIX: &str = "/redirect";

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
    path.strip_prefix(PROVIDER_PREFIX)
        .and_then(|rest| rest.strip_suffix(PROVIDER_SUFFIX))
        .filter(|segment| !segment.is_empty() && !segment.contains('/'))
        .and_then(percent_decode)
        .map(|provider| Route::ConnectRedirect { provider })
        .unwrap_or(Route::NotFound)
}

impl Route {
    pub fn path(&self) -> String {
        match self {
            Route::ConnectRedirect { provider } => {
                let segment = percent_encode(provider).replace('/', "%2F");
                format!("{PROVIDER_PREFIX}{segment}{PROVIDER_SUFFIX}")
            }
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
        Route::Home => html! { <Home /> },
        Route::Login => html! { <GuestOnly title="Login"><Login /></GuestOnly> },
        Route::Register => html! { <GuestOnly title="Create an account"><Register /></GuestOnly> },
        Route::ForgotPassword => html! { <ForgotPassword /> },
        Route::ResetPassword => html! { <ResetPassword /> },
        Route::EmailConfirmed => html! { <EmailConfirmed /> },
        Route::ConnectRedirect { provider } => html! { <ConnectRedirect {provider} /> },
        Route::Account => html! { <RequireAuth title="Account"><Account /></RequireAuth> },
        Route::Dashboard => html! { <RequireAuth title="Dashboard"><Dashboard /></RequireAuth> },
        Route::Sessions => html! { <RequireAuth title="Devices"><Sessions /></RequireAuth> },
        Route::NotFound => html! { <NotFound /> },
    }
}

/// Why the login page was shown instead of the page asked for; carried in history state so it
/// does not survive a reload or show up in the address bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginNotice {
    SessionEnded,
}

/// Sends the visitor to `/auth/login?redirect=<from>`, replacing the current entry so Back does
/// not return to a page they cannot see.
pub fn to_login(navigator: &Navigator, from: &str, notice: Option<LoginNotice>) {
    let query = Raw(format!("redirect={}", percent_encode(from)));
    let _ = match notice {
        Some(notice) => navigator.replace_with_query_and_state(&Route::Login, query, notice),
        None => navigator.replace_with_query(&Route::Login, query),
    };
}

/// Goes to an already-checked same-origin path (see [`safe_redirect`]), keeping its query.
pub fn go_to_path(navigator: &Navigator, path: &str) {
    let path = path.split('#').next().unwrap_or_default();
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let route = Route::recognize(path).unwrap_or(Route::NotFound);
    if query.is_empty() {
        navigator.replace(&route);
    } else {
        let _ = navigator.replace_with_query(&route, Raw(query));
    }
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
