//! `GuestOnly`: the guard for pages only for visitors without a session (login, registration). A
//! visitor who has one, or gets one on the page, goes on to `?redirect=` (checked same-origin) or
//! `home`; while a stored session is being checked it shows the `checking` view, never a flash of
//! the form.

use yew::prelude::*;
use yew_router::prelude::*;

use super::go_to_path;
use crate::redirect::{query_param, safe_redirect};
use crate::session::{use_auth, AuthStatus};

/// Properties of [`GuestOnly`].
#[derive(Properties, PartialEq)]
pub struct GuestOnlyProps<R: Routable + 'static> {
    /// Where a person with a session goes when the page's `?redirect=` is missing or unsafe.
    pub home: R,
    /// The path prefix of the app's guest pages (`/auth` for `/auth/login`, `/auth/register`…): a
    /// `?redirect=` into them is ignored, since it would bounce back. Empty: none.
    #[prop_or_default]
    pub guest_prefix: AttrValue,
    /// Shown while a stored session is being checked and while a logged-in person leaves.
    #[prop_or_default]
    pub checking: Html,
    /// The page for visitors without a session.
    #[prop_or_default]
    pub children: Html,
}

/// Renders its children only for a visitor without a session; inside the router and an
/// [`AuthProvider`](crate::session::AuthProvider). A login on the page moves the person on by
/// itself: the page's submit handler only calls [`Auth::login`](crate::session::Auth::login).
#[function_component]
pub fn GuestOnly<R: Routable + 'static>(props: &GuestOnlyProps<R>) -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("GuestOnly is rendered inside the router");
    let location = use_location().expect("GuestOnly is rendered inside the router");
    let authenticated = matches!(auth.status(), AuthStatus::Authenticated(_));
    {
        let asked = query_param(location.query_str(), "redirect");
        let target = safe_redirect(asked.as_deref(), &props.guest_prefix)
            .map(str::to_owned)
            .unwrap_or_else(|| props.home.to_path());
        use_effect_with(authenticated, move |authenticated| {
            if *authenticated {
                go_to_path::<R>(&navigator, &target);
            }
        });
    }
    if authenticated || *auth.status() == AuthStatus::Checking {
        return props.checking.clone();
    }
    props.children.clone()
}
