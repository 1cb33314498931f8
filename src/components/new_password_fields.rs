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
}

#[function_component]
pub fn NewPasswordFields(props: &NewPasswordFieldsProps) -> Html {
    html! {
        <>
            <TextField field={props.password.clone()} label={props.label.clone()}
                input_type="password" autocomplete="new-password" placeholder="At least 6 characters" />
            <TextField field={props.confirmation.clone()} label={format!("Confirm {}", props.label.to_lowercase())}
                input_type="password" autocomplete="new-password" placeholder="Repeat the password" />
        </>
    }
}
