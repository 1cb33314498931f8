//! The session layer's decisions, as plain functions: what a 401 calls for, whether a refresh is
//! still needed once this tab holds the lock, and what to do with the answer given what storage
//! holds by then. `SessionManager` does the I/O around them.

use super::tokens::Tokens;
use crate::api::ApiError;

/// After an authenticated request got a 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After401 {
    /// Nothing can renew it (legacy mode, or storage is empty): the session is over.
    End,
    /// The pair was rotated while the request was out (by another request or another tab): retry
    /// with it, no refresh spent.
    RetryWith(Tokens),
    /// The token that failed is still the stored one: refresh.
    Refresh,
}

pub fn after_401(used: &Tokens, stored: Option<Tokens>) -> After401 {
    match (used, stored) {
        (Tokens::Legacy { .. }, _) | (_, None) => After401::End,
        (_, Some(current)) if current.access() != used.access() => After401::RetryWith(current),
        (_, Some(_)) => After401::Refresh,
    }
}

/// Holding the cross-tab lock, before asking Strapi.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BeforeRefresh {
    /// No refreshable session is stored (logged out, or a legacy one): the session is over.
    End,
    /// Another tab rotated the pair while this one waited for the lock: use it.
    UseStored(Tokens),
    /// Ask Strapi with this refresh token.
    Ask(String),
}

/// `seen` is the refresh token this tab saw before it waited for the lock.
pub fn before_refresh(seen: Option<&str>, stored: Option<Tokens>) -> BeforeRefresh {
    match stored {
        Some(current @ Tokens::Refresh { .. }) => {
            let refresh = current.refresh().unwrap_or_default();
            if seen == Some(refresh) {
                BeforeRefresh::Ask(refresh.to_owned())
            } else {
                BeforeRefresh::UseStored(current)
            }
        }
        _ => BeforeRefresh::End,
    }
}

/// Strapi answered a refresh with a new pair; what happens to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AfterRefresh {
    /// Storage still holds the token that was sent: store the new pair and use it.
    Adopt,
    /// Storage moved while the refresh was out: another tab's login, or its renewal where there
    /// are no Web Locks. Keep what is stored; `revoke` says whether the new pair is a session no
    /// tab will use (it is, unless Strapi answered with the very pair already stored).
    KeepStored { revoke: bool },
    /// Storage was emptied meanwhile (a logout): saving would bring the session back. The new
    /// pair is revoked.
    LoggedOut,
}

pub fn after_refresh(sent: &str, new_refresh: &str, stored: Option<&Tokens>) -> AfterRefresh {
    match stored.and_then(Tokens::refresh) {
        Some(current) if current == sent => AfterRefresh::Adopt,
        Some(current) => AfterRefresh::KeepStored {
            revoke: current != new_refresh,
        },
        // A legacy login in another tab is "moved" too; nothing of this pair is kept.
        None if stored.is_some() => AfterRefresh::KeepStored { revoke: true },
        None => AfterRefresh::LoggedOut,
    }
}

/// Strapi refused a refresh (401; 404 from a Strapi not in refresh mode), and storage holds
/// `stored` after waiting: has another tab renewed the session in the meantime?
pub fn renewed_elsewhere(sent: &str, stored: Option<&Tokens>) -> Option<Tokens> {
    match stored {
        Some(now @ Tokens::Refresh { .. }) if now.refresh() != Some(sent) => Some(now.clone()),
        _ => None,
    }
}

/// Where a session lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// localStorage: outlives the browser, every tab reads it (the cookbook's way).
    Remembered,
    /// sessionStorage in each open tab, kept alike over a BroadcastChannel: it ends when the last
    /// tab of the app closes.
    ThisVisit,
    /// This tab's memory; the refresh token is in Strapi's httpOnly cookie (cookie mode).
    Cookie,
}

/// At a page load (or a login seen in another tab) where this tab holds no session: where one
/// may be found, from the hint in localStorage (`strapiSession`), given how this app keeps
/// sessions. `None`: nowhere, the visitor is anonymous without a request or a wait.
pub fn restore_from(keep: Keep, hint: Option<&str>) -> Option<Keep> {
    match (keep, hint) {
        // Cookie mode asks Strapi; a "tab" hint is another deployment's leftover.
        (Keep::Cookie, Some("cookie")) => Some(Keep::Cookie),
        (Keep::Cookie, _) => None,
        // A session that is not remembered is held by the open tabs; a "cookie" hint means
        // nothing to an app that keeps tokens in storage.
        (_, Some("tab")) => Some(Keep::ThisVisit),
        _ => None,
    }
}

/// Cookie mode: what a `POST /auth/refresh` answer calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterCookieRefresh {
    /// A new access token: use it.
    Adopt,
    /// Refused once: another tab may have rotated the cookie while this request was out (there
    /// are no Web Locks, or the lock was lost); the browser now holds the new cookie. Once more.
    TryAgain,
    /// Refused again (or from the start, on the retry): there is no session.
    NoSession,
    /// Strapi unreachable or in trouble: the session is not over; report it.
    Failed,
    /// No renewal route: this Strapi keeps no sessions, so no cookie can hold one. Not "your
    /// session ended": the person and the developer are told what is missing.
    Unsupported,
}

pub fn after_cookie_refresh(answer: Result<(), &ApiError>, retried: bool) -> AfterCookieRefresh {
    match answer {
        Ok(()) => AfterCookieRefresh::Adopt,
        Err(error) if error.is_transient() => AfterCookieRefresh::Failed,
        Err(error) if error.is_missing_route() => AfterCookieRefresh::Unsupported,
        Err(error) if error.is_unauthorized() && !retried => AfterCookieRefresh::TryAgain,
        Err(_) => AfterCookieRefresh::NoSession,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_answer;

    fn refused(status: u16) -> ApiError {
        let body = format!(
            r#"{{"data":null,"error":{{"status":{status},"name":"UnauthorizedError","message":"Invalid refresh token","details":{{}}}}}}"#
        );
        parse_answer::<crate::api::OkResponse>(status, &body, None).unwrap_err()
    }

    #[test]
    fn a_page_load_asks_only_where_the_hint_says_and_the_mode_allows() {
        assert_eq!(
            restore_from(Keep::Cookie, Some("cookie")),
            Some(Keep::Cookie)
        );
        assert_eq!(
            restore_from(Keep::Cookie, None),
            None,
            "no request for a visitor"
        );
        assert_eq!(restore_from(Keep::Cookie, Some("tab")), None);
        assert_eq!(
            restore_from(Keep::Remembered, Some("tab")),
            Some(Keep::ThisVisit)
        );
        assert_eq!(
            restore_from(Keep::ThisVisit, Some("tab")),
            Some(Keep::ThisVisit)
        );
        assert_eq!(restore_from(Keep::Remembered, Some("cookie")), None);
        assert_eq!(restore_from(Keep::Remembered, None), None);
        assert_eq!(restore_from(Keep::Remembered, Some("junk")), None);
    }

    #[test]
    fn a_refused_cookie_refresh_is_tried_once_more_then_ends() {
        let refused = refused(401);
        assert_eq!(
            after_cookie_refresh(Ok(()), false),
            AfterCookieRefresh::Adopt
        );
        assert_eq!(
            after_cookie_refresh(Err(&refused), false),
            AfterCookieRefresh::TryAgain,
            "the race may have been lost"
        );
        assert_eq!(
            after_cookie_refresh(Err(&refused), true),
            AfterCookieRefresh::NoSession
        );
        // "Missing refresh token" (no cookie at all): no retry.
        assert_eq!(
            after_cookie_refresh(Err(&self::refused(400)), false),
            AfterCookieRefresh::NoSession
        );
        // Unchecked: Strapi's database was down.
        for transient in [
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Unchecked,
            self::refused(503),
        ] {
            assert_eq!(
                after_cookie_refresh(Err(&transient), false),
                AfterCookieRefresh::Failed,
                "{transient:?}"
            );
        }
    }

    fn pair(access: &str, refresh: &str) -> Tokens {
        Tokens::Refresh {
            access: access.into(),
            refresh: refresh.into(),
        }
    }

    fn legacy(jwt: &str) -> Tokens {
        Tokens::Legacy { jwt: jwt.into() }
    }

    #[test]
    fn a_401_in_legacy_mode_or_without_storage_ends_the_session() {
        assert_eq!(after_401(&legacy("j"), Some(legacy("j"))), After401::End);
        assert_eq!(after_401(&legacy("j"), Some(legacy("k"))), After401::End);
        assert_eq!(after_401(&pair("a", "r"), None), After401::End);
    }

    #[test]
    fn a_401_after_a_rotation_elsewhere_retries_with_the_new_pair() {
        let rotated = pair("a2", "r2");
        assert_eq!(
            after_401(&pair("a1", "r1"), Some(rotated.clone())),
            After401::RetryWith(rotated)
        );
        assert_eq!(
            after_401(&pair("a1", "r1"), Some(pair("a1", "r1"))),
            After401::Refresh
        );
    }

    #[test]
    fn holding_the_lock_a_refresh_is_only_asked_for_the_token_this_tab_saw() {
        assert_eq!(
            before_refresh(Some("r1"), Some(pair("a1", "r1"))),
            BeforeRefresh::Ask("r1".into())
        );
        // Another tab renewed while this one waited.
        assert_eq!(
            before_refresh(Some("r1"), Some(pair("a2", "r2"))),
            BeforeRefresh::UseStored(pair("a2", "r2"))
        );
        // Nothing seen before (another tab logged in meanwhile): its pair is used as it is.
        assert_eq!(
            before_refresh(None, Some(pair("a2", "r2"))),
            BeforeRefresh::UseStored(pair("a2", "r2"))
        );
        assert_eq!(before_refresh(Some("r1"), None), BeforeRefresh::End);
        assert_eq!(
            before_refresh(Some("r1"), Some(legacy("j"))),
            BeforeRefresh::End
        );
    }

    #[test]
    fn a_new_pair_is_stored_only_over_the_token_that_was_sent() {
        assert_eq!(
            after_refresh("r1", "r2", Some(&pair("a1", "r1"))),
            AfterRefresh::Adopt
        );
    }

    #[test]
    fn a_new_pair_is_revoked_when_storage_moved_meanwhile() {
        // Another tab logged in (or renewed without Web Locks): its pair stays, ours is a stray.
        assert_eq!(
            after_refresh("r1", "r2", Some(&pair("b1", "s1"))),
            AfterRefresh::KeepStored { revoke: true }
        );
        // A Strapi answering the same pair twice: it is the stored one, nothing to revoke.
        assert_eq!(
            after_refresh("r1", "r2", Some(&pair("a2", "r2"))),
            AfterRefresh::KeepStored { revoke: false }
        );
        assert_eq!(
            after_refresh("r1", "r2", Some(&legacy("j"))),
            AfterRefresh::KeepStored { revoke: true }
        );
        // Logged out meanwhile: never brought back.
        assert_eq!(after_refresh("r1", "r2", None), AfterRefresh::LoggedOut);
    }

    #[test]
    fn a_refused_refresh_is_forgiven_only_for_a_pair_renewed_elsewhere() {
        assert_eq!(
            renewed_elsewhere("r1", Some(&pair("a2", "r2"))),
            Some(pair("a2", "r2"))
        );
        assert_eq!(renewed_elsewhere("r1", Some(&pair("a1", "r1"))), None);
        assert_eq!(renewed_elsewhere("r1", None), None);
        assert_eq!(renewed_elsewhere("r1", Some(&legacy("j"))), None);
    }

    #[test]
    fn a_strapi_without_the_renewal_route_keeps_no_sessions() {
        // Strapi 5 in its default mode: Strapi's JSON 404; Strapi 4: 405 in plain text.
        let strapi_5 = parse_answer::<()>(
            404,
            r#"{"data":null,"error":{"status":404,"name":"NotFoundError","message":"Not Found","details":{}}}"#,
            None,
        )
        .unwrap_err();
        let strapi_4 = parse_answer::<()>(405, "Method Not Allowed", None).unwrap_err();
        for missing in [strapi_5, strapi_4] {
            for retried in [false, true] {
                assert_eq!(
                    after_cookie_refresh(Err(&missing), retried),
                    AfterCookieRefresh::Unsupported,
                    "{missing:?}"
                );
            }
        }
    }
}
