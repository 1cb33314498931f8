//! `/account` (protected): the profile, and changing the password.

use yew::prelude::*;

use crate::components::{FormAlert, Layout, SubmitButton, TextField};
use crate::form::validate::{confirmation_problem, new_password_problem};
use crate::form::{server_field_errors, use_form, Errors, FormField, UseForm, Values};
use crate::session::{use_auth, TokenMode};
use crate::time::format_timestamp;
use crate::time::now_secs;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeField {
    CurrentPassword,
    Password,
    PasswordConfirmation,
}

impl FormField for ChangeField {
    const ALL: &'static [Self] = &[
        ChangeField::CurrentPassword,
        ChangeField::Password,
        ChangeField::PasswordConfirmation,
    ];

    fn name(self) -> &'static str {
        match self {
            ChangeField::CurrentPassword => "currentPassword",
            ChangeField::Password => "password",
            ChangeField::PasswordConfirmation => "passwordConfirmation",
        }
    }
}

pub fn validate_change(values: &Values<ChangeField>) -> Errors<ChangeField> {
    let get = |f| values.get(&f).map_or("", String::as_str);
    let password = get(ChangeField::Password);
    Errors::from_problems([
        (
            ChangeField::CurrentPassword,
            get(ChangeField::CurrentPassword)
                .is_empty()
                .then_some("Current password is required"),
        ),
        (ChangeField::Password, new_password_problem(password)),
        (
            ChangeField::PasswordConfirmation,
            confirmation_problem(password, get(ChangeField::PasswordConfirmation)),
        ),
    ])
}

#[function_component]
pub fn Account() -> Html {
    let auth = use_auth();
    let changed = use_state(|| None::<String>);
    let form = {
        let (auth, changed) = (auth.clone(), changed.clone());
        use_form(
            Values::new(),
            validate_change,
            move |values, form: UseForm<ChangeField>| {
                let (auth, changed) = (auth.clone(), changed.clone());
                async move {
                    let answer = auth
                        .change_password(
                            &values[&ChangeField::CurrentPassword],
                            &values[&ChangeField::Password],
                            &values[&ChangeField::PasswordConfirmation],
                        )
                        .await;
                    match answer {
                        Ok(()) => {
                            form.reset();
                            changed.set(Some(if auth.mode() == Some(TokenMode::Refresh) {
                                "Your password was changed. Your other devices were signed out."
                                    .into()
                            } else {
                                "Your password was changed.".into()
                            }));
                        }
                        Err(error) => {
                            changed.set(None);
                            form.set_errors(server_field_errors(&error));
                            for field in ChangeField::ALL {
                                form.set_value(*field, String::new());
                            }
                            form.set_status(Some(error.user_message(now_secs())));
                        }
                    }
                }
            },
        )
    };
    let Some(user) = auth.user().cloned() else {
        return Html::default();
    };
    let value = |f| AttrValue::from(form.value(f));
    let error = |f| form.error(f).map(AttrValue::from);
    html! {
        <Layout title="Account">
            <section class="card card--wide" aria-labelledby="account-heading">
                <h1 id="account-heading">{ "Account" }</h1>
                <dl class="facts">
                    <dt>{ "Username" }</dt><dd class="user-username">{ &user.username }</dd>
                    <dt>{ "Email" }</dt><dd class="user-email">{ &user.email }</dd>
                    <dt>{ "Sign-in method" }</dt><dd>{ &user.provider }</dd>
                    <dt>{ "Email confirmed" }</dt><dd>{ if user.confirmed { "Yes" } else { "No" } }</dd>
                    if let Some(created) = &user.created_at {
                        <dt>{ "Member since" }</dt><dd>{ format_timestamp(created) }</dd>
                    }
                </dl>
                <h2 id="password-heading">{ "Change password" }</h2>
                <div class="notice-region" role="status">
                    if let Some(message) = &*changed { <p class="notice">{ message }</p> }
                </div>
                <FormAlert message={form.status().map(AttrValue::from)} />
                <form method="post" novalidate=true onsubmit={form.handle_submit()} aria-labelledby="password-heading">
                    <TextField name="currentPassword" label="Current password" input_type="password"
                        autocomplete="current-password"
                        value={value(ChangeField::CurrentPassword)} error={error(ChangeField::CurrentPassword)}
                        oninput={form.handle_change()} onblur={form.handle_blur()} />
                    <TextField name="password" label="New password" input_type="password"
                        autocomplete="new-password" placeholder="At least 6 characters"
                        value={value(ChangeField::Password)} error={error(ChangeField::Password)}
                        oninput={form.handle_change()} onblur={form.handle_blur()} />
                    <TextField name="passwordConfirmation" label="Confirm new password" input_type="password"
                        autocomplete="new-password"
                        value={value(ChangeField::PasswordConfirmation)}
                        error={error(ChangeField::PasswordConfirmation)}
                        oninput={form.handle_change()} onblur={form.handle_blur()} />
                    <SubmitButton label="Change password" busy_label="Changing password..." busy={form.is_submitting()} />
                </form>
            </section>
        </Layout>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let errors = validate_change(&Values::new());
        assert_eq!(
            errors[&ChangeField::CurrentPassword],
            "Current password is required"
        );
        assert_eq!(errors[&ChangeField::Password], "Password is required");
        let ok = Values::from([
            (ChangeField::CurrentPassword, "old".to_owned()),
            (ChangeField::Password, "newpass".to_owned()),
            (ChangeField::PasswordConfirmation, "newpass".to_owned()),
        ]);
        assert!(validate_change(&ok).is_empty());
    }
}
