//! Where Strapi lives: base URL, REST prefix and request timeout, and the one function that builds every URL.
//!
//! Precedence, highest first: `<meta>` tags in the served `index.html` (editable in `dist/` without a
//! rebuild), build-time environment variables, then defaults (the page's own origin and `/api`).

/// Strapi's default `rest.prefix`.
pub const DEFAULT_PREFIX: &str = "/api";

/// The issue's default: a request that hangs is aborted after 15 s.
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// The `<meta name>` a deployer edits in the served `index.html` for Strapi's base URL.
pub const META_URL: &str = "strapi-url";
/// The `<meta name>` for Strapi's REST prefix (`/` for none).
pub const META_PREFIX: &str = "strapi-prefix";
/// The `<meta name>` for the request timeout in milliseconds.
pub const META_TIMEOUT: &str = "strapi-timeout-ms";
/// The `<meta name>` for the login providers to offer, comma-separated.
pub const META_PROVIDERS: &str = "strapi-providers";
/// `local` (the default: the cookbook's localStorage) or `cookie` (Strapi's httpOnly refresh
/// cookie; the access token in memory).
pub const META_TOKEN_STORAGE: &str = "strapi-token-storage";

/// Where Strapi is and how to talk to it. Built with [`StrapiConfig::new`] and the `with_*`
/// methods, or read from the page with [`from_page`]; read through its fields.
///
/// ```
/// use strapi_client::config::StrapiConfig;
/// let config = StrapiConfig::new("https://cms.example.com")
///     .with_prefix("/v2/api")
///     .with_timeout_ms(8_000)
///     .with_cookie(true);
/// assert_eq!(config.url("/auth/local"), "https://cms.example.com/v2/api/auth/local");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StrapiConfig {
    /// Scheme, host and optional path of the Strapi server, e.g. `https://cms.example.com`.
    pub base_url: String,
    /// Strapi's `rest.prefix`; may be empty.
    pub prefix: String,
    /// A request with no answer after this long is aborted ([`ApiError::Timeout`]).
    ///
    /// [`ApiError::Timeout`]: crate::api::ApiError::Timeout
    pub timeout_ms: u32,
    /// Users & Permissions providers to offer on the login page (`github`, `google`, …).
    pub providers: Vec<String>,
    /// The refresh token lives in Strapi's httpOnly cookie, out of reach of scripts.
    pub cookie: bool,
}

/// Raw, possibly empty settings from one source (meta tags or the build environment), merged by
/// [`StrapiConfig::resolve`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigSource {
    /// Strapi's base URL.
    pub base_url: Option<String>,
    /// Strapi's REST prefix; `/` for none.
    pub prefix: Option<String>,
    /// The request timeout in milliseconds, as text.
    pub timeout_ms: Option<String>,
    /// Login providers, comma-separated.
    pub providers: Option<String>,
    /// `cookie` for Strapi's httpOnly refresh cookie; anything else for localStorage.
    pub token_storage: Option<String>,
}

impl ConfigSource {
    /// Values baked in by `STRAPI_URL`, `STRAPI_API_PREFIX` and `STRAPI_TIMEOUT_MS` at build time.
    pub fn from_build_env() -> Self {
        Self {
            base_url: option_env!("STRAPI_URL").map(str::to_owned),
            prefix: option_env!("STRAPI_API_PREFIX").map(str::to_owned),
            timeout_ms: option_env!("STRAPI_TIMEOUT_MS").map(str::to_owned),
            providers: option_env!("STRAPI_PROVIDERS").map(str::to_owned),
            token_storage: option_env!("STRAPI_TOKEN_STORAGE").map(str::to_owned),
        }
    }
}

/// A setting that is present and not blank.
fn set(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl StrapiConfig {
    /// Strapi at `base_url` (scheme, host and optional path), with its defaults: the `/api`
    /// prefix, a 15 s timeout, no providers, tokens in Web Storage under the cookbook's keys
    /// (localStorage; sessionStorage for a session that is not remembered).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            prefix: DEFAULT_PREFIX.to_owned(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            providers: Vec::new(),
            cookie: false,
        }
    }

    /// Strapi's `rest.prefix` (`config/api.js`); empty or `/` when it has none.
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Aborts a request with no answer after `timeout_ms` (clamped to what browser timers take;
    /// 0 keeps the default).
    pub fn with_timeout_ms(mut self, timeout_ms: u32) -> Self {
        if timeout_ms > 0 {
            self.timeout_ms = timeout_ms.min(i32::MAX as u32);
        }
        self
    }

    /// The Users & Permissions providers to offer (`github`, `google`…); names that could not be
    /// a provider (anything but letters, digits, `-` and `_`) are dropped, so a setting can never
    /// steer a URL elsewhere.
    pub fn with_providers<I, S>(mut self, providers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let list: Vec<String> = providers
            .into_iter()
            .map(|p| p.as_ref().to_owned())
            .collect();
        self.providers = parse_providers(&list.join(","));
        self
    }

    /// `true`: the refresh token in Strapi's httpOnly cookie and the access token in memory only
    /// (needs Strapi 5 with `jwtManagement: 'refresh'` and the app's origin allowed with
    /// credentials); `false`: the tokens under the cookbook's keys in localStorage (sessionStorage
    /// for a session that is not remembered).
    pub fn with_cookie(mut self, cookie: bool) -> Self {
        self.cookie = cookie;
        self
    }

    /// Merges the sources; `origin` is the page's own origin, the fallback base URL.
    ///
    /// A blank value means "not set", so the shipped `index.html` can carry empty tags; a deployer
    /// whose Strapi has no prefix (`rest.prefix: ''`) writes `/`.
    pub fn resolve(meta: &ConfigSource, build: &ConfigSource, origin: &str) -> Self {
        let base_url = set(&meta.base_url)
            .or_else(|| set(&build.base_url))
            .unwrap_or(origin)
            .to_owned();
        let prefix = set(&meta.prefix)
            .or_else(|| set(&build.prefix))
            .unwrap_or(DEFAULT_PREFIX)
            .to_owned();
        let timeout_ms = set(&meta.timeout_ms)
            .or_else(|| set(&build.timeout_ms))
            .and_then(|s| s.parse::<u64>().ok())
            .filter(|ms| *ms > 0)
            // Browser timers take a signed 32-bit delay; a longer one would fire at once.
            .map(|ms| ms.min(i32::MAX as u64) as u32)
            .unwrap_or(DEFAULT_TIMEOUT_MS);
        let providers = set(&meta.providers)
            .or_else(|| set(&build.providers))
            .map(parse_providers)
            .unwrap_or_default();
        // Anything but `cookie` keeps the cookbook's storage: an unknown word must not turn a
        // deployment to a mode its Strapi may not be set up for.
        let cookie = set(&meta.token_storage)
            .or_else(|| set(&build.token_storage))
            .is_some_and(|s| s.eq_ignore_ascii_case("cookie"));
        Self {
            base_url,
            prefix,
            timeout_ms,
            providers,
            cookie,
        }
    }

    /// A media file's address as a page can use it. Strapi's local upload provider answers with
    /// a path (`/uploads/photo.jpg`), served by Strapi itself outside the REST prefix: it becomes
    /// absolute under the base URL. An address a cloud provider gave (`https://…`) stays as it is.
    pub fn media_url(&self, url: &str) -> String {
        let absolute = url.starts_with("//")
            || url.split_once("://").is_some_and(|(scheme, _)| {
                !scheme.is_empty()
                    && scheme
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
            });
        if absolute || url.is_empty() {
            return url.to_owned();
        }
        format!(
            "{}/{}",
            self.base_url.trim_end_matches('/'),
            url.trim_start_matches('/')
        )
    }

    /// The counterpart of the cookbook's `getStrapiURL(path)`.
    pub fn url(&self, path: &str) -> String {
        strapi_url(&self.base_url, &self.prefix, path)
    }
}

/// `github` → `Github`: how a provider is named on a button and in messages. Provider names are
/// ASCII identifiers; ASCII case keeps Unicode's case tables out of the bundle.
pub fn provider_label(provider: &str) -> String {
    let mut label = provider.to_owned();
    if let Some(first) = label.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    label
}

/// A comma-separated provider list; names that could not be a Strapi provider (anything but
/// letters, digits, `-` and `_`) are dropped, so a setting can never steer a URL elsewhere.
pub fn parse_providers(list: &str) -> Vec<String> {
    let mut providers: Vec<String> = Vec::new();
    for name in list.split(',').map(str::trim) {
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if valid && !providers.iter().any(|p| p == name) {
            providers.push(name.to_owned());
        }
    }
    providers
}

/// Joins base, prefix and path with exactly one slash between non-empty parts, whatever slashes
/// each carries; the path's query string and fragment are kept as given.
pub fn strapi_url(base: &str, prefix: &str, path: &str) -> String {
    let base = base.trim_end_matches('/');
    let prefix = prefix.trim_matches('/');
    let path = path.trim_start_matches('/');
    let mut url = String::with_capacity(base.len() + prefix.len() + path.len() + 2);
    url.push_str(base);
    for part in [prefix, path] {
        if part.is_empty() {
            continue;
        }
        // A query directly after the prefix (`?x=1`) attaches without a slash.
        if !part.starts_with('?') {
            url.push('/');
        }
        url.push_str(part);
    }
    if url.is_empty() {
        url.push('/');
    }
    url
}

/// Reads the deploy-time `<meta>` tags and the page's origin; browser only.
pub fn from_page() -> StrapiConfig {
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let meta = |name: &str| {
        document
            .as_ref()?
            .query_selector(&format!("meta[name=\"{name}\"]"))
            .ok()??
            .get_attribute("content")
    };
    let page = ConfigSource {
        base_url: meta(META_URL),
        prefix: meta(META_PREFIX),
        timeout_ms: meta(META_TIMEOUT),
        providers: meta(META_PROVIDERS),
        token_storage: meta(META_TOKEN_STORAGE),
    };
    let origin = window
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    StrapiConfig::resolve(&page, &ConfigSource::from_build_env(), &origin)
}

/// Encodes a query value, leaving `/` readable (`?redirect=/dashboard`).
pub fn percent_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Encodes one path segment (an id, a slug, a provider's name), `/` included: whatever it holds,
/// it can never reach another route.
pub fn path_segment(input: &str) -> String {
    percent_encode(input).replace('/', "%2F")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_urls() {
        let config = StrapiConfig::new("https://cms.example/").with_prefix("/api");
        assert_eq!(
            config.media_url("/uploads/a.jpg"),
            "https://cms.example/uploads/a.jpg"
        );
        assert_eq!(
            config.media_url("uploads/a.jpg"),
            "https://cms.example/uploads/a.jpg"
        );
        for kept in [
            "https://cdn.example/a.jpg",
            "//cdn.example/a.jpg",
            "http://x/y",
            "",
        ] {
            assert_eq!(config.media_url(kept), kept);
        }
        // On the page's own origin (the default base URL in production).
        let same = StrapiConfig::new("");
        assert_eq!(same.media_url("/uploads/a.jpg"), "/uploads/a.jpg");
    }

    #[test]
    fn built_with_new_and_with() {
        let config = StrapiConfig::new("https://cms.example")
            .with_prefix("/")
            .with_timeout_ms(u32::MAX)
            .with_providers(["github", "evil.example/x", "github", "auth0"])
            .with_cookie(true);
        assert_eq!(config.url("/users/me"), "https://cms.example/users/me");
        assert_eq!(config.timeout_ms, i32::MAX as u32);
        assert_eq!(config.providers, ["github", "auth0"]);
        assert!(config.cookie);
        let default = StrapiConfig::new("https://cms.example").with_timeout_ms(0);
        assert_eq!(default.timeout_ms, DEFAULT_TIMEOUT_MS);
        assert_eq!(
            default.url("auth/local"),
            "https://cms.example/api/auth/local"
        );
        assert!(!default.cookie && default.providers.is_empty());
    }

    #[test]
    fn default_prefix() {
        assert_eq!(
            strapi_url("http://localhost:1337", "/api", "/auth/local"),
            "http://localhost:1337/api/auth/local"
        );
    }

    #[test]
    fn slashes_everywhere_collapse_to_one() {
        assert_eq!(
            strapi_url("http://localhost:1337///", "//api//", "//auth/local"),
            "http://localhost:1337/api/auth/local"
        );
        assert_eq!(
            strapi_url("http://localhost:1337", "api", "auth/local"),
            "http://localhost:1337/api/auth/local"
        );
    }

    #[test]
    fn empty_prefix() {
        assert_eq!(
            strapi_url("https://cms.example.com/", "", "/users/me"),
            "https://cms.example.com/users/me"
        );
        assert_eq!(
            strapi_url("https://cms.example.com", "/", "users/me"),
            "https://cms.example.com/users/me"
        );
    }

    #[test]
    fn custom_nested_prefix() {
        assert_eq!(
            strapi_url("https://cms.example.com", "/v2/api", "/auth/local"),
            "https://cms.example.com/v2/api/auth/local"
        );
        assert_eq!(
            strapi_url("https://cms.example.com", "v2/api/", "auth/local"),
            "https://cms.example.com/v2/api/auth/local"
        );
    }

    #[test]
    fn base_with_path() {
        assert_eq!(
            strapi_url("https://example.com/strapi/", "/api", "/auth/local"),
            "https://example.com/strapi/api/auth/local"
        );
    }

    #[test]
    fn query_strings_are_kept() {
        assert_eq!(
            strapi_url("http://h", "/api", "/users/me?populate=role&x=a/b"),
            "http://h/api/users/me?populate=role&x=a/b"
        );
        assert_eq!(
            strapi_url("http://h", "/api", "?locale=en"),
            "http://h/api?locale=en"
        );
    }

    #[test]
    fn relative_base_stays_relative() {
        assert_eq!(strapi_url("", "/api", "auth/local"), "/api/auth/local");
        assert_eq!(strapi_url("", "", "auth/local"), "/auth/local");
        assert_eq!(strapi_url("", "", ""), "/");
    }

    #[test]
    fn empty_path_gives_the_api_root() {
        assert_eq!(strapi_url("http://h/", "/api/", ""), "http://h/api");
    }

    #[test]
    fn resolve_prefers_meta_then_build_then_defaults() {
        let origin = "http://127.0.0.1:8080";
        let none = ConfigSource::default();
        let c = StrapiConfig::resolve(&none, &none, origin);
        assert_eq!(c.base_url, origin);
        assert_eq!(c.prefix, "/api");
        assert_eq!(c.timeout_ms, 15_000);

        let build = ConfigSource {
            base_url: Some("http://build:1337".into()),
            prefix: Some("/v2/api".into()),
            timeout_ms: Some("3000".into()),
            providers: Some("github, google".into()),
            token_storage: Some("cookie".into()),
        };
        let c = StrapiConfig::resolve(&none, &build, origin);
        assert_eq!(c.url("/auth/local"), "http://build:1337/v2/api/auth/local");
        assert_eq!(c.timeout_ms, 3000);
        assert_eq!(c.providers, ["github", "google"]);
        assert!(c.cookie);

        let meta = ConfigSource {
            base_url: Some(" http://deploy:1337 ".into()),
            prefix: Some("/".into()),
            timeout_ms: Some("".into()),
            providers: Some("testprovider".into()),
            token_storage: Some("local".into()),
        };
        let c = StrapiConfig::resolve(&meta, &build, origin);
        assert_eq!(c.url("/auth/local"), "http://deploy:1337/auth/local");
        assert_eq!(c.timeout_ms, 3000, "an empty meta timeout falls back");
        assert_eq!(c.providers, ["testprovider"]);
        assert!(!c.cookie, "the page's setting wins over the build's");
    }

    #[test]
    fn token_storage_is_local_unless_cookie_is_asked_for() {
        let with = |value: &str| {
            let meta = ConfigSource {
                token_storage: Some(value.into()),
                ..ConfigSource::default()
            };
            StrapiConfig::resolve(&meta, &ConfigSource::default(), "http://o").cookie
        };
        assert!(with("cookie") && with(" Cookie "));
        for other in ["", "local", "cookies", "httpOnly", "session"] {
            assert!(!with(other), "{other:?}");
        }
        assert!(
            !StrapiConfig::resolve(&ConfigSource::default(), &ConfigSource::default(), "").cookie
        );
    }

    #[test]
    fn provider_lists() {
        assert_eq!(
            parse_providers(" github ,google,,github"),
            ["github", "google"]
        );
        assert_eq!(
            parse_providers("ok, ../evil, a/b, x?y=1, java script, auth0"),
            ["ok", "auth0"]
        );
        assert!(parse_providers("").is_empty());
    }

    #[test]
    fn resolve_ignores_blank_urls_and_bad_timeouts() {
        let meta = ConfigSource {
            base_url: Some("   ".into()),
            prefix: Some(" ".into()),
            timeout_ms: Some("soon".into()),
            ..ConfigSource::default()
        };
        let c = StrapiConfig::resolve(&meta, &ConfigSource::default(), "http://o");
        assert_eq!(c.base_url, "http://o");
        assert_eq!(c.prefix, DEFAULT_PREFIX);
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
        let zero = ConfigSource {
            timeout_ms: Some("0".into()),
            ..ConfigSource::default()
        };
        let c = StrapiConfig::resolve(&zero, &ConfigSource::default(), "http://o");
        assert_eq!(c.timeout_ms, DEFAULT_TIMEOUT_MS);
    }

    #[test]
    fn a_huge_timeout_is_capped_where_browser_timers_stop_working() {
        // setTimeout takes a signed 32-bit delay: above it, the abort would fire at once.
        let huge = ConfigSource {
            timeout_ms: Some("3000000000".into()),
            ..ConfigSource::default()
        };
        let c = StrapiConfig::resolve(&huge, &ConfigSource::default(), "http://o");
        assert_eq!(c.timeout_ms, i32::MAX as u32);
        let beyond_u32 = ConfigSource {
            timeout_ms: Some("99999999999".into()),
            ..ConfigSource::default()
        };
        let c = StrapiConfig::resolve(&beyond_u32, &ConfigSource::default(), "http://o");
        assert_eq!(c.timeout_ms, i32::MAX as u32);
    }

    #[test]
    fn provider_labels() {
        assert_eq!(provider_label("github"), "Github");
        assert_eq!(provider_label(""), "");
        // A name that is not ASCII is shown as it is, not cut inside a character.
        assert_eq!(provider_label("éclair"), "éclair");
    }
}
