//! DOM helpers that several components share.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Moves keyboard focus to the element with `id`, when it is on the page.
pub fn focus_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
