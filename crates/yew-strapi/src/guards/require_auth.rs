//! `RequireAuth`: the guard for pages that need a session. While the session is being checked it
//! shows the `checking` view, never a flash of the login page or of the protected content.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{to_login, LoginNotice};
use crate::session::{use_auth, AuthStatus};
use strapi_client::session::EndReason;

/// Properties of [`RequireAuth`].
#[derive(Properties, PartialEq)]
pub struct RequireAuthProps<R: Routable + 'static> {
    /// The login route a visitor without a session is sent to, with `?redirect=` back to this page
    /// (and [`LoginNotice::SessionEnded`] in the history state when their session ran out). After
    /// a logout they go there without `?redirect=`.
    pub login: R,
    /// Shown while a stored session is being checked and while a visitor leaves for the login
    /// page: a loading state the size of the page, so nothing jumps.
    #[prop_or_default]
    pub checking: Html,
    /// Shown when the session could not be confirmed (Strapi unreachable or failing: the session
    /// is kept, not ended), given the message a person sees and a callback that checks again. By
    /// default: the message in an alert and a "Try again" button.
    #[prop_or_default]
    pub unconfirmed: Option<Callback<Unconfirmed, Html>>,
    /// The protected content, rendered only with a session.
    #[prop_or_default]
    pub children: Html,
}

/// What [`RequireAuthProps::unconfirmed`] is given to draw its view.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Unconfirmed {
    /// Why the session could not be checked, in the words a person sees.
    pub message: AttrValue,
    /// Checks the session again ([`Auth::recheck`](crate::session::Auth::recheck)); for a
    /// "Try again" button.
    pub retry: Callback<MouseEvent>,
}

/// Renders its children only for a logged-in person; inside the router and an
/// [`AuthProvider`](crate::session::AuthProvider).
///
/// ```no_run
/// # use yew::prelude::*;
/// # use yew_router::prelude::*;
/// # #[derive(Clone, PartialEq, Routable)] enum Route { #[at("/login")] Login, #[at("/me")] Me }
/// use yew_strapi::guards::RequireAuth;
/// html! {
///     <RequireAuth<Route> login={Route::Login} checking={html! { <p>{ "Checking…" }</p> }}>
///         <p>{ "Only for you" }</p>
///     </RequireAuth<Route>>
/// };
/// ```
#[function_component]
pub fn RequireAuth<R: Routable + 'static>(props: &RequireAuthProps<R>) -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("RequireAuth is rendered inside the router");
    let location = use_location().expect("RequireAuth is rendered inside the router");
    let anonymous = *auth.status() == AuthStatus::Anonymous;
    {
        let here = format!("{}{}", location.path(), location.query_str());
        let login = props.login.clone();
        use_effect_with((anonymous, auth.ended()), move |(anonymous, ended)| {
            if *anonymous {
                match ended {
                    Some(EndReason::LoggedOut) => navigator.replace(&login),
                    Some(EndReason::Expired) => {
                        to_login(&navigator, &login, &here, Some(LoginNotice::SessionEnded))
                    }
                    _ => to_login(&navigator, &login, &here, None),
                }
            }
        });
    }
    match auth.status() {
        AuthStatus::Authenticated(_) => props.children.clone(),
        AuthStatus::Unconfirmed(message) => {
            let message = AttrValue::from(message.clone());
            let retry = Callback::from(move |_: MouseEvent| auth.recheck());
            match &props.unconfirmed {
                Some(view) => view.emit(Unconfirmed { message, retry }),
                None => html! {
                    <>
                        <div role="alert">{ message }</div>
                        <button type="button" onclick={retry}>{ "Try again" }</button>
                    </>
                },
            }
        }
        AuthStatus::Checking | AuthStatus::Anonymous => props.checking.clone(),
    }
}
