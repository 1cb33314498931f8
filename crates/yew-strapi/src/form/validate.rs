//! Field checks shared by every form.

/// A pragmatic email shape check: one `@`, something before it, a dotted domain after it, no
/// spaces. The server stays the judge; this only catches typos before a round trip.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for ok in [
            "a@b.co",
            "first.last+tag@sub.example.com",
            "x@localhost.test",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "", "plain", "@b.co", "a@", "a@b", "a@@b.co", "a@b..co", "a b@c.co", "a@b.co.",
            "a@.b.co", "a@b.co\n",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }
}

/// Strapi's Users & Permissions minimum password length.
pub const MIN_PASSWORD: usize = 6;

/// The problem with an email field's value, if any.
pub fn email_problem(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if value.is_empty() {
        Some("Email is required")
    } else if !is_email(value) {
        Some("Enter a valid email address, like name@example.com")
    } else {
        None
    }
}

/// The problem with a new password, if any (Strapi's own rule: at least 6 characters).
pub fn new_password_problem(value: &str) -> Option<&'static str> {
    if value.is_empty() {
        Some("Password is required")
    } else if value.chars().count() < MIN_PASSWORD {
        Some("Use at least 6 characters")
    } else {
        None
    }
}

/// The problem with a password confirmation, if any.
pub fn confirmation_problem(password: &str, confirmation: &str) -> Option<&'static str> {
    if confirmation.is_empty() {
        Some("Confirm the password")
    } else if confirmation != password {
        Some("Passwords do not match")
    } else {
        None
    }
}

/// A new password and its confirmation, checked together (registration, reset, change):
/// the problems of each, in that order.
pub fn new_password_pair(
    password: &str,
    confirmation: &str,
) -> (Option<&'static str>, Option<&'static str>) {
    (
        new_password_problem(password),
        confirmation_problem(password, confirmation),
    )
}

#[cfg(test)]
mod rules {
    use super::*;

    #[test]
    fn email_rules() {
        assert_eq!(email_problem(""), Some("Email is required"));
        assert!(email_problem("x")
            .unwrap()
            .starts_with("Enter a valid email"));
        assert_eq!(email_problem(" a@b.co "), None);
    }

    #[test]
    fn password_rules() {
        assert_eq!(new_password_problem(""), Some("Password is required"));
        assert_eq!(
            new_password_problem("12345"),
            Some("Use at least 6 characters")
        );
        assert_eq!(new_password_problem("123456"), None);
        // Characters, not bytes: six accented letters are six.
        assert_eq!(new_password_problem("éééééé"), None);
        assert_eq!(
            confirmation_problem("abcdef", ""),
            Some("Confirm the password")
        );
        assert_eq!(
            confirmation_problem("abcdef", "abcdeg"),
            Some("Passwords do not match")
        );
        assert_eq!(confirmation_problem("abcdef", "abcdef"), None);
        assert_eq!(
            new_password_pair("abc", "abd"),
            (
                Some("Use at least 6 characters"),
                Some("Passwords do not match")
            )
        );
        assert_eq!(new_password_pair("abcdef", "abcdef"), (None, None));
    }
}
