//! `SessionManager`: authenticated requests, refresh on 401 (one at a time), proactive refresh,
//! restoring a session this tab does not hold yet, logout. The store is read before every use, so
//! every tab works from the newest tokens.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use gloo_timers::callback::Timeout;
use serde::de::DeserializeOwned;

use super::decide::Keep;
use super::decide::{
    after_401, after_cookie_refresh, after_refresh, before_refresh, renewed_elsewhere, After401,
    AfterCookieRefresh, AfterRefresh, BeforeRefresh,
};
use super::ending::EndReason;
use super::jwt::{carries_session, claims, clock_skew, refresh_in_ms, strapi_now_ms};
use super::single_flight::SingleFlight;
use super::tab_lock;
use super::token_store::TokenStore;
use super::tokens::{TokenMode, Tokens};
use super::worker;
use crate::api::{
    Answer, ApiError, AuthResponse, Call, Cookies, Method, RawAnswer, RefreshResponse, Revoke,
    StrapiClient, User,
};
use crate::backoff::{draw, retry_in_ms};
use crate::time::{now_ms, now_secs};
use crate::Pending;

/// How long a refused refresh waits for another tab's new pair before ending the session, where
/// Web Locks serialise refreshes (only localStorage's delay between processes is left to cover).
/// Without them the other tab's request may still be out: the wait is then the request timeout.
const GRACE_MS: u64 = 2_000;
const GRACE_STEP_MS: u64 = 100;

/// How long a new tab waits for an open tab to hand over a session that is not remembered. Tabs
/// answer within milliseconds; a frozen background tab does not answer at all.
const ASK_TABS_MS: u64 = 500;
const ASK_STEP_MS: u64 = 25;

/// The user's session for one tab: it sends authenticated requests with the stored access token,
/// renews it (on a 401, and before it expires), restores a session at page load and logs out.
/// Tokens are kept by [`TokenStore`] and read from it before every use, so a renewal or logout in
/// another tab is seen at once.
pub struct SessionManager {
    client: StrapiClient,
    refresh_flight: SingleFlight<Result<Tokens, ApiError>>,
    timer: RefCell<Option<Timeout>>,
    /// Told when Strapi refused the session and it could not be renewed (tokens are cleared),
    /// and why.
    on_end: Box<dyn Fn(EndReason)>,
    /// Seconds this device's clock runs ahead of Strapi's, learnt from the tokens it receives.
    skew: Cell<i64>,
    /// Where in the window before expiry this tab renews (`refresh_in_ms`), drawn once.
    spread: f64,
    /// Automatic renewals that failed in a row (Strapi unreachable or in trouble): the backoff's attempt.
    failures: Cell<u32>,
    /// No automatic renewal before this time (ms): the wait the server asked for.
    not_before_ms: Cell<u64>,
    this: Weak<SessionManager>,
}

impl SessionManager {
    /// A manager that talks to Strapi through `client`; sends nothing and schedules nothing yet.
    /// `on_end` is called, after the stored tokens are cleared, whenever the manager itself ends
    /// the session (Strapi refused it and it could not be renewed, or a request found no session
    /// to send), with the reason; not for [`logout`](Self::logout).
    pub fn new(client: StrapiClient, on_end: impl Fn(EndReason) + 'static) -> Rc<Self> {
        Rc::new_cyclic(|this| Self {
            client,
            refresh_flight: SingleFlight::default(),
            timer: RefCell::new(None),
            on_end: Box::new(on_end),
            skew: Cell::new(0),
            spread: draw(),
            failures: Cell::new(0),
            not_before_ms: Cell::new(0),
            this: this.clone(),
        })
    }

    /// The client for Strapi's anonymous routes, and its configuration.
    pub fn client(&self) -> &StrapiClient {
        &self.client
    }

    /// Makes tokens Strapi has just issued by a refresh the stored session, and plans the next.
    fn adopt(&self, tokens: &Tokens) {
        TokenStore::save(tokens);
        self.learn_skew(tokens.access());
        self.schedule();
    }

    /// Makes a session Strapi issued (a login, registration, reset, provider login, password
    /// change) the current one: stored by [`TokenStore::start`] when `new_login` (where this tab's
    /// "Remember me" says), else by [`TokenStore::save`], and its renewal scheduled. In cookie
    /// mode a refresh token in the answer is moved into Strapi's cookie first and never kept;
    /// only that move can fail, with the error of its `POST /auth/refresh` (or of the
    /// `POST /auth/logout` that clears a dead cookie first).
    #[inline(never)]
    pub fn begin<'a>(
        &'a self,
        answer: &'a AuthResponse,
        new_login: bool,
    ) -> Pending<'a, Result<Tokens, ApiError>> {
        Box::pin(self.begin_now(answer, new_login))
    }

    async fn begin_now(&self, answer: &AuthResponse, new_login: bool) -> Result<Tokens, ApiError> {
        let tokens = match (&answer.refresh_token, self.client.cookie()) {
            (Some(refresh), true) => {
                tab_lock::exclusive(|| self.move_into_cookie(&answer.jwt, refresh)).await?
            }
            (None, true) if carries_session(&answer.jwt) => Tokens::Cookie {
                access: answer.jwt.clone(),
            },
            // A Strapi without session management: no cookie holds this session. The single
            // token lives in this tab's memory, never in storage, and is never renewed.
            (None, true) => {
                warn_no_server_sessions();
                Tokens::Legacy {
                    jwt: answer.jwt.clone(),
                }
            }
            _ => Tokens::from_auth(answer),
        };
        if new_login {
            TokenStore::start(&tokens);
        } else {
            TokenStore::save(&tokens);
        }
        self.learn_skew(tokens.access());
        self.schedule();
        Ok(tokens)
    }

    /// Moves a refresh token from an answer's body into Strapi's cookie (`POST /auth/refresh`
    /// with it and the cookie header). Strapi reads a cookie before the body: a dead one (after a
    /// password change, which revokes it) is cleared first by a logout that revokes nothing.
    async fn move_into_cookie(&self, access: &str, refresh: &str) -> Result<Tokens, ApiError> {
        let moved = match self.client.refresh(Some(refresh)).await {
            Err(error) if error.is_unauthorized() => {
                self.client.logout(access, Revoke::Nothing).await?;
                self.client.refresh(Some(refresh)).await?
            }
            other => other?,
        };
        Ok(Tokens::Cookie { access: moved.jwt })
    }

    /// Finds a session this tab does not hold yet where the hint says one may be: with the open
    /// tabs (a session that is not remembered: asked over their BroadcastChannel, waiting up to
    /// half a second) or in Strapi's cookie (`POST /auth/refresh`). `Ok(true)` also when this tab
    /// already holds one. `Ok(false)`: there is none (a hint, `strapiSession` in localStorage,
    /// that led nowhere is removed). Errors come from the cookie's renewal only:
    /// `ApiError::NoServerSessions` when this Strapi has no session management, or a transient
    /// failure ([`ApiError::is_transient`]: the session may still be there).
    #[inline(never)]
    pub fn restore(&self) -> Pending<'_, Result<bool, ApiError>> {
        Box::pin(self.restore_now())
    }

    async fn restore_now(&self) -> Result<bool, ApiError> {
        if TokenStore::load().is_some() {
            return Ok(true);
        }
        let found = match TokenStore::restorable() {
            None => return Ok(false),
            Some(Keep::Cookie) => tab_lock::exclusive(|| self.cookie_refresh(false))
                .await
                .map(|tokens| tokens.is_some())?,
            Some(_) => {
                TokenStore::ask_tabs();
                let mut waited = 0;
                while TokenStore::load().is_none() && waited < ASK_TABS_MS {
                    tokise::time::sleep(Duration::from_millis(ASK_STEP_MS)).await;
                    waited += ASK_STEP_MS;
                }
                TokenStore::load().is_some()
            }
        };
        if !found {
            TokenStore::forget_hint();
        }
        Ok(found)
    }

    fn learn_skew(&self, fresh_access: &str) {
        if let Some(issued) = claims(fresh_access) {
            self.skew.set(clock_skew(issued, now_secs()));
        }
    }

    /// Strapi's "now" in milliseconds, as far as this device can tell.
    fn strapi_now_ms(&self) -> u64 {
        strapi_now_ms(now_ms(), self.skew.get())
    }

    /// `GET /users/me`, and the mode of the session it confirmed (read after the answer: a
    /// login in another tab meanwhile may have changed it). No session left by then (a logout
    /// meanwhile, which says so itself) is `NoSession`.
    pub async fn me(&self) -> Result<(User, TokenMode), ApiError> {
        let user = self.send(Method::GET, "/users/me", None).await?;
        let mode = TokenStore::mode().ok_or(ApiError::NoSession)?;
        Ok((user, mode))
    }

    /// An authenticated call to Strapi (`api::calls`): the bearer is added, and the session
    /// refreshed and the call retried as `send` says.
    pub fn call<T: DeserializeOwned>(&self, call: Call<T>) -> Answer<'_, T> {
        let Call {
            method, path, body, ..
        } = call;
        Answer::new(Box::pin(
            async move { self.send_raw(method, &path, body).await },
        ))
    }

    /// An authenticated request. On a 401 in session-management mode: one refresh, shared with
    /// every other request that failed meanwhile, and one retry. On a 401 in legacy mode, or when
    /// the refresh is refused: the session ends and the answer is `ApiError::NoSession`. A 403 is
    /// returned as it is: a missing permission, not an expired session.
    pub(crate) async fn send<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        self.send_raw(method, path, body).await?.parse()
    }

    /// `send` before the answer is parsed: free of the answer's type, so the retry logic exists
    /// once in the bundle rather than once per type.
    #[inline(never)]
    fn send_raw<'a>(
        &'a self,
        method: Method,
        path: &'a str,
        body: Option<String>,
    ) -> Pending<'a, Result<RawAnswer, ApiError>> {
        Box::pin(self.send_raw_now(method, path, body))
    }

    async fn send_raw_now(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<RawAnswer, ApiError> {
        let Some(used) = TokenStore::load() else {
            self.end();
            return Err(ApiError::NoSession);
        };
        let first = self
            .client
            .exchange(
                method.clone(),
                path,
                body.clone(),
                Some(used.access()),
                Cookies::Omit,
            )
            .await?;
        if first.status != 401 {
            return Ok(first);
        }
        let fresh = match after_401(&used, TokenStore::load()) {
            After401::End => {
                self.end();
                return Err(ApiError::NoSession);
            }
            After401::RetryWith(current) => current,
            After401::Refresh => self.refresh().await?,
        };
        let second = self
            .client
            .exchange(method, path, body, Some(fresh.access()), Cookies::Omit)
            .await?;
        if second.status == 401 {
            self.end();
            return Err(ApiError::NoSession);
        }
        Ok(second)
    }

    /// Renews the access token; concurrent callers share one `POST /auth/refresh`, and tabs take
    /// turns (Web Locks, where the browser has them) so that a pair another tab has just rotated
    /// is used rather than sent again. The new tokens are stored and the next renewal scheduled.
    /// A refused renewal ends the session (`on_end`) and returns `ApiError::NoSession`; an
    /// unreachable or failing Strapi returns its error and leaves the session as it is.
    #[inline(never)]
    pub fn refresh(&self) -> Pending<'_, Result<Tokens, ApiError>> {
        Box::pin(self.refresh_flight.run(|| self.refresh_now()))
    }

    async fn refresh_now(&self) -> Result<Tokens, ApiError> {
        let before = TokenStore::load();
        tab_lock::exclusive(|| self.refresh_locked(before)).await
    }

    /// Holding the cross-tab lock: if another tab rotated the pair while this one waited for the
    /// lock, use that pair; otherwise ask Strapi. The decisions are `decide`'s.
    async fn refresh_locked(&self, before: Option<Tokens>) -> Result<Tokens, ApiError> {
        if self.client.cookie() {
            return match self.cookie_refresh(true).await {
                Ok(Some(tokens)) => Ok(tokens),
                Ok(None) => {
                    self.end();
                    Err(ApiError::NoSession)
                }
                Err(ApiError::NoServerSessions) => {
                    self.end_because(EndReason::NoServerSessions);
                    Err(ApiError::NoSession)
                }
                Err(error) => Err(error),
            };
        }
        let seen = before.as_ref().and_then(Tokens::refresh);
        let refresh = match before_refresh(seen, TokenStore::load()) {
            BeforeRefresh::End => {
                self.end();
                return Err(ApiError::NoSession);
            }
            BeforeRefresh::UseStored(current) => {
                self.schedule();
                return Ok(current);
            }
            BeforeRefresh::Ask(refresh) => refresh,
        };
        match self.client.refresh(Some(&refresh)).await {
            Ok(RefreshResponse {
                jwt,
                refresh_token: Some(new_refresh),
            }) => {
                let stored = TokenStore::load();
                let revoke = match after_refresh(&refresh, &new_refresh, stored.as_ref()) {
                    AfterRefresh::Adopt => {
                        let tokens = Tokens::Refresh {
                            access: jwt,
                            refresh: new_refresh,
                        };
                        self.adopt(&tokens);
                        return Ok(tokens);
                    }
                    AfterRefresh::KeepStored { revoke } => revoke,
                    AfterRefresh::LoggedOut => true,
                };
                if revoke {
                    let _ = self.client.logout(&jwt, Revoke::Token(&new_refresh)).await;
                }
                match stored {
                    Some(stored) => {
                        self.schedule();
                        Ok(stored)
                    }
                    None => Err(ApiError::NoSession),
                }
            }
            // A Strapi that keeps the refresh token in its cookie whatever the app asks.
            Ok(_) => Err(ApiError::Malformed { status: 200 }),
            // Strapi unreachable or in trouble: the session is not over; the next request tries again.
            Err(error) if error.is_transient() => Err(error),
            // Refused (401; or 404 from a Strapi not in refresh mode): unless another tab rotated
            // the pair, the session is over.
            Err(_) => match wait_for_renewal_elsewhere(&refresh, self.grace_ms()).await {
                Some(now) => {
                    self.schedule();
                    Ok(now)
                }
                None => {
                    self.end();
                    Err(ApiError::NoSession)
                }
            },
        }
    }

    /// Cookie mode, holding the cross-tab lock: a new access token for the cookie the browser
    /// holds. `Ok(None)`: Strapi refused it, there is no session. Without Web Locks another tab
    /// may have rotated the cookie while this request was out; the browser then holds the new
    /// one, so a refusal is tried once more.
    async fn cookie_refresh(&self, have_session: bool) -> Result<Option<Tokens>, ApiError> {
        if have_session && TokenStore::load().is_none() {
            // Logged out while this tab waited for the lock.
            return Ok(None);
        }
        let mut retried = false;
        loop {
            let answer = self.client.refresh(None).await;
            match after_cookie_refresh(answer.as_ref().map(|_| ()), retried) {
                AfterCookieRefresh::Adopt => {
                    let tokens = Tokens::Cookie {
                        access: answer?.jwt,
                    };
                    self.adopt(&tokens);
                    return Ok(Some(tokens));
                }
                AfterCookieRefresh::TryAgain => {
                    retried = true;
                    tokise::time::sleep(Duration::from_millis(GRACE_STEP_MS)).await;
                }
                AfterCookieRefresh::NoSession => return Ok(None),
                AfterCookieRefresh::Unsupported => {
                    TokenStore::forget_hint();
                    warn_no_server_sessions();
                    return Err(ApiError::NoServerSessions);
                }
                AfterCookieRefresh::Failed => return answer.map(|_| None),
            }
        }
    }

    /// Sets the timer for the next proactive refresh from the stored access token's `exp`
    /// (session-management mode only; a legacy JWT cannot be renewed). Every caller holds a fresh
    /// token (its own renewal, another tab's, a login), so the next failure starts the backoff
    /// again from its first window.
    pub fn schedule(&self) {
        self.failures.set(0);
        let due_in = match TokenStore::load() {
            Some(tokens) if tokens.renewable() => {
                claims(tokens.access()).map(|c| self.refresh_in_ms(c))
            }
            _ => None,
        };
        match due_in {
            Some(ms) => {
                // From now on a renewal may be out when the page goes: let it outlive the page.
                worker::register();
                self.set_timer(ms.min(i32::MAX as u64) as u32)
            }
            None => {
                self.timer.take();
            }
        }
    }

    fn set_timer(&self, ms: u32) {
        let this = self.this.clone();
        let timeout = Timeout::new(ms, move || {
            if let Some(manager) = this.upgrade() {
                tokise::spawn_local(async move { manager.refresh_if_due().await });
            }
        });
        *self.timer.borrow_mut() = Some(timeout);
    }

    fn refresh_in_ms(&self, claims: super::jwt::Claims) -> u64 {
        refresh_in_ms(claims, self.strapi_now_ms(), self.spread)
    }

    /// Refreshes when the stored access token is due (or past due), e.g. when a tab that slept
    /// becomes visible again; then schedules the next one. Not while Strapi's asked-for wait runs.
    #[inline(never)]
    pub fn refresh_if_due(&self) -> Pending<'_, ()> {
        Box::pin(self.refresh_if_due_now())
    }

    /// The browser is back online: [`refresh_if_due`](Self::refresh_if_due), with the backoff
    /// started over from its first window. The attempts that failed while offline say nothing of
    /// the network now, and the first one back can still fail (the connection not up yet): its
    /// retry then comes within seconds, not after the long wait the offline failures had grown.
    #[inline(never)]
    pub fn refresh_back_online(&self) -> Pending<'_, ()> {
        self.failures.set(0);
        Box::pin(self.refresh_if_due_now())
    }

    async fn refresh_if_due_now(&self) {
        if now_ms() < self.not_before_ms.get() {
            return;
        }
        let due = match TokenStore::load() {
            Some(tokens) if tokens.renewable() => {
                claims(tokens.access()).is_none_or(|c| self.refresh_in_ms(c) == 0)
            }
            _ => false,
        };
        if !due {
            self.schedule();
            return;
        }
        match self.refresh().await {
            // The token stays due, so scheduling from it would ask again at once: back off, and
            // never sooner than Strapi (or the proxy in front of it) said.
            Err(error) if error.is_transient() => {
                let attempt = self.failures.replace(self.failures.get().saturating_add(1));
                let server_wait = error.server_wait_ms(now_ms());
                self.not_before_ms
                    .set(now_ms().saturating_add(server_wait.unwrap_or(0)));
                let wait = retry_in_ms(attempt, server_wait, draw());
                self.set_timer(wait.min(i32::MAX as u64) as u32);
            }
            _ => self.schedule(),
        }
    }

    /// Ends the session here at once, then returns the revocation on Strapi (session-management
    /// mode) to await: a slow or unreachable Strapi must not leave the tokens on this device.
    /// `everywhere` revokes every session of the user. In cookie mode Strapi also clears its cookie.
    /// Locally the tokens are removed from localStorage, sessionStorage and memory, the hint
    /// (`strapiSession`) too, and the other tabs are told; `on_end` is not called. The returned
    /// future sends `POST /auth/logout` (renewing an expired access token once to do so) and
    /// ignores its failures.
    #[inline(never)]
    pub fn logout(&self, everywhere: bool) -> Pending<'static, ()> {
        let stored = TokenStore::load();
        self.timer.take();
        TokenStore::clear();
        let client = self.client.clone();
        Box::pin(async move {
            let Some(tokens) = stored.filter(Tokens::renewable) else {
                return;
            };
            fn revoke(everywhere: bool, refresh: Option<&str>) -> Revoke<'_> {
                match (everywhere, refresh) {
                    (true, _) => Revoke::All,
                    (false, Some(refresh)) => Revoke::Token(refresh),
                    (false, None) => Revoke::Own,
                }
            }
            let answer = client
                .logout(tokens.access(), revoke(everywhere, tokens.refresh()))
                .await;
            // An expired access token gets 401: renew it once so the revocation still happens.
            if matches!(&answer, Err(e) if e.is_unauthorized()) {
                if let Ok(pair) = client.refresh(tokens.refresh()).await {
                    let _ = client
                        .logout(&pair.jwt, revoke(everywhere, pair.refresh_token.as_deref()))
                        .await;
                }
            }
        })
    }

    fn grace_ms(&self) -> u64 {
        if tab_lock::available() {
            GRACE_MS
        } else {
            u64::from(self.client.config().timeout_ms).max(GRACE_MS)
        }
    }

    fn end(&self) {
        self.end_because(EndReason::Expired);
    }

    fn end_because(&self, reason: EndReason) {
        self.timer.take();
        TokenStore::clear();
        (self.on_end)(reason);
    }
}

/// Tells the developer, once a page, what cookie mode lacks on this Strapi (the person is told on
/// the page, in words of their own).
fn warn_no_server_sessions() {
    thread_local! {
        static WARNED: Cell<bool> = const { Cell::new(false) };
    }
    if !WARNED.replace(true) {
        web_sys::console::warn_1(&NO_SERVER_SESSIONS.into());
    }
}

const NO_SERVER_SESSIONS: &str = "yew-strapi-auth: cookie mode needs Strapi's session management, which this Strapi lacks: set jwtManagement: 'refresh' for users-permissions (config/plugins), or strapi-token-storage to \"local\".";

/// The pair another tab stored in place of `refresh`, waiting up to `grace_ms` for it. Strapi
/// refuses a token it has already rotated, so when two tabs present the same one (no Web Locks,
/// or localStorage lagging between processes) the loser's refusal can arrive before the winner
/// has stored the new pair; ending the session then would log both tabs out.
async fn wait_for_renewal_elsewhere(refresh: &str, grace_ms: u64) -> Option<Tokens> {
    let mut waited = 0;
    loop {
        let stored = TokenStore::load();
        if let Some(renewed) = renewed_elsewhere(refresh, stored.as_ref()) {
            return Some(renewed);
        }
        // Still the refused pair: the other tab may not have stored its answer yet.
        if !matches!(stored, Some(Tokens::Refresh { .. })) || waited >= grace_ms {
            return None;
        }
        tokise::time::sleep(Duration::from_millis(GRACE_STEP_MS)).await;
        waited += GRACE_STEP_MS;
    }
}
