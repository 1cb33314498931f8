//! Where to send a person after login: the `?redirect=` parameter, checked, and the query-string
//! helpers it needs. Pure functions, free of any router.

pub use strapi_client::config::percent_encode;

/// Accepts only a same-origin relative path: `/…` but not `//host` or `/\host` (browsers read both
/// as another host), no backslashes, whitespace or control characters anywhere, and not back into
/// the guest pages under `guest_prefix` (a login that sends you back to a login page would loop).
/// Anything else (`https://…`, `javascript:`, `\\host`) is dropped: `None`.
///
/// ```
/// use yew_strapi::redirect::safe_redirect;
/// assert_eq!(safe_redirect(Some("/orders?page=2"), "/auth"), Some("/orders?page=2"));
/// assert_eq!(safe_redirect(Some("//evil.example"), "/auth"), None);
/// assert_eq!(safe_redirect(Some("/auth/login"), "/auth"), None);
/// ```
pub fn safe_redirect<'a>(candidate: Option<&'a str>, guest_prefix: &str) -> Option<&'a str> {
    let path = candidate?;
    let bytes = path.as_bytes();
    let well_formed = bytes.first() == Some(&b'/')
        && !matches!(bytes.get(1), Some(b'/' | b'\\'))
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control());
    let into_guest_pages = !guest_prefix.is_empty()
        && path
            .strip_prefix(guest_prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']));
    (well_formed && !into_guest_pages).then_some(path)
}

/// The value of `name` in a query string (with or without the leading `?`), percent-decoded.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| percent_decode(key).as_deref() == Some(name))
        .and_then(|(_, value)| percent_decode(value))
}

/// `application/x-www-form-urlencoded` decoding; `None` for invalid escapes or UTF-8.
pub fn percent_decode(input: &str) -> Option<String> {
    let mut out = Vec::with_capacity(input.len());
    let mut bytes = input.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = [bytes.next()?, bytes.next()?];
                let hex = std::str::from_utf8(&hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
            }
            _ => out.push(b),
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_same_origin_paths() {
        for ok in ["/", "/dashboard", "/dashboard?tab=1", "/account/sessions#x"] {
            assert_eq!(safe_redirect(Some(ok), "/auth"), Some(ok));
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "dashboard",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "/dash\\board",
            "/ /evil",
            "/\t/evil.example",
            "/dash\nboard",
            "/auth/login",
            "/auth/login?redirect=/auth/login",
            "/auth",
        ] {
            assert_eq!(safe_redirect(Some(bad), "/auth"), None, "{bad:?}");
        }
        assert_eq!(safe_redirect(None, "/auth"), None);
        assert_eq!(safe_redirect(Some("/authors"), "/auth"), Some("/authors"));
        // Without guest pages, only the same-origin rule applies.
        assert_eq!(safe_redirect(Some("/auth/login"), ""), Some("/auth/login"));
        assert_eq!(safe_redirect(Some("//evil.example"), ""), None);
    }

    #[test]
    fn query_params() {
        assert_eq!(
            query_param("?redirect=%2Fdashboard&x=1", "redirect").as_deref(),
            Some("/dashboard")
        );
        assert_eq!(
            query_param("a=1&b=two+words", "b").as_deref(),
            Some("two words")
        );
        assert_eq!(query_param("flag&a=1", "flag").as_deref(), Some(""));
        assert_eq!(query_param("", "redirect"), None);
        assert_eq!(query_param("redirect=%zz", "redirect"), None);
        assert_eq!(query_param("redirect=%2", "redirect"), None);
    }

    #[test]
    fn encode_round_trips() {
        for s in ["/dashboard", "/a b?c=d&e=ü", "/x#y"] {
            let enc = percent_encode(s);
            assert!(!enc.contains(['?', '&', '#', ' ']), "{enc}");
            assert_eq!(percent_decode(&enc).as_deref(), Some(s));
        }
        assert_eq!(percent_encode("/dashboard"), "/dashboard");
    }
}
