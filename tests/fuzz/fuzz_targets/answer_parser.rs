//! Any status and any body: `parse_answer` gives a value or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yew_strapi_auth::api::{
    parse_answer, ApiError, AuthResponse, Data, DeviceSession, RefreshResponse, User,
};

fuzz_target!(|data: &[u8]| {
    let Some((head, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_le_bytes(*head) % 600;
    let text = String::from_utf8_lossy(body);
    let check = |result: Result<(), ApiError>| match result {
        Ok(()) => assert!((200..300).contains(&status)),
        Err(ApiError::Strapi { .. }) => assert!(!(200..300).contains(&status)),
        Err(ApiError::NotJson { status: s, .. } | ApiError::Malformed { status: s }) => {
            assert_eq!(s, status)
        }
        Err(other) => panic!("unexpected {other:?}"),
    };
    check(parse_answer::<AuthResponse>(status, &text, None).map(drop));
    check(parse_answer::<User>(status, &text, None).map(drop));
    check(parse_answer::<RefreshResponse>(status, &text, None).map(drop));
    check(parse_answer::<Data<Vec<DeviceSession>>>(status, &text, None).map(drop));
});
