//! `/dashboard` (protected): who is logged in, fresh from `GET /users/me`, and the way out.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{calls, User};
use crate::components::Layout;
use crate::router::Route;
use crate::session::{use_auth, ShortLived, TokenMode};
use crate::time::now_secs;

/// Said where the user lands after logging in, when the browser refused to store the session.
pub const MSG_NOT_KEPT: &str = "This browser does not let the site store your session: it lasts until you reload or close this tab.";
/// Cookie mode against a Strapi that keeps no sessions: what the person can expect and who can
/// change it (the console tells the developer which setting).
pub const MSG_NOT_KEPT_BY_SERVER: &str = "This site does not keep sessions: you stay logged in until you reload or leave this page, then you log in again. The site's administrator can change this.";

#[function_component]
pub fn Dashboard() -> Html {
    let auth = use_auth();
    let fresh = use_state(|| None::<User>);
    let problem = use_state(|| None::<String>);
    let reloads = use_state(|| 0u32);

    // The number of the newest load: an answer that arrives after a newer load was asked for
    // (a slow first load, then Reload) must not replace that load's outcome.
    let newest = use_mut_ref(|| 0u32);

    // The page's own request: through the session, so an expired access token is renewed on the
    // way without the user noticing.
    {
        let (auth, fresh, problem) = (auth.clone(), fresh.clone(), problem.clone());
        use_effect_with(*reloads, move |load| {
            let load = *load;
            *newest.borrow_mut() = load;
            yew::platform::spawn_local(async move {
                let answer = auth.call(calls::me()).await;
                if *newest.borrow() != load {
                    return;
                }
                match answer {
                    Ok(user) => {
                        problem.set(None);
                        fresh.set(Some(user));
                    }
                    Err(error) => problem.set(Some(error.user_message(now_secs()))),
                }
            });
        });
    }

    let on_reload = {
        let reloads = reloads.clone();
        Callback::from(move |_: MouseEvent| reloads.set(*reloads + 1))
    };
    let logout = |everywhere: bool| {
        let auth = auth.clone();
        Callback::from(move |_: MouseEvent| {
            let auth = auth.clone();
            yew::platform::spawn_local(async move { auth.logout(everywhere).await });
        })
    };
    let session_mode = auth.mode() == Some(TokenMode::Refresh);
    let Some(user) = (*fresh).clone().or_else(|| auth.user().cloned()) else {
        return Html::default();
    };
    html! {
        <Layout title="Dashboard">
            <section class="card" aria-labelledby="dashboard-heading">
                <h1 id="dashboard-heading">{ "Dashboard" }</h1>
                if let Some(message) = &*problem {
                    <div class="alert" role="alert">{ message }</div>
                }
                <p class="welcome">{ "Logged in as " }<strong class="user-email">{ &user.email }</strong></p>
                if let Some(why) = auth.short_lived() {
                    <p class="notice" role="status">{
                        if why == ShortLived::NoServerSessions { MSG_NOT_KEPT_BY_SERVER } else { MSG_NOT_KEPT }
                    }</p>
                }
                <dl class="facts">
                    <dt>{ "Username" }</dt><dd class="user-username">{ &user.username }</dd>
                    <dt>{ "Sign-in method" }</dt><dd>{ &user.provider }</dd>
                    <dt>{ "Email confirmed" }</dt><dd>{ if user.confirmed { "Yes" } else { "No" } }</dd>
                    <dt>{ "Session" }</dt>
                    <dd class="session-mode">{ if session_mode { "Refreshing tokens (session management)" } else { "Single token (legacy)" } }</dd>
                </dl>
                <div class="actions">
                    <button type="button" class="button" onclick={on_reload}>{ "Reload" }</button>
                    <Link<Route> to={Route::Account} classes="button">{ "Account" }</Link<Route>>
                    <Link<Route> to={Route::MyReviews} classes="button">{ "My reviews" }</Link<Route>>
                    if session_mode {
                        <Link<Route> to={Route::Sessions} classes="button">{ "Devices" }</Link<Route>>
                    }
                    <button type="button" class="button button--primary" onclick={logout(false)}>{ "Log out" }</button>
                    if session_mode {
                        <button type="button" class="button" onclick={logout(true)}>{ "Log out everywhere" }</button>
                    }
                </div>
            </section>
        </Layout>
    }
}
