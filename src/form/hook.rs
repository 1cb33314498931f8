//! `use_form`: formik's API as a Yew hook over [`FormState`].

use std::cell::{Ref, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::dom::focus_by_id;

use super::state::{Errors, FormAction, FormField, FormState, Validator, Values};

/// The `id` of the region where a form's failure is announced (`FormAlert`).
pub const ALERT_ID: &str = "form-alert";

type SubmitFn<F> = Rc<dyn Fn(Values<F>, UseForm<F>) -> Pin<Box<dyn Future<Output = ()>>>>;

/// The state lives in a `RefCell`, not a reducer snapshot, so that an event handler always sees
/// the latest values: a fast "type then press Enter" must never submit what was typed before.
pub struct UseForm<F: FormField> {
    state: Rc<RefCell<FormState<F>>>,
    validate: Validator<F>,
    rerender: UseForceUpdateHandle,
    on_submit: SubmitFn<F>,
}

impl<F: FormField> Clone for UseForm<F> {
    fn clone(&self) -> Self {
        Self {
            state: self.state.clone(),
            validate: self.validate,
            rerender: self.rerender.clone(),
            on_submit: self.on_submit.clone(),
        }
    }
}

/// `on_submit` gets the values and the form (to set errors or a status); `is_submitting` stays
/// true until its future settles.
#[hook]
pub fn use_form<F, S, Fut>(initial: Values<F>, validate: Validator<F>, on_submit: S) -> UseForm<F>
where
    F: FormField,
    S: Fn(Values<F>, UseForm<F>) -> Fut + 'static,
    Fut: Future<Output = ()> + 'static,
{
    let state = use_mut_ref(move || FormState::new(initial));
    let rerender = use_force_update();
    UseForm {
        state,
        validate,
        rerender,
        on_submit: Rc::new(move |values, form| Box::pin(on_submit(values, form))),
    }
}

impl<F: FormField> UseForm<F> {
    pub fn dispatch(&self, action: FormAction<F>) {
        self.state.borrow_mut().apply(action, self.validate);
        self.rerender.force_update();
    }

    pub fn state(&self) -> Ref<'_, FormState<F>> {
        self.state.borrow()
    }

    pub fn value(&self, field: F) -> String {
        self.state().value(field).to_owned()
    }

    /// The error to show under `field` (touched fields only).
    pub fn error(&self, field: F) -> Option<String> {
        self.state().visible_error(field).map(str::to_owned)
    }

    pub fn is_submitting(&self) -> bool {
        self.state().is_submitting
    }

    pub fn submit_count(&self) -> u32 {
        self.state().submit_count
    }

    pub fn status(&self) -> Option<String> {
        self.state().status.clone()
    }

    pub fn set_errors(&self, errors: Errors<F>) {
        self.dispatch(FormAction::SetErrors(errors));
    }

    pub fn set_value(&self, field: F, value: String) {
        self.dispatch(FormAction::SetValue(field, value));
    }

    pub fn set_status(&self, status: Option<String>) {
        self.dispatch(FormAction::SetStatus(status));
    }

    pub fn reset(&self) {
        self.dispatch(FormAction::Reset);
    }

    /// For `oninput`; the field is the input's `name`.
    pub fn handle_change(&self) -> Callback<InputEvent> {
        let form = self.clone();
        Callback::from(move |e: InputEvent| {
            if let Some((field, input)) = Self::field_of(e.target_dyn_into()) {
                form.dispatch(FormAction::Change(field, input.value()));
            }
        })
    }

    /// For `onblur`.
    pub fn handle_blur(&self) -> Callback<FocusEvent> {
        let form = self.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some((field, _)) = Self::field_of(e.target_dyn_into()) {
                form.dispatch(FormAction::Blur(field));
            }
        })
    }

    /// For the form's `onsubmit`: never a native submit, never a second submit while one is in
    /// flight, and `on_submit` only with valid values.
    pub fn handle_submit(&self) -> Callback<SubmitEvent> {
        let form = self.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if form.is_submitting() {
                return;
            }
            form.dispatch(FormAction::Submit);
            if !form.is_submitting() {
                let first_invalid = form.state().first_invalid();
                if let (Some(field), Some(element)) = (first_invalid, e.target_dyn_into()) {
                    focus_field(&element, field.name());
                }
                return;
            }
            let values = form.state().values.clone();
            let pending = (form.on_submit)(values, form.clone());
            let form = form.clone();
            let element: Option<Element> = e.target_dyn_into();
            yew::platform::spawn_local(async move {
                pending.await;
                form.dispatch(FormAction::SubmitDone);
                if let Some(element) = element {
                    // After the render that shows the message: an empty alert is hidden, and a
                    // hidden element cannot take focus.
                    yew::platform::time::sleep(Duration::ZERO).await;
                    form.refocus_after_failure(&element);
                }
            });
        })
    }

    /// A submit button loses focus when it is disabled for the request (the browser moves it to
    /// the page body, now or at its next rendering). If the form is still on the page afterwards
    /// (the submit failed) and focus is on that button or nowhere, keyboard and screen-reader
    /// users land on what to fix: the first invalid field, or the message.
    fn refocus_after_failure(&self, form: &Element) {
        let Some(document) = form.owner_document() else {
            return;
        };
        let focus_lost = document.active_element().is_none_or(|active| {
            active.tag_name() == "BODY"
                || (active.tag_name() == "BUTTON" && form.contains(Some(&active)))
        });
        if !form.is_connected() || !focus_lost {
            return;
        }
        if let Some(field) = self.state().first_invalid() {
            focus_field(form, field.name());
        } else if self.state().status.is_some() {
            focus_by_id(ALERT_ID);
        }
    }

    fn field_of(input: Option<HtmlInputElement>) -> Option<(F, HtmlInputElement)> {
        let input = input?;
        Some((F::from_name(&input.name())?, input))
    }
}

/// Moves focus to the named control inside `form`, so keyboard and screen-reader users land on
/// the first thing to fix.
fn focus_field(form: &Element, name: &str) {
    let control = form
        .query_selector(&format!("[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlElement>().ok());
    if let Some(control) = control {
        let _ = control.focus();
    }
}
