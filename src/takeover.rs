//! Taking over the prerendered page: what a person typed or a password manager filled, where the
//! focus and caret were, and a form already submitted survive the app's first render, which
//! replaces the prerendered markup with the same markup, now the app's.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventInit, HtmlElement, HtmlFormElement, HtmlInputElement,
};

/// What the page held before the app rendered, by element id.
#[derive(Default)]
struct Before {
    fields: Vec<(String, Field)>,
    focus: Option<String>,
    caret: Option<(u32, u32)>,
    submitted: bool,
}

enum Field {
    Text(String),
    Checked(bool),
}

thread_local! {
    static BEFORE: RefCell<Option<Before>> = const { RefCell::new(None) };
}

/// Reads the prerendered page inside `root`, just before the app replaces it. Only what the
/// person changed is kept: the app's own first values stand for everything else.
pub fn read(root: &Element) {
    let mut before = Before::default();
    if let Ok(inputs) = root.query_selector_all("input[id]") {
        for input in (0..inputs.length())
            .filter_map(|i| inputs.item(i))
            .filter_map(|node| node.dyn_into::<HtmlInputElement>().ok())
        {
            let field = if input.type_() == "checkbox" {
                (input.checked() != input.default_checked())
                    .then(|| Field::Checked(input.checked()))
            } else {
                (input.value() != input.default_value()).then(|| Field::Text(input.value()))
            };
            if let Some(field) = field {
                before.fields.push((input.id(), field));
            }
        }
    }
    if let Some(document) = root.owner_document() {
        let active = document
            .active_element()
            .filter(|e| root.contains(Some(e)) && !e.id().is_empty());
        if let Some(active) = active {
            // Text and password fields have a caret; an email field's selection cannot be read.
            before.caret = active.dyn_ref::<HtmlInputElement>().and_then(|input| {
                Some((input.selection_start().ok()??, input.selection_end().ok()??))
            });
            before.focus = Some(active.id());
        }
        before.submitted = document
            .document_element()
            .is_some_and(|html| html.has_attribute("data-submitted"));
    }
    BEFORE.set(Some(before));
}

/// After the app's first render: puts back what was read, tells index.html's first script that
/// the app now handles submissions, and submits a form the person already submitted.
pub fn restore() {
    let Some(before) = BEFORE.take() else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (id, field) in before.fields {
        let Some(input) = by_id::<HtmlInputElement>(&document, &id) else {
            continue;
        };
        // As a browser's autofill does: the value, then the event the app listens to.
        let event = match field {
            Field::Text(value) => {
                input.set_value(&value);
                "input"
            }
            Field::Checked(checked) => {
                input.set_checked(checked);
                "change"
            }
        };
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict(event, &init) {
            let _ = input.dispatch_event(&event);
        }
    }
    if let Some(element) = before
        .focus
        .and_then(|id| by_id::<HtmlElement>(&document, &id))
    {
        let _ = element.focus();
        if let (Some((start, end)), Some(input)) =
            (before.caret, element.dyn_ref::<HtmlInputElement>())
        {
            let _ = input.set_selection_range(start, end);
        }
    }
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("data-app", "");
        for mark in ["data-session", "data-elsewhere", "data-submitted"] {
            let _ = html.remove_attribute(mark);
        }
    }
    if before.submitted {
        let form = document
            .query_selector("#app form")
            .ok()
            .flatten()
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok());
        if let Some(form) = form {
            let _ = form.request_submit();
        }
    }
}

fn by_id<T: JsCast>(document: &Document, id: &str) -> Option<T> {
    document.get_element_by_id(id)?.dyn_into::<T>().ok()
}
