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

#[derive(Routable, Clone, Debug, PartialEq, Eq)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/auth/login")]
    Login,
    #[at("/auth/register")]
    Register,
    #[at("/auth/forgot-password")]
    ForgotPassword,
    #[at("/auth/reset-password")]
    ResetPassword,
    #[at("/auth/email-confirmed")]
    EmailConfirmed,
    #[at("/connect/:provider/redirect")]
    ConnectRedirect { provider: String },
    #[at("/dashboard")]
    Dashboard,
    #[at("/account")]
    Account,
    #[at("/account/sessions")]
    Sessions,
    #[not_found]
    #[at("/404")]
    NotFound,
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
