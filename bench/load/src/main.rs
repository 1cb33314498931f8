//! Simulated users of the app against the production topology: Goose scenarios for each endpoint
//! (capacity) and for a whole tab (the app's request mix, retries included), run by bench/load.sh.
//!
//! Every simulated user has its own loopback address (127.0.x.y), as distinct people would:
//! nginx picks a node for /auth/* by address, and Strapi counts its rate limits per address.
//! Settings from the environment: LOAD_MODE (refresh | cookie), LOAD_RETRY (backoff | fixed),
//! LOAD_TOKEN_LIFE (the access token's life in seconds, as Strapi was started with),
//! LOAD_THINK (seconds between a tab's page views, "min-max").

use std::net::{IpAddr, Ipv4Addr};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use goose::goose::GooseResponse;
use goose::prelude::*;
use serde::Deserialize;
use serde_json::json;

/// The app's retry and renewal schedule, the same source the wasm is built from.
#[allow(dead_code)]
#[path = "../../../crates/strapi-client/src/backoff.rs"]
mod backoff;

pub const PASSWORD: &str = "Load-test-password-1";
/// The old app's retry: a fixed 15 s (`RETRY_MS` before the backoff).
const FIXED_RETRY: Duration = Duration::from_secs(15);

static NEXT_USER: AtomicUsize = AtomicUsize::new(0);

fn env(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

fn cookie_mode() -> bool {
    env("LOAD_MODE", "refresh") == "cookie"
}

/// One simulated person: an account, an address, a session, and a tab's timers.
#[derive(Clone)]
struct Person {
    n: usize,
    access: String,
    refresh: Option<String>,
    random: u64,
    /// Where in the window before expiry this tab renews (`backoff::renew_before_expiry_ms`), drawn once.
    spread: f64,
    next_refresh: Instant,
    next_page: Instant,
    failures: u32,
}

impl Person {
    /// A uniform draw in [0, 1) (xorshift: reproducible per user, no shared state).
    fn draw(&mut self) -> f64 {
        self.random ^= self.random << 13;
        self.random ^= self.random >> 7;
        self.random ^= self.random << 17;
        (self.random >> 11) as f64 / (1u64 << 53) as f64
    }

    /// When the app renews a token of `LOAD_TOKEN_LIFE` seconds it has just received (the app's
    /// own `backoff::renew_before_expiry_ms`, at this tab's point of the window).
    fn plan_refresh(&mut self) {
        let life: u64 = env("LOAD_TOKEN_LIFE", "600").parse().unwrap_or(600);
        let lead_ms = backoff::renew_before_expiry_ms(life, self.spread);
        self.next_refresh =
            Instant::now() + Duration::from_millis((life * 1000).saturating_sub(lead_ms));
        self.failures = 0;
    }

    fn plan_page(&mut self) {
        let think = env("LOAD_THINK", "20-60");
        let (lo, hi) = think.split_once('-').unwrap_or(("20", "60"));
        let (lo, hi): (f64, f64) = (lo.parse().unwrap_or(20.0), hi.parse().unwrap_or(60.0));
        let secs = lo + (hi - lo) * self.draw();
        self.next_page = Instant::now() + Duration::from_secs_f64(secs);
    }
}

fn address(n: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        127,
        0,
        1 + (n / 250) as u8,
        1 + (n % 250) as u8,
    ))
}

fn email(n: usize) -> String {
    format!("load{n}@load.test")
}

/// Gives this simulated user the next account and its own address and cookie jar.
async fn become_person(user: &mut GooseUser) -> TransactionResult {
    let n = NEXT_USER.fetch_add(1, Ordering::Relaxed);
    let builder = reqwest::Client::builder()
        .local_address(address(n))
        .cookie_store(true)
        .timeout(Duration::from_secs(30));
    user.set_client_builder(builder).await?;
    let spread = (n as f64 * 0.618_034) % 1.0;
    user.set_session_data(Person {
        n,
        access: String::new(),
        refresh: None,
        random: 0x9E37_79B9_7F4A_7C15 ^ (n as u64 + 1).wrapping_mul(0xBF58_476D_1CE4_E5B9),
        spread,
        next_refresh: Instant::now(),
        next_page: Instant::now(),
        failures: 0,
    });
    Ok(())
}

/// A POST with a JSON body as the app sends it (in cookie mode with the header asking Strapi
/// for its httpOnly cookie), counted under `name`.
async fn post(
    user: &mut GooseUser,
    path: &str,
    name: &str,
    body: serde_json::Value,
    bearer: Option<&str>,
) -> Result<GooseResponse, Box<TransactionError>> {
    let mut builder = user
        .get_request_builder(&GooseMethod::Post, path)?
        .header("Accept", "application/json")
        .json(&body);
    if cookie_mode() {
        builder = builder.header("X-Strapi-Refresh-Cookie", "httpOnly");
    }
    if let Some(token) = bearer {
        builder = builder.bearer_auth(token);
    }
    let request = GooseRequest::builder()
        .method(GooseMethod::Post)
        .path(path)
        .name(name)
        .set_request_builder(builder)
        .build();
    user.request(request).await
}

#[derive(Deserialize)]
struct Session {
    jwt: String,
    #[serde(rename = "refreshToken")]
    refresh_token: Option<String>,
}

async fn session_of(response: GooseResponse) -> Option<Session> {
    let answer = response.response.ok()?;
    if !answer.status().is_success() {
        return None;
    }
    answer.json().await.ok()
}

fn person(user: &mut GooseUser) -> &mut Person {
    user.get_session_data_mut::<Person>()
        .expect("become_person runs first")
}

/// `POST /auth/local/register`, once per account (bench/load.sh seeds them with the limiter off).
async fn register(user: &mut GooseUser) -> TransactionResult {
    let n = person(user).n;
    let body = json!({ "username": format!("load{n}"), "email": email(n), "password": PASSWORD });
    post(user, "/api/auth/local/register", "register", body, None).await?;
    Ok(())
}

/// `POST /auth/local`; keeps the session it gets.
async fn login(user: &mut GooseUser) -> TransactionResult {
    login_named(user, "login").await
}

async fn login_named(user: &mut GooseUser, name: &str) -> TransactionResult {
    let n = person(user).n;
    let body = json!({ "identifier": email(n), "password": PASSWORD });
    let answer = post(user, "/api/auth/local", name, body, None).await?;
    if let Some(session) = session_of(answer).await {
        let me = person(user);
        me.access = session.jwt;
        me.refresh = session.refresh_token;
        me.plan_refresh();
        me.plan_page();
    }
    Ok(())
}

/// `GET /users/me` with the bearer: a page view. Returns the status (0: no answer).
async fn me(user: &mut GooseUser) -> Result<u16, Box<TransactionError>> {
    let access = person(user).access.clone();
    let builder = user
        .get_request_builder(&GooseMethod::Get, "/api/users/me")?
        .header("Accept", "application/json")
        .bearer_auth(access);
    let request = GooseRequest::builder()
        .path("/api/users/me")
        .name("users/me")
        .set_request_builder(builder)
        .build();
    let answer = user.request(request).await?;
    Ok(answer.response.map(|r| r.status().as_u16()).unwrap_or(0))
}

async fn page_view(user: &mut GooseUser) -> TransactionResult {
    me(user).await?;
    Ok(())
}

/// `POST /auth/refresh`: the body's token, or Strapi's cookie in cookie mode. `Ok(Err(wait))`
/// is a failure, with the wait the server named.
async fn refresh(
    user: &mut GooseUser,
) -> Result<Result<(), Option<Duration>>, Box<TransactionError>> {
    let body = match (&person(user).refresh, cookie_mode()) {
        (Some(token), false) => json!({ "refreshToken": token }),
        _ => json!({}),
    };
    let answer = post(user, "/api/auth/refresh", "refresh", body, None).await?;
    let wait = answer.response.as_ref().ok().and_then(|r| {
        let value = r.headers().get("retry-after")?.to_str().ok()?;
        backoff::retry_after_secs(value).map(Duration::from_secs)
    });
    match session_of(answer).await {
        Some(session) => {
            let me = person(user);
            me.access = session.jwt;
            if session.refresh_token.is_some() {
                me.refresh = session.refresh_token;
            }
            me.plan_refresh();
            Ok(Ok(()))
        }
        None => Ok(Err(wait)),
    }
}

async fn refresh_once(user: &mut GooseUser) -> TransactionResult {
    let _ = refresh(user).await?;
    Ok(())
}

/// `POST /auth/logout` of this session, after a login of its own (counted as "login, to log out").
async fn login_then_logout(user: &mut GooseUser) -> TransactionResult {
    login_named(user, "login, to log out").await?;
    let (access, refresh) = (person(user).access.clone(), person(user).refresh.clone());
    let body = match refresh {
        Some(token) => json!({ "refreshToken": token }),
        None => json!({}),
    };
    post(user, "/api/auth/logout", "logout", body, Some(&access)).await?;
    Ok(())
}

/// One step of an open tab, as the app behaves: the proactive renewal when due (backing off after
/// a failure, by the app's schedule or the old fixed 15 s), and a page view now and then (on a
/// 401 the app renews and asks again). Then it sleeps until its next step.
async fn tab(user: &mut GooseUser) -> TransactionResult {
    let now = Instant::now();
    if now >= person(user).next_refresh {
        if let Err(server_wait) = refresh(user).await? {
            let me = person(user);
            let wait = if env("LOAD_RETRY", "backoff") == "fixed" {
                FIXED_RETRY
            } else {
                let draw = me.draw();
                let ms = backoff::retry_in_ms(
                    me.failures,
                    server_wait.map(|d| d.as_millis() as u64),
                    draw,
                );
                Duration::from_millis(ms)
            };
            me.failures += 1;
            me.next_refresh = Instant::now() + wait;
        }
    }
    if Instant::now() >= person(user).next_page {
        if me(user).await? == 401 && refresh(user).await?.is_ok() {
            me(user).await?;
        }
        person(user).plan_page();
    }
    let me = person(user);
    let next = me.next_refresh.min(me.next_page);
    tokio::time::sleep(next.saturating_duration_since(Instant::now())).await;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), GooseError> {
    GooseAttack::initialize()?
        .register_scenario(
            scenario!("Register")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(register)),
        )
        .register_scenario(
            scenario!("Login")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(login)),
        )
        .register_scenario(
            scenario!("Me")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(login).set_on_start())
                .register_transaction(transaction!(page_view)),
        )
        .register_scenario(
            scenario!("Refresh")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(login).set_on_start())
                .register_transaction(transaction!(refresh_once)),
        )
        .register_scenario(
            scenario!("Logout")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(login_then_logout)),
        )
        .register_scenario(
            scenario!("Tab")
                .register_transaction(transaction!(become_person).set_on_start())
                .register_transaction(transaction!(login).set_on_start())
                .register_transaction(transaction!(tab)),
        )
        .execute()
        .await?;
    Ok(())
}
