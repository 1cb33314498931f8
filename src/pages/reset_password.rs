//! `/auth/reset-password?code=…`: a new password from the emailed link. The code leaves the
//! address bar as soon as it is read.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::ApiError;
use crate::components::{FormAlert, Layout, SubmitButton, TextField};
use crate::form::validate::{confirmation_problem, new_password_problem};
use crate::form::{server_field_errors, use_form, Errors, FormField, UseForm, Values};
use crate::router::{go_to_path, query_param, Route, DEFAULT_AFTER_LOGIN};
use crate::session::{use_auth, AuthStatus};
use crate::time::now_secs;

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
    let get = |f| values.get(&f).map_or("", String::as_str);
    let password = get(ResetField::Password);
    Errors::from_problems([
        (ResetField::Password, new_password_problem(password)),
        (
            ResetField::PasswordConfirmation,
            confirmation_problem(password, get(ResetField::PasswordConfirmation)),
        ),
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
                    match client.reset_password(&code, password, confirmation).await {
                        Ok(session) => {
                            done.set(true);
                            auth.adopt(session);
                        }
                        Err(error) => {
                            bad_code.set(is_bad_code(&error));
                            form.set_errors(server_field_errors(&error));
                            form.set_value(ResetField::Password, String::new());
                            form.set_value(ResetField::PasswordConfirmation, String::new());
                            form.set_status(Some(error.user_message(now_secs())));
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
    let value = |f| AttrValue::from(form.value(f));
    let error = |f| form.error(f).map(AttrValue::from);
    html! {
        <Layout title="Reset password">
            <section class="card auth-card" aria-labelledby="reset-heading">
                <h1 id="reset-heading">{ "Choose a new password" }</h1>
                <FormAlert message={form.status().map(AttrValue::from)} />
                if *bad_code { { ask_again } }
                <form method="post" novalidate=true onsubmit={form.handle_submit()}>
                    <TextField name="password" label="New password" input_type="password"
                        autocomplete="new-password" placeholder="At least 6 characters"
                        value={value(ResetField::Password)} error={error(ResetField::Password)}
                        oninput={form.handle_change()} onblur={form.handle_blur()} />
                    <TextField name="passwordConfirmation" label="Confirm new password" input_type="password"
                        autocomplete="new-password" placeholder="Repeat the password"
                        value={value(ResetField::PasswordConfirmation)}
                        error={error(ResetField::PasswordConfirmation)}
                        oninput={form.handle_change()} onblur={form.handle_blur()} />
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
