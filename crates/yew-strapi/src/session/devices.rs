//! The user's signed-in devices (`/auth/sessions`): listing them, and signing one out through
//! Strapi's rotation.

use super::auth::Auth;
use crate::api::{calls, ApiError, DeviceSession};

/// Rounds of "delete, then look again" before telling the user the device is still signed in.
const SIGN_OUT_ROUNDS: usize = 3;
/// What a person sees when a device could not be signed out.
pub const MSG_STILL_SIGNED_IN: &str = "The device is still signed in. Please try again.";

/// Why a device is not signed out.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SignOutError {
    /// The request failed (see [`ApiError::user_message`]).
    Api(ApiError),
    /// It rotated under every delete: it is still signed in.
    StillSignedIn,
}

impl SignOutError {
    /// The words a person sees; `now_secs` words a rate limit's wait.
    pub fn user_message(&self, now_secs: u64) -> String {
        match self {
            SignOutError::Api(e) => e.user_message(now_secs),
            SignOutError::StillSignedIn => MSG_STILL_SIGNED_IN.into(),
        }
    }
}

impl From<ApiError> for SignOutError {
    fn from(e: ApiError) -> Self {
        SignOutError::Api(e)
    }
}

/// The entry of a fresh list that is the same sign-in as `chosen`. Strapi gives a session a new
/// id each time its refresh token rotates and keeps its `loginAt` and `deviceId`, so the device the
/// user chose is the one with the same id or, once it rotated, the same sign-in. A session made by
/// a password change or reset has no `loginAt` but a `deviceId` of its own; one with neither can
/// only be told by its id.
pub fn same_sign_in<'a>(
    list: &'a [DeviceSession],
    chosen: &DeviceSession,
) -> Option<&'a DeviceSession> {
    let traceable = chosen.login_at.is_some() || chosen.device_id.is_some();
    list.iter().find(|d| {
        !d.current
            && (d.id == chosen.id
                || (traceable && d.login_at == chosen.login_at && d.device_id == chosen.device_id))
    })
}

impl Auth {
    /// Signs out the sign-in `chosen` stands for and returns the list as it is afterwards.
    /// Deleting only the id on screen is not enough: if that device refreshed since the list was
    /// loaded, the id belongs to a spent session and the device stays signed in under its new one.
    pub async fn sign_out_device(
        &self,
        chosen: &DeviceSession,
    ) -> Result<Vec<DeviceSession>, SignOutError> {
        let mut id = chosen.id.clone();
        for _ in 0..SIGN_OUT_ROUNDS {
            match self.call(calls::delete_device(&id)).await {
                // Not found: it rotated or was signed out meanwhile; the list says which.
                Err(e) if e.status() != Some(404) => return Err(e.into()),
                _ => {}
            }
            let list = self.devices().await?;
            match same_sign_in(&list, chosen) {
                Some(successor) => id = successor.id.clone(),
                None => return Ok(list),
            }
        }
        Err(SignOutError::StillSignedIn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(id: &str, login_at: Option<&str>, current: bool) -> DeviceSession {
        DeviceSession {
            id: id.into(),
            device_id: None,
            device_name: None,
            current,
            login_at: login_at.map(Into::into),
            last_active_at: None,
        }
    }

    #[test]
    fn a_sign_in_is_followed_through_rotation() {
        let chosen = device("old", Some("2026-11-25T06:33:09.853Z"), false);
        let mine = device("mine", Some("2026-11-25T06:33:09.762Z"), true);
        let rotated = device("new", Some("2026-11-25T06:33:09.853Z"), false);
        let other = device("other", Some("2026-11-25T07:00:00.000Z"), false);
        let list = [mine.clone(), other.clone(), rotated.clone()];
        assert_eq!(same_sign_in(&list, &chosen), Some(&rotated));
        assert_eq!(same_sign_in(&[mine.clone(), other.clone()], &chosen), None);
        // Same id: found even without a sign-in time.
        let bare = device("old", None, false);
        assert_eq!(
            same_sign_in(std::slice::from_ref(&bare), &bare),
            Some(&bare)
        );
        // Without a sign-in time nothing else can be told to be the same device.
        let unknown = device("x", None, false);
        assert_eq!(same_sign_in(&[device("y", None, false)], &unknown), None);
        // Never this device, whatever it shares with the chosen one.
        let current_twin = device("me", Some("2026-11-25T06:33:09.853Z"), true);
        assert_eq!(same_sign_in(&[current_twin], &chosen), None);
        // A session from a password change: no sign-in time, a deviceId that rotation keeps.
        let mut reissued = device("p1", None, false);
        reissued.device_id = Some("d9".into());
        let mut reissued_rotated = device("p2", None, false);
        reissued_rotated.device_id = Some("d9".into());
        assert_eq!(
            same_sign_in(std::slice::from_ref(&reissued_rotated), &reissued),
            Some(&reissued_rotated)
        );
        // A different deviceId is a different device.
        let mut elsewhere = rotated.clone();
        elsewhere.device_id = Some("d2".into());
        assert_eq!(same_sign_in(&[elsewhere], &chosen), None);
    }

    #[test]
    fn still_signed_in_has_its_own_words() {
        assert_eq!(
            SignOutError::StillSignedIn.user_message(0),
            MSG_STILL_SIGNED_IN
        );
        assert_eq!(
            SignOutError::from(ApiError::Network).user_message(0),
            crate::api::MSG_UNREACHABLE
        );
    }
}
