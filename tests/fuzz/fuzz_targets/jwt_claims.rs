//! Any string as a token: claims or none, never a panic; and timing from any claims saturates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yew_strapi_auth::session::jwt::{claims, clock_skew, refresh_in_ms, strapi_now_ms};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    if let Some(c) = claims(&token) {
        let skew = clock_skew(c, c.exp);
        let _ = refresh_in_ms(c, strapi_now_ms(c.exp.saturating_mul(1000), skew), 0.5);
    }
});
