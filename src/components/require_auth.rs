//! `RequireAuth`: the guard for pages that need a user. While the session is being checked it
//! shows a loading state, never a flash of the login page or of the protected content.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{checking_session, Layout};
use crate::router::{to_login, LoginNotice, Route};
use crate::session::{use_auth, AuthStatus, EndReason};

#[derive(Properties, PartialEq)]
pub struct RequireAuthProps {
    /// The page's title while it is loading or unavailable.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn RequireAuth(props: &RequireAuthProps) -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("RequireAuth is rendered inside the router");
    let location = use_location().expect("RequireAuth is rendered inside the router");
    let anonymous = *auth.status() == AuthStatus::Anonymous;
    {
        let here = format!("{}{}", location.path(), location.query_str());
        use_effect_with((anonymous, auth.ended()), move |(anonymous, ended)| {
            if *anonymous {
                match ended {
                    Some(EndReason::LoggedOut) => navigator.replace(&Route::Login),
                    Some(EndReason::Expired) => {
                        to_login(&navigator, &here, Some(LoginNotice::SessionEnded))
                    }
                    _ => to_login(&navigator, &here, None),
                }
            }
        });
    }
    match auth.status() {
        AuthStatus::Authenticated(_) => props.children.clone(),
        AuthStatus::Unconfirmed(message) => {
            let retry = {
                let auth = auth.clone();
                Callback::from(move |_: MouseEvent| auth.recheck())
            };
            html! {
                <Layout title={props.title.clone()}>
                    <section class="card" aria-labelledby="unconfirmed-heading">
                        <h1 id="unconfirmed-heading">{ &props.title }</h1>
                        <div class="alert" role="alert">{ message }</div>
                        <button type="button" class="button button--primary" onclick={retry}>{ "Try again" }</button>
                    </section>
                </Layout>
            }
        }
        AuthStatus::Checking | AuthStatus::Anonymous => checking_session(props.title.clone()),
    }
}
