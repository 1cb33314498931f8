//! One component per route.

mod account;
pub mod connect_redirect;
mod dashboard;
mod email_confirmed;
mod forgot_password;
mod home;
pub mod login;
mod my_reviews;
mod not_found;
mod register;
mod reset_password;
mod restaurant;
mod restaurants;
mod sessions;

pub use account::Account;
pub use connect_redirect::ConnectRedirect;
pub use dashboard::Dashboard;
pub use email_confirmed::EmailConfirmed;
pub use forgot_password::ForgotPassword;
pub use home::Home;
pub use login::Login;
pub use my_reviews::MyReviews;
pub use not_found::NotFound;
pub use register::Register;
pub use reset_password::ResetPassword;
pub use restaurant::RestaurantPage;
pub use restaurants::Restaurants;
pub use sessions::Sessions;

use yew::prelude::*;

/// What a page that loads something from Strapi shows: its loading state, the thing, or why it
/// could not (in the words a person sees).
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// Why a page's data did not load, and "Try again", which bumps `reloads` (the counter the page's
/// loading effect depends on) to ask again.
pub fn failed_view(message: &str, reloads: &UseStateHandle<u32>) -> Html {
    let reloads = reloads.clone();
    let retry = Callback::from(move |_: MouseEvent| reloads.set(*reloads + 1));
    html! {
        <>
            <p class="alert" role="alert">{ message }</p>
            <button type="button" class="button" onclick={retry}>{ "Try again" }</button>
        </>
    }
}
