//! `TokenStore`: where this tab keeps the session. localStorage with the cookbook's keys when the
//! user asked to be remembered; sessionStorage, shared with the other open tabs, when not; memory
//! for cookie mode's access token and wherever the browser refuses storage.

use std::cell::{Cell, RefCell};

use gloo_storage::{LocalStorage, SessionStorage, Storage};
use wasm_bindgen::JsValue;
use web_sys::BroadcastChannel;

use super::decide::{restore_from, Keep};
use super::ending::ShortLived;
use super::tokens::{read_tokens, TabMessage, TokenMode, Tokens};

/// The storage key of a legacy-mode JWT ([`Tokens::Legacy`]). The cookbook's keys are kept so
/// other code reading localStorage keeps working (sessionStorage uses the same ones for a session
/// that is not remembered).
pub const KEY_TOKEN: &str = "token";
/// The storage key of session management's access token ([`Tokens::Refresh`]), in localStorage
/// or sessionStorage as [`KEY_TOKEN`]; never stored in cookie mode.
pub const KEY_ACCESS: &str = "accessToken";
/// The storage key of session management's refresh token ([`Tokens::Refresh`]), stored with
/// [`KEY_ACCESS`]; never stored in cookie mode.
pub const KEY_REFRESH: &str = "refreshToken";
/// In localStorage, never a secret: `tab` (open tabs may hold a session that is not remembered:
/// a new tab asks them) or `cookie` (Strapi's cookie may hold one: a page load asks Strapi).
/// Without it, an anonymous visitor pays neither the wait nor the request.
pub const KEY_HINT: &str = "strapiSession";
/// In sessionStorage: `0` when this tab's "Remember me" is unchecked. Kept across the provider's
/// redirect, so a provider login honours the choice made on the login page.
const KEY_REMEMBER: &str = "rememberMe";
const CHANNEL: &str = "yew-strapi-auth:session";

const TOKEN_KEYS: [&str; 3] = [KEY_TOKEN, KEY_ACCESS, KEY_REFRESH];

/// The cookbook's two token stores, and cookie mode.
pub struct TokenStore;

thread_local! {
    static KEEP: Cell<Keep> = const { Cell::new(Keep::Remembered) };
    /// Cookie mode's tokens; or the session when storage refused it (blocked: `SecurityError` on
    /// any access; full: `QuotaExceededError` on write). It lives as long as the tab; storage is
    /// not tried again for it, so a half-written pair never mixes with it.
    static MEMORY: RefCell<Option<Tokens>> = const { RefCell::new(None) };
    static CHANNEL_HANDLE: Option<BroadcastChannel> = BroadcastChannel::new(CHANNEL).ok();
}

fn local() -> Option<web_sys::Storage> {
    // Prerendering (a native build) renders for a visitor with nothing stored.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    // Checked first because gloo's `raw()` panics where storage is blocked, and a panic aborts
    // the whole app.
    let available = matches!(web_sys::window()?.local_storage(), Ok(Some(_)));
    available.then(LocalStorage::raw)
}

fn session() -> Option<web_sys::Storage> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let available = matches!(web_sys::window()?.session_storage(), Ok(Some(_)));
    available.then(SessionStorage::raw)
}

fn get(storage: &Option<web_sys::Storage>, key: &str) -> Option<String> {
    storage.as_ref()?.get_item(key).ok().flatten()
}

fn remove(storage: &Option<web_sys::Storage>, keys: &[&str]) {
    if let Some(storage) = storage {
        for key in keys {
            let _ = storage.remove_item(key);
        }
    }
}

fn read(storage: &Option<web_sys::Storage>) -> Option<Tokens> {
    read_tokens(
        get(storage, KEY_TOKEN),
        get(storage, KEY_ACCESS),
        get(storage, KEY_REFRESH),
    )
}

/// The keys of the other token mode, which a session of this one makes stale.
fn stale_keys(tokens: &Tokens) -> &'static [&'static str] {
    match tokens {
        Tokens::Legacy { .. } => &[KEY_ACCESS, KEY_REFRESH],
        _ => &[KEY_TOKEN],
    }
}

/// Writes one mode's keys and removes the other mode's; false when the browser refused.
fn write(storage: &Option<web_sys::Storage>, tokens: &Tokens) -> bool {
    let Some(storage) = storage else {
        return false;
    };
    let set: &[(&str, &str)] = match tokens {
        Tokens::Legacy { jwt } => &[(KEY_TOKEN, jwt)],
        Tokens::Refresh { access, refresh } => &[(KEY_ACCESS, access), (KEY_REFRESH, refresh)],
        Tokens::Cookie { .. } => return false,
    };
    let written = set.iter().all(|(k, v)| storage.set_item(k, v).is_ok());
    if written {
        for key in stale_keys(tokens) {
            let _ = storage.remove_item(key);
        }
    }
    written
}

fn post(message: TabMessage) {
    CHANNEL_HANDLE.with(|channel| {
        if let Some(channel) = channel {
            let _ = channel.post_message(&JsValue::from_str(&message.encode()));
        }
    });
}

impl TokenStore {
    /// At start-up: cookie mode keeps the session in memory and Strapi's cookie, never in storage.
    pub fn use_cookie(on: bool) {
        if on {
            KEEP.set(Keep::Cookie);
        }
    }

    /// The session this tab holds, or `None` when storage is unavailable, empty or garbled.
    /// Only reads: another tab may be half-way through writing a pair, and must not see it wiped.
    pub fn load() -> Option<Tokens> {
        if let Some(tokens) = MEMORY.with_borrow(Clone::clone) {
            return Some(tokens);
        }
        if KEEP.get() == Keep::Cookie {
            return None;
        }
        read(&local()).or_else(|| read(&session()))
    }

    /// Whether the session outlives a reload, and if not why (the page says so).
    pub fn short_lived() -> Option<ShortLived> {
        let held = MEMORY.with_borrow(|m| m.as_ref().map(Tokens::renewable));
        match (KEEP.get(), held) {
            (Keep::Cookie, Some(false)) => Some(ShortLived::NoServerSessions),
            (Keep::Cookie, _) if get(&local(), KEY_HINT).is_none() => {
                Some(ShortLived::StorageRefused)
            }
            (Keep::Cookie, _) | (_, None) => None,
            (_, Some(_)) => Some(ShortLived::StorageRefused),
        }
    }

    /// At start-up: removes whatever the keys hold when it is not a usable session (junk, half a
    /// pair) so it cannot be sent to Strapi later, and the other mode's leftovers; notes where the
    /// session lives. In cookie mode any token found in storage is removed: none belongs there.
    pub fn discard_unusable() -> Option<Tokens> {
        let cookie = KEEP.get() == Keep::Cookie;
        let mut found = None;
        for (storage, keep) in [(local(), Keep::Remembered), (session(), Keep::ThisVisit)] {
            let tokens = read(&storage);
            match tokens {
                Some(tokens) if !cookie && found.is_none() => {
                    remove(&storage, stale_keys(&tokens));
                    KEEP.set(keep);
                    found = Some(tokens);
                }
                _ => remove(&storage, &TOKEN_KEYS),
            }
        }
        found
    }

    /// Where a session may be found that this tab does not hold yet (the hint), if anywhere.
    pub fn restorable() -> Option<Keep> {
        restore_from(KEEP.get(), get(&local(), KEY_HINT).as_deref())
    }

    /// A tab that holds a session that is not remembered says so again when it wakes: a tab
    /// opened while it was frozen got no answer and removed the hint.
    pub fn renew_hint() {
        if KEEP.get() == Keep::ThisVisit && Self::load().is_some() {
            if let Some(storage) = local() {
                let _ = storage.set_item(KEY_HINT, "tab");
            }
        }
    }

    /// The hint led nowhere (no tab answered, Strapi refused the cookie): forget it, so the next
    /// page load does not try again.
    pub fn forget_hint() {
        remove(&local(), &[KEY_HINT]);
    }

    /// This tab's "Remember me" (checked unless the user unchecked it in this tab).
    pub fn remember_choice() -> bool {
        get(&session(), KEY_REMEMBER).as_deref() != Some("0")
    }

    /// Sets this tab's "Remember me" for the next login: unchecked writes `rememberMe` = `0` to
    /// sessionStorage, checked removes it. It applies from the next [`start`](Self::start).
    pub fn choose_remember(remember: bool) {
        if let Some(storage) = session() {
            let _ = if remember {
                storage.remove_item(KEY_REMEMBER)
            } else {
                storage.set_item(KEY_REMEMBER, "0")
            };
        }
    }

    /// A session Strapi has just issued for a login: it replaces any previous one, and is kept as
    /// this tab's "Remember me" says (see [`save`](Self::save)).
    pub fn start(tokens: &Tokens) {
        if KEEP.get() != Keep::Cookie {
            Self::clear();
            KEEP.set(if Self::remember_choice() {
                Keep::Remembered
            } else {
                Keep::ThisVisit
            });
        }
        Self::save(tokens);
    }

    /// Stores the session where it lives: localStorage when remembered, sessionStorage when not
    /// (under [`KEY_TOKEN`], or [`KEY_ACCESS`] and [`KEY_REFRESH`]), this tab's memory in cookie
    /// mode. Where storage refuses, keeps it in this tab's memory instead (and removes any
    /// half-written pair). A session that is not remembered is handed to the other open tabs; for
    /// it, and for a renewable one in cookie mode, the hint (`strapiSession` in localStorage)
    /// tells the next page load where to look.
    pub fn save(tokens: &Tokens) {
        let keep = KEEP.get();
        if keep == Keep::Cookie {
            MEMORY.set(Some(tokens.clone()));
            // A session in Strapi's cookie is found again at the next page load. A single token
            // (a Strapi without session management) lives and ends with this page: no hint, so
            // no page load asks for a renewal that cannot be.
            if tokens.renewable() {
                if let Some(storage) = local() {
                    let _ = storage.set_item(KEY_HINT, "cookie");
                }
            } else {
                remove(&local(), &[KEY_HINT]);
            }
            return;
        }
        let (here, other) = match keep {
            Keep::ThisVisit => (session(), local()),
            _ => (local(), session()),
        };
        let in_memory = MEMORY.with_borrow(Option::is_some);
        if !in_memory && write(&here, tokens) {
            remove(&other, &TOKEN_KEYS);
        } else {
            remove(&here, &TOKEN_KEYS);
            MEMORY.set(Some(tokens.clone()));
        }
        if keep == Keep::ThisVisit {
            if let Some(storage) = local() {
                let _ = storage.set_item(KEY_HINT, "tab");
            }
            post(TabMessage::Pair(tokens.clone()));
        }
    }

    /// The token mode of the session this tab holds ([`load`](Self::load)), if any.
    pub fn mode() -> Option<TokenMode> {
        Self::load().map(|t| t.mode())
    }

    /// Ends the session in this tab and, through storage and the channel, in the others: the
    /// token keys are removed from localStorage and sessionStorage, and the hint
    /// (`strapiSession`) too.
    pub fn clear() {
        Self::forget();
        remove(&local(), &[KEY_HINT]);
        post(TabMessage::Clear);
    }

    /// Forgets the session here only (another tab said it ended).
    fn forget() {
        MEMORY.set(None);
        remove(&local(), &TOKEN_KEYS);
        remove(&session(), &TOKEN_KEYS);
    }

    /// Asks the open tabs for a session that is not remembered; an answer arrives as a message.
    pub fn ask_tabs() {
        post(TabMessage::Ask);
    }

    /// The channel the tabs talk on, to listen to (`None` without BroadcastChannel).
    pub fn channel() -> Option<BroadcastChannel> {
        CHANNEL_HANDLE.with(Clone::clone)
    }

    /// What another tab said. Returns whether this tab now holds a session, when that may have
    /// changed.
    pub fn on_message(text: &str) -> Option<bool> {
        match TabMessage::decode(text)? {
            TabMessage::Ask => {
                if KEEP.get() == Keep::ThisVisit {
                    if let Some(tokens) = Self::load() {
                        post(TabMessage::Pair(tokens));
                    }
                }
                None
            }
            TabMessage::Pair(tokens) => {
                if KEEP.get() == Keep::Cookie {
                    return None;
                }
                KEEP.set(Keep::ThisVisit);
                let in_memory = MEMORY.with_borrow(Option::is_some);
                if in_memory || !write(&session(), &tokens) {
                    MEMORY.set(Some(tokens));
                }
                Some(true)
            }
            TabMessage::Clear => {
                if KEEP.get() == Keep::ThisVisit {
                    MEMORY.set(None);
                    remove(&session(), &TOKEN_KEYS);
                }
                Some(Self::load().is_some())
            }
        }
    }

    /// A `storage` event from another tab: whether this tab now holds (or, in cookie mode, may
    /// restore) a session, when the key is one of the session's.
    pub fn on_storage_event(key: Option<&str>, new_value: Option<&str>) -> Option<bool> {
        // `None` is localStorage.clear().
        if key.is_some_and(|k| k != KEY_HINT && !TOKEN_KEYS.contains(&k)) {
            return None;
        }
        if KEEP.get() != Keep::Cookie {
            return (key != Some(KEY_HINT)).then(|| Self::load().is_some());
        }
        match (key, new_value) {
            (Some(KEY_HINT), Some("cookie")) => Some(true),
            // Logged out elsewhere (the hint is removed): the cookie is gone too.
            (Some(KEY_HINT) | None, None) => {
                Self::forget();
                Some(false)
            }
            _ => None,
        }
    }
}
