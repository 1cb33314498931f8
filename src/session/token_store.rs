//! `TokenStore`: the one wrapper over localStorage, with the cookbook's keys, and the tab's own
//! memory where the browser refuses storage.

use std::cell::RefCell;

use gloo_storage::{LocalStorage, Storage};

use super::tokens::{read_tokens, TokenMode, Tokens};

/// The cookbook's keys, kept so other code reading localStorage keeps working.
pub const KEY_TOKEN: &str = "token";
pub const KEY_ACCESS: &str = "accessToken";
pub const KEY_REFRESH: &str = "refreshToken";

/// Values are stored raw, as `localStorage.setItem('token', jwt)` does, not JSON-encoded as
/// gloo-storage's typed `set` would: that is what the cookbook's readers expect.
pub struct TokenStore;

thread_local! {
    /// The session when storage refused it (blocked: `SecurityError` on any access; full:
    /// `QuotaExceededError` on write). It lives as long as the tab; storage is not tried again
    /// for it, so a half-written pair never mixes with it.
    static MEMORY: RefCell<Option<Tokens>> = const { RefCell::new(None) };
}

impl TokenStore {
    /// The stored session, or `None` when storage is unavailable, empty or garbled. Only reads:
    /// another tab may be half-way through writing a pair, and must not see it wiped.
    pub fn load() -> Option<Tokens> {
        if let Some(tokens) = MEMORY.with_borrow(Clone::clone) {
            return Some(tokens);
        }
        let (token, access, refresh) = Self::raw_all();
        read_tokens(token, access, refresh)
    }

    /// Whether the session is in localStorage (it survives a reload and reaches other tabs) or
    /// only in this tab's memory, because the browser refused storage.
    pub fn persistent() -> bool {
        MEMORY.with_borrow(Option::is_none)
    }

    /// At start-up: removes whatever the keys hold when it is not a usable session (junk, half a
    /// pair), so it cannot be sent to Strapi later, and the other mode's leftovers.
    pub fn discard_unusable() -> Option<Tokens> {
        let (token, access, refresh) = Self::raw_all();
        let had_any = token.is_some() || access.is_some() || refresh.is_some();
        let tokens = read_tokens(token, access, refresh);
        match &tokens {
            Some(t) => Self::remove_other_mode(t.mode()),
            None if had_any => Self::clear(),
            None => {}
        }
        tokens
    }

    /// Writes one mode's keys and removes the other mode's; where storage refuses, keeps the
    /// session in this tab's memory instead (and removes any half-written pair).
    pub fn save(tokens: &Tokens) {
        let in_memory = MEMORY.with_borrow(Option::is_some);
        let written = !in_memory
            && Self::storage().is_some_and(|storage| match tokens {
                Tokens::Legacy { jwt } => storage.set_item(KEY_TOKEN, jwt).is_ok(),
                Tokens::Refresh { access, refresh } => {
                    storage.set_item(KEY_ACCESS, access).is_ok()
                        && storage.set_item(KEY_REFRESH, refresh).is_ok()
                }
            });
        if written {
            Self::remove_other_mode(tokens.mode());
        } else {
            Self::clear_storage();
            MEMORY.set(Some(tokens.clone()));
        }
    }

    pub fn mode() -> Option<TokenMode> {
        Self::load().map(|t| t.mode())
    }

    pub fn clear() {
        MEMORY.set(None);
        Self::clear_storage();
    }

    fn clear_storage() {
        if let Some(storage) = Self::storage() {
            for key in [KEY_TOKEN, KEY_ACCESS, KEY_REFRESH] {
                let _ = storage.remove_item(key);
            }
        }
    }

    fn remove_other_mode(mode: TokenMode) {
        let Some(storage) = Self::storage() else {
            return;
        };
        let stale: &[&str] = match mode {
            TokenMode::Legacy => &[KEY_ACCESS, KEY_REFRESH],
            TokenMode::Refresh => &[KEY_TOKEN],
        };
        for key in stale {
            let _ = storage.remove_item(key);
        }
    }

    fn raw_all() -> (Option<String>, Option<String>, Option<String>) {
        let get = |key| Self::storage()?.get_item(key).ok().flatten();
        (get(KEY_TOKEN), get(KEY_ACCESS), get(KEY_REFRESH))
    }

    /// `None` where storage is blocked (privacy settings, sandboxed frames): the session then
    /// lives in the tab's memory. Checked first because `LocalStorage::raw()` panics there, and
    /// a panic aborts the whole app.
    fn storage() -> Option<web_sys::Storage> {
        let available = matches!(web_sys::window()?.local_storage(), Ok(Some(_)));
        available.then(LocalStorage::raw)
    }
}
