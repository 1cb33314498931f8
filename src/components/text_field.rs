//! `TextField`: a labelled input bound to a form field, with its error, wired for screen readers.

use yew::prelude::*;

use crate::form::Binding;

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The form field: its name (also the input's `id`), value, error and handlers.
    pub field: Binding,
    pub label: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub input_ref: NodeRef,
}

#[function_component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let field = &props.field;
    let error_id = format!("{}-error", field.name);
    let invalid = field.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("field--invalid"))}>
            <label for={field.name.clone()}>{ &props.label }</label>
            <input
                id={field.name.clone()}
                name={field.name.clone()}
                type={props.input_type.clone()}
                placeholder={props.placeholder.clone()}
                autocomplete={props.autocomplete.clone()}
                value={field.value.clone()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then(|| error_id.clone())}
                oninput={field.oninput.clone()}
                onblur={field.onblur.clone()}
                ref={props.input_ref.clone()}
            />
            if let Some(error) = &field.error {
                <p id={error_id} class="field__error">{ error }</p>
            }
        </div>
    }
}
