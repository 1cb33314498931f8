//! "Remember me" on every form that logs the user in: checked keeps the cookbook's localStorage
//! session; unchecked, the session ends when the last tab of the app closes.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::session::use_auth;

#[function_component]
pub fn RememberMe() -> Html {
    let auth = use_auth();
    let checked = use_state(|| auth.remember());
    // In cookie mode how long a session lasts is the cookie's lifetime, set on Strapi.
    if auth.cookie_mode() {
        return Html::default();
    }
    let onchange = {
        let checked = checked.clone();
        Callback::from(move |event: Event| {
            let on = event.target_unchecked_into::<HtmlInputElement>().checked();
            auth.set_remember(on);
            checked.set(on);
        })
    };
    html! {
        <div class="check remember-me">
            <input type="checkbox" id="remember-me" name="remember" checked={*checked}
                aria-describedby="remember-me-hint" {onchange} />
            <label for="remember-me">{ "Remember me" }</label>
            <p id="remember-me-hint" class="check__hint">
                { "Unchecked, you are logged out when you close the last tab of this site." }
            </p>
        </div>
    }
}
