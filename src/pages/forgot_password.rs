//! `/auth/forgot-password`: asks Strapi to email a reset link; the same answer whether or not
//! the account exists.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{FormAlert, Layout, SubmitButton, TextField};
use crate::form::validate::email_problem;
use crate::form::{use_form, Errors, FormField, UseForm, Values};
use crate::router::Route;
use crate::session::use_auth;

pub const MSG_RESET_SENT: &str = "If an account exists for this email, a reset link is on its way.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ForgotField {
    Email,
}

impl FormField for ForgotField {
    const ALL: &'static [Self] = &[ForgotField::Email];

    fn name(self) -> &'static str {
        "email"
    }
}

fn validate(values: &Values<ForgotField>) -> Errors<ForgotField> {
    Errors::from_problems([(
        ForgotField::Email,
        email_problem(values.str(ForgotField::Email)),
    )])
}

#[function_component]
pub fn ForgotPassword() -> Html {
    let client = use_auth().public().clone();
    let sent = use_state(|| false);
    let form = {
        let sent = sent.clone();
        use_form(
            Values::new(),
            validate,
            move |values, form: UseForm<ForgotField>| {
                let (client, sent) = (client.clone(), sent.clone());
                async move {
                    match client
                        .forgot_password(values[&ForgotField::Email].trim())
                        .await
                    {
                        Ok(_) => sent.set(true),
                        Err(error) => form.fail(&error, &[]),
                    }
                }
            },
        )
    };
    html! {
        <Layout title="Forgot password">
            <section class="card auth-card" aria-labelledby="forgot-heading">
                <h1 id="forgot-heading">{ "Forgot your password?" }</h1>
                <div class="notice-region" role="status">
                    if *sent { <p class="notice">{ MSG_RESET_SENT }</p> }
                </div>
                if !*sent {
                    <p class="muted">{ "Enter the email of your account and we will send you a link to choose a new password." }</p>
                    <FormAlert message={form.status().map(AttrValue::from)} />
                    <form method="post" novalidate=true onsubmit={form.handle_submit()}>
                        <TextField field={form.bind(ForgotField::Email)} label="Email" input_type="email"
                            autocomplete="email" placeholder="Enter your email" />
                        <SubmitButton label="Send the link" busy_label="Sending..." busy={form.is_submitting()} />
                    </form>
                }
                <p class="form-links"><Link<Route> to={Route::Login}>{ "Back to login" }</Link<Route>></p>
            </section>
        </Layout>
    }
}
