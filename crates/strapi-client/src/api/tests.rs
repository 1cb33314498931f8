//! Every Strapi answer recorded in shared/STRAPI-FACTS.md, parsed as the client parses it.

use super::*;

// The same tests run in the browser (`wasm-pack test`), where answers go through `JSON.parse`
// and serde-wasm-bindgen instead of serde_json: both parsers must give the app the same answers.
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;
#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const IN_BROWSER: bool = cfg!(target_arch = "wasm32");

const USER: &str = r#"{"id":1,"documentId":"k2x9v0c1","username":"demo","email":"demo@example.com","provider":"local","confirmed":true,"blocked":false,"createdAt":"2026-11-25T01:00:00.000Z","updatedAt":"2026-11-25T01:00:00.000Z","publishedAt":"2026-11-25T01:00:00.000Z"}"#;
const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpZCI6MSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDI1OTIwMDB9.c2lnbmF0dXJl";

fn login_ok(body: &str) -> AuthResponse {
    parse_answer::<AuthResponse>(200, body, None).unwrap_or_else(|e| panic!("{e}"))
}

fn strapi_err<T: serde::de::DeserializeOwned + std::fmt::Debug>(
    status: u16,
    body: &str,
) -> StrapiError {
    match parse_answer::<T>(status, body, None) {
        Err(ApiError::Strapi { error, .. }) => error,
        other => panic!("expected a Strapi error, got {other:?}"),
    }
}

#[test]
fn legacy_login_has_jwt_and_user_only() {
    let r = login_ok(&format!(r#"{{"jwt":"{JWT}","user":{USER}}}"#));
    assert_eq!(r.jwt, JWT);
    assert_eq!(r.refresh_token, None);
    assert_eq!(r.user.email, "demo@example.com");
    assert_eq!(r.user.document_id, "k2x9v0c1");
    assert_eq!(r.user.provider, "local");
    assert!(r.user.confirmed && !r.user.blocked);
}

#[test]
fn session_mode_login_has_refresh_token() {
    let r = login_ok(&format!(
        r#"{{"jwt":"{JWT}","refreshToken":"r.e.f","user":{USER}}}"#
    ));
    assert_eq!(r.refresh_token.as_deref(), Some("r.e.f"));
    assert_eq!(r.user.username, "demo");
}

#[test]
fn users_me_is_the_bare_user() {
    let u = parse_answer::<User>(200, USER, None).unwrap();
    assert_eq!(u.id, 1);
    assert_eq!(u.created_at.as_deref(), Some("2026-11-25T01:00:00.000Z"));
}

#[test]
fn wrong_password_is_a_validation_error_with_strapis_message() {
    let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"Invalid identifier or password","details":{}}}"#;
    let e = strapi_err::<AuthResponse>(400, body);
    assert_eq!(e.status, 400);
    assert_eq!(e.name, "ValidationError");
    assert_eq!(e.message, "Invalid identifier or password");
    assert!(e.details.errors.is_empty());
    let api = parse_answer::<AuthResponse>(400, body, None).unwrap_err();
    assert_eq!(api.user_message(0), "Invalid identifier or password");
}

#[test]
fn empty_body_keeps_field_details() {
    let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"2 errors occurred","details":{"errors":[{"path":["identifier"],"message":"identifier is a required field","name":"ValidationError","value":null},{"path":["password"],"message":"password is a required field","name":"ValidationError"}]}}}"#;
    let e = strapi_err::<AuthResponse>(400, body);
    assert_eq!(e.details.errors.len(), 2);
    assert_eq!(
        e.field_message("identifier"),
        Some("identifier is a required field")
    );
    assert_eq!(
        e.field_message("password"),
        Some("password is a required field")
    );
    assert_eq!(e.field_message("email"), None);
}

#[test]
fn malformed_json_error_has_no_details() {
    let body = r#"{"data":null,"error":{"status":400,"name":"SyntaxError","message":"Unexpected token } in JSON at position 1"}}"#;
    let e = strapi_err::<AuthResponse>(400, body);
    assert_eq!(e.name, "SyntaxError");
    assert_eq!(e.details, ErrorDetails::default());
}

#[test]
fn null_or_extra_details_do_not_break_the_envelope() {
    for details in ["null", "{}", r#"{"other":[1,2]}"#] {
        let body = format!(
            r#"{{"data":null,"error":{{"status":400,"name":"ApplicationError","message":"m","details":{details}}}}}"#
        );
        assert_eq!(strapi_err::<User>(400, &body).message, "m", "{details}");
    }
    // Details of a shape Strapi never sends make the answer not Strapi's.
    let odd = r#"{"data":null,"error":{"status":400,"name":"E","message":"m","details":{"errors":"nope"}}}"#;
    assert_eq!(
        parse_answer::<User>(400, odd, None).unwrap_err(),
        ApiError::Malformed { status: 400 }
    );
}

#[test]
fn unauthorized_and_forbidden() {
    let e = strapi_err::<User>(
        401,
        r#"{"data":null,"error":{"status":401,"name":"UnauthorizedError","message":"Missing or invalid credentials","details":{}}}"#,
    );
    assert_eq!((e.status, e.name.as_str()), (401, "UnauthorizedError"));
    let e = strapi_err::<User>(
        403,
        r#"{"data":null,"error":{"status":403,"name":"ForbiddenError","message":"Forbidden","details":{}}}"#,
    );
    assert_eq!(e.status, 403);
}

#[test]
fn register_taken_and_short_password() {
    let e = strapi_err::<AuthResponse>(
        400,
        r#"{"data":null,"error":{"status":400,"name":"ApplicationError","message":"Email or Username are already taken","details":{}}}"#,
    );
    assert_eq!(e.message, "Email or Username are already taken");
}

#[test]
fn rate_limited_uses_the_reset_header_when_readable() {
    let body = r#"{"data":null,"error":{"status":429,"name":"RateLimitError","message":"Too many requests, please try again later.","details":{}}}"#;
    let err = parse_answer::<AuthResponse>(429, body, Some(1_000_042_000)).unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(
        err.user_message(1_000_000),
        "Too many attempts. Try again in 42 seconds."
    );
    assert_eq!(
        err.user_message(1_000_041),
        "Too many attempts. Try again in 1 second."
    );
    // Reset already past, or unreadable (CORS hides it): the minute wording.
    assert_eq!(err.user_message(2_000_000), MSG_RATE_LIMITED);
    let hidden = parse_answer::<AuthResponse>(429, body, None).unwrap_err();
    assert_eq!(hidden.user_message(0), MSG_RATE_LIMITED);
    // A proxy's own non-JSON 429 is still "too many".
    let proxy = parse_answer::<AuthResponse>(429, "Too Many Requests", None).unwrap_err();
    assert_eq!(
        proxy,
        ApiError::NotJson {
            status: 429,
            retry_at_ms: None
        }
    );
    assert_eq!(proxy.user_message(0), MSG_RATE_LIMITED);
}

#[test]
fn html_502_is_not_json() {
    let err = parse_answer::<AuthResponse>(502, "<html><body>Bad Gateway</body></html>", None)
        .unwrap_err();
    assert_eq!(
        err,
        ApiError::NotJson {
            status: 502,
            retry_at_ms: None
        }
    );
    assert_eq!(err.user_message(0), MSG_SERVER);
}

#[test]
fn html_with_200_is_not_json_either() {
    // A static host's deep-link fallback answering an API path with index.html.
    let err = parse_answer::<AuthResponse>(200, "<!doctype html><html></html>", None).unwrap_err();
    assert_eq!(
        err,
        ApiError::NotJson {
            status: 200,
            retry_at_ms: None
        }
    );
}

#[test]
fn json_in_the_wrong_shape() {
    let err = parse_answer::<AuthResponse>(200, r#"{"token":"x"}"#, None).unwrap_err();
    assert_eq!(err, ApiError::Malformed { status: 200 });
    let err = parse_answer::<AuthResponse>(500, r#"{"message":"boom"}"#, None).unwrap_err();
    assert_eq!(err, ApiError::Malformed { status: 500 });
    assert_eq!(err.user_message(0), MSG_SERVER);
}

#[test]
fn strapi_500_is_a_server_problem_not_its_raw_message() {
    let err = parse_answer::<AuthResponse>(
        500,
        r#"{"data":null,"error":{"status":500,"name":"InternalServerError","message":"Internal Server Error"}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(err.user_message(0), MSG_SERVER);
}

#[test]
fn network_and_timeout_read_the_same_to_a_person() {
    assert_eq!(ApiError::Network.user_message(0), MSG_UNREACHABLE);
    assert_eq!(ApiError::Timeout.user_message(0), MSG_UNREACHABLE);
    assert_ne!(ApiError::Network, ApiError::Timeout);
    assert_eq!(ApiError::Timeout.status(), None);
}

#[test]
fn login_body_is_exactly_identifier_and_password() {
    let body = serde_json::to_string(&LoginRequest {
        identifier: "a@b.co",
        password: "p\"w",
    })
    .unwrap();
    assert_eq!(body, r#"{"identifier":"a@b.co","password":"p\"w"}"#);
}

#[test]
fn debug_output_never_contains_tokens() {
    let r = login_ok(&format!(
        r#"{{"jwt":"{JWT}","refreshToken":"r.e.f","user":{USER}}}"#
    ));
    let shown = format!("{r:?}");
    assert!(!shown.contains(JWT) && !shown.contains("r.e.f"), "{shown}");
    assert!(shown.contains("demo@example.com"));
}

#[test]
fn transient_errors_are_the_ones_worth_retrying() {
    assert!(ApiError::Network.is_transient());
    assert!(ApiError::Timeout.is_transient());
    assert!(ApiError::NotJson {
        status: 502,
        retry_at_ms: None
    }
    .is_transient());
    assert!(ApiError::Malformed { status: 429 }.is_transient());
    assert!(!ApiError::Malformed { status: 404 }.is_transient());
    assert!(!ApiError::NoSession.is_transient());
    let refused = parse_answer::<RefreshResponse>(
        401,
        r#"{"data":null,"error":{"status":401,"name":"UnauthorizedError","message":"Invalid refresh token","details":{}}}"#,
        None,
    )
    .unwrap_err();
    assert!(refused.is_unauthorized() && !refused.is_transient());
}

#[test]
fn a_public_route_strapi_could_not_check_is_a_server_problem_not_a_refusal() {
    // Strapi 5.54 with its database down, to a refresh or a login (measured: STRAPI-FACTS.md).
    let db_down = r#"{"data":null,"error":{"status":401,"name":"UnauthorizedError","message":"Missing or invalid credentials","details":{}}}"#;
    let unchecked = parse_answer::<RefreshResponse>(401, db_down, None)
        .unwrap_err()
        .read_as_anonymous();
    assert_eq!(unchecked, ApiError::Unchecked);
    assert!(unchecked.is_transient() && !unchecked.is_unauthorized());
    assert_eq!(unchecked.user_message(0), MSG_SERVER);
    // With a bearer the same words mean that token was refused.
    let refused = parse_answer::<User>(401, db_down, None).unwrap_err();
    assert!(refused.is_unauthorized() && !refused.is_transient());
    // Refusals in their own words stay refusals.
    for (status, message) in [
        (401, "Invalid refresh token"),
        (400, "Invalid identifier or password"),
        (400, "Missing refresh token"),
    ] {
        let body = format!(
            r#"{{"data":null,"error":{{"status":{status},"name":"E","message":"{message}","details":{{}}}}}}"#
        );
        let error = parse_answer::<RefreshResponse>(status, &body, None).unwrap_err();
        assert_eq!(error.clone().read_as_anonymous(), error, "{message}");
    }
    assert_eq!(ApiError::Network.read_as_anonymous(), ApiError::Network);
}

#[test]
fn refresh_logout_and_sessions_answers() {
    let pair =
        parse_answer::<RefreshResponse>(200, r#"{"jwt":"a.b.c","refreshToken":"d.e.f"}"#, None)
            .unwrap();
    assert_eq!(
        (pair.jwt.as_str(), pair.refresh_token.as_deref()),
        ("a.b.c", Some("d.e.f"))
    );
    assert!(!format!("{pair:?}").contains("a.b.c"));
    // Cookie mode: the new refresh token is in Strapi's cookie, only the access token here.
    let cookie = parse_answer::<RefreshResponse>(200, r#"{"jwt":"a.b.c"}"#, None).unwrap();
    assert_eq!(cookie.refresh_token, None);
    // Without even the access token it is not Strapi's answer.
    assert_eq!(
        parse_answer::<RefreshResponse>(200, r#"{"refreshToken":"d.e.f"}"#, None).unwrap_err(),
        ApiError::Malformed { status: 200 }
    );
    assert!(
        parse_answer::<OkResponse>(200, r#"{"ok":true}"#, None)
            .unwrap()
            .ok
    );
    let list = parse_answer::<Data<Vec<DeviceSession>>>(
        200,
        r#"{"data":[{"id":"s1","deviceId":"d1","deviceName":"Chrome on Linux","current":true,"loginAt":"2026-11-25T01:00:00.000Z","lastActiveAt":"2026-11-25T01:05:00.000Z"},{"id":"s2","deviceId":null,"current":false}]}"#,
        None,
    )
    .unwrap();
    assert_eq!(list.data.len(), 2);
    assert!(list.data[0].current);
    assert_eq!(list.data[0].device_name.as_deref(), Some("Chrome on Linux"));
    assert_eq!(list.data[1].login_at, None);
    assert_eq!(
        list.data[1].device_id, None,
        "Strapi sends null without a deviceId"
    );
    parse_answer::<Ignored>(200, r#"{"data":{}}"#, None).unwrap();
    let missing = parse_answer::<Ignored>(
        404,
        r#"{"data":null,"error":{"status":404,"name":"NotFoundError","message":"Session not found","details":{}}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(missing.user_message(0), "Session not found");
}

#[test]
fn forbidden_is_a_permission_message() {
    let e = parse_answer::<User>(
        403,
        r#"{"data":null,"error":{"status":403,"name":"ForbiddenError","message":"Forbidden","details":{}}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(e.user_message(0), MSG_FORBIDDEN);
    assert_eq!(ApiError::NoSession.user_message(0), MSG_SESSION_ENDED);
}

// Where the browser's parser and serde_json part ways. Strapi is Node: it writes with
// `JSON.stringify`, so none of these come from a real Strapi; the tests say what the app makes of
// them anyway, on each side.

#[test]
fn integers_beyond_2_pow_53_are_refused_in_the_browser_not_rounded() {
    let user = |id: &str| format!(r#"{{"id":{id},"username":"u","email":"e@x.io"}}"#);
    // The largest integer both read exactly.
    let max_safe = parse_answer::<User>(200, &user("9007199254740991"), None).unwrap();
    assert_eq!(max_safe.id, 9_007_199_254_740_991);
    // One past it: `JSON.parse` can only round it, so the browser refuses the answer rather than
    // carry a wrong id; serde_json reads it exactly.
    let beyond = parse_answer::<User>(200, &user("9007199254740993"), None);
    if IN_BROWSER {
        assert_eq!(beyond.unwrap_err(), ApiError::Malformed { status: 200 });
    } else {
        assert_eq!(beyond.unwrap().id, 9_007_199_254_740_993);
    }
    // Negative, fractional and exponent ids are refused by both.
    for bad in ["-1", "1.5", "1e400"] {
        assert!(
            parse_answer::<User>(200, &user(bad), None).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn duplicate_keys_take_the_last_in_the_browser() {
    let body = format!(r#"{{"jwt":"first","jwt":"{JWT}","user":{USER}}}"#);
    let parsed = parse_answer::<AuthResponse>(200, &body, None);
    if IN_BROWSER {
        // As in every JavaScript client, the cookbook's included.
        assert_eq!(parsed.unwrap().jwt, JWT);
    } else {
        assert_eq!(parsed.unwrap_err(), ApiError::Malformed { status: 200 });
    }
}

#[test]
fn lone_surrogates() {
    let body = r#"{"id":1,"username":"a\ud800b","email":"e@x.io"}"#;
    let parsed = parse_answer::<User>(200, body, None);
    if IN_BROWSER {
        // A JS string may hold one; a Rust string cannot: it arrives as U+FFFD.
        assert_eq!(parsed.unwrap().username, "a\u{fffd}b");
    } else {
        assert!(parsed.is_err());
    }
    // A correct pair is one character on both sides.
    let pair = r#"{"id":1,"username":"\ud83d\ude00","email":"e@x.io"}"#;
    assert_eq!(
        parse_answer::<User>(200, pair, None).unwrap().username,
        "\u{1f600}"
    );
}

#[test]
fn bodies_that_are_not_json_or_not_an_object() {
    for body in [
        "",
        " ",
        "{",
        r#"{"jwt":"#,
        "undefined",
        "NaN",
        "{'a':1}",
        "[1,]",
    ] {
        assert_eq!(
            parse_answer::<AuthResponse>(200, body, None).unwrap_err(),
            ApiError::NotJson {
                status: 200,
                retry_at_ms: None
            },
            "{body:?}"
        );
        assert_eq!(
            parse_answer::<AuthResponse>(500, body, None).unwrap_err(),
            ApiError::NotJson {
                status: 500,
                retry_at_ms: None
            },
            "{body:?}"
        );
    }
    for body in [
        "null",
        "true",
        "42",
        r#""text""#,
        "[]",
        "{}",
        r#"{"jwt":5,"user":{}}"#,
    ] {
        assert_eq!(
            parse_answer::<AuthResponse>(200, body, None).unwrap_err(),
            ApiError::Malformed { status: 200 },
            "{body:?}"
        );
        assert_eq!(
            parse_answer::<AuthResponse>(400, body, None).unwrap_err(),
            ApiError::Malformed { status: 400 },
            "{body:?}"
        );
    }
}

#[test]
fn unknown_fields_and_nulls_where_options_are() {
    let body = format!(
        r#"{{"jwt":"{JWT}","refreshToken":null,"extra":{{"deep":[1,2,{{"x":null}}]}},"user":{USER}}}"#
    );
    let r = login_ok(&body);
    assert_eq!(r.refresh_token, None);
    assert_eq!(r.user.id, 1);
}

#[test]
fn the_wait_a_server_names_is_read_from_any_error_answer() {
    // A proxy's HTML 503 and Strapi's own JSON one alike.
    let html = parse_answer::<AuthResponse>(503, "<h1>busy</h1>", Some(1_000_003_000)).unwrap_err();
    assert!(html.is_transient());
    assert_eq!(html.server_wait_ms(1_000_000_500), Some(2_500));
    let body = r#"{"data":null,"error":{"status":503,"name":"ServiceUnavailableError","message":"busy","details":{}}}"#;
    let json = parse_answer::<AuthResponse>(503, body, Some(1_000_003_000)).unwrap_err();
    assert_eq!(json.server_wait_ms(1_000_000_000), Some(3_000));
    // Past: no wait left.
    assert_eq!(json.server_wait_ms(1_000_004_000), Some(0));
    assert_eq!(ApiError::Network.server_wait_ms(0), None);
    assert_eq!(
        parse_answer::<AuthResponse>(503, body, None)
            .unwrap_err()
            .server_wait_ms(0),
        None
    );
}

#[test]
fn a_content_delete_has_no_body_and_a_missing_entry_says_so() {
    // Strapi 5's core `delete`: 204, nothing after the headers.
    parse_answer::<()>(204, "", None).unwrap();
    let gone = parse_answer::<()>(
        404,
        r#"{"data":null,"error":{"status":404,"name":"NotFoundError","message":"Not Found","details":{}}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(gone.user_message(0), MSG_NOT_FOUND);
    // A 403 on content is a permission, never a session that ended.
    let refused = parse_answer::<()>(
        403,
        r#"{"data":null,"error":{"status":403,"name":"ForbiddenError","message":"Only the author of a review may change or delete it","details":{}}}"#,
        None,
    )
    .unwrap_err();
    assert_eq!(refused.user_message(0), MSG_FORBIDDEN);
    assert!(!refused.is_unauthorized());
}
