//! `/`: what the app is, and the way in.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Layout;
use crate::router::Route;
use crate::APP_NAME;

#[function_component]
pub fn Home() -> Html {
    html! {
        <Layout title="Home">
            <section class="card hero" aria-labelledby="home-heading">
                <h1 id="home-heading">{ APP_NAME }</h1>
                <p>{ "A Rust and WebAssembly front end for Strapi's Users & Permissions: log in, keep your session, reach your dashboard." }</p>
                <div class="actions">
                    <Link<Route> to={Route::Login} classes="button button--primary">{ "Log in" }</Link<Route>>
                    <Link<Route> to={Route::Dashboard} classes="button">{ "Go to the dashboard" }</Link<Route>>
                </div>
            </section>
        </Layout>
    }
}
