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
    // In a prerendered page the button stays disabled unless scripts run (index.html enables it):
    // without JavaScript nothing could stop the browser from sending the form to the static host.
    let prerendered = cfg!(feature = "prerender");
    html! {
        <button type="submit" class="button button--primary" disabled={props.busy || prerendered}
            data-prerendered={prerendered.then_some("")}>
            { if props.busy { &props.busy_label } else { &props.label } }
        </button>
    }
}
