//! The browser's clock, in the units Strapi uses (Unix seconds) and in milliseconds for timers.

/// Current Unix time in milliseconds; 0 outside a JS host (native tests never call it).
pub fn now_ms() -> u64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now() as u64
    } else {
        0
    }
}

/// Current Unix time in seconds.
pub fn now_secs() -> u64 {
    now_ms() / 1000
}
