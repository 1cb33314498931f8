//! The smallest app on `yew-strapi`: a login form, a page only for a logged-in person that shows
//! Strapi's `GET /users/me`, and logout. Strapi's URL is in index.html's `<meta name="strapi-url">`.

use strapi_client::api::{calls, StrapiClient};
use strapi_client::{config, time::now_secs};
use web_sys::HtmlInputElement;
use yew::{platform::spawn_local, prelude::*};
use yew_router::prelude::*;
use yew_strapi::guards::{GuestOnly, RequireAuth};
use yew_strapi::session::{use_auth, AuthProvider};

#[derive(Clone, PartialEq, Routable)]
enum Route {
    #[at("/login")]
    Login,
    #[at("/")]
    Me,
}

fn value(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map_or(String::new(), |i| i.value())
}

#[function_component]
fn Login() -> Html {
    let (auth, error) = (use_auth(), use_state(String::new));
    let (email, password) = (use_node_ref(), use_node_ref());
    let onsubmit = {
        let (email, password, error) = (email.clone(), password.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (auth, error, email, password) =
                (auth.clone(), error.clone(), value(&email), value(&password));
            // Nothing to do on success: GuestOnly moves a logged-in person on.
            spawn_local(async move {
                if let Err(e) = auth.login(&email, &password).await {
                    error.set(e.user_message(now_secs()));
                }
            });
        })
    };
    html! {
        <form {onsubmit}>
            <label>{ "Email " }<input ref={email} type="email" autocomplete="username" /></label>
            <label>{ "Password " }<input ref={password} type="password" autocomplete="current-password" /></label>
            <p role="alert">{ &*error }</p>
            <button>{ "Log in" }</button>
        </form>
    }
}

#[function_component]
fn Me() -> Html {
    let (auth, me) = (use_auth(), use_state(|| String::from("Loading…")));
    {
        let (auth, me) = (auth.clone(), me.clone());
        // `call` sends the session's token, renews it when Strapi refuses it, and retries once.
        use_effect_with((), move |_| {
            spawn_local(async move {
                me.set(match auth.call(calls::me()).await {
                    Ok(user) => format!("Logged in as {} ({})", user.username, user.email),
                    Err(e) => e.user_message(now_secs()),
                })
            })
        });
    }
    let logout = Callback::from(move |_| {
        let auth = auth.clone();
        spawn_local(async move { auth.logout(false).await });
    });
    html! { <><p role="status">{ &*me }</p><button onclick={logout}>{ "Log out" }</button></> }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <GuestOnly<Route> home={Route::Me}><Login /></GuestOnly<Route>> },
        Route::Me => html! { <RequireAuth<Route> login={Route::Login}><Me /></RequireAuth<Route>> },
    }
}

#[function_component]
fn App() -> Html {
    let client = StrapiClient::new(config::from_page());
    html! {
        <AuthProvider {client}><BrowserRouter><Switch<Route> render={switch} /></BrowserRouter></AuthProvider>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
