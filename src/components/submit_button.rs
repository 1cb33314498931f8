//! `SubmitButton`: a form's submit button that says it is busy and cannot be pressed twice.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SubmitButtonProps {
    pub label: AttrValue,
    pub busy_label: AttrValue,
    pub busy: bool,
}

#[function_component]
pub fn SubmitButton(props: &SubmitButtonProps) -> Html {
    html! {
        <button type="submit" class="button button--primary" disabled={props.busy}>
            { if props.busy { &props.busy_label } else { &props.label } }
        </button>
    }
}
