//! How a session ends, or why it will not outlive the page: what the session layer tells the UI.

/// Why the last session ended, for the login page's words and redirect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum EndReason {
    /// Strapi refused the tokens and they could not be renewed.
    Expired,
    /// This tab logged out.
    LoggedOut,
    /// Another tab logged out (or cleared the tokens).
    Elsewhere,
    /// The app keeps sessions in Strapi's cookie, and this Strapi keeps none (no renewal route).
    NoServerSessions,
}

/// Why a session will not outlive this page, where it will not: the page says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ShortLived {
    /// The browser refused to store it: it lives in this tab's memory.
    StorageRefused,
    /// The app keeps sessions in Strapi's cookie, and this Strapi keeps none: the single token
    /// lives in this tab's memory.
    NoServerSessions,
}
