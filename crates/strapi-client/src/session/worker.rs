//! The session worker (`session-worker.js`): registered once this page holds a session that is
//! renewed, so that a renewal still out when the page reloads or leaves is not lost.

use std::cell::Cell;

use wasm_bindgen::{JsCast, JsValue};

/// Served from the site's root, so its scope is every page of the app.
const SCRIPT: &str = "/session-worker.js";

thread_local! {
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// Asks the browser for the worker, once per page. Where there is none (an insecure context, a
/// private window that refuses workers, an old browser) renewals work as before, in the page.
pub fn register() {
    if ASKED.replace(true) {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    let register = js_sys::Reflect::get(&container, &JsValue::from_str("register"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(promise) = register
        .and_then(|f| f.call1(&container, &JsValue::from_str(SCRIPT)).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    // A refusal is not the page's error: nothing to report, the page renews by itself.
    tokise::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}

/// `navigator.serviceWorker`, where the browser offers it.
fn container() -> Option<JsValue> {
    let window = web_sys::window()?;
    let navigator = js_sys::Reflect::get(&window, &JsValue::from_str("navigator")).ok()?;
    let container = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (!container.is_undefined() && !container.is_null()).then_some(container)
}
