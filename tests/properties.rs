//! Properties that hold for any input, over the code that meets untrusted text: the redirect
//! check, the URL builder, the answer parser, the JWT reader and the form's transitions.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

use yew_strapi::redirect::safe_redirect;
use yew_strapi_auth::api::{parse_answer, ApiError, AuthResponse, User};
use yew_strapi_auth::config::strapi_url;
use yew_strapi_auth::form::{slot_validator, FormAction, FormState};
use yew_strapi_auth::pages::login::{validate_login, LoginField};
use yew_strapi_auth::router::{route_for, Route};
use yew_strapi_auth::session::jwt::claims;

const ORIGIN: &str = "https://app.example";

/// Text built from the pieces that make redirects dangerous, and arbitrary text.
fn redirect_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/".to_owned()),
        Just("//".to_owned()),
        Just("\\".to_owned()),
        Just("/\\".to_owned()),
        Just("http:".to_owned()),
        Just("javascript:".to_owned()),
        Just("evil.example".to_owned()),
        Just("%2F".to_owned()),
        Just("%5C".to_owned()),
        Just("\t".to_owned()),
        Just("\n".to_owned()),
        Just(" ".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("?x=//a".to_owned()),
        Just("#".to_owned()),
        Just("@".to_owned()),
        Just("..".to_owned()),
        Just("auth".to_owned()),
        "[a-z]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        proptest::collection::vec(piece, 0..8).prop_map(|parts| parts.concat()),
        any::<String>(),
    ]
}

/// A base URL or prefix with any number of slashes around it.
fn slashed(core: &'static str) -> impl Strategy<Value = String> {
    ("/{0,3}", Just(core), "/{0,3}").prop_map(|(a, b, c)| format!("{a}{b}{c}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// Whatever comes in `?redirect=`, the result is nothing or a same-origin path: a single
    /// leading `/`, no backslash, whitespace or control character, and the WHATWG URL parser
    /// (what browsers do) resolves it to this origin.
    #[test]
    fn a_redirect_stays_on_this_origin(candidate in redirect_like()) {
        if let Some(path) = safe_redirect(Some(&candidate), "/auth") {
            prop_assert!(path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\"));
            prop_assert!(!path.chars().any(|c| c == '\\' || c.is_whitespace() || c.is_control()));
            let base = url::Url::parse(ORIGIN).unwrap();
            let resolved = base.join(path).expect("a checked path always resolves");
            prop_assert_eq!(resolved.origin(), base.origin(), "{:?} leaves the origin", path);
        }
    }

    /// Exactly one slash at each join, whatever slashes base, prefix and path carry; the query
    /// string is kept as given.
    #[test]
    fn urls_have_one_slash_at_each_join(
        base in "https://cms\\.example/{0,3}",
        prefix in prop_oneof![slashed("api"), slashed("v2/api"), Just(String::new()), Just("/".to_owned())],
        path in "/{0,3}[a-z]{1,8}(/[a-z]{1,8}){0,2}",
        query in proptest::option::of("[a-z]{1,5}=[a-z0-9/]{0,5}"),
    ) {
        let full_path = match &query { Some(q) => format!("{path}?{q}"), None => path.clone() };
        let url = strapi_url(&base, &prefix, &full_path);
        let (before_query, after) = match url.split_once('?') {
            Some((b, a)) => (b.to_owned(), Some(a.to_owned())),
            None => (url.clone(), None),
        };
        prop_assert_eq!(after, query, "the query is kept");
        let rest = before_query.strip_prefix("https://cms.example/").expect("one slash after the base");
        prop_assert!(!rest.contains("//") && !rest.starts_with('/') && !rest.ends_with('/'), "{}", url);
        let expected: Vec<&str> = prefix.split('/').chain(path.split('/')).filter(|s| !s.is_empty()).collect();
        prop_assert_eq!(rest.split('/').collect::<Vec<_>>(), expected);
    }

    /// Any status and any bytes: a value or a typed error, never a panic; an error for a 2xx is
    /// "not JSON" or "not Strapi's shape", and only a non-2xx can be Strapi's own error.
    #[test]
    fn any_answer_parses_or_is_a_typed_error(status in 100u16..600, body in any::<Vec<u8>>()) {
        let text = String::from_utf8_lossy(&body);
        for result in [
            parse_answer::<AuthResponse>(status, &text, None).map(|_| ()),
            parse_answer::<User>(status, &text, None).map(|_| ()),
        ] {
            match result {
                Ok(()) => prop_assert!((200..300).contains(&status)),
                Err(ApiError::Strapi { .. }) => prop_assert!(!(200..300).contains(&status)),
                Err(ApiError::NotJson { status: s, .. } | ApiError::Malformed { status: s }) => prop_assert_eq!(s, status),
                Err(other) => prop_assert!(false, "unexpected {:?}", other),
            }
        }
    }

    /// JSON-shaped bodies too, where the parser gets further before it can fail.
    #[test]
    fn any_json_answer_parses_or_is_a_typed_error(
        status in 100u16..600,
        body in r#"\{("(jwt|user|error|data|refreshToken|id|status|message|details|errors)":(null|true|[0-9]{1,20}|-?[0-9]\.[0-9]e[0-9]{1,3}|"[^"\\]{0,8}"|\{\}|\[\]|\{"status":[0-9]{1,4}\}),?){0,6}\}"#,
    ) {
        let _ = parse_answer::<AuthResponse>(status, &body, None);
        let _ = parse_answer::<User>(status, &body, None);
    }

    /// Any token-shaped or garbage string: claims or none, never a panic.
    #[test]
    fn any_token_is_read_or_refused(token in prop_oneof![
        any::<String>(),
        "[A-Za-z0-9_=+/-]{0,40}\\.[A-Za-z0-9_=+/-]{0,80}\\.[A-Za-z0-9_-]{0,20}",
    ]) {
        if let Some(c) = claims(&token) {
            prop_assert!(token.contains('.'));
            let _ = c.exp;
        }
    }

    /// For any sequence of typing, leaving fields and submitting, a field shows exactly the
    /// error validation gives its current value once it has been touched, nothing before; a
    /// submit touches every field and goes ahead only when validation finds nothing.
    #[test]
    fn form_transitions_agree_with_validation(actions in proptest::collection::vec(
        prop_oneof![
            (0usize..2, "[a-z@. ]{0,12}").prop_map(|(slot, value)| FormAction::Change(slot, value)),
            (0usize..2).prop_map(FormAction::Blur),
            Just(FormAction::Submit),
            Just(FormAction::SubmitDone),
        ],
        0..25,
    )) {
        let names = vec!["identifier", "password"];
        let validate = slot_validator::<LoginField>(validate_login);
        let mut state = FormState::new(names, Vec::new());
        let mut touched = [false; 2];
        for action in actions {
            match &action {
                FormAction::Blur(slot) => touched[*slot] = true,
                FormAction::Submit => touched = [true; 2],
                _ => {}
            }
            let submitting_before = state.is_submitting;
            state.apply(action.clone(), &validate);
            let expected = validate(state.values());
            for slot in 0..2 {
                prop_assert_eq!(state.is_touched(slot), touched[slot]);
                let shown = state.visible_error(slot).map(str::to_owned);
                let wanted = expected[slot].clone().filter(|_| touched[slot]);
                prop_assert_eq!(shown, wanted);
            }
            match action {
                FormAction::Submit => prop_assert_eq!(state.is_submitting, expected.iter().all(Option::is_none)),
                FormAction::SubmitDone => prop_assert!(!state.is_submitting),
                _ => prop_assert_eq!(state.is_submitting, submitting_before),
            }
        }
    }

    /// The hand-written router, for any path a visitor can type: it names a page (never panics),
    /// and the path it builds for that page leads back to it. A provider's name goes into a
    /// Strapi URL, so it never carries a slash into the path it came from.
    #[test]
    fn any_path_names_a_page_whose_path_leads_back(path in prop_oneof![
        redirect_like(),
        ("/connect/", redirect_like(), "/redirect/?").prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]) {
        let route = route_for(&path);
        prop_assert_eq!(route_for(&route.path()), route.clone());
        if let Route::ConnectRedirect { provider } = &route {
            prop_assert!(!provider.is_empty());
            prop_assert!(!route.path()[9..route.path().len() - 9].contains('/'));
        }
    }
}
