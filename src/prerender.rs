//! The release build's first views: each route rendered for a visitor with no session by the app's
//! own components (Yew's server renderer, native only), into the page a static host serves for it.

use std::cell::RefCell;

use yew::prelude::*;
use yew_router::history::{AnyHistory, History, MemoryHistory};
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::api::StrapiClient;
use crate::router::{switch, Route};
use crate::session::AuthProvider;

/// A prerendered page: the route's path and the query it is rendered with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Page {
    pub path: &'static str,
    /// The reset link always carries a code: its page is made for one (the code is not rendered).
    pub query: &'static str,
}

/// Every fixed route of the router's table. `index.html` is the home page and, as before, the
/// fallback a static host serves for any other path (a provider's callback, an unknown address):
/// there index.html's first script hides the home page's content until the app has rendered the
/// right one.
pub fn pages() -> impl Iterator<Item = Page> {
    crate::router::PATHS.iter().map(|(path, route)| Page {
        path,
        query: if *route == Route::ResetPassword {
            "code=prerendered"
        } else {
            ""
        },
    })
}

/// Where a page goes in `dist/`: the folder a static host serves for its path; the home page is
/// `index.html`, and not-found also `404.html`, for hosts that answer unknown paths with it.
pub fn files(page: Page) -> Vec<String> {
    match page.path {
        "/" => vec!["index.html".into()],
        "/404" => vec!["404/index.html".into(), "404.html".into()],
        path => vec![format!("{}/index.html", path.trim_start_matches('/'))],
    }
}

thread_local! {
    /// The page is rendered on this thread (`render` blocks on it).
    static TITLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// What `Layout` says the document's title is, for the page being rendered.
pub fn note_title(title: String) {
    TITLE.set(Some(title));
}

#[derive(Properties, PartialEq)]
struct ServerAppProps {
    client: StrapiClient,
    page: Page,
}

/// The app as `App` mounts it, with the route taken from the page instead of the address bar.
#[function_component]
fn ServerApp(props: &ServerAppProps) -> Html {
    let history = AnyHistory::from(MemoryHistory::new());
    if props.page.query.is_empty() {
        history.push(props.page.path);
    } else {
        let _ = history.push_with_query(props.page.path, Raw(props.page.query));
    }
    html! {
        <AuthProvider client={props.client.clone()}>
            <Router {history}>
                <Switch<Route> render={switch} />
            </Router>
        </AuthProvider>
    }
}

/// The page's markup inside `#app`, and its document title.
pub fn render(page: Page, client: StrapiClient) -> (String, String) {
    let renderer =
        yew::LocalServerRenderer::<ServerApp>::with_props(ServerAppProps { client, page })
            .hydratable(false);
    let body = futures::executor::block_on(renderer.render());
    let title = TITLE.take().unwrap_or_default();
    (body, title)
}

const APP_START: &str = "<div id=\"app\">";
const APP_END: &str = "<!-- /app --></div>";

/// Trunk's `index.html` with the page put in: its markup in `#app`, its title, and its path on
/// `<html data-page>` (index.html's first script compares it with the address).
pub fn fill(template: &str, page: Page, body: &str, title: &str) -> Result<String, String> {
    let start = template
        .find(APP_START)
        .ok_or("index.html has no <div id=\"app\">")?;
    let end = template[start..]
        .find(APP_END)
        .map(|i| start + i)
        .ok_or("index.html's #app does not end with <!-- /app -->")?;
    let title_start = template
        .find("<title>")
        .ok_or("index.html has no <title>")?;
    let title_end = template[title_start..]
        .find("</title>")
        .map(|i| title_start + i)
        .ok_or("index.html's <title> is not closed")?;
    if title_end > start {
        return Err("index.html's <title> must come before #app".into());
    }
    let html_tag = "<html lang=\"en\">";
    if !template[..title_start].contains(html_tag) {
        return Err(format!("index.html must start with {html_tag}"));
    }
    let head = template[..title_start].replacen(
        html_tag,
        &format!("<html lang=\"en\" data-page=\"{}\">", escape(page.path)),
        1,
    );
    Ok(format!(
        "{head}<title>{}</title>{}{APP_START}{body}{}",
        escape(title),
        &template[title_end + "</title>".len()..start],
        &template[end..],
    ))
}

/// Text and attribute values: the five characters HTML gives a meaning.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{ConfigSource, StrapiConfig};

    fn client() -> StrapiClient {
        StrapiClient::new(StrapiConfig::resolve(
            &ConfigSource::default(),
            &ConfigSource::default(),
            "",
        ))
    }

    const TEMPLATE: &str = "<!doctype html>\n<html lang=\"en\">\n<head><title>Yew Strapi Auth</title>\
        <script>x</script></head>\n<body>\n<div id=\"app\"><!-- app -->\n<p>Loading…</p>\n<!-- /app --></div>\n\
        <script>y</script></body></html>";

    #[test]
    fn every_route_is_a_page_with_its_own_heading_and_title() {
        let expected = [
            ("/", "<h1 id=\"home-heading\">Yew Strapi Auth</h1>", "Home"),
            (
                "/auth/login",
                "<h1 id=\"login-heading\">Login</h1>",
                "Login",
            ),
            (
                "/auth/register",
                "<h1 id=\"register-heading\">Create an account</h1>",
                "Create an account",
            ),
            (
                "/auth/forgot-password",
                "<h1 id=\"forgot-heading\">Forgot your password?</h1>",
                "Forgot password",
            ),
            (
                "/auth/reset-password",
                "<h1 id=\"reset-heading\">Choose a new password</h1>",
                "Reset password",
            ),
            (
                "/auth/email-confirmed",
                "<h1 id=\"confirmed-heading\">Your email is confirmed</h1>",
                "Email confirmed",
            ),
            ("/dashboard", "Checking your session…", "Dashboard"),
            ("/account", "Checking your session…", "Account"),
            ("/account/sessions", "Checking your session…", "Devices"),
            ("/account/reviews", "Checking your session…", "My reviews"),
            (
                "/restaurants",
                "<h1 id=\"restaurants-heading\">Restaurants</h1>",
                "Restaurants",
            ),
            (
                "/404",
                "<h1 id=\"not-found-heading\">Page not found</h1>",
                "Page not found",
            ),
        ];
        for (path, heading, title) in expected {
            let page = pages().find(|p| p.path == path);
            let (body, got_title) = render(page.expect("prerendered"), client());
            assert!(body.contains(heading), "{path}: {heading} in {body}");
            assert_eq!(got_title, format!("{title} · Yew Strapi Auth"), "{path}");
            // The visitor has no session: the header offers the way in.
            assert!(body.contains("href=\"/auth/login\""), "{path}");
            // Submitting is the app's job: without scripts no button can send a form.
            for button in body.split("<button").skip(1) {
                let tag = &button[..button.find('>').unwrap()];
                if tag.contains("type=\"submit\"") {
                    assert!(
                        tag.contains("disabled") && tag.contains("data-prerendered"),
                        "{path}: {tag}"
                    );
                }
            }
        }
        assert_eq!(
            pages().count(),
            expected.len(),
            "every route is checked above"
        );
    }

    #[test]
    fn each_page_goes_where_a_static_host_looks_for_its_path() {
        let page = |path| Page { path, query: "" };
        assert_eq!(files(page("/")), ["index.html"]);
        assert_eq!(files(page("/auth/login")), ["auth/login/index.html"]);
        assert_eq!(
            files(page("/account/sessions")),
            ["account/sessions/index.html"]
        );
        assert_eq!(files(page("/404")), ["404/index.html", "404.html"]);
    }

    #[test]
    fn the_login_page_holds_its_form_labelled_and_empty() {
        let page = pages().find(|p| p.path == "/auth/login").unwrap();
        let (body, _) = render(page, client());
        assert!(body.contains("<label for=\"identifier\">Email</label>"));
        assert!(body.contains("<label for=\"password\">Password</label>"));
        assert!(body.contains("id=\"remember-me\""));
        assert!(!body.contains("Checking your session"));
    }

    #[test]
    fn a_page_goes_into_the_template_with_its_title_and_path() {
        let page = Page {
            path: "/auth/login",
            query: "",
        };
        let html = fill(TEMPLATE, page, "<main>form</main>", "Login · A & B").unwrap();
        assert_eq!(
            html,
            "<!doctype html>\n<html lang=\"en\" data-page=\"/auth/login\">\n<head><title>Login · A &amp; B</title>\
             <script>x</script></head>\n<body>\n<div id=\"app\"><main>form</main><!-- /app --></div>\n\
             <script>y</script></body></html>"
        );
    }

    #[test]
    fn a_template_without_the_markers_is_an_error_not_a_broken_page() {
        let page = Page {
            path: "/",
            query: "",
        };
        assert!(fill(
            "<html lang=\"en\"><title>t</title><body></body>",
            page,
            "",
            ""
        )
        .is_err());
        let unclosed = TEMPLATE.replace("<!-- /app -->", "");
        assert!(fill(&unclosed, page, "", "").is_err());
        let no_title = TEMPLATE.replace("<title>Yew Strapi Auth</title>", "");
        assert!(fill(&no_title, page, "", "").is_err());
    }
}
