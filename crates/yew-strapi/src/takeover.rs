//! Taking over the prerendered page: what a person typed or a password manager filled, where the
//! focus and caret were, and a form already submitted survive the app's first render, which
//! replaces the prerendered markup with the same markup, now the app's.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, Event, EventInit, HtmlDocument, HtmlElement, HtmlFormElement,
    HtmlInputElement,
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
            before.caret = active
                .dyn_ref::<HtmlInputElement>()
                .and_then(|input| caret(&document, input));
            before.focus = Some(active.id());
        }
        before.submitted = document
            .document_element()
            .is_some_and(|html| html.has_attribute("data-submitted"));
    }
    BEFORE.set(Some(before));
}

/// After the app's first render: puts back what was read, tells index.html's first script that
/// the app now handles submissions, and submits a form the person already submitted. Soonest
/// from a task queued right after `Renderer::render()` (`spawn_local(async { restore() })`: it
/// runs once the scheduler has rendered every component, before any effect that waits for a
/// paint); a root component's effect works too. Only the first call does anything.
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
            // An email field takes a selection only as a text field; back to email, it keeps it
            // (measured in Chromium, Firefox and WebKit). Nothing in between is painted or fired.
            let kind = input.type_();
            let email = kind == "email";
            if email {
                input.set_type("text");
            }
            let _ = input.set_selection_range(start, end);
            if email {
                input.set_type(&kind);
            }
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

/// The caret and selection of the focused field, in UTF-16 units. Text and password fields
/// tell them; an email field does not (browsers expose no selection for it, and switching it to a
/// text field first puts the caret at the start, as the standard says). There, a marker typed at
/// the caret by the browser's own editing (`insertText` replaces the selection) shows where the
/// caret was and how much was selected; the field is put back at once, and it is the prerendered
/// one the app is about to replace, so no listener of the app sees the edit.
fn caret(document: &Document, input: &HtmlInputElement) -> Option<(u32, u32)> {
    if let (Ok(Some(start)), Ok(Some(end))) = (input.selection_start(), input.selection_end()) {
        return Some((start, end));
    }
    let value = input.value();
    let marked = document
        .dyn_ref::<HtmlDocument>()?
        .exec_command_with_show_ui_and_value("insertText", false, MARK)
        .unwrap_or(false)
        .then(|| input.value());
    input.set_value(&value);
    selection_from_mark(&value, &marked?)
}

/// What `caret` types at the caret: a control character no one types into a field.
const MARK: &str = "\u{1}";
const MARK_CHAR: char = '\u{1}';

/// Where the mark landed in `marked` (the field's text after typing `MARK` over the selection of
/// `value`): the selection's start and end, in UTF-16 units as the browser counts them.
fn selection_from_mark(value: &str, marked: &str) -> Option<(u32, u32)> {
    if value.contains(MARK_CHAR) {
        return None;
    }
    let start = marked.encode_utf16().position(|u| u == MARK_CHAR as u16)?;
    let selected = (value.encode_utf16().count() + 1).checked_sub(marked.encode_utf16().count())?;
    Some((
        u32::try_from(start).ok()?,
        u32::try_from(start + selected).ok()?,
    ))
}

fn by_id<T: JsCast>(document: &Document, id: &str) -> Option<T> {
    document.get_element_by_id(id)?.dyn_into::<T>().ok()
}

#[cfg(test)]
mod tests {
    use super::selection_from_mark;

    #[test]
    fn a_caret_is_where_the_mark_landed() {
        let value = "seed@exampleY.com";
        assert_eq!(
            selection_from_mark(value, "seed@exampleY\u{1}.com"),
            Some((13, 13))
        );
        assert_eq!(
            selection_from_mark(value, "\u{1}seed@exampleY.com"),
            Some((0, 0))
        );
        assert_eq!(
            selection_from_mark(value, "seed@exampleY.com\u{1}"),
            Some((17, 17))
        );
    }

    #[test]
    fn a_selection_is_what_the_mark_replaced() {
        // "example" selected: typing replaced it with the mark.
        assert_eq!(
            selection_from_mark("seed@example.com", "seed@\u{1}.com"),
            Some((5, 12))
        );
        // Counted in UTF-16 units, as the browser's selection is.
        assert_eq!(
            selection_from_mark("é😀@x.io", "é😀\u{1}@x.io"),
            Some((3, 3))
        );
    }

    #[test]
    fn no_mark_or_a_mark_already_there_tells_nothing() {
        assert_eq!(selection_from_mark("a@b.c", "a@b.c"), None);
        assert_eq!(selection_from_mark("a\u{1}@b.c", "a\u{1}\u{1}@b.c"), None);
        // Text that grew by more than the mark is not what typing the mark did.
        assert_eq!(selection_from_mark("abc", "ab\u{1}cd"), None);
        // Everything selected and typed over.
        assert_eq!(selection_from_mark("abc", "\u{1}"), Some((0, 3)));
    }
}
