//! `Layout`: the header (navigation that knows who is logged in), the main area every page sits
//! in, and the page title.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::router::Route;
use crate::session::{use_auth, AuthStatus};
use crate::APP_NAME;

#[derive(Properties, PartialEq)]
pub struct LayoutProps {
    /// The page's own name; the document title becomes `<title> · <app name>`.
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Layout(props: &LayoutProps) -> Html {
    // Effects do not run when prerendering: the page's <title> is written into its HTML instead.
    #[cfg(feature = "prerender")]
    crate::prerender::note_title(page_title(&props.title));
    use_effect_with(props.title.clone(), |title| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&page_title(title));
        }
    });
    let current = use_route::<Route>();
    let link = |to: Route, label: &'static str| {
        let aria_current = (current.as_ref() == Some(&to)).then_some("page");
        html! {
            <li><Link<Route> {to} classes="nav-link"><span aria-current={aria_current}>{ label }</span></Link<Route>></li>
        }
    };
    // What the header offers follows the session, in every tab at once (the auth state does).
    let auth = use_auth();
    let session_links = match auth.status() {
        AuthStatus::Authenticated(user) => {
            let logout = {
                let auth = auth.clone();
                Callback::from(move |_: MouseEvent| {
                    let auth = auth.clone();
                    yew::platform::spawn_local(async move { auth.logout(false).await });
                })
            };
            let name = if user.username.is_empty() {
                &user.email
            } else {
                &user.username
            };
            html! {
                <>
                    { link(Route::Dashboard, "Dashboard") }
                    { link(Route::Account, "Account") }
                    <li class="nav-user" title={user.email.clone()}>
                        <span class="visually-hidden">{ "Logged in as " }</span>{ name }
                    </li>
                    <li><button type="button" class="nav-button" onclick={logout}>{ "Log out" }</button></li>
                </>
            }
        }
        AuthStatus::Anonymous => html! {
            <>
                { link(Route::Login, "Login") }
                { link(Route::Register, "Create an account") }
            </>
        },
        // Being checked: nothing that a moment later could turn out wrong.
        AuthStatus::Checking | AuthStatus::Unconfirmed(_) => link(Route::Dashboard, "Dashboard"),
    };
    html! {
        <>
            <a class="skip-link" href="#main">{ "Skip to content" }</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <Link<Route> to={Route::Home} classes="brand">{ APP_NAME }</Link<Route>>
                    <nav aria-label="Main">
                        <ul class="nav">
                            { link(Route::Home, "Home") }
                            { link(Route::Restaurants, "Restaurants") }
                            { session_links }
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="main" class="site-main" tabindex="-1">
                { props.children.clone() }
            </main>
        </>
    }
}

pub fn page_title(title: &str) -> String {
    format!("{title} · {APP_NAME}")
}

/// The page while a stored session is being checked: the layout and a form-sized placeholder,
/// never a flash of the form or of the protected content (`GuestOnly`, `RequireAuth`).
pub fn checking_session(title: AttrValue) -> Html {
    html! {
        <Layout title={title.clone()}>
            <h1 class="visually-hidden">{ title }</h1>
            <div class="card shell-placeholder" aria-busy="true">
                <p class="muted" role="status">{ "Checking your session…" }</p>
            </div>
        </Layout>
    }
}
