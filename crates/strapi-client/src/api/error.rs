//! Every way a Strapi call can fail, how an answer is classified, and the words a person sees.

use serde::de::DeserializeOwned;

use super::json::{from_json, JsonError};
use super::types::{ErrorEnvelope, StrapiError};

/// Why a call to Strapi failed. [`ApiError::user_message`] gives the words a person sees; the
/// `Display` text is for logs and names no token.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ApiError {
    /// A well-formed Strapi error answer (`{data:null, error:{…}}`), any status.
    #[error("Strapi answered {}: {}", .error.status, .error.message)]
    Strapi {
        /// Strapi's `error` object: status, name, message and field details.
        error: StrapiError,
        /// When the server said to try again (Unix time in ms), where the browser could read it.
        retry_at_ms: Option<u64>,
    },
    /// No answer at all: Strapi down, DNS, CORS refusal, offline.
    #[error("network failure")]
    Network,
    /// No answer within the configured time; the request was aborted.
    #[error("request timed out")]
    Timeout,
    /// The body is not JSON, e.g. a proxy's HTML 502 page.
    #[error("answer is not JSON (HTTP {status})")]
    NotJson {
        /// The HTTP status.
        status: u16,
        /// When the server said to try again (Unix time in ms): a proxy's 503 says so too.
        retry_at_ms: Option<u64>,
    },
    /// JSON, but not the shape Strapi sends for this route.
    #[error("answer is not in Strapi's shape (HTTP {status})")]
    Malformed {
        /// The HTTP status.
        status: u16,
    },
    /// An authenticated request with no session to send it with, or a session Strapi ended.
    #[error("no session")]
    NoSession,
    /// Strapi could not check a request that needs no credentials (see `read_as_anonymous`).
    #[error("Strapi could not check the request")]
    Unchecked,
    /// The app keeps the session in Strapi's cookie, and this Strapi keeps no sessions (no
    /// `jwtManagement: 'refresh'`): it has no renewal route (404; 405 on Strapi 4).
    #[error("Strapi has no session management")]
    NoServerSessions,
}

/// What Strapi's users-permissions strategy answers when it cannot authenticate a request.
const MISSING_CREDENTIALS: &str = "Missing or invalid credentials";

/// What [`ApiError::user_message`] says when Strapi gave no answer ([`ApiError::Network`],
/// [`ApiError::Timeout`]).
pub const MSG_UNREACHABLE: &str = "Cannot reach the server. Check your connection and try again.";
/// What [`ApiError::user_message`] says for every other failure: a server error, an answer not in
/// Strapi's shape, a request Strapi could not check ([`ApiError::Unchecked`]).
pub const MSG_SERVER: &str = "The server had a problem. Try again later.";
/// What [`ApiError::user_message`] says for a 429 whose wait is unknown, over, or longer than two
/// minutes (a known shorter wait is counted in seconds instead).
pub const MSG_RATE_LIMITED: &str = "Too many attempts. Try again in a minute.";
/// What [`ApiError::user_message`] says for [`ApiError::NoSession`]; public so that a login page
/// can say the same after a session expired.
pub const MSG_SESSION_ENDED: &str = "Your session has expired. Please log in again.";
/// What [`ApiError::user_message`] says for a 403: a permission the user's role lacks.
pub const MSG_FORBIDDEN: &str = "You do not have permission to do that.";
/// What [`ApiError::user_message`] says when Strapi's core controllers answer 404: the entry asked
/// for is not there (deleted meanwhile, or never published).
pub const MSG_NOT_FOUND: &str = "This is no longer there: it may have been deleted.";
/// What [`ApiError::user_message`] says for [`ApiError::NoServerSessions`]; public so that a login
/// page can say the same after a session ended for that reason.
pub const MSG_NO_SERVER_SESSIONS: &str = "This site cannot keep you logged in between visits: log in again. Its administrator can turn this on.";

impl ApiError {
    /// Strapi refused the credentials: the session is over (or, in refresh mode, needs a refresh).
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(401)
    }

    /// No answer at all: the session is not to blame, and the next request may work.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, ApiError::Network | ApiError::Timeout)
    }

    /// Worth trying again later: no answer, a server error, or rate limiting.
    pub fn is_transient(&self) -> bool {
        self.is_unreachable()
            || *self == ApiError::Unchecked
            || matches!(self.status(), Some(429 | 500..=599))
    }

    /// The same failure, for a request sent without `Authorization` (the public routes: login,
    /// register, refresh...). Strapi answers those 401 "Missing or invalid credentials" only
    /// when its permission check threw, e.g. with its database down (the strategy turns any
    /// exception into "not authenticated"): a server problem, never a refusal. A refused
    /// password or refresh token has its own words. Read as a refusal, a refresh during a
    /// database outage would end the session.
    pub(crate) fn read_as_anonymous(self) -> Self {
        match &self {
            ApiError::Strapi { error, .. }
                if error.status == 401 && error.message == MISSING_CREDENTIALS =>
            {
                ApiError::Unchecked
            }
            _ => self,
        }
    }

    /// The HTTP status, where there was an answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Strapi { error, .. } => Some(error.status),
            ApiError::NotJson { status, .. } | ApiError::Malformed { status } => Some(*status),
            ApiError::Network
            | ApiError::Timeout
            | ApiError::NoSession
            | ApiError::Unchecked
            | ApiError::NoServerSessions => None,
        }
    }

    /// What to tell a person; `now_secs` is the current Unix time, for the rate-limit countdown.
    pub fn user_message(&self, now_secs: u64) -> String {
        match (self, self.status()) {
            (ApiError::Network | ApiError::Timeout, _) => MSG_UNREACHABLE.into(),
            (ApiError::NoSession, _) => MSG_SESSION_ENDED.into(),
            (ApiError::NoServerSessions, _) => MSG_NO_SERVER_SESSIONS.into(),
            (_, Some(429)) => {
                rate_limited_message(self.retry_at_ms().map(|ms| ms.div_ceil(1000)), now_secs)
            }
            (_, Some(403)) => MSG_FORBIDDEN.into(),
            // Strapi's own words for a missing entry say nothing a person can act on; a route's
            // specific 404 ("Session not found") keeps its words.
            (ApiError::Strapi { error, .. }, Some(404)) if error.message == "Not Found" => {
                MSG_NOT_FOUND.into()
            }
            (ApiError::Strapi { error, .. }, Some(400..=499)) => error.message.clone(),
            _ => MSG_SERVER.into(),
        }
    }

    /// When the server said to try again (Unix time in ms): `Retry-After`, or the rate limit's reset.
    pub fn retry_at_ms(&self) -> Option<u64> {
        match self {
            ApiError::Strapi { retry_at_ms, .. } | ApiError::NotJson { retry_at_ms, .. } => {
                *retry_at_ms
            }
            _ => None,
        }
    }

    /// A renewal answered as by a Strapi that has no such route: 404 on Strapi 5 in its default
    /// (legacy) mode, 405 on Strapi 4. Never a refused session (that is 401).
    pub fn is_missing_route(&self) -> bool {
        matches!(self.status(), Some(404 | 405))
    }

    /// How long the server asked to wait before the next try, from `now_ms`.
    pub fn server_wait_ms(&self, now_ms: u64) -> Option<u64> {
        self.retry_at_ms().map(|at| at.saturating_sub(now_ms))
    }
}

/// Strapi's limiter window is a minute; a readable reset time gives a precise wait.
fn rate_limited_message(reset: Option<u64>, now_secs: u64) -> String {
    match reset.map(|r| r.saturating_sub(now_secs)) {
        Some(1) => "Too many attempts. Try again in 1 second.".into(),
        Some(secs @ 2..=120) => format!("Too many attempts. Try again in {secs} seconds."),
        _ => MSG_RATE_LIMITED.into(),
    }
}

/// Classifies one HTTP answer: a 2xx must parse as `T`, anything else as Strapi's error envelope.
pub fn parse_answer<T: DeserializeOwned>(
    status: u16,
    body: &str,
    retry_at_ms: Option<u64>,
) -> Result<T, ApiError> {
    let unexpected = |e| match e {
        JsonError::Shape => ApiError::Malformed { status },
        JsonError::Syntax => ApiError::NotJson {
            status,
            retry_at_ms,
        },
    };
    if (200..300).contains(&status) {
        // 204 (a content-API delete) has no body: read as JSON's `null`, which `()` takes.
        let body = if status == 204 && body.trim().is_empty() {
            "null"
        } else {
            body
        };
        return from_json(body).map_err(unexpected);
    }
    match from_json::<ErrorEnvelope>(body) {
        Ok(envelope) => Err(ApiError::Strapi {
            error: envelope.error,
            retry_at_ms,
        }),
        Err(e) => Err(unexpected(e)),
    }
}
