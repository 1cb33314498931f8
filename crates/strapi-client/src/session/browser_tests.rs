//! Browser tests of the session layer against the real Strapi in session-management mode with a
//! short access token (scripts/test.sh starts it: AUTH_MODE=refresh ACCESS_TOKEN_LIFESPAN=5), plus
//! the storage-event sync between tabs. Inside the crate: they drive what pages cannot reach.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use futures::future::join_all;
use tokise::time::sleep;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::manager::SessionManager;
use super::{TokenMode, TokenStore, Tokens};
use crate::api::{ApiError, Method, Revoke, StrapiClient, User};
use crate::config::StrapiConfig;
use crate::content::{Collection, Entry, Filter, Populate, Query};

const STRAPI: &str = match option_env!("E2E_STRAPI_URL") {
    Some(url) => url,
    None => "http://127.0.0.1:1337",
};
const DEMO_EMAIL: &str = "demo@example.com";
const DEMO_PASSWORD: &str = "Demo-pass-1234";

fn client() -> StrapiClient {
    StrapiClient::new(StrapiConfig::new(STRAPI))
}

/// Logs the demo user in for real and stores the pair, as the login page does.
async fn logged_in() -> Tokens {
    TokenStore::clear();
    let answer = client()
        .login(DEMO_EMAIL, DEMO_PASSWORD)
        .await
        .expect("demo login");
    let tokens = Tokens::from_auth(&answer);
    assert_eq!(
        tokens.mode(),
        TokenMode::Refresh,
        "these tests need Strapi with AUTH_MODE=refresh"
    );
    TokenStore::save(&tokens);
    tokens
}

/// URLs the browser fetched since the last `clear_network_log`, from its Resource Timing log.
fn network_log() -> Vec<String> {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| e.dyn_into::<web_sys::PerformanceEntry>().ok())
        .map(|e| e.name())
        .collect()
}

/// Waits until Strapi sees `access` as expired: its `exp` (whole seconds) is past on this
/// machine's clock, which is Strapi's. A 5-second token: about 5 s.
async fn expired(access: &str) {
    let exp_ms = super::jwt::claims(access).expect("a JWT with an exp").exp as f64 * 1000.0;
    until("the access token to expire", 10_000, || {
        js_sys::Date::now() >= exp_ms + 100.0
    })
    .await;
}

/// Waits until `check` holds, up to `limit_ms`: never a fixed time.
async fn until(what: &str, limit_ms: u32, check: impl Fn() -> bool) {
    for _ in 0..limit_ms / 10 {
        if check() {
            return;
        }
        sleep(Duration::from_millis(10)).await;
    }
    assert!(check(), "waited {limit_ms} ms for {what}");
}

fn clear_network_log() {
    web_sys::window()
        .unwrap()
        .performance()
        .unwrap()
        .clear_resource_timings();
}

fn count(log: &[String], suffix: &str) -> usize {
    log.iter().filter(|url| url.ends_with(suffix)).count()
}

#[wasm_bindgen_test]
async fn ten_requests_with_an_expired_token_share_one_refresh() {
    let before = logged_in().await;
    let ended = Rc::new(Cell::new(false));
    let flag = ended.clone();
    let session = SessionManager::new(client(), move |_| flag.set(true));
    expired(before.access()).await;
    clear_network_log();

    let requests = (0..10).map(|_| session.send::<User>(Method::GET, "/users/me", None));
    let results = join_all(requests).await;

    for result in &results {
        assert_eq!(result.as_ref().map(|u| u.email.as_str()), Ok(DEMO_EMAIL));
    }
    let log = network_log();
    assert_eq!(
        count(&log, "/api/auth/refresh"),
        1,
        "exactly one refresh: {log:?}"
    );
    assert_eq!(count(&log, "/api/users/me"), 20, "ten refused, ten retried");
    let after = TokenStore::load().expect("still logged in");
    assert_ne!(after.access(), before.access());
    assert_ne!(after.refresh(), before.refresh(), "the pair rotated");
    assert!(!ended.get());
}

#[wasm_bindgen_test]
async fn a_403_is_a_missing_permission_not_an_expired_session() {
    let before = logged_in().await;
    let ended = Rc::new(Cell::new(false));
    let flag = ended.clone();
    let session = SessionManager::new(client(), move |_| flag.set(true));
    clear_network_log();

    // The authenticated role may not list users.
    let answer = session
        .send::<serde_json::Value>(Method::GET, "/users", None)
        .await;

    assert!(matches!(&answer, Err(ApiError::Strapi { error, .. }) if error.status == 403));
    assert_eq!(TokenStore::load(), Some(before), "the session is intact");
    assert!(!ended.get());
    assert_eq!(
        count(&network_log(), "/api/auth/refresh"),
        0,
        "no refresh for a 403"
    );
}

#[wasm_bindgen_test]
async fn a_revoked_refresh_token_ends_the_session() {
    let tokens = logged_in().await;
    // Logged out from elsewhere: Strapi revokes the session.
    client()
        .logout(tokens.access(), Revoke::Token(tokens.refresh().unwrap()))
        .await
        .expect("logout");
    let ended = Rc::new(Cell::new(false));
    let flag = ended.clone();
    let session = SessionManager::new(client(), move |_| flag.set(true));
    expired(tokens.access()).await;

    let answer = session.send::<User>(Method::GET, "/users/me", None).await;

    assert_eq!(answer, Err(ApiError::NoSession));
    assert!(ended.get(), "the owner is told");
    assert_eq!(TokenStore::load(), None, "tokens cleared");
}

#[wasm_bindgen_test]
async fn a_refresh_waits_for_another_tabs_refresh_and_uses_its_pair() {
    let first = logged_in().await;
    // Another tab renews the pair while holding the app's refresh lock for half a second.
    let next = client()
        .refresh(first.refresh())
        .await
        .expect("the other tab's refresh");
    let other_tab = js_sys::Function::new_with_args(
        "access, refresh",
        "return navigator.locks.request('yew-strapi-auth:refresh', () => new Promise((done) => \
           setTimeout(() => { localStorage.setItem('accessToken', access); \
                              localStorage.setItem('refreshToken', refresh); done(); }, 500)));",
    );
    other_tab
        .call2(
            &wasm_bindgen::JsValue::NULL,
            &next.jwt.as_str().into(),
            &next.refresh_token.as_deref().unwrap().into(),
        )
        .unwrap();
    clear_network_log();

    let session = SessionManager::new(client(), |_| {});
    let renewed = session.refresh().await.expect("the session goes on");

    assert_eq!(
        renewed.access(),
        next.jwt,
        "this tab uses the other tab's pair"
    );
    assert_eq!(
        count(&network_log(), "/api/auth/refresh"),
        0,
        "and sends no refresh of its own"
    );
}

// ---- "Remember me" unchecked: the tabs' channel ----

const A: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOjF9.c2ln";
const R: &str = "eyJhbGciOiJIUzI1NiJ9.eyJ0eXBlIjoicmVmcmVzaCJ9.c2ln";

fn storage_item(session: bool, key: &str) -> Option<String> {
    let window = web_sys::window().unwrap();
    let storage = if session {
        window.session_storage()
    } else {
        window.local_storage()
    };
    storage.unwrap().unwrap().get_item(key).unwrap()
}

#[wasm_bindgen_test]
async fn a_session_that_is_not_remembered_stays_out_of_local_storage_and_is_handed_over() {
    // What another tab hears on the channel.
    let heard = Rc::new(std::cell::RefCell::new(Vec::<String>::new()));
    let other_tab = web_sys::BroadcastChannel::new("yew-strapi-auth:session").unwrap();
    let sink = heard.clone();
    let _listening = gloo_events::EventListener::new(&other_tab, "message", move |event| {
        let data = event.dyn_ref::<web_sys::MessageEvent>().unwrap().data();
        sink.borrow_mut().push(data.as_string().unwrap_or_default());
    });

    TokenStore::clear();
    TokenStore::choose_remember(false);
    TokenStore::start(&Tokens::Legacy { jwt: A.into() });
    assert_eq!(
        storage_item(false, "token"),
        None,
        "nothing in localStorage"
    );
    assert_eq!(storage_item(true, "token").as_deref(), Some(A));
    assert_eq!(storage_item(false, "strapiSession").as_deref(), Some("tab"));
    // Asked by a tab opened later: answers with the session.
    assert_eq!(TokenStore::on_message("ask"), None);
    let answer = format!("legacy {A}");
    until("the session's answer on the tabs' channel", 2_000, || {
        heard.borrow().iter().any(|m| m == &answer)
    })
    .await;

    // Another tab renewed into a pair: this tab now holds it, in sessionStorage.
    let pair = format!("refresh {A} {R}");
    assert_eq!(TokenStore::on_message(&pair), Some(true));
    assert_eq!(storage_item(true, "refreshToken").as_deref(), Some(R));
    assert_eq!(storage_item(true, "token"), None);
    // Junk on the channel changes nothing.
    assert_eq!(TokenStore::on_message("refresh junk junk"), None);
    assert!(TokenStore::load().is_some());
    // Another tab logged out.
    assert_eq!(TokenStore::on_message("clear"), Some(false));
    assert_eq!(TokenStore::load(), None);
    assert_eq!(storage_item(true, "accessToken"), None);

    // Back to the default for the tests after this one.
    TokenStore::choose_remember(true);
    TokenStore::start(&Tokens::Legacy { jwt: A.into() });
    assert_eq!(storage_item(false, "token").as_deref(), Some(A));
    TokenStore::clear();
}

// ---- the content API (FoodAdvisor's restaurants and reviews on the dev back end) ----

#[derive(serde::Deserialize, Debug)]
struct Restaurant {
    name: String,
}

#[derive(serde::Deserialize, Debug)]
struct Review {
    note: u8,
    #[serde(default)]
    author: Option<Entry<Author>>,
}

#[derive(serde::Deserialize, Debug)]
struct Author {
    username: String,
}

#[derive(serde::Serialize)]
struct NewReview<'a> {
    note: u8,
    content: &'a str,
    restaurant: &'a str,
    // The server must ignore it and store the logged-in person.
    author: u64,
}

#[wasm_bindgen_test]
async fn content_is_read_as_public_and_written_with_the_session_renewed_on_the_way() {
    let restaurants: Collection<Entry<Restaurant>> = Collection::new("restaurants");
    let reviews: Collection<Entry<Review>> = Collection::new("reviews");

    // Anonymous: the Public role's read, a search through $containsi, paged.
    let query = Query::new()
        .filter(Filter::field("name").containsi("PIZZ"))
        .page(1, 5);
    let found = client().send(restaurants.find(&query)).await.unwrap();
    assert!(!found.data.is_empty(), "the seeds have pizzerias");
    assert!(found
        .data
        .iter()
        .all(|r| r.name.to_lowercase().contains("pizz")));
    assert_eq!(found.meta.pagination.total(), Some(found.data.len() as u64));
    let restaurant = found.data[0].document_id.clone();

    // Anonymous writes are the Public role's to refuse: a permission, said as one.
    let body = NewReview {
        note: 4,
        content: "From the browser test",
        restaurant: &restaurant,
        author: 1,
    };
    let refused = client().send(reviews.create(&body)).await.unwrap_err();
    assert_eq!(refused.status(), Some(403));
    assert_eq!(refused.user_message(0), crate::api::MSG_FORBIDDEN);

    // With the session, its access token expired meanwhile (a person writing): renewed, sent once.
    let tokens = logged_in().await;
    let session = SessionManager::new(client(), |_| panic!("the session must not end"));
    expired(tokens.access()).await;
    clear_network_log();
    let created = session.call(reviews.create(&body)).await.unwrap().data;
    let log = network_log();
    assert_eq!(count(&log, "/api/auth/refresh"), 1, "one renewal: {log:?}");
    assert_eq!(
        count(&log, "/api/reviews"),
        2,
        "refused once, then created: {log:?}"
    );
    assert_eq!(created.note, 4);

    let with_author = Query::new().populate_with("author", Populate::new().fields(["username"]));
    let stored = client()
        .send(reviews.find_one(&created.document_id, &with_author))
        .await
        .unwrap()
        .data;
    assert_eq!(
        stored.author.as_ref().map(|a| a.username.as_str()),
        Some("demo"),
        "the server set the author, whatever the body said"
    );

    // Deleted (204, no body), then gone: said as gone.
    session
        .call(reviews.delete(&created.document_id))
        .await
        .unwrap();
    let gone = client()
        .send(reviews.find_one(&created.document_id, &Query::new()))
        .await
        .unwrap_err();
    assert_eq!(gone.user_message(0), crate::api::MSG_NOT_FOUND);
    TokenStore::clear();
}
