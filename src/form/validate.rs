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
