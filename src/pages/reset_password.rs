//! `/auth/reset-password?code=…`: a new password from the emailed link. The code leaves the
//! address bar as soon as it is read.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::{FormAlert, Layout, NewPasswordFields, RememberMe, SubmitButton};
use crate::form::validate::new_password_pair;
use crate::form::{use_form, Errors, FormField, UseForm, Values};
use crate::router::{go_to_path, query_param, Route, DEFAULT_AFTER_LOGIN};
use crate::session::{use_auth, AuthStatus};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetField {
    Password,
    PasswordConfirmation,
}

impl FormField for ResetField {
    const ALL: &'static [Self] = &[ResetField::Password, ResetField::PasswordConfirmation];

    fn name(self) -> &'static str {
        match self {
            ResetField::Password => "password",
            ResetField::PasswordConfirmation => "passwordConfirmation",
        }
    }
}

pub fn validate_reset(values: &Values<ResetField>) -> Errors<ResetField> {
    let (password, confirmation) = new_password_pair(
        values.str(ResetField::Password),
        values.str(ResetField::PasswordConfirmation),
    );
    Errors::from_problems([
        (ResetField::Password, password),
        (ResetField::PasswordConfirmation, confirmation),
    ])
}

/// A refused code (wrong, used or expired) needs a new link, not another try.
fn is_bad_code(error: &ApiError) -> bool {
    matches!(error, ApiError::Strapi { error, .. } if error.status == 400 && error.details.errors.is_empty())
}

#[function_component]
pub fn ResetPassword() -> Html {
    let auth = use_auth();
    let client = auth.public().clone();
    let navigator = use_navigator().expect("ResetPassword is rendered inside the router");
    let location = use_location().expect("ResetPassword is rendered inside the router");
    // Read once; the effect below removes it from the address bar and from history.
    let code = use_state(|| query_param(location.query_str(), "code").filter(|c| !c.is_empty()));
    let bad_code = use_state(|| false);
    {
        let navigator = navigator.clone();
        let has_query = !location.query_str().is_empty();
        use_effect_with((), move |_| {
            if has_query {
                navigator.replace(&Route::ResetPassword);
            }
        });
    }
    let authenticated = matches!(auth.status(), AuthStatus::Authenticated(_));
    let done = use_state(|| false);
    {
        let (navigator, done) = (navigator.clone(), *done);
        use_effect_with((authenticated, done), move |(authenticated, done)| {
            if *authenticated && *done {
                go_to_path(&navigator, DEFAULT_AFTER_LOGIN);
            }
        });
    }

    let form = {
        let (code, bad_code, done) = ((*code).clone(), bad_code.clone(), done.clone());
        use_form(
            Values::new(),
            validate_reset,
            move |values, form: UseForm<ResetField>| {
                let (auth, client, code, bad_code, done) = (
                    auth.clone(),
                    client.clone(),
                    code.clone().unwrap_or_default(),
                    bad_code.clone(),
                    done.clone(),
                );
                async move {
                    let password = &values[&ResetField::Password];
                    let confirmation = &values[&ResetField::PasswordConfirmation];
                    let adopted = match client.reset_password(&code, password, confirmation).await {
                        Ok(session) => auth.adopt(session).await,
                        Err(error) => Err(error),
                    };
                    match adopted {
                        Ok(()) => done.set(true),
                        Err(error) => {
                            bad_code.set(is_bad_code(&error));
                            form.fail(&error, ResetField::ALL);
                        }
                    }
                }
            },
        )
    };

    let ask_again = html! {
        <p class="form-links">
            <Link<Route> to={Route::ForgotPassword}>{ "Ask for a new reset link" }</Link<Route>>
        </p>
    };
    if code.is_none() {
        return html! {
            <Layout title="Reset password">
                <section class="card auth-card" aria-labelledby="reset-heading">
                    <h1 id="reset-heading">{ "Reset your password" }</h1>
                    <div class="alert" role="alert">{ "This link is incomplete: it has no reset code. Open the link from the email again, or ask for a new one." }</div>
                    { ask_again }
                </section>
            </Layout>
        };
    }
    html! {
        <Layout title="Reset password">
            <section class="card auth-card" aria-labelledby="reset-heading">
                <h1 id="reset-heading">{ "Choose a new password" }</h1>
                <FormAlert message={form.status().map(AttrValue::from)} />
                if *bad_code { { ask_again } }
                <form method="post" novalidate=true onsubmit={form.handle_submit()}>
                    <NewPasswordFields password={form.bind(ResetField::Password)}
                        confirmation={form.bind(ResetField::PasswordConfirmation)} />
                    <RememberMe />
                    <SubmitButton label="Set new password" busy_label="Saving..." busy={form.is_submitting()} />
                </form>
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_answer;

    #[test]
    fn rules() {
        let v = |p: &str, c: &str| {
            Values::from([
                (ResetField::Password, p.to_owned()),
                (ResetField::PasswordConfirmation, c.to_owned()),
            ])
        };
        assert_eq!(
            validate_reset(&v("abc", "abc"))[&ResetField::Password],
            "Use at least 6 characters"
        );
        assert_eq!(
            validate_reset(&v("abcdef", "abcdeg"))[&ResetField::PasswordConfirmation],
            "Passwords do not match"
        );
        assert!(validate_reset(&v("abcdef", "abcdef")).is_empty());
    }

    #[test]
    fn incorrect_code_is_a_bad_code() {
        let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"Incorrect code provided","details":{}}}"#;
        let err = parse_answer::<crate::api::User>(400, body, None).unwrap_err();
        assert!(is_bad_code(&err));
        assert_eq!(err.user_message(0), "Incorrect code provided");
        assert!(!is_bad_code(&ApiError::Network));
    }
}
