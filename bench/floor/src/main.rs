//! The floor: a router and one form with two labelled inputs, nothing else.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Routable, Clone, PartialEq)]
enum Route {
    #[at("/")]
    Home,
    #[at("/auth/login")]
    Login,
    #[not_found]
    #[at("/404")]
    NotFound,
}

#[function_component]
fn Login() -> Html {
    let email = use_state(String::new);
    let password = use_state(String::new);
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <form>
            <label for="email">{ "Email" }</label>
            <input id="email" type="email" value={(*email).clone()} oninput={field(&email)} />
            <label for="password">{ "Password" }</label>
            <input id="password" type="password" value={(*password).clone()} oninput={field(&password)} />
            <button>{ "Login" }</button>
            <Link<Route> to={Route::Home}>{ "Home" }</Link<Route>>
        </form>
    }
}

fn switch(route: Route) -> Html {
    match route {
        Route::Login => html! { <Login /> },
        Route::Home | Route::NotFound => html! { <p>{ "Home" }</p> },
    }
}

#[function_component]
fn App() -> Html {
    html! { <BrowserRouter><Switch<Route> render={switch} /></BrowserRouter> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
