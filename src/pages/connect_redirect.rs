//! `/connect/:provider/redirect`: where Strapi sends the user back after a provider login.
//! Whatever the provider put in the address bar (tokens, codes) is removed before anything else.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::Layout;
use crate::config::provider_label;
use crate::router::{go_to_path, percent_encode, query_param, Route, DEFAULT_AFTER_LOGIN};
use crate::session::{use_auth, AuthStatus};
use crate::time::now_secs;

/// What came back in the query, read once.
#[derive(Clone, PartialEq, Debug)]
pub enum ProviderAnswer {
    /// `?error=…&error_description=…`
    Refused(String),
    /// The query to pass on to Strapi's callback: `access_token=…` or `id_token=…`, or nothing
    /// (Strapi 5 keeps the provider's answer in its own session cookie).
    Granted(String),
}

pub fn read_answer(query: &str) -> ProviderAnswer {
    if let Some(error) = query_param(query, "error") {
        let described = query_param(query, "error_description")
            .filter(|d| !d.is_empty())
            .map_or(error.clone(), |d| format!("{error}: {d}"));
        return ProviderAnswer::Refused(described);
    }
    let pass_on = ["access_token", "id_token"]
        .into_iter()
        .find_map(|key| {
            Some(format!(
                "{key}={}",
                percent_encode(&query_param(query, key)?)
            ))
        })
        .unwrap_or_default();
    ProviderAnswer::Granted(pass_on)
}

/// Clears the query from the address bar and the current history entry.
fn scrub_address_bar() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

#[derive(Properties, PartialEq)]
pub struct ConnectRedirectProps {
    pub provider: AttrValue,
}

#[function_component]
pub fn ConnectRedirect(props: &ConnectRedirectProps) -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("ConnectRedirect is rendered inside the router");
    let location = use_location().expect("ConnectRedirect is rendered inside the router");
    let answer = use_state(|| {
        let answer = read_answer(location.query_str());
        scrub_address_bar();
        answer
    });
    let failure = use_state(|| None::<String>);
    let provider = props.provider.to_string();
    let client = auth.public().clone();
    // Only the configured providers: the name goes into a Strapi URL.
    let known = client.config().providers.contains(&provider);
    let label = provider_label(&provider);

    {
        let (answer, failure, auth, client) = (
            (*answer).clone(),
            failure.clone(),
            auth.clone(),
            client.clone(),
        );
        let provider = provider.clone();
        use_effect_with((), move |_| {
            if let (ProviderAnswer::Granted(query), true) = (answer, known) {
                yew::platform::spawn_local(async move {
                    let adopted = match client.provider_callback(&provider, &query).await {
                        Ok(session) => auth.adopt(session).await,
                        Err(e) => Err(e),
                    };
                    if let Err(e) = adopted {
                        failure.set(Some(e.user_message(now_secs())));
                    }
                });
            }
        });
    }
    let authenticated = matches!(auth.status(), AuthStatus::Authenticated(_));
    use_effect_with(authenticated, move |authenticated| {
        if *authenticated {
            go_to_path(&navigator, DEFAULT_AFTER_LOGIN);
        }
    });

    let problem = match (&*answer, &*failure) {
        _ if !known => Some("This sign-in link is not valid.".to_owned()),
        (ProviderAnswer::Refused(reason), _) => {
            Some(format!("{label} did not sign you in ({reason})."))
        }
        (_, Some(message)) => Some(message.clone()),
        _ => None,
    };
    html! {
        <Layout title={format!("Sign in with {label}")}>
            <section class="card auth-card" aria-labelledby="connect-heading">
                <h1 id="connect-heading">{ format!("Sign in with {label}") }</h1>
                if let Some(problem) = problem {
                    <div class="alert" role="alert">{ problem }</div>
                    <Link<Route> to={Route::Login} classes="button">{ "Back to login" }</Link<Route>>
                } else {
                    <p class="muted" role="status" aria-busy="true">{ "Signing you in…" }</p>
                }
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_from_the_provider() {
        assert_eq!(
            read_answer("?error=access_denied"),
            ProviderAnswer::Refused("access_denied".into())
        );
        assert_eq!(
            read_answer("error=oauth_error&error_description=OAuth2+state+mismatch"),
            ProviderAnswer::Refused("oauth_error: OAuth2 state mismatch".into())
        );
    }

    #[test]
    fn tokens_are_passed_on_encoded() {
        assert_eq!(
            read_answer("?access_token=a%2Bb&raw[x]=1"),
            ProviderAnswer::Granted("access_token=a%2Bb".into())
        );
        assert_eq!(
            read_answer("id_token=x.y.z"),
            ProviderAnswer::Granted("id_token=x.y.z".into())
        );
        assert_eq!(read_answer(""), ProviderAnswer::Granted(String::new()));
    }
}
