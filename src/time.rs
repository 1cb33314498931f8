//! The browser's clock, in the units Strapi uses (Unix seconds).

/// Current Unix time in seconds; 0 outside a JS host (native tests never call it).
pub fn now_secs() -> u64 {
    if cfg!(target_arch = "wasm32") {
        (js_sys::Date::now() / 1000.0) as u64
    } else {
        0
    }
}
