//! `/account` (protected): the profile, and changing the password.

use yew::prelude::*;

use crate::components::{FormAlert, Layout, NewPasswordFields, SubmitButton, TextField};
use crate::form::validate::new_password_pair;
use crate::form::{use_form, Errors, FormField, UseForm, Values};
use crate::session::{use_auth, TokenMode};
use crate::time::format_timestamp;

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
    let (password, confirmation) = new_password_pair(
        values.str(ChangeField::Password),
        values.str(ChangeField::PasswordConfirmation),
    );
    Errors::from_problems([
        (
            ChangeField::CurrentPassword,
            values
                .str(ChangeField::CurrentPassword)
                .is_empty()
                .then_some("Current password is required"),
        ),
        (ChangeField::Password, password),
        (ChangeField::PasswordConfirmation, confirmation),
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
                            form.fail(&error, ChangeField::ALL);
                        }
                    }
                }
            },
        )
    };
    let Some(user) = auth.user().cloned() else {
        return Html::default();
    };
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
                    // Whose password this is, for password managers (and Chromium's console):
                    // hidden, not a field of the form.
                    <input type="text" name="username" autocomplete="username" hidden=true readonly=true
                        value={user.email.clone()} />
                    <TextField field={form.bind(ChangeField::CurrentPassword)} label="Current password"
                        input_type="password" autocomplete="current-password" />
                    <NewPasswordFields password={form.bind(ChangeField::Password)}
                        confirmation={form.bind(ChangeField::PasswordConfirmation)} />
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
