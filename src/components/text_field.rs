//! `TextField`: a labelled input with its error, wired for screen readers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's `name` and `id`; the form hook keys on it.
    pub name: AttrValue,
    pub label: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    pub value: AttrValue,
    /// The error to show; `None` while the field is valid or untouched.
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub oninput: Callback<InputEvent>,
    pub onblur: Callback<FocusEvent>,
    #[prop_or_default]
    pub input_ref: NodeRef,
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let error_id = format!("{}-error", props.name);
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("field--invalid"))}>
            <label for={props.name.clone()}>{ &props.label }</label>
            <input
                id={props.name.clone()}
                name={props.name.clone()}
                type={props.input_type.clone()}
                placeholder={props.placeholder.clone()}
                autocomplete={props.autocomplete.clone()}
                value={props.value.clone()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then(|| error_id.clone())}
                oninput={props.oninput.clone()}
                onblur={props.onblur.clone()}
                ref={props.input_ref.clone()}
            />
            if let Some(error) = &props.error {
                <p id={error_id} class="field__error">{ error }</p>
            }
        </div>
    }
}
