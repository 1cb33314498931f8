//! Reading a JWT's `iat`/`exp` (unverified: only Strapi can verify) and deciding when to refresh.

use serde::Deserialize;

use crate::backoff::renew_before_expiry_ms;

/// The claims of a JWT's payload that decide when to renew it (read unverified).
#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claims {
    /// Issued at, in Unix seconds: Strapi's clock when it signed the token; `None` when absent.
    #[serde(default)]
    pub iat: Option<u64>,
    /// Expiry, in Unix seconds of Strapi's clock.
    pub exp: u64,
}

/// The payload's `iat` and `exp`, or `None` for anything that is not a JWT with an `exp`.
pub fn claims(token: &str) -> Option<Claims> {
    let json = payload(token)?;
    // serde would also read a struct from an array; a JWT payload is always an object.
    if !json.starts_with('{') {
        return None;
    }
    // The same parser as every answer (the browser's, in the bundle): no second JSON reader.
    crate::api::from_json(&json).ok()
}

/// Whether an access token belongs to a session Strapi keeps (session management: its payload
/// names a `sessionId`). A legacy token holds only `id`, `iat` and `exp`.
pub fn carries_session(token: &str) -> bool {
    // Split on quotes rather than searching for a substring: the bundle has no substring
    // searcher otherwise, and it would be its largest part here.
    payload(token).is_some_and(|json| json.split('"').any(|part| part == "sessionId"))
}

/// A JWT's payload as text (unverified).
fn payload(token: &str) -> Option<String> {
    String::from_utf8(base64url_decode(token.split('.').nth(1)?)?).ok()
}

/// Milliseconds from `now_ms` until the token should be refreshed (0 means "now").
///
/// The latest moment is a fifth of its lifetime before it expires, at most a minute before (a
/// 10-minute token at 9 minutes, a 5-second one at 4 seconds). The refresh goes up to that margin
/// earlier, at the point `spread` (in `[0, 1)`, drawn once per tab) picks: tabs that logged in
/// together (at 9 o'clock, after an outage) then renew at different moments, and each keeps its
/// own period, so they drift further apart rather than asking Strapi together for as long as they
/// stay open. Milliseconds, not seconds: counted in whole seconds the timer fires anywhere in the
/// second before the planned moment, which can leave a short-lived token's refresh only a round
/// trip before its expiry. (A clock off by less than `SKEW_TOLERANCE` is not corrected; a token
/// that expires first is renewed on its 401.)
pub fn refresh_in_ms(claims: Claims, now_ms: u64, spread: f64) -> u64 {
    let lifetime = claims.iat.map_or(60, |iat| claims.exp.saturating_sub(iat));
    claims
        .exp
        .saturating_mul(1000)
        .saturating_sub(renew_before_expiry_ms(lifetime, spread))
        .saturating_sub(now_ms)
}

/// Differences up to this many seconds are rounding (both clocks count whole seconds) and the
/// request's own time, not a clock that is off.
const SKEW_TOLERANCE: i64 = 2;

/// How far this device's clock runs ahead of Strapi's (negative: behind), from a token Strapi
/// has just issued: its `iat` is Strapi's "now". Without this a device clock ahead by more than a
/// token's lifetime sees every new token as due, and refreshes over and over.
pub fn clock_skew(issued: Claims, now: u64) -> i64 {
    let to_i64 = |secs: u64| i64::try_from(secs).unwrap_or(i64::MAX);
    let skew = issued
        .iat
        .map_or(0, |iat| to_i64(now).saturating_sub(to_i64(iat)));
    if skew.abs() <= SKEW_TOLERANCE {
        0
    } else {
        skew
    }
}

/// Strapi's "now" in milliseconds, from this device's clock and its skew (in seconds).
pub fn strapi_now_ms(now_ms: u64, skew: i64) -> u64 {
    let now = i64::try_from(now_ms).unwrap_or(i64::MAX);
    now.saturating_sub(skew.saturating_mul(1000)).max(0) as u64
}

/// Unpadded (or padded) base64url, as JWT segments use.
fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=');
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for byte in input.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Run in the browser too (`wasm-pack test`), where the payload goes through `JSON.parse`.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Real Strapi 5 tokens' payloads (signatures replaced): legacy `{id,iat,exp}`, session mode
    // `{userId,sessionId,type,iat,exp}`.
    const LEGACY: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MSwiaWF0IjoxNzk1NTcxNDA3LCJleHAiOjE3OTgxNjM0MDd9.c2ln";

    fn token(payload: &str) -> String {
        let b64 = |s: &[u8]| {
            const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut out = String::new();
            for chunk in s.chunks(3) {
                let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b))
                    << (8 * (3 - chunk.len()));
                for i in 0..=chunk.len() {
                    out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        };
        format!("eyJhbGciOiJIUzI1NiJ9.{}.c2ln", b64(payload.as_bytes()))
    }

    #[test]
    fn reads_a_legacy_token() {
        assert_eq!(
            claims(LEGACY),
            Some(Claims {
                iat: Some(1_795_571_407),
                exp: 1_798_163_407
            })
        );
    }

    #[test]
    fn reads_a_session_access_token() {
        let t = token(r#"{"userId":"1","sessionId":"4f1c","type":"access","iat":1000,"exp":1005}"#);
        assert_eq!(
            claims(&t),
            Some(Claims {
                iat: Some(1000),
                exp: 1005
            })
        );
    }

    #[test]
    fn payload_lengths_that_need_padding() {
        for payload in [r#"{"exp":1}"#, r#"{"exp":12}"#, r#"{"exp":123}"#] {
            assert!(claims(&token(payload)).is_some(), "{payload}");
        }
    }

    #[test]
    fn garbage_has_no_claims() {
        for bad in [
            "",
            "a.b.c",
            "a.!!!.c",
            "onlyone",
            &token(r#"{"iat":1}"#),
            &token("[1,2]"),
        ] {
            assert_eq!(claims(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_beyond_2_pow_53_are_no_claims_in_the_browser() {
        let huge = token(r#"{"iat":1,"exp":9007199254740993}"#);
        if cfg!(target_arch = "wasm32") {
            // `JSON.parse` could only round it: not a time the app can plan with.
            assert_eq!(claims(&huge), None);
        } else {
            assert_eq!(claims(&huge).map(|c| c.exp), Some(9_007_199_254_740_993));
        }
        let max_safe = token(r#"{"iat":1,"exp":9007199254740991}"#);
        assert_eq!(
            claims(&max_safe).map(|c| c.exp),
            Some(9_007_199_254_740_991)
        );
    }

    #[test]
    fn a_device_clock_ahead_of_strapi_still_refreshes_on_time() {
        let issued = Claims {
            iat: Some(1000),
            exp: 1600,
        };
        // Ten minutes ahead: the fresh token would look due at once.
        let now = 1000 + 600;
        assert_eq!(refresh_in_ms(issued, now * 1000, 0.0), 0);
        let skew = clock_skew(issued, now);
        assert_eq!(skew, 600);
        assert_eq!(
            refresh_in_ms(issued, strapi_now_ms(now * 1000, skew), 0.0),
            540_000
        );
        // Behind works the same way.
        let behind = clock_skew(issued, 700);
        assert_eq!(behind, -300);
        assert_eq!(
            refresh_in_ms(issued, strapi_now_ms(700_000, behind), 0.0),
            540_000
        );
    }

    #[test]
    fn small_differences_are_not_skew() {
        let issued = Claims {
            iat: Some(1000),
            exp: 1005,
        };
        for now in [998, 999, 1000, 1001, 1002] {
            assert_eq!(clock_skew(issued, now), 0, "{now}");
        }
        assert_eq!(
            clock_skew(
                Claims {
                    iat: None,
                    exp: 1005
                },
                5000
            ),
            0
        );
        assert_eq!(strapi_now_ms(5_000, 10), 0);
        // A forged `iat` beyond i64 neither overflows nor panics.
        let forged = Claims {
            iat: Some(u64::MAX),
            exp: u64::MAX,
        };
        assert_eq!(clock_skew(forged, 1000), 1000 - i64::MAX);
        assert_eq!(strapi_now_ms(1000, 1000 - i64::MAX), i64::MAX as u64);
    }

    #[test]
    fn refresh_timing() {
        let token = |iat, exp| Claims { iat, exp };
        // 5-second token: refresh 1 s before expiry.
        assert_eq!(
            refresh_in_ms(token(Some(1000), 1005), 1_000_000, 0.0),
            4_000
        );
        // Issued late in Strapi's second 1000: still a whole second before expiry, not "some time
        // in the second before".
        assert_eq!(
            refresh_in_ms(token(Some(1000), 1005), 1_000_900, 0.0),
            3_100
        );
        // 10-minute token: a minute before.
        assert_eq!(
            refresh_in_ms(token(Some(1000), 1600), 1_000_000, 0.0),
            540_000
        );
        // 30-day legacy-style lifetime: still a minute before.
        assert_eq!(
            refresh_in_ms(token(Some(0), 2_592_000), 0, 0.0),
            2_591_940_000
        );
        // Already due or expired: now.
        assert_eq!(refresh_in_ms(token(Some(1000), 1005), 1_004_000, 0.0), 0);
        assert_eq!(refresh_in_ms(token(Some(1000), 1005), 9_999_000, 0.0), 0);
        // No iat: assume a minute's lifetime.
        assert_eq!(refresh_in_ms(token(None, 1060), 1_000_000, 0.0), 48_000);
    }

    #[test]
    fn tabs_renew_at_their_own_point_of_a_window_before_the_latest_moment() {
        let token = |iat, exp| Claims { iat, exp };
        let ten_minutes = token(Some(1000), 1600);
        // The whole margin earlier at most: between 8 and 9 minutes.
        assert_eq!(refresh_in_ms(ten_minutes, 1_000_000, 0.5), 510_000);
        assert_eq!(refresh_in_ms(ten_minutes, 1_000_000, 0.999_999), 480_001);
        assert_eq!(refresh_in_ms(ten_minutes, 1_000_000, 7.0), 480_000);
        assert_eq!(refresh_in_ms(ten_minutes, 1_000_000, -1.0), 540_000);
        // 5-second token: between 3 and 4 s, still a second before expiry at the latest.
        assert_eq!(
            refresh_in_ms(token(Some(1000), 1005), 1_000_000, 0.5),
            3_500
        );
        // 10 000 tabs that logged in together renew spread over the window, every one before
        // the margin, with a clock that runs ahead (the skew) as well as with a true one.
        let skew = clock_skew(ten_minutes, 1_300);
        let mut buckets = [0u32; 10];
        for tab in 0..10_000u64 {
            let spread = tab as f64 / 10_000.0;
            let now = strapi_now_ms(1_300_000, skew);
            let at = refresh_in_ms(ten_minutes, now, spread);
            assert!((480_000..=540_000).contains(&at), "{at}");
            buckets[((540_000 - at) / 6_000).min(9) as usize] += 1;
        }
        assert!(
            buckets.iter().all(|&n| (990..=1_010).contains(&n)),
            "{buckets:?}"
        );
        // Different points are different periods: two tabs 1 % apart in the window are 0.6 s
        // apart after one renewal and about 6 s after ten.
        let before_expiry = |spread: f64| 600_000 - refresh_in_ms(token(Some(0), 600), 0, spread);
        assert_eq!(before_expiry(0.51) - before_expiry(0.50), 600);
    }

    #[test]
    fn only_a_session_mode_token_carries_a_session() {
        assert!(!carries_session(LEGACY));
        assert!(carries_session(&token(
            r#"{"userId":"1","sessionId":"a1b2","type":"access","iat":1795571407,"exp":1795572007}"#
        )));
        assert!(!carries_session("not-a-jwt"));
        assert!(!carries_session(&token(r#"{"id":1,"iat":1,"exp":2}"#)));
    }
}
