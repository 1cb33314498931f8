//! `StrapiClient`: the only place that talks HTTP to Strapi. Its public calls are the anonymous
//! ones; whatever takes a token is for the session layer only (`pub(crate)`, used by `session/`).

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use gloo_net::http::{Method, RequestBuilder};
use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;
use web_sys::AbortController;

use super::calls::Call;
use super::error::{parse_answer, ApiError};
use super::json::to_json as json;
use super::types::{
    AuthResponse, EmailRequest, Ignored, LoginRequest, OkResponse, RefreshRequest, RefreshResponse,
    RegisterRequest, RegisterResponse, ResetPasswordRequest,
};
use crate::backoff::retry_after_secs;
use crate::config::StrapiConfig;
use crate::time::now_ms;
use crate::Pending;

/// Strapi's anonymous Users & Permissions routes, at the place its [`StrapiConfig`] names. Cheap
/// to clone (the configuration is shared).
///
/// The calls send no `Authorization` header and store nothing: a session Strapi answers with
/// becomes the current one through
/// [`SessionManager::begin`](crate::session::SessionManager::begin).
/// Each fails with an [`ApiError`]: `Network` or `Timeout` (no answer within `timeout_ms`),
/// `Strapi` (its error answer, e.g. 400 for refused credentials), `NotJson` or `Malformed`, and
/// `Unchecked` when Strapi could not check the request.
#[derive(Clone, Debug, PartialEq)]
pub struct StrapiClient {
    config: Rc<StrapiConfig>,
}

impl StrapiClient {
    /// A client for the Strapi `config` describes; sends nothing yet.
    pub fn new(config: StrapiConfig) -> Self {
        Self {
            config: Rc::new(config),
        }
    }

    /// Where Strapi is and how this client talks to it.
    pub fn config(&self) -> &StrapiConfig {
        &self.config
    }

    /// `POST /auth/local`. Sent without `Authorization`: Strapi answers 401 to a stale bearer even
    /// on public routes, which would lock a user with an old token out of logging in. In cookie
    /// mode Strapi puts the refresh token in its httpOnly cookie instead of the answer.
    pub async fn login(&self, identifier: &str, password: &str) -> Result<AuthResponse, ApiError> {
        let body = json(&LoginRequest {
            identifier,
            password,
        });
        let cookies = self.refresh_cookie();
        self.exchange(Method::POST, "/auth/local", Some(body), None, cookies)
            .await?
            .parse()
    }

    /// Sends `call` anonymously, as Strapi's Public role: no `Authorization` header and no
    /// cookies, whatever session the page holds. For the content API's public reads
    /// ([`crate::content::Collection`]); a call that needs the session goes through
    /// `SessionManager::call` (yew-strapi's `Auth::call`) instead. Errors as every call's: a role
    /// without the permission is 403 ([`MSG_FORBIDDEN`](super::MSG_FORBIDDEN)).
    pub fn send<T: DeserializeOwned>(&self, call: Call<T>) -> Answer<'_, T> {
        let Call {
            method, path, body, ..
        } = call;
        Answer::new(Box::pin(async move {
            self.exchange(method, &path, body, None, Cookies::Omit)
                .await
        }))
    }

    /// Whether the refresh token lives in Strapi's httpOnly cookie (`strapi-token-storage`).
    pub fn cookie(&self) -> bool {
        self.config.cookie
    }

    /// What the calls that set, use or clear the refresh cookie carry: in cookie mode, the
    /// cookie and the header asking for it; otherwise nothing.
    fn refresh_cookie(&self) -> Cookies {
        if self.cookie() {
            Cookies::Refresh
        } else {
            Cookies::Omit
        }
    }

    /// `POST /auth/local/register`.
    pub async fn register(
        &self,
        username: &str,
        email: &str,
        password: &str,
    ) -> Result<RegisterResponse, ApiError> {
        self.post(
            "/auth/local/register",
            json(&RegisterRequest {
                username,
                email,
                password,
            }),
        )
        .await?
        .parse()
    }

    /// `POST /auth/forgot-password`: Strapi answers the same whether or not the email exists.
    pub async fn forgot_password(&self, email: &str) -> Result<Ignored, ApiError> {
        self.post("/auth/forgot-password", json(&EmailRequest { email }))
            .await?
            .parse()
    }

    /// `POST /auth/reset-password` with the code from the email; answers with a session.
    pub async fn reset_password(
        &self,
        code: &str,
        password: &str,
        password_confirmation: &str,
    ) -> Result<AuthResponse, ApiError> {
        self.post(
            "/auth/reset-password",
            json(&ResetPasswordRequest {
                code,
                password,
                password_confirmation,
            }),
        )
        .await?
        .parse()
    }

    /// `POST /auth/send-email-confirmation`.
    pub async fn send_email_confirmation(&self, email: &str) -> Result<Ignored, ApiError> {
        self.post(
            "/auth/send-email-confirmation",
            json(&EmailRequest { email }),
        )
        .await?
        .parse()
    }

    /// `GET /auth/<provider>/callback?access_token=…` after a provider login. Cookies go along:
    /// Strapi checks the token against the provider session its `/connect` step opened.
    pub async fn provider_callback(
        &self,
        provider: &str,
        query: &str,
    ) -> Result<AuthResponse, ApiError> {
        let path = format!("/auth/{provider}/callback?{query}");
        self.exchange(Method::GET, &path, None, None, Cookies::Include)
            .await?
            .parse()
    }

    /// `POST /auth/refresh` (session-management mode). No bearer: the refresh token is the
    /// credential. In cookie mode the browser sends Strapi's cookie (which Strapi reads before the
    /// body) and the answer rotates it; a body token then moves into the cookie where none is.
    pub(crate) async fn refresh(
        &self,
        refresh_token: Option<&str>,
    ) -> Result<RefreshResponse, ApiError> {
        let body = match refresh_token {
            Some(refresh_token) => json(&RefreshRequest { refresh_token }),
            None => "{}".into(),
        };
        self.exchange(
            Method::POST,
            "/auth/refresh",
            Some(body),
            None,
            self.refresh_cookie(),
        )
        .await?
        .parse()
    }

    /// `POST /auth/logout`. In cookie mode Strapi also clears its cookie, whatever it revokes.
    pub(crate) async fn logout(
        &self,
        access_token: &str,
        revoke: Revoke<'_>,
    ) -> Result<OkResponse, ApiError> {
        let body = match revoke {
            Revoke::Token(refresh_token) => json(&RefreshRequest { refresh_token }),
            Revoke::All => r#"{"scope":"all"}"#.into(),
            Revoke::Own => "{}".into(),
            // A device no session has: Strapi revokes nothing and still clears its cookie.
            Revoke::Nothing => r#"{"deviceId":"none"}"#.into(),
        };
        self.exchange(
            Method::POST,
            "/auth/logout",
            Some(body),
            Some(access_token),
            self.refresh_cookie(),
        )
        .await?
        .parse()
    }

    /// A public `POST` with a JSON body (never a bearer: Strapi refuses a stale one even here).
    /// Not generic: each call parses the answer into its own type afterwards.
    async fn post(&self, path: &str, body: String) -> Result<RawAnswer, ApiError> {
        self.exchange(Method::POST, path, Some(body), None, Cookies::Omit)
            .await
    }

    /// The HTTP exchange itself, kept free of the answer's type so that it exists once in the
    /// bundle rather than once per type (and boxed: once rather than once per crate, `Pending`).
    #[inline(never)]
    pub(crate) fn exchange<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        json_body: Option<String>,
        bearer: Option<&'a str>,
        cookies: Cookies,
    ) -> Pending<'a, Result<RawAnswer, ApiError>> {
        Box::pin(self.exchange_now(method, path, json_body, bearer, cookies))
    }

    async fn exchange_now(
        &self,
        method: Method,
        path: &str,
        json_body: Option<String>,
        bearer: Option<&str>,
        cookies: Cookies,
    ) -> Result<RawAnswer, ApiError> {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(AbortController::signal);
        let mut builder = RequestBuilder::new(&self.config.url(path))
            .method(method)
            .header("Accept", "application/json")
            .abort_signal(signal.as_ref());
        if cookies != Cookies::Omit {
            builder = builder.credentials(web_sys::RequestCredentials::Include);
        }
        // Only where it is needed: a custom header makes a request preflighted.
        if cookies == Cookies::Refresh {
            builder = builder.header("X-Strapi-Refresh-Cookie", "httpOnly");
        }
        if let Some(token) = bearer {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match json_body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Network)?;

        // The timer covers the body too: a server that sends headers and then stalls is a hang.
        let _deadline = controller.map(|c| Timeout::new(self.config.timeout_ms, move || c.abort()));
        let failed = || {
            if signal.as_ref().is_some_and(|s| s.aborted()) {
                ApiError::Timeout
            } else {
                ApiError::Network
            }
        };
        let response = request.send().await.map_err(|_| failed())?;
        let status = response.status();
        let header = |name| response.headers().get(name);
        // Retry-After (429, 503) where sent; Strapi's limiter only says when its window resets.
        let retry_at_ms = header("retry-after")
            .and_then(|v| retry_after_secs(&v))
            .map(|secs| now_ms().saturating_add(secs.saturating_mul(1000)))
            .or_else(|| {
                header("x-ratelimit-reset")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(|secs| secs.saturating_mul(1000))
            });
        let body = response.text().await.map_err(|_| failed())?;
        Ok(RawAnswer {
            status,
            body,
            retry_at_ms,
            anonymous: bearer.is_none(),
        })
    }
}

/// A [`Call`] on its way: awaited, its answer parsed as `T`. What `StrapiClient::send` and
/// `SessionManager::call` return. The exchange behind it is one boxed future for every answer
/// type, so that only the parse is compiled once per type, not the whole request.
#[must_use = "a call is sent only when its answer is awaited"]
pub struct Answer<'a, T> {
    raw: Pending<'a, Result<RawAnswer, ApiError>>,
    parse: PhantomData<fn() -> T>,
}

impl<'a, T> Answer<'a, T> {
    pub(crate) fn new(raw: Pending<'a, Result<RawAnswer, ApiError>>) -> Self {
        Self {
            raw,
            parse: PhantomData,
        }
    }
}

impl<T: DeserializeOwned> Future for Answer<'_, T> {
    type Output = Result<T, ApiError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.raw
            .as_mut()
            .poll(cx)
            .map(|answer| answer.and_then(RawAnswer::parse))
    }
}

/// The cookies a request carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cookies {
    Omit,
    /// The browser's cookies for Strapi: the provider step's session.
    Include,
    /// Those, and the header asking Strapi to keep the refresh token in its httpOnly cookie.
    Refresh,
}

/// What `POST /auth/logout` revokes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Revoke<'a> {
    /// The session of this refresh token.
    Token(&'a str),
    /// Every session of the user (`{"scope":"all"}`).
    All,
    /// The cookie's session, or the bearer's own (`{}`).
    Own,
    /// Nothing; in cookie mode this only clears Strapi's cookie.
    Nothing,
}

/// An answer before it is classified (`parse`): what callers that retry look at.
pub(crate) struct RawAnswer {
    pub status: u16,
    body: String,
    retry_at_ms: Option<u64>,
    /// Sent without `Authorization`.
    anonymous: bool,
}

impl RawAnswer {
    pub fn parse<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        let answer = parse_answer(self.status, &self.body, self.retry_at_ms);
        match answer {
            Err(error) if self.anonymous => Err(error.read_as_anonymous()),
            answer => answer,
        }
    }
}
