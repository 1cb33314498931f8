//! The tokens a session holds, and how raw storage values become one (or none).

use std::fmt;

use crate::api::AuthResponse;

/// Which of Strapi's `jwtManagement` modes a stored session came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenMode {
    /// `legacy-support`: one long-lived JWT.
    Legacy,
    /// `refresh`: a short-lived access token and a rotating refresh token.
    Refresh,
}

/// A session's tokens. `Debug` is written by hand so that no token can reach a log.
#[derive(Clone, PartialEq, Eq)]
pub enum Tokens {
    /// Strapi's `legacy-support` mode: one long-lived JWT, stored under `token` (in cookie mode,
    /// from a Strapi without session management, held in this tab's memory only).
    Legacy {
        /// The JWT, sent as the bearer.
        jwt: String,
    },
    /// Session management (`jwtManagement: 'refresh'`) with both tokens held by the app, stored
    /// under `accessToken` and `refreshToken` (in this tab's memory where storage is refused).
    Refresh {
        /// The short-lived access token, sent as the bearer.
        access: String,
        /// The refresh token, exchanged at `POST /auth/refresh` for a new pair.
        refresh: String,
    },
    /// Session management with the refresh token in Strapi's httpOnly cookie: only the access
    /// token is ever in reach of scripts, and only in this tab's memory.
    Cookie {
        /// The short-lived access token, sent as the bearer.
        access: String,
    },
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tokens::{:?}(<redacted>)", self.mode())
    }
}

impl Tokens {
    /// The Strapi mode the tokens come from: cookie mode is [`TokenMode::Refresh`] too.
    pub fn mode(&self) -> TokenMode {
        match self {
            Tokens::Legacy { .. } => TokenMode::Legacy,
            Tokens::Refresh { .. } | Tokens::Cookie { .. } => TokenMode::Refresh,
        }
    }

    /// The bearer for authenticated requests.
    pub fn access(&self) -> &str {
        match self {
            Tokens::Legacy { jwt } => jwt,
            Tokens::Refresh { access, .. } | Tokens::Cookie { access } => access,
        }
    }

    /// The refresh token, where this app holds it (session management without the cookie).
    pub fn refresh(&self) -> Option<&str> {
        match self {
            Tokens::Refresh { refresh, .. } => Some(refresh),
            _ => None,
        }
    }

    /// Whether Strapi can renew the access token (session management, either way of holding
    /// the refresh token).
    pub fn renewable(&self) -> bool {
        self.mode() == TokenMode::Refresh
    }

    /// The mode follows from Strapi's answer: a `refreshToken` means session management.
    pub fn from_auth(answer: &AuthResponse) -> Self {
        match &answer.refresh_token {
            Some(refresh) => Tokens::Refresh {
                access: answer.jwt.clone(),
                refresh: refresh.clone(),
            },
            None => Tokens::Legacy {
                jwt: answer.jwt.clone(),
            },
        }
    }
}

/// Strapi's tokens are all JWTs: three non-empty base64url segments. Anything else in storage was
/// put there by hand or by another app, and sending it would only earn a 401.
pub fn looks_like_jwt(value: &str) -> bool {
    let mut parts = 0;
    for part in value.split('.') {
        parts += 1;
        let ok = !part.is_empty()
            && part
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok || parts > 3 {
            return false;
        }
    }
    parts == 3
}

/// Turns the three raw storage values into a session. A complete refresh pair wins over a legacy
/// token (it is the newer mode's write); half a pair, empty or garbled values mean no session.
pub fn read_tokens(
    token: Option<String>,
    access: Option<String>,
    refresh: Option<String>,
) -> Option<Tokens> {
    let valid = |v: Option<String>| v.filter(|s| looks_like_jwt(s));
    match (valid(access), valid(refresh)) {
        (Some(access), Some(refresh)) => Some(Tokens::Refresh { access, refresh }),
        _ => valid(token).map(|jwt| Tokens::Legacy { jwt }),
    }
}

/// What the tabs of a "this visit only" session say to each other over their BroadcastChannel:
/// a tab opened later asks, a tab that holds the session answers with it, and every save and
/// logout is told to the others (sessionStorage itself is per tab and fires no event elsewhere).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabMessage {
    Ask,
    Clear,
    Pair(Tokens),
}

impl TabMessage {
    pub fn encode(&self) -> String {
        match self {
            TabMessage::Ask => "ask".into(),
            TabMessage::Clear => "clear".into(),
            TabMessage::Pair(Tokens::Legacy { jwt }) => format!("legacy {jwt}"),
            TabMessage::Pair(Tokens::Refresh { access, refresh }) => {
                format!("refresh {access} {refresh}")
            }
            // Each tab holds its own access token in cookie mode; it is never handed over.
            TabMessage::Pair(Tokens::Cookie { .. }) => "cookie".into(),
        }
    }

    /// Anything else on the channel (another version of the app, a script) is ignored.
    pub fn decode(text: &str) -> Option<Self> {
        let mut parts = text.split(' ');
        let message = match (parts.next()?, parts.next(), parts.next()) {
            ("ask", None, _) => TabMessage::Ask,
            ("clear", None, _) => TabMessage::Clear,
            ("legacy", Some(jwt), None) => {
                TabMessage::Pair(read_tokens(Some(jwt.into()), None, None)?)
            }
            ("refresh", Some(access), Some(refresh)) => TabMessage::Pair(read_tokens(
                None,
                Some(access.into()),
                Some(refresh.into()),
            )?),
            _ => return None,
        };
        parts.next().is_none().then_some(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOjF9.c2ln";
    const R: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.c2ln";

    fn s(v: &str) -> Option<String> {
        Some(v.to_owned())
    }

    #[test]
    fn jwt_shape() {
        assert!(looks_like_jwt(A));
        assert!(looks_like_jwt("a.b.c"));
        for bad in [
            "",
            "garbage",
            "a.b",
            "a.b.c.d",
            "a..c",
            ".b.c",
            "a.b.",
            "a.b.c d",
            "a.b.c\n",
            "\"a.b.c\"",
            "a.b.c=",
            "null",
        ] {
            assert!(!looks_like_jwt(bad), "{bad:?}");
        }
    }

    #[test]
    fn legacy_token_alone() {
        assert_eq!(
            read_tokens(s(A), None, None),
            Some(Tokens::Legacy { jwt: A.into() })
        );
    }

    #[test]
    fn refresh_pair() {
        let t = read_tokens(None, s(A), s(R)).unwrap();
        assert_eq!(t.mode(), TokenMode::Refresh);
        assert_eq!(t.access(), A);
    }

    #[test]
    fn pair_wins_over_a_leftover_legacy_token() {
        assert_eq!(
            read_tokens(s(R), s(A), s(R)).unwrap().mode(),
            TokenMode::Refresh
        );
    }

    #[test]
    fn missing_empty_or_garbled_is_no_session() {
        assert_eq!(read_tokens(None, None, None), None);
        assert_eq!(read_tokens(s(""), s(""), s("")), None);
        assert_eq!(read_tokens(s("garbage"), None, None), None);
        assert_eq!(read_tokens(None, s(A), None), None, "half a pair");
        assert_eq!(read_tokens(None, s(A), s("{}")), None);
        assert_eq!(read_tokens(s(&format!("\"{A}\"")), None, None), None);
    }

    #[test]
    fn half_a_pair_falls_back_to_a_valid_legacy_token() {
        assert_eq!(
            read_tokens(s(A), s(A), s("junk")),
            Some(Tokens::Legacy { jwt: A.into() })
        );
    }

    #[test]
    fn debug_never_shows_a_token() {
        let t = Tokens::Refresh {
            access: A.into(),
            refresh: R.into(),
        };
        let shown = format!("{t:?}");
        assert!(!shown.contains(A) && !shown.contains(R), "{shown}");
        assert!(shown.contains("Refresh"));
    }

    #[test]
    fn tab_messages_round_trip_and_junk_is_ignored() {
        for message in [
            TabMessage::Ask,
            TabMessage::Clear,
            TabMessage::Pair(Tokens::Legacy { jwt: A.into() }),
            TabMessage::Pair(Tokens::Refresh {
                access: A.into(),
                refresh: R.into(),
            }),
        ] {
            assert_eq!(TabMessage::decode(&message.encode()), Some(message));
        }
        let cookie = TabMessage::Pair(Tokens::Cookie { access: A.into() });
        assert_eq!(
            TabMessage::decode(&cookie.encode()),
            None,
            "never handed over"
        );
        for junk in [
            "",
            "ask me",
            "legacy",
            "legacy garbage",
            &format!("refresh {A}"),
            &format!("refresh {A} {R} extra"),
            &format!("legacy {A} {R}"),
            "{\"type\":\"ask\"}",
        ] {
            assert_eq!(TabMessage::decode(junk), None, "{junk:?}");
        }
    }
}
