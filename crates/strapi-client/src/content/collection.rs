//! The content API's requests, one typed [`Call`] each: a collection type's find, find one,
//! create, update and delete, and a single type's get, update and delete.

use std::marker::PhantomData;

use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::answer::{DataBody, List, Single};
use super::query::Query;
use crate::api::{to_json, Call};
use crate::config::path_segment;

/// A collection type by its plural API id (`restaurants` for `/api/restaurants`), its entries
/// read as `T` (usually [`Entry<Attributes>`](super::Entry)). It only builds the requests; who
/// sends them decides who asks: `StrapiClient::send` goes as the Public role, the session
/// (`SessionManager::call`, yew-strapi's `Auth::call`) with the logged-in person's token,
/// renewed on a 401. The same `Call` cannot go both ways by accident: each sender is a
/// different object the caller holds.
///
/// ```
/// use strapi_client::content::{Collection, Entry, Filter, Query};
/// #[derive(serde::Deserialize)]
/// struct Restaurant { name: String }
/// let restaurants: Collection<Entry<Restaurant>> = Collection::new("restaurants");
/// let find = restaurants.find(&Query::new().filter(Filter::field("name").containsi("pizz")));
/// assert_eq!(find.path(), "/restaurants?filters[name][$containsi]=pizz");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection<T> {
    name: String,
    entries: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> Collection<T> {
    /// The collection whose REST route is `/api/<plural_api_id>` (the prefix is the config's).
    pub fn new(plural_api_id: impl Into<String>) -> Self {
        Self {
            name: plural_api_id.into(),
            entries: PhantomData,
        }
    }

    /// `GET /:plural?<query>`: a page of entries and `meta.pagination`.
    pub fn find(&self, query: &Query) -> Call<List<T>> {
        Call::new(
            Method::GET,
            with_query(format!("/{}", self.name), query),
            None,
        )
    }

    /// `GET /:plural/:documentId?<query>`: one entry (404 when there is none, or only a draft).
    pub fn find_one(&self, document_id: &str, query: &Query) -> Call<Single<T>> {
        Call::new(
            Method::GET,
            with_query(self.entry(document_id), query),
            None,
        )
    }

    /// `POST /:plural` with `{"data": attributes}`: the entry created (201). A `ValidationError`
    /// names its fields in `details.errors[].path` ([`field_errors`](super::field_errors)).
    pub fn create<A: Serialize>(&self, attributes: &A) -> Call<Single<T>> {
        Call::new(
            Method::POST,
            format!("/{}", self.name),
            Some(body(attributes)),
        )
    }

    /// `PUT /:plural/:documentId` with `{"data": attributes}`: the entry as updated.
    pub fn update<A: Serialize>(&self, document_id: &str, attributes: &A) -> Call<Single<T>> {
        Call::new(Method::PUT, self.entry(document_id), Some(body(attributes)))
    }

    /// `DELETE /:plural/:documentId` (Strapi 5 answers 204 without a body).
    pub fn delete(&self, document_id: &str) -> Call<()> {
        Call::new(Method::DELETE, self.entry(document_id), None)
    }

    fn entry(&self, document_id: &str) -> String {
        format!("/{}/{}", self.name, path_segment(document_id))
    }
}

/// A single type by its singular API id (`homepage` for `/api/homepage`); sent as a
/// [`Collection`]'s calls are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleType<T> {
    name: String,
    entry: PhantomData<fn() -> T>,
}

impl<T: DeserializeOwned> SingleType<T> {
    /// The single type whose REST route is `/api/<singular_api_id>`.
    pub fn new(singular_api_id: impl Into<String>) -> Self {
        Self {
            name: singular_api_id.into(),
            entry: PhantomData,
        }
    }

    /// `GET /:singular?<query>` (404 while it has no published version).
    pub fn get(&self, query: &Query) -> Call<Single<T>> {
        Call::new(
            Method::GET,
            with_query(format!("/{}", self.name), query),
            None,
        )
    }

    /// `PUT /:singular` with `{"data": attributes}`.
    pub fn update<A: Serialize>(&self, attributes: &A) -> Call<Single<T>> {
        Call::new(
            Method::PUT,
            format!("/{}", self.name),
            Some(body(attributes)),
        )
    }

    /// `DELETE /:singular`.
    pub fn delete(&self) -> Call<()> {
        Call::new(Method::DELETE, format!("/{}", self.name), None)
    }
}

fn with_query(path: String, query: &Query) -> String {
    let query = query.to_query_string();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

fn body<A: Serialize>(attributes: &A) -> String {
    to_json(&DataBody::new(attributes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Entry, Filter, Sort};

    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct Review {
        note: u8,
    }

    #[test]
    fn each_call_is_its_method_path_and_body() {
        let reviews: Collection<Entry<Review>> = Collection::new("reviews");
        let find = reviews.find(&Query::new().sort(Sort::desc("createdAt")).page(2, 5));
        assert_eq!(find.method(), &Method::GET);
        assert_eq!(
            find.path(),
            "/reviews?sort[0]=createdAt%3Adesc&pagination[page]=2&pagination[pageSize]=5"
        );
        assert_eq!(reviews.find(&Query::new()).path(), "/reviews");
        let one = reviews.find_one("a/b?c", &Query::new());
        assert_eq!(one.path(), "/reviews/a%2Fb%3Fc");
        let create = reviews.create(&Review { note: 4 });
        assert_eq!(
            (create.method(), create.body()),
            (&Method::POST, Some(r#"{"data":{"note":4}}"#))
        );
        let update = reviews.update("r1", &Review { note: 2 });
        assert_eq!(update.path(), "/reviews/r1");
        assert_eq!(update.method(), &Method::PUT);
        let delete = reviews.delete("r1");
        assert_eq!((delete.method(), delete.body()), (&Method::DELETE, None));
        let filtered = reviews.find(&Query::new().filter(Filter::field("author.id").eq(7)));
        assert_eq!(filtered.path(), "/reviews?filters[author][id][$eq]=7");
    }

    #[test]
    fn single_types() {
        let home: SingleType<Entry<Review>> = SingleType::new("homepage");
        assert_eq!(home.get(&Query::new()).path(), "/homepage");
        assert_eq!(home.update(&Review { note: 1 }).method(), &Method::PUT);
        assert_eq!(home.delete().path(), "/homepage");
    }
}
