//! `NewPasswordFields`: a new password and its confirmation, as registration, reset and change
//! password ask for them (`form::validate::new_password_pair` checks them).

use yew::prelude::*;

use crate::components::TextField;
use crate::form::Binding;

#[derive(Properties, PartialEq)]
pub struct NewPasswordFieldsProps {
    pub password: Binding,
    pub confirmation: Binding,
    /// "Password" on registration, "New password" where one exists already.
    #[prop_or(AttrValue::Static("New password"))]
    pub label: AttrValue,
    /// Written out, not derived from `label`: lowercasing would pull Unicode's case tables into
    /// the bundle (6.7 KB gzip, measured).
    #[prop_or(AttrValue::Static("Confirm new password"))]
    pub confirmation_label: AttrValue,
}

#[function_component]
pub fn NewPasswordFields(props: &NewPasswordFieldsProps) -> Html {
    html! {
        <>
            <TextField field={props.password.clone()} label={props.label.clone()}
                input_type="password" autocomplete="new-password" placeholder="At least 6 characters" />
            <TextField field={props.confirmation.clone()} label={props.confirmation_label.clone()}
                input_type="password" autocomplete="new-password" placeholder="Repeat the password" />
        </>
    }
}
