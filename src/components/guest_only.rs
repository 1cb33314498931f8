//! `GuestOnly`: the guard for pages that are only for visitors without a session (login,
//! registration). A visitor who has one, or gets one on the page, goes on to `?redirect=` (checked
//! same-origin) or the dashboard; while a stored session is being checked it shows a loading
//! state, never a flash of the form.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::checking_session;
use crate::router::{go_to_path, query_param, safe_redirect, DEFAULT_AFTER_LOGIN};
use crate::session::{use_auth, AuthStatus};

#[derive(Properties, PartialEq)]
pub struct GuestOnlyProps {
    /// The page's title while the session is checked.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn GuestOnly(props: &GuestOnlyProps) -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("GuestOnly is rendered inside the router");
    let location = use_location().expect("GuestOnly is rendered inside the router");
    let authenticated = matches!(auth.status(), AuthStatus::Authenticated(_));
    {
        let target = safe_redirect(query_param(location.query_str(), "redirect").as_deref())
            .unwrap_or(DEFAULT_AFTER_LOGIN)
            .to_owned();
        use_effect_with(authenticated, move |authenticated| {
            if *authenticated {
                go_to_path(&navigator, &target);
            }
        });
    }
    if authenticated || *auth.status() == AuthStatus::Checking {
        return checking_session(props.title.clone());
    }
    props.children.clone()
}
