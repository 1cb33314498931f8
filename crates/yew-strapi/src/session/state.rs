//! The session as pages see it: a state and the actions that move it, pure and tested natively
//! (`AuthProvider` dispatches them; `Reducible` for `use_reducer`).

use std::rc::Rc;

use yew::prelude::*;

use strapi_client::api::User;
use strapi_client::session::{EndReason, ShortLived, TokenMode};

/// Where the session stands, as pages render it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthStatus {
    /// A session is stored (or may be restored) and `/users/me` has not answered yet.
    Checking,
    /// No session: none was found, or it ended.
    Anonymous,
    /// Strapi confirmed the session; its user.
    Authenticated(Rc<User>),
    /// Tokens are stored but Strapi could not be asked; the message says why.
    Unconfirmed(String),
}

/// The session as the Yew tree holds it: `AuthProvider`'s reducer state, read by pages through
/// `Auth`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthState {
    /// Where the session stands.
    pub status: AuthStatus,
    /// The confirmed session's token mode: what a page offers (devices, log out everywhere)
    /// depends on it, so rendering never reads storage.
    pub mode: Option<TokenMode>,
    /// Set when the session will not survive a reload, and why: the page says so.
    pub short_lived: Option<ShortLived>,
    /// Why the last session ended; cleared when a session is confirmed.
    pub ended: Option<EndReason>,
    /// Bumped whenever the stored session must be confirmed with `/users/me` again.
    pub check: u32,
}

/// Something that happens to the session: one transition of [`AuthState::next`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthAction {
    /// Strapi confirmed the session: its user, and the mode of the tokens that were sent.
    Confirmed(User, TokenMode),
    /// The session ended, for this reason; ignored when already anonymous (a session ends once).
    Ended(EndReason),
    /// Strapi could not be asked during a check; the message says why. Ignored unless a check
    /// is in progress.
    Unconfirmed(String),
    /// Ask `/users/me` again (after "Try again", or when another tab logged in).
    Recheck,
    /// The hint of a session led nowhere (no open tab holds one, Strapi refused its cookie):
    /// anonymous, with nothing to say about it.
    Absent,
    /// The session is kept in this tab's memory only, for this reason.
    ShortLived(ShortLived),
    /// The tokens in storage changed in another tab; `present` says whether a session is stored.
    StorageChanged {
        /// Whether this tab now holds (or, in cookie mode, may restore) a session.
        present: bool,
    },
}

impl AuthState {
    /// The state at start-up, from what storage holds.
    pub fn initial(has_tokens: bool) -> Self {
        Self {
            status: if has_tokens {
                AuthStatus::Checking
            } else {
                AuthStatus::Anonymous
            },
            mode: None,
            short_lived: None,
            ended: None,
            check: u32::from(has_tokens),
        }
    }

    /// The state after `action`. Pure; [`Reducible::reduce`] keeps the same `Rc` when nothing
    /// changed.
    pub fn next(&self, action: AuthAction) -> Self {
        let mut next = self.clone();
        match action {
            AuthAction::Confirmed(user, mode) => {
                next.status = AuthStatus::Authenticated(Rc::new(user));
                next.mode = Some(mode);
                next.ended = None;
            }
            // A session ends once: a late "expired" (a request that was out during a logout)
            // must not turn "you logged out" into "your session expired".
            AuthAction::Ended(_) if self.status == AuthStatus::Anonymous => {}
            AuthAction::Ended(reason) => {
                next.status = AuthStatus::Anonymous;
                next.mode = None;
                // The next login tries storage again.
                next.short_lived = None;
                next.ended = Some(reason);
            }
            // Only a check in progress can end unconfirmed; a session that ended meanwhile stays ended.
            AuthAction::Unconfirmed(message) => {
                if self.status == AuthStatus::Checking {
                    next.status = AuthStatus::Unconfirmed(message);
                }
            }
            AuthAction::ShortLived(why) => next.short_lived = Some(why),
            AuthAction::Absent => {
                if self.status == AuthStatus::Checking {
                    next.status = AuthStatus::Anonymous;
                    next.mode = None;
                }
            }
            AuthAction::Recheck => {
                next.status = AuthStatus::Checking;
                next.check += 1;
            }
            AuthAction::StorageChanged { present: false } => {
                if self.status != AuthStatus::Anonymous {
                    next.status = AuthStatus::Anonymous;
                    next.mode = None;
                    next.ended = Some(EndReason::Elsewhere);
                }
            }
            AuthAction::StorageChanged { present: true } => match self.status {
                // A login in another tab: confirm it here too.
                AuthStatus::Anonymous | AuthStatus::Unconfirmed(_) => {
                    return self.next(AuthAction::Recheck)
                }
                // A rotation: same user, nothing to show.
                AuthStatus::Checking | AuthStatus::Authenticated(_) => {}
            },
        }
        next
    }
}

impl Reducible for AuthState {
    type Action = AuthAction;

    fn reduce(self: Rc<Self>, action: AuthAction) -> Rc<Self> {
        let next = self.next(action);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> User {
        serde_json::from_str(r#"{"id":1,"username":"demo","email":"demo@example.com"}"#).unwrap()
    }

    #[test]
    fn start_checks_only_when_tokens_are_stored() {
        assert_eq!(AuthState::initial(true).status, AuthStatus::Checking);
        assert_eq!(AuthState::initial(true).check, 1);
        assert_eq!(AuthState::initial(false).status, AuthStatus::Anonymous);
    }

    #[test]
    fn confirmed_then_expired() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user(), TokenMode::Refresh));
        assert!(
            matches!(s.status, AuthStatus::Authenticated(ref u) if u.email == "demo@example.com")
        );
        let s = s.next(AuthAction::Ended(EndReason::Expired));
        assert_eq!(s.status, AuthStatus::Anonymous);
        assert_eq!(s.ended, Some(EndReason::Expired));
    }

    #[test]
    fn the_token_mode_lives_as_long_as_the_confirmed_session() {
        let s = AuthState::initial(true);
        assert_eq!(s.mode, None, "not known before Strapi confirms");
        let s = s.next(AuthAction::Confirmed(user(), TokenMode::Legacy));
        assert_eq!(s.mode, Some(TokenMode::Legacy));
        assert_eq!(s.next(AuthAction::Ended(EndReason::LoggedOut)).mode, None);
        assert_eq!(
            s.next(AuthAction::StorageChanged { present: false }).mode,
            None
        );
        // A rotation elsewhere keeps it.
        assert_eq!(
            s.next(AuthAction::StorageChanged { present: true }).mode,
            Some(TokenMode::Legacy)
        );
    }

    #[test]
    fn refused_storage_is_said_until_the_session_ends() {
        let s = AuthState::initial(false)
            .next(AuthAction::Confirmed(user(), TokenMode::Legacy))
            .next(AuthAction::ShortLived(ShortLived::StorageRefused));
        assert_eq!(s.short_lived, Some(ShortLived::StorageRefused));
        assert_eq!(
            s.next(AuthAction::Ended(EndReason::LoggedOut)).short_lived,
            None
        );
    }

    #[test]
    fn logout_in_another_tab_ends_this_one() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user(), TokenMode::Refresh));
        let s = s.next(AuthAction::StorageChanged { present: false });
        assert_eq!(s.status, AuthStatus::Anonymous);
        assert_eq!(s.ended, Some(EndReason::Elsewhere));
        // Already anonymous: nothing changes (no new reason).
        let anon = AuthState::initial(false);
        assert_eq!(
            anon.next(AuthAction::StorageChanged { present: false }),
            anon
        );
    }

    #[test]
    fn login_in_another_tab_is_confirmed_here() {
        let s = AuthState::initial(false).next(AuthAction::StorageChanged { present: true });
        assert_eq!(s.status, AuthStatus::Checking);
        assert_eq!(s.check, 1);
    }

    #[test]
    fn rotation_in_another_tab_changes_nothing() {
        let s = AuthState::initial(true).next(AuthAction::Confirmed(user(), TokenMode::Refresh));
        assert_eq!(s.next(AuthAction::StorageChanged { present: true }), s);
    }

    #[test]
    fn a_session_that_ended_is_not_revived_as_unconfirmed() {
        let s = AuthState::initial(true).next(AuthAction::Ended(EndReason::Expired));
        assert_eq!(s.next(AuthAction::Unconfirmed("Not Found".into())), s);
    }

    #[test]
    fn a_session_that_ended_keeps_its_first_reason() {
        // Logged out here; a request that was already out then meets a 401 and finds no tokens.
        let s = AuthState::initial(true)
            .next(AuthAction::Confirmed(user(), TokenMode::Refresh))
            .next(AuthAction::Ended(EndReason::LoggedOut));
        assert_eq!(s.next(AuthAction::Ended(EndReason::Expired)), s);
    }

    #[test]
    fn a_hint_that_led_nowhere_is_a_quiet_anonymous() {
        let s = AuthState::initial(true).next(AuthAction::Absent);
        assert_eq!((s.status.clone(), s.ended), (AuthStatus::Anonymous, None));
        // Only a check in progress ends that way.
        let confirmed =
            AuthState::initial(true).next(AuthAction::Confirmed(user(), TokenMode::Refresh));
        assert_eq!(confirmed.next(AuthAction::Absent), confirmed);
    }

    #[test]
    fn recheck_after_unconfirmed() {
        let s = AuthState::initial(true).next(AuthAction::Unconfirmed("down".into()));
        assert_eq!(s.status, AuthStatus::Unconfirmed("down".into()));
        let s = s.next(AuthAction::Recheck);
        assert_eq!((s.status.clone(), s.check), (AuthStatus::Checking, 2));
    }
}
