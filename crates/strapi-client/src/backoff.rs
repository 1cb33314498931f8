//! When the app asks Strapi on its own: a retry's backoff with full jitter (never before the
//! server's wait), and how long before a token's expiry its renewal goes.
//!
//! Pure and free of the rest of the crate: `bench/load` runs the same schedule for its simulated
//! tabs, so the load test measures what the app does.

/// The window of the first retry; each failure doubles it, up to `CAP_MS`.
pub const BASE_MS: u64 = 2_000;
/// The widest window: past a minute of failures the retries go about once every 30 s a tab.
pub const CAP_MS: u64 = 60_000;
/// No automatic retry sooner than this, whatever the draw: a network that fails at once would
/// otherwise be asked again at once.
pub const FLOOR_MS: u64 = 1_000;
/// The longest wait a server can impose: a `Retry-After` of a day (a misconfigured proxy) must
/// not stall a session that long; the app asks again after this, backing off from there.
pub const MAX_SERVER_WAIT_MS: u64 = 600_000;

/// Milliseconds until retry number `attempt` (0 for the first retry after one failure).
///
/// `server_wait_ms` is what the server asked for (`Retry-After`, a rate limit's reset), `draw`
/// a uniform random number in `[0, 1)`. The retry goes after the server's wait (at least
/// `FLOOR_MS`) plus a uniformly drawn part of the attempt's window ("full jitter"): clients that
/// failed together come back spread over the whole window, not all at the moment the server named.
pub fn retry_in_ms(attempt: u32, server_wait_ms: Option<u64>, draw: f64) -> u64 {
    let window = BASE_MS.saturating_mul(1u64 << attempt.min(32)).min(CAP_MS);
    let wait = server_wait_ms
        .unwrap_or(0)
        .clamp(FLOOR_MS, MAX_SERVER_WAIT_MS);
    wait + (window as f64 * draw.clamp(0.0, 1.0)) as u64
}

/// Milliseconds before its expiry that a token of `lifetime_secs` is renewed, at the point
/// `spread` (in `[0, 1)`, drawn once per tab) of its window: the latest moment is a fifth of the
/// lifetime before expiry, at most a minute; the window is as long again before that.
pub fn renew_before_expiry_ms(lifetime_secs: u64, spread: f64) -> u64 {
    let margin_ms = (lifetime_secs / 5).clamp(1, 60) * 1000;
    margin_ms + (margin_ms as f64 * spread.clamp(0.0, 1.0)) as u64
}

/// Seconds a `Retry-After` value asks to wait, in its delay-seconds form (what Strapi's proxies
/// and `deploy/nginx-site.conf` send). The HTTP-date form counts as no wait named: the backoff
/// alone then spaces the retries (parsing dates cost 0.7 KB of wasm for a form no part of this
/// deployment sends).
pub fn retry_after_secs(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // More digits than a u64 holds is still "wait", as long as allowed.
    value.parse().ok().or(Some(u64::MAX))
}

/// A uniform draw in `[0, 1)` for the jitter.
#[cfg(target_arch = "wasm32")]
pub fn draw() -> f64 {
    js_sys::Math::random()
}

/// Natively (the tests, the prerendering): the middle; the tests pass their own draws.
#[cfg(not(target_arch = "wasm32"))]
pub fn draw() -> f64 {
    0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the distribution tests are reproducible.
    fn draws(n: usize) -> impl Iterator<Item = f64> {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        (0..n).map(move |_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        })
    }

    #[test]
    fn a_renewal_leads_expiry_by_a_fifth_of_the_life_at_most_a_minute_and_up_to_as_much_again() {
        // 10-minute token: between 1 and 2 minutes before it expires.
        assert_eq!(renew_before_expiry_ms(600, 0.0), 60_000);
        assert_eq!(renew_before_expiry_ms(600, 0.5), 90_000);
        assert_eq!(renew_before_expiry_ms(600, 0.999_999), 119_999);
        // 5-second token (the tests'): between 1 and 2 seconds before.
        assert_eq!(renew_before_expiry_ms(5, 0.0), 1_000);
        assert_eq!(renew_before_expiry_ms(5, 0.75), 1_750);
        // A draw out of range is clamped; a life under 5 s still leads by a second.
        assert_eq!(renew_before_expiry_ms(5, 7.0), 2_000);
        assert_eq!(renew_before_expiry_ms(2, -1.0), 1_000);
    }

    #[test]
    fn windows_double_up_to_the_cap() {
        let widest = |attempt| retry_in_ms(attempt, None, 0.999_999);
        assert_eq!(widest(0), FLOOR_MS + 1_999);
        assert_eq!(widest(1), FLOOR_MS + 3_999);
        assert_eq!(widest(4), FLOOR_MS + 31_999);
        assert_eq!(widest(5), FLOOR_MS + 59_999);
        assert_eq!(widest(u32::MAX), FLOOR_MS + 59_999);
        assert_eq!(retry_in_ms(7, None, 0.0), FLOOR_MS);
    }

    #[test]
    fn ten_thousand_clients_that_failed_together_spread_over_the_window() {
        for attempt in [0, 3, 9] {
            let window = (BASE_MS << attempt).min(CAP_MS);
            let mut buckets = [0u32; 10];
            for draw in draws(10_000) {
                let at = retry_in_ms(attempt, None, draw);
                assert!((FLOOR_MS..FLOOR_MS + window).contains(&at));
                buckets[((at - FLOOR_MS) * 10 / window) as usize] += 1;
            }
            // Each tenth of the window gets a tenth of the clients (within 10 %): no spike.
            for count in buckets {
                assert!((900..=1_100).contains(&count), "{attempt}: {buckets:?}");
            }
        }
    }

    #[test]
    fn none_retries_sooner_than_the_server_asked_and_all_spread_after_it() {
        let mut latest = 0;
        for draw in draws(10_000) {
            let at = retry_in_ms(0, Some(3_000), draw);
            assert!(at >= 3_000);
            latest = latest.max(at);
        }
        assert!(latest > 3_000 + BASE_MS * 9 / 10, "{latest}");
        // A wait of a day is bounded; no wait at all is still the floor.
        assert_eq!(retry_in_ms(0, Some(86_400_000), 0.0), MAX_SERVER_WAIT_MS);
        assert_eq!(retry_in_ms(0, Some(0), 0.0), FLOOR_MS);
    }

    #[test]
    fn draws_outside_the_unit_interval_stay_in_the_window() {
        assert_eq!(retry_in_ms(0, None, -1.0), FLOOR_MS);
        assert_eq!(retry_in_ms(0, None, 7.0), FLOOR_MS + BASE_MS);
        assert_eq!(retry_in_ms(0, None, f64::NAN), FLOOR_MS);
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(retry_after_secs("3"), Some(3));
        assert_eq!(retry_after_secs(" 120 "), Some(120));
        assert_eq!(retry_after_secs("0"), Some(0));
        assert_eq!(retry_after_secs("99999999999999999999999"), Some(u64::MAX));
        for other in [
            "",
            "-3",
            "3.5",
            "soon",
            "Sun, 06 Nov 1994 08:49:47 GMT",
            "3 s",
        ] {
            assert_eq!(retry_after_secs(other), None, "{other:?}");
        }
    }
}
