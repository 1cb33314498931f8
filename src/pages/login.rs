//! `/auth/login`: the cookbook's email and password form.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{MSG_NO_SERVER_SESSIONS, MSG_SESSION_ENDED};
use crate::components::{FormAlert, Layout, RememberMe, SubmitButton, TextField};
use crate::config::provider_label;
use crate::form::validate::email_problem;
use crate::form::{use_form, Errors, FormField, UseForm, Values};
use crate::router::{LoginNotice, Route};
use crate::session::{use_auth, EndReason};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginField {
    Identifier,
    Password,
}

impl FormField for LoginField {
    const ALL: &'static [Self] = &[LoginField::Identifier, LoginField::Password];

    fn name(self) -> &'static str {
        match self {
            LoginField::Identifier => "identifier",
            LoginField::Password => "password",
        }
    }
}

pub fn validate_login(values: &Values<LoginField>) -> Errors<LoginField> {
    Errors::from_problems([
        (
            LoginField::Identifier,
            email_problem(values.str(LoginField::Identifier)),
        ),
        (
            LoginField::Password,
            values
                .str(LoginField::Password)
                .is_empty()
                .then_some("Password is required"),
        ),
    ])
}

#[function_component]
pub fn Login() -> Html {
    let auth = use_auth();
    let location = use_location().expect("Login is rendered inside the router");
    let notice = location.state::<LoginNotice>().map(|n| *n);
    // Said whichever page the person was on: the session's end reason outlives the redirect.
    let no_server_sessions = auth.ended() == Some(EndReason::NoServerSessions);

    let password_ref = use_node_ref();
    let form = {
        let (auth, password_ref) = (auth.clone(), password_ref.clone());
        use_form(
            Values::new(),
            validate_login,
            move |values, form: UseForm<LoginField>| {
                let (auth, password_ref) = (auth.clone(), password_ref.clone());
                async move {
                    let identifier = values[&LoginField::Identifier].trim();
                    let password = &values[&LoginField::Password];
                    if let Err(error) = auth.login(identifier, password).await {
                        form.fail(&error, &[LoginField::Password]);
                        if let Some(input) = password_ref.cast::<HtmlInputElement>() {
                            let _ = input.focus();
                        }
                    }
                }
            },
        )
    };

    let submitting = form.is_submitting();
    let config = auth.public().config();
    let providers: Vec<(String, String)> = config
        .providers
        .iter()
        .map(|p| (p.clone(), config.url(&format!("/connect/{p}"))))
        .collect();
    html! {
        <Layout title="Login">
            <section class="card auth-card" aria-labelledby="login-heading">
                <h1 id="login-heading">{ "Login" }</h1>
                if notice == Some(LoginNotice::SessionEnded) {
                    <p class="notice" role="status">{ MSG_SESSION_ENDED }</p>
                } else if no_server_sessions {
                    <p class="notice" role="status">{ MSG_NO_SERVER_SESSIONS }</p>
                }
                <FormAlert message={form.status().map(AttrValue::from)} />
                <form method="post" novalidate=true onsubmit={form.handle_submit()}>
                    <TextField field={form.bind(LoginField::Identifier)} label="Email"
                        input_type="email" placeholder="Enter your email" autocomplete="username" />
                    <TextField field={form.bind(LoginField::Password)} label="Password"
                        input_type="password" placeholder="Enter your password"
                        autocomplete="current-password" input_ref={password_ref} />
                    <RememberMe />
                    <SubmitButton label="Login" busy_label="Logging in..." busy={submitting} />
                </form>
                <p class="form-links">
                    <Link<Route> to={Route::ForgotPassword}>{ "Forgot your password?" }</Link<Route>>
                    <span aria-hidden="true">{ " · " }</span>
                    <Link<Route> to={Route::Register}>{ "Create an account" }</Link<Route>>
                </p>
                // Last: the providers are a deploy-time setting the prerendered page cannot know,
                // and added at the end they move nothing on the screen.
                if !providers.is_empty() {
                    <div class="providers" role="group" aria-label="Other ways to log in">
                        { for providers.iter().map(|(name, href)| html! {
                            <a class="button" href={href.clone()}>{ format!("Continue with {}", provider_label(name)) }</a>
                        }) }
                    </div>
                }
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{parse_answer, ApiError};
    use crate::form::server_field_errors;

    fn values(identifier: &str, password: &str) -> Values<LoginField> {
        Values::from([
            (LoginField::Identifier, identifier.to_owned()),
            (LoginField::Password, password.to_owned()),
        ])
    }

    #[test]
    fn both_fields_required() {
        let errors = validate_login(&values("", ""));
        assert_eq!(errors[&LoginField::Identifier], "Email is required");
        assert_eq!(errors[&LoginField::Password], "Password is required");
        assert!(validate_login(&values("   ", "x")).contains_key(&LoginField::Identifier));
    }

    #[test]
    fn email_must_look_like_one() {
        let errors = validate_login(&values("not-an-email", "pw"));
        assert!(errors[&LoginField::Identifier].starts_with("Enter a valid email"));
        assert!(!errors.contains_key(&LoginField::Password));
        assert!(validate_login(&values(" demo@example.com ", "pw")).is_empty());
    }

    #[test]
    fn strapi_field_errors_map_to_fields() {
        let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"2 errors occurred","details":{"errors":[{"path":["identifier"],"message":"identifier is a required field","name":"ValidationError"},{"path":["other"],"message":"x","name":"ValidationError"}]}}}"#;
        let err = parse_answer::<crate::api::User>(400, body, None).unwrap_err();
        let errors: Errors<LoginField> = server_field_errors(&err);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[&LoginField::Identifier],
            "identifier is a required field"
        );
        assert!(server_field_errors::<LoginField>(&ApiError::Network).is_empty());
    }
}
