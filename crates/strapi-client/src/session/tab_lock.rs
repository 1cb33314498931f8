//! One refresh at a time across every tab of the app, through the Web Locks API
//! (`navigator.locks`). Without it two tabs whose timers fire together could both present the
//! same refresh token, and the loser's 401 could end a session the winner had just renewed.

use std::future::Future;

use futures_channel::oneshot;
use wasm_bindgen::prelude::*;

const LOCK_NAME: &str = "yew-strapi-auth:refresh";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = LockManager)]
    type LockManager;

    #[wasm_bindgen(method, catch)]
    fn request(
        this: &LockManager,
        name: &str,
        callback: &Closure<dyn FnMut(JsValue) -> js_sys::Promise>,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// `navigator.locks`, where the browser has it (secure contexts: https, localhost).
fn lock_manager() -> Option<LockManager> {
    let window = web_sys::window()?;
    let navigator = js_sys::Reflect::get(&window, &JsValue::from_str("navigator")).ok()?;
    let locks = js_sys::Reflect::get(&navigator, &JsValue::from_str("locks")).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then(|| locks.unchecked_into())
}

/// Whether refreshes are serialised across tabs here.
pub fn available() -> bool {
    lock_manager().is_some()
}

/// Runs `operation` while holding the app's refresh lock; without Web Locks, just runs it.
pub async fn exclusive<T, Fut: Future<Output = T>>(operation: impl FnOnce() -> Fut) -> T {
    let Some(locks) = lock_manager() else {
        return operation().await;
    };
    let (granted_tx, granted_rx) = oneshot::channel::<()>();
    let (release_tx, release_rx) = oneshot::channel::<()>();
    let mut granted_tx = Some(granted_tx);
    let mut release_rx = Some(release_rx);
    // The lock is held until the promise this callback returns settles.
    let callback = Closure::<dyn FnMut(JsValue) -> js_sys::Promise>::new(move |_lock| {
        if let Some(tx) = granted_tx.take() {
            let _ = tx.send(());
        }
        let release = release_rx.take();
        wasm_bindgen_futures::future_to_promise(async move {
            if let Some(release) = release {
                let _ = release.await;
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    if locks.request(LOCK_NAME, &callback).is_err() || granted_rx.await.is_err() {
        return operation().await;
    }
    let result = operation().await;
    let _ = release_tx.send(());
    // The callback has run; the closure may go once the release is sent.
    drop(callback);
    result
}
