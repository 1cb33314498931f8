//! Any unknown path.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Layout;
use crate::router::Route;

#[function_component]
pub fn NotFound() -> Html {
    html! {
        <Layout title="Page not found">
            <section class="card" aria-labelledby="not-found-heading">
                <h1 id="not-found-heading">{ "Page not found" }</h1>
                <p>{ "There is nothing at this address." }</p>
                <Link<Route> to={Route::Home} classes="button">{ "Back to the home page" }</Link<Route>>
            </section>
        </Layout>
    }
}
