//! The browser's clock, in the units Strapi uses (Unix seconds) and in milliseconds for timers,
//! and Strapi's timestamps as a person reads them.

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

/// `2026-11-25T01:49:47.341Z` → `2026-11-25 01:49 UTC`; anything else as it came.
pub fn format_timestamp(iso: &str) -> String {
    match (iso.get(..10), iso.get(11..16)) {
        (Some(date), Some(time)) if iso.as_bytes().get(10) == Some(&b'T') => {
            format!("{date} {time} UTC")
        }
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(
            format_timestamp("2026-11-25T01:49:47.341Z"),
            "2026-11-25 01:49 UTC"
        );
        assert_eq!(format_timestamp("yesterday"), "yesterday");
        assert_eq!(format_timestamp(""), "");
    }
}
