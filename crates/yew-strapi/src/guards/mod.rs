//! Route guards for yew-router (feature `router`): [`RequireAuth`] for pages that need a session,
//! [`GuestOnly`] for the login and registration pages, and the navigation they share.

mod guest_only;
mod require_auth;

pub use guest_only::{GuestOnly, GuestOnlyProps};
pub use require_auth::{RequireAuth, RequireAuthProps, Unconfirmed};

use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::redirect::percent_encode;

/// Why the login page was shown instead of the page asked for, in the history entry's state (read
/// it with `use_location()?.state::<LoginNotice>()`): it does not survive a reload or show in the
/// address bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginNotice {
    /// The session ended on its own (renewal refused, or a stored session found expired) while
    /// the person was on a page that needs one; say so above the form.
    SessionEnded,
}

/// Sends the visitor to `login` with `?redirect=<from>` (percent-encoded), replacing the current
/// history entry so that Back does not return to a page they cannot see.
pub fn to_login<R: Routable>(
    navigator: &Navigator,
    login: &R,
    from: &str,
    notice: Option<LoginNotice>,
) {
    let query = Raw(format!("redirect={}", percent_encode(from)));
    let _ = match notice {
        Some(notice) => navigator.replace_with_query_and_state(login, query, notice),
        None => navigator.replace_with_query(login, query),
    };
}

/// Goes (replacing the current entry) to a same-origin path already checked by
/// [`safe_redirect`](crate::redirect::safe_redirect), keeping its query and dropping its fragment.
/// A path no route recognizes goes to the router's not-found route.
pub fn go_to_path<R: Routable>(navigator: &Navigator, path: &str) {
    let path = path.split('#').next().unwrap_or_default();
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let Some(route) = R::recognize(path).or_else(R::not_found_route) else {
        return;
    };
    if query.is_empty() {
        navigator.replace(&route);
    } else {
        let _ = navigator.replace_with_query(&route, Raw(query));
    }
}
