//! `use_form`: formik's API as a Yew hook over [`FormState`].

use std::cell::{Ref, RefCell};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::api::ApiError;
use crate::dom::focus_by_id;
use crate::time::now_secs;

use super::field_map::{FormField, Slots};
use super::server::server_field_slots;
use super::state::{slot_validator, FormAction, FormState, SlotValidator, Validator, Values};

/// The `id` of the region where a form's failure is announced (`FormAlert`).
pub const ALERT_ID: &str = "form-alert";

/// One input bound to its form field: its name (from `FormField::name`, so it is written once),
/// value, visible error and handlers. `TextField` takes it whole. Not generic: the field
/// component is in the bundle once.
#[derive(Clone, PartialEq)]
pub struct Binding {
    /// The input's `name` attribute ([`FormField::name`]).
    pub name: AttrValue,
    /// The field's current value, for the input's `value`.
    pub value: AttrValue,
    /// The error to show with the input: only once the field is touched (left, the form
    /// submitted, or an error from Strapi).
    pub error: Option<AttrValue>,
    /// For the input's `oninput`: takes the new value and revalidates.
    pub oninput: Callback<InputEvent>,
    /// For the input's `onblur`: touches the field and revalidates.
    pub onblur: Callback<FocusEvent>,
}

type SubmitFn = Rc<dyn Fn(Slots<String>, Form) -> Pin<Box<dyn Future<Output = ()>>>>;

/// A form as its page uses it, with the page's field type. Everything it does goes through the
/// untyped `Form`, so the event handling and the submit flow are in the bundle once, not once
/// per form.
pub struct UseForm<F: FormField> {
    form: Form,
    fields: PhantomData<F>,
}

impl<F: FormField> Clone for UseForm<F> {
    fn clone(&self) -> Self {
        Self::typed(self.form.clone())
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
    let state = use_mut_ref(move || {
        let names = F::ALL.iter().map(|f| f.name()).collect();
        FormState::new(names, initial.into_slots())
    });
    let rerender = use_force_update();
    UseForm::typed(Form {
        state,
        validate: Rc::new(slot_validator(validate)),
        rerender,
        on_submit: Rc::new(move |values, form| {
            Box::pin(on_submit(Values::from_slots(values), UseForm::typed(form)))
        }),
    })
}

impl<F: FormField> UseForm<F> {
    fn typed(form: Form) -> Self {
        Self {
            form,
            fields: PhantomData,
        }
    }

    /// Everything an input needs to be this field.
    pub fn bind(&self, field: F) -> Binding {
        self.form.bind(field.slot())
    }

    /// What every form does when Strapi refuses a submit: its field errors under their fields,
    /// `clear` emptied (passwords are never kept), and the message in the alert.
    pub fn fail(&self, error: &ApiError, clear: &[F]) {
        let clear: Vec<usize> = clear.iter().map(|f| f.slot()).collect();
        self.form.fail(error, &clear);
    }

    /// Whether a submit is in flight: from a valid submit until `on_submit`'s future settles
    /// (e.g. to disable the submit button).
    pub fn is_submitting(&self) -> bool {
        self.form.state().is_submitting
    }

    /// The form-level message (formik's `status`), e.g. the one [`fail`](Self::fail) shows;
    /// cleared by the next submit.
    pub fn status(&self) -> Option<String> {
        self.form.state().status.clone()
    }

    /// Back to the initial values: nothing touched, no errors, no status.
    pub fn reset(&self) {
        self.form.dispatch(FormAction::Reset);
    }

    /// For the form's `onsubmit`: never a native submit, never a second submit while one is in
    /// flight, and `on_submit` only with valid values.
    pub fn handle_submit(&self) -> Callback<SubmitEvent> {
        self.form.handle_submit()
    }
}

/// The state lives in a `RefCell`, not a reducer snapshot, so that an event handler always sees
/// the latest values: a fast "type then press Enter" must never submit what was typed before.
#[derive(Clone)]
struct Form {
    state: Rc<RefCell<FormState>>,
    validate: Rc<SlotValidator>,
    rerender: UseForceUpdateHandle,
    on_submit: SubmitFn,
}

impl Form {
    fn dispatch(&self, action: FormAction) {
        self.state.borrow_mut().apply(action, &*self.validate);
        self.rerender.force_update();
    }

    fn state(&self) -> Ref<'_, FormState> {
        self.state.borrow()
    }

    fn bind(&self, slot: usize) -> Binding {
        let state = self.state();
        Binding {
            name: AttrValue::Static(state.name(slot)),
            value: AttrValue::from(state.value(slot).to_owned()),
            error: state
                .visible_error(slot)
                .map(|e| AttrValue::from(e.to_owned())),
            oninput: self.handle_change(),
            onblur: self.handle_blur(),
        }
    }

    fn fail(&self, error: &ApiError, clear: &[usize]) {
        let errors = {
            let state = self.state();
            server_field_slots(error, state.values().len(), |name| state.slot_of(name))
        };
        self.dispatch(FormAction::SetErrors(errors));
        for slot in clear {
            self.dispatch(FormAction::SetValue(*slot, String::new()));
        }
        self.dispatch(FormAction::SetStatus(Some(error.user_message(now_secs()))));
    }

    fn handle_change(&self) -> Callback<InputEvent> {
        let form = self.clone();
        Callback::from(move |e: InputEvent| {
            if let Some((slot, control)) = form.field_of(e.target_dyn_into()) {
                // An <input>, a <textarea> or a <select>: each has a string `value`.
                let value = js_sys::Reflect::get(&control, &"value".into())
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default();
                form.dispatch(FormAction::Change(slot, value));
            }
        })
    }

    fn handle_blur(&self) -> Callback<FocusEvent> {
        let form = self.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some((slot, _)) = form.field_of(e.target_dyn_into()) {
                form.dispatch(FormAction::Blur(slot));
            }
        })
    }

    fn handle_submit(&self) -> Callback<SubmitEvent> {
        let form = self.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if form.state().is_submitting {
                return;
            }
            form.dispatch(FormAction::Submit);
            if !form.state().is_submitting {
                if let (Some(name), Some(element)) = (form.first_invalid(), e.target_dyn_into()) {
                    focus_field(&element, name);
                }
                return;
            }
            let values = form.state().values().clone();
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
        if let Some(name) = self.first_invalid() {
            focus_field(form, name);
        } else if self.state().status.is_some() {
            focus_by_id(ALERT_ID);
        }
    }

    /// The name of the first field that shows an error. A name, not a borrow of the state:
    /// focusing a field blurs another, whose handler updates the state at once.
    fn first_invalid(&self) -> Option<&'static str> {
        let state = self.state();
        state.first_invalid().map(|slot| state.name(slot))
    }

    fn field_of(&self, control: Option<Element>) -> Option<(usize, Element)> {
        let control = control?;
        let slot = self.state().slot_of(&control.get_attribute("name")?)?;
        Some((slot, control))
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
