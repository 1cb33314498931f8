//! `FormAlert`: the region where a form's server or network failure is announced.

use yew::prelude::*;

use crate::form::ALERT_ID;

#[derive(Properties, PartialEq)]
pub struct FormAlertProps {
    /// Empty while there is nothing to say; the region stays in the page so that filling it is
    /// announced by screen readers.
    #[prop_or_default]
    pub message: Option<AttrValue>,
}

#[function_component]
pub fn FormAlert(props: &FormAlertProps) -> Html {
    html! {
        // tabindex -1: the form hook moves focus here when a submit fails.
        <div class="alert" role="alert" aria-live="assertive" id={ALERT_ID} tabindex="-1">
            { props.message.clone().unwrap_or_default() }
        </div>
    }
}
