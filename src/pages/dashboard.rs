//! `/dashboard`: who is logged in, from `GET /users/me`.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{StrapiClient, User};
use crate::components::Layout;
use crate::router::{to_login, LoginNotice, Route};
use crate::session::TokenStore;
use crate::time::now_secs;

const HERE: &str = "/dashboard";

#[derive(Clone, PartialEq)]
enum Account {
    Loading,
    Loaded(User),
    Failed(String),
}

#[function_component]
pub fn Dashboard() -> Html {
    let client = use_context::<StrapiClient>().expect("App provides a StrapiClient");
    let navigator = use_navigator().expect("Dashboard is rendered inside the router");
    let account = use_state(|| Account::Loading);
    let attempt = use_state(|| 0u32);

    {
        let (account, navigator) = (account.clone(), navigator.clone());
        use_effect_with(*attempt, move |_| {
            let Some(tokens) = TokenStore::load() else {
                to_login(&navigator, HERE, None);
                return;
            };
            account.set(Account::Loading);
            yew::platform::spawn_local(async move {
                match client.me(tokens.access()).await {
                    Ok(user) => account.set(Account::Loaded(user)),
                    Err(error) if error.status() == Some(401) => {
                        TokenStore::clear();
                        to_login(&navigator, HERE, Some(LoginNotice::SessionEnded));
                    }
                    Err(error) => account.set(Account::Failed(error.user_message(now_secs()))),
                }
            });
        });
    }

    let logout = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            TokenStore::clear();
            navigator.push(&Route::Login);
        })
    };
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };

    let body = match &*account {
        Account::Loading => html! {
            <p class="muted" aria-busy="true">{ "Loading your account…" }</p>
        },
        Account::Loaded(user) => html! {
            <>
                <p class="welcome">{ "Logged in as " }<strong class="user-email">{ &user.email }</strong></p>
                <dl class="facts">
                    <dt>{ "Username" }</dt><dd class="user-username">{ &user.username }</dd>
                    <dt>{ "Sign-in method" }</dt><dd>{ &user.provider }</dd>
                    <dt>{ "Email confirmed" }</dt><dd>{ if user.confirmed { "Yes" } else { "No" } }</dd>
                </dl>
                <button type="button" class="button" onclick={logout}>{ "Log out" }</button>
            </>
        },
        Account::Failed(message) => html! {
            <>
                <div class="alert" role="alert">{ message }</div>
                <div class="actions">
                    <button type="button" class="button button--primary" onclick={retry}>{ "Try again" }</button>
                    <button type="button" class="button" onclick={logout}>{ "Log out" }</button>
                </div>
            </>
        },
    };
    html! {
        <Layout title="Dashboard">
            <section class="card" aria-labelledby="dashboard-heading">
                <h1 id="dashboard-heading">{ "Dashboard" }</h1>
                { body }
            </section>
        </Layout>
    }
}
