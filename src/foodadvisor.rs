//! FoodAdvisor's restaurants and reviews as this app reads and writes them: the content types,
//! the queries each page sends, the list's address (page and search), and the review form's rules.

use serde::{Deserialize, Serialize};

use crate::content::{Collection, Entry, Filter, Populate, Query, Sort};
use crate::router::{percent_encode, query_param};

/// Restaurants on one page of the list.
pub const PAGE_SIZE: u32 = 5;
/// The longest review Strapi takes (the `review` type's `maxLength`).
pub const REVIEW_MAX_CHARS: usize = 2000;

/// `api::restaurant.restaurant`.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Restaurant {
    /// Its name.
    pub name: String,
    /// Its address in the app: `/restaurants/:slug`.
    pub slug: String,
    /// `p1` (cheapest) to `p4`.
    #[serde(default)]
    pub price: Option<String>,
    /// A few lines about it.
    #[serde(default)]
    pub description: Option<String>,
}

/// The author of a review, as the server shows them: their username only.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct Author {
    /// The author's username.
    pub username: String,
}

/// The restaurant a review is about, as "My reviews" shows it.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct ReviewedRestaurant {
    /// Its name.
    pub name: String,
    /// Its address in the app.
    pub slug: String,
}

/// `api::review.review`, with the relations the pages populate.
#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Review {
    /// 1 to 5.
    pub note: u8,
    /// The text; may be empty.
    #[serde(default)]
    pub content: Option<String>,
    /// When it was written (ISO 8601).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Who wrote it, where populated.
    #[serde(default)]
    pub author: Option<Entry<Author>>,
    /// What it is about, where populated.
    #[serde(default)]
    pub restaurant: Option<Entry<ReviewedRestaurant>>,
}

/// What a review form sends (`author` is never sent: the server sets it to the logged-in user).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ReviewInput {
    /// 1 to 5.
    pub note: u8,
    /// The text.
    pub content: String,
    /// The restaurant's `documentId`; only when creating (an update cannot move a review).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restaurant: Option<String>,
}

/// `/api/restaurants`.
pub fn restaurants() -> Collection<Entry<Restaurant>> {
    Collection::new("restaurants")
}

/// `/api/reviews`.
pub fn reviews() -> Collection<Entry<Review>> {
    Collection::new("reviews")
}

/// Where the list is: a page (from 1) and a name search, both kept in the address so that Back
/// and a shared link show the same list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Listing {
    /// From 1.
    pub page: u32,
    /// Trimmed; empty for all restaurants.
    pub search: String,
}

impl Listing {
    /// Reads `?page=&q=` (a missing, zero or malformed page is the first).
    pub fn from_query(query: &str) -> Self {
        let page = query_param(query, "page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p > 0)
            .unwrap_or(1);
        let search = query_param(query, "q")
            .map(|q| q.trim().to_owned())
            .unwrap_or_default();
        Self { page, search }
    }

    /// The query string for this listing, without the defaults (`q` before `page`); empty for the
    /// first page of everything.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.search.is_empty() {
            parts.push(format!("q={}", percent_encode(&self.search)));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }

    /// What Strapi is asked for this listing: by name, a page of [`PAGE_SIZE`].
    pub fn strapi_query(&self) -> Query {
        let query = Query::new()
            .fields(["name", "slug", "price", "description"])
            .sort(Sort::asc("name"))
            .page(self.page, PAGE_SIZE);
        if self.search.is_empty() {
            query
        } else {
            query.filter(Filter::field("name").containsi(self.search.as_str()))
        }
    }
}

/// One restaurant by its slug.
pub fn restaurant_by_slug(slug: &str) -> Query {
    Query::new()
        .filter(Filter::field("slug").eq(slug))
        .fields(["name", "slug", "price", "description"])
        .page(1, 1)
}

/// A restaurant's reviews, newest first, with their authors' usernames. By the restaurant's slug,
/// so that the page asks for them beside the restaurant, not after it.
pub fn reviews_of(restaurant_slug: &str) -> Query {
    Query::new()
        .filter(Filter::field("restaurant.slug").eq(restaurant_slug))
        .sort(Sort::desc("createdAt"))
        .populate_with("author", Populate::new().fields(["username"]))
        .page(1, 100)
}

/// One person's reviews, newest first, with the restaurant each is about.
pub fn reviews_by(user_id: u64) -> Query {
    Query::new()
        .filter(Filter::field("author.id").eq(user_id))
        .sort(Sort::desc("createdAt"))
        .populate_with("restaurant", Populate::new().fields(["name", "slug"]))
        .page(1, 100)
}

/// `p2` → `€€`: the price band as the list shows it.
pub fn price_label(price: Option<&str>) -> Option<&'static str> {
    match price? {
        "p1" => Some("€"),
        "p2" => Some("€€"),
        "p3" => Some("€€€"),
        "p4" => Some("€€€€"),
        _ => None,
    }
}

/// The review form's note: a whole number from 1 to 5.
pub fn note_problem(value: &str) -> Option<&'static str> {
    match value.trim().parse::<u8>() {
        _ if value.trim().is_empty() => Some("Choose a note"),
        Ok(1..=5) => None,
        _ => Some("The note is a whole number from 1 to 5"),
    }
}

/// The review form's text: at most what Strapi takes (counted as Strapi counts: characters).
pub fn content_problem(value: &str) -> Option<&'static str> {
    (value.chars().count() > REVIEW_MAX_CHARS).then_some("A review is at most 2000 characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_comes_back_from_its_own_address() {
        for listing in [
            Listing {
                page: 1,
                search: String::new(),
            },
            Listing {
                page: 3,
                search: String::new(),
            },
            Listing {
                page: 2,
                search: "pizza & co/é".into(),
            },
        ] {
            assert_eq!(Listing::from_query(&listing.to_query()), listing);
        }
        assert_eq!(Listing::default().to_query(), "");
        assert_eq!(
            Listing {
                page: 2,
                search: "le bistro".into()
            }
            .to_query(),
            "q=le%20bistro&page=2"
        );
    }

    #[test]
    fn a_bad_page_is_the_first_and_the_search_is_trimmed() {
        for query in ["", "?page=0", "page=-1", "page=x", "page=99999999999"] {
            assert_eq!(Listing::from_query(query).page, 1, "{query}");
        }
        assert_eq!(Listing::from_query("?q=+pizza+&page=4").search, "pizza");
        assert_eq!(Listing::from_query("?q=+pizza+&page=4").page, 4);
    }

    #[test]
    fn queries_are_what_strapi_documents() {
        assert_eq!(
            Listing {
                page: 2,
                search: "pizz".into()
            }
            .strapi_query()
            .to_query_string(),
            "sort[0]=name%3Aasc&filters[name][$containsi]=pizz&fields[0]=name&fields[1]=slug\
             &fields[2]=price&fields[3]=description&pagination[page]=2&pagination[pageSize]=5"
        );
        assert_eq!(
            reviews_of("abc").to_query_string(),
            "sort[0]=createdAt%3Adesc&filters[restaurant][slug][$eq]=abc\
             &populate[author][fields][0]=username&pagination[page]=1&pagination[pageSize]=100"
        );
        assert_eq!(
            reviews_by(7).to_query_string(),
            "sort[0]=createdAt%3Adesc&filters[author][id][$eq]=7\
             &populate[restaurant][fields][0]=name&populate[restaurant][fields][1]=slug\
             &pagination[page]=1&pagination[pageSize]=100"
        );
    }

    #[test]
    fn review_rules() {
        assert_eq!(note_problem(""), Some("Choose a note"));
        for bad in ["0", "6", "2.5", "x", "-1"] {
            assert!(note_problem(bad).is_some(), "{bad}");
        }
        for good in ["1", "3", " 5 "] {
            assert_eq!(note_problem(good), None, "{good}");
        }
        assert_eq!(content_problem(&"é".repeat(2000)), None);
        assert!(content_problem(&"a".repeat(2001)).is_some());
    }

    #[test]
    fn a_review_decodes_with_its_author_and_without() {
        let json = r#"{"id":4,"documentId":"r4","note":5,"content":"Great","createdAt":"2026-12-07T10:00:00.000Z",
            "author":{"id":2,"documentId":"u2","username":"ana"}}"#;
        let review: Entry<Review> = serde_json::from_str(json).unwrap();
        assert_eq!(review.author.as_ref().unwrap().username, "ana");
        assert_eq!(review.note, 5);
        let bare: Entry<Review> =
            serde_json::from_str(r#"{"id":5,"documentId":"r5","note":2}"#).unwrap();
        assert!(bare.author.is_none() && bare.content.is_none());
        assert_eq!(
            serde_json::to_string(&ReviewInput {
                note: 4,
                content: "ok".into(),
                restaurant: None
            })
            .unwrap(),
            r#"{"note":4,"content":"ok"}"#
        );
    }
}
