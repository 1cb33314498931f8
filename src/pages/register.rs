//! `/auth/register`: a new account; logged in at once, or asked to confirm the email first.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::{
    FormAlert, Layout, NewPasswordFields, RememberMe, SubmitButton, TextField,
};
use crate::form::validate::{email_problem, new_password_pair};
use crate::form::{use_form, Errors, FormField, UseForm, Values};
use crate::router::Route;
use crate::session::use_auth;
use crate::time::now_secs;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterField {
    Username,
    Email,
    Password,
    PasswordConfirmation,
}

impl FormField for RegisterField {
    const ALL: &'static [Self] = &[
        RegisterField::Username,
        RegisterField::Email,
        RegisterField::Password,
        RegisterField::PasswordConfirmation,
    ];

    fn name(self) -> &'static str {
        match self {
            RegisterField::Username => "username",
            RegisterField::Email => "email",
            RegisterField::Password => "password",
            RegisterField::PasswordConfirmation => "passwordConfirmation",
        }
    }
}

pub fn validate_register(values: &Values<RegisterField>) -> Errors<RegisterField> {
    let (password, confirmation) = new_password_pair(
        values.str(RegisterField::Password),
        values.str(RegisterField::PasswordConfirmation),
    );
    Errors::from_problems([
        (
            RegisterField::Username,
            values
                .str(RegisterField::Username)
                .trim()
                .is_empty()
                .then_some("Username is required"),
        ),
        (
            RegisterField::Email,
            email_problem(values.str(RegisterField::Email)),
        ),
        (RegisterField::Password, password),
        (RegisterField::PasswordConfirmation, confirmation),
    ])
}

/// After a failure the typed values stay, but never the passwords.
const CLEARED_ON_FAILURE: &[RegisterField] =
    &[RegisterField::Password, RegisterField::PasswordConfirmation];

#[function_component]
pub fn Register() -> Html {
    let auth = use_auth();
    let client = auth.public().clone();
    // Set when Strapi wants the email confirmed before the first login.
    let pending = use_state(|| None::<String>);

    let form = {
        let (auth, client, pending) = (auth.clone(), client.clone(), pending.clone());
        use_form(
            Values::new(),
            validate_register,
            move |values, form: UseForm<RegisterField>| {
                let (auth, client, pending) = (auth.clone(), client.clone(), pending.clone());
                async move {
                    let email = values[&RegisterField::Email].trim().to_owned();
                    let answer = client
                        .register(
                            values[&RegisterField::Username].trim(),
                            &email,
                            &values[&RegisterField::Password],
                        )
                        .await;
                    let adopted = match answer.map(|a| a.into_auth()) {
                        Ok(Some(session)) => auth.adopt(session).await,
                        Ok(None) => {
                            pending.set(Some(email));
                            Ok(())
                        }
                        Err(error) => Err(error),
                    };
                    if let Err(error) = adopted {
                        form.fail(&error, CLEARED_ON_FAILURE);
                    }
                }
            },
        )
    };

    if let Some(email) = &*pending {
        return html! { <CheckInbox email={email.clone()} /> };
    }
    html! {
        <Layout title="Create an account">
            <section class="card auth-card" aria-labelledby="register-heading">
                <h1 id="register-heading">{ "Create an account" }</h1>
                <FormAlert message={form.status().map(AttrValue::from)} />
                <form method="post" novalidate=true onsubmit={form.handle_submit()}>
                    <TextField field={form.bind(RegisterField::Username)} label="Username"
                        autocomplete="username" placeholder="Choose a username" />
                    <TextField field={form.bind(RegisterField::Email)} label="Email" input_type="email"
                        autocomplete="email" placeholder="Enter your email" />
                    <NewPasswordFields password={form.bind(RegisterField::Password)}
                        confirmation={form.bind(RegisterField::PasswordConfirmation)}
                        label="Password" confirmation_label="Confirm password" />
                    <RememberMe />
                    <SubmitButton label="Create account" busy_label="Creating account..." busy={form.is_submitting()} />
                </form>
                <p class="form-links">
                    { "Already have an account? " }<Link<Route> to={Route::Login}>{ "Log in" }</Link<Route>>
                </p>
            </section>
        </Layout>
    }
}

#[derive(Properties, PartialEq)]
struct CheckInboxProps {
    email: String,
}

/// Email confirmation is on: the account exists but needs its confirmation link first.
#[function_component]
fn CheckInbox(props: &CheckInboxProps) -> Html {
    let client = use_auth().public().clone();
    let status = use_state(|| None::<Result<String, String>>);
    let sending = use_state(|| false);
    let resend = {
        let (email, status, sending) = (props.email.clone(), status.clone(), sending.clone());
        Callback::from(move |_: MouseEvent| {
            if *sending {
                return;
            }
            let (client, email, status, sending) = (
                client.clone(),
                email.clone(),
                status.clone(),
                sending.clone(),
            );
            sending.set(true);
            yew::platform::spawn_local(async move {
                let answer: Result<_, ApiError> = client.send_email_confirmation(&email).await;
                status.set(Some(match answer {
                    Ok(_) => Ok(format!("We sent the email again to {email}.")),
                    Err(e) => Err(e.user_message(now_secs())),
                }));
                sending.set(false);
            });
        })
    };
    html! {
        <Layout title="Check your inbox">
            <section class="card auth-card" aria-labelledby="inbox-heading">
                <h1 id="inbox-heading">{ "Check your inbox" }</h1>
                <p>{ format!("We sent a confirmation link to {}. Open it to activate your account, then log in.", props.email) }</p>
                <FormAlert message={status.as_ref().and_then(|s| s.clone().err()).map(AttrValue::from)} />
                <div class="notice-region" role="status">
                    if let Some(Ok(message)) = &*status { <p class="notice">{ message }</p> }
                </div>
                <div class="actions">
                    <button type="button" class="button" onclick={resend} disabled={*sending}>
                        { if *sending { "Sending..." } else { "Resend the email" } }
                    </button>
                    <Link<Route> to={Route::Login} classes="button button--primary">{ "Go to login" }</Link<Route>>
                </div>
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::form::server_field_errors;

    fn values(u: &str, e: &str, p: &str, c: &str) -> Values<RegisterField> {
        Values::from([
            (RegisterField::Username, u.to_owned()),
            (RegisterField::Email, e.to_owned()),
            (RegisterField::Password, p.to_owned()),
            (RegisterField::PasswordConfirmation, c.to_owned()),
        ])
    }

    #[test]
    fn every_rule() {
        let errors = validate_register(&values("", "nope", "12345", "54321"));
        assert_eq!(errors[&RegisterField::Username], "Username is required");
        assert!(errors[&RegisterField::Email].starts_with("Enter a valid email"));
        assert_eq!(
            errors[&RegisterField::Password],
            "Use at least 6 characters"
        );
        assert_eq!(
            errors[&RegisterField::PasswordConfirmation],
            "Passwords do not match"
        );
        assert!(
            validate_register(&values("ann", "ann@example.com", "secret1", "secret1")).is_empty()
        );
    }

    #[test]
    fn strapi_field_errors_land_under_their_fields() {
        let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"password must be at least 6 characters","details":{"errors":[{"path":["password"],"message":"password must be at least 6 characters","name":"ValidationError"}]}}}"#;
        let err = crate::api::parse_answer::<crate::api::User>(400, body, None).unwrap_err();
        let errors: Errors<RegisterField> = server_field_errors(&err);
        assert_eq!(
            errors[&RegisterField::Password],
            "password must be at least 6 characters"
        );
    }
}
