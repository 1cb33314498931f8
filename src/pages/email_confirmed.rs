//! `/auth/email-confirmed`: where Strapi sends the user after the confirmation link.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Layout;
use crate::router::Route;

#[function_component]
pub fn EmailConfirmed() -> Html {
    html! {
        <Layout title="Email confirmed">
            <section class="card auth-card" aria-labelledby="confirmed-heading">
                <h1 id="confirmed-heading">{ "Your email is confirmed" }</h1>
                <p>{ "Thank you. Your account is active: you can log in now." }</p>
                <Link<Route> to={Route::Login} classes="button button--primary">{ "Log in" }</Link<Route>>
            </section>
        </Layout>
    }
}
