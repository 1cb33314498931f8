//! The shapes of Strapi 5's content API answers and request bodies, whatever carries them.

use serde::{Deserialize, Serialize};

/// One entry (a document's version) as Strapi 5 sends it: its attributes flat beside `id` and
/// `documentId` (no `attributes` wrapper, unlike Strapi 4). `T` holds the attributes asked for;
/// populated relations are `Entry`s (or `Vec<Entry>`s) in it, in an `Option` when they may be
/// missing (not populated, or not readable by the caller's role, which drops the key).
///
/// ```
/// # use strapi_client::content::Entry;
/// #[derive(serde::Deserialize)]
/// struct Restaurant { name: String }
/// let r: Entry<Restaurant> =
///     serde_json::from_str(r#"{"id":3,"documentId":"a1b2","name":"Biscotte"}"#).unwrap();
/// assert_eq!((r.id, r.document_id.as_str(), r.name.as_str()), (3, "a1b2", "Biscotte"));
/// ```
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Entry<T> {
    /// The row's id: differs between a document's draft, published and localized versions.
    pub id: u64,
    /// The document's id, shared by its versions: what `GET/PUT/DELETE /api/:type/:documentId`
    /// take.
    pub document_id: String,
    /// Everything else (`createdAt`, `publishedAt`, `locale`… come only when `fields` does not
    /// leave them out).
    #[serde(flatten)]
    pub attributes: T,
}

impl<T> std::ops::Deref for Entry<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.attributes
    }
}

/// `GET /api/:pluralApiId`: a page of entries and where it lies.
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub struct List<T> {
    /// The entries, usually `Entry<Attributes>`.
    pub data: Vec<T>,
    /// The pagination.
    pub meta: ListMeta,
}

/// A list's `meta`.
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq, Eq)]
pub struct ListMeta {
    /// Which page this is, in the kind of pagination the query asked for (by page when it
    /// asked for none).
    pub pagination: PageInfo,
}

/// `meta.pagination`: by page or by offset, as the query asked.
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq, Eq)]
#[serde(untagged)]
pub enum PageInfo {
    /// `{page, pageSize, pageCount, total}`.
    #[serde(rename_all = "camelCase")]
    Page {
        /// The page number, from 1.
        page: u64,
        /// Entries per page (after Strapi's `maxLimit`).
        page_size: u64,
        /// How many pages there are; absent with `pagination[withCount]=false`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page_count: Option<u64>,
        /// How many entries match; absent with `pagination[withCount]=false`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
    },
    /// `{start, limit, total}`.
    Offset {
        /// How many entries were skipped.
        start: u64,
        /// How many were asked for (after Strapi's `maxLimit`).
        limit: u64,
        /// How many entries match; absent with `pagination[withCount]=false`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        total: Option<u64>,
    },
}

impl PageInfo {
    /// How many entries match the query, where Strapi counted them.
    pub fn total(&self) -> Option<u64> {
        match self {
            PageInfo::Page { total, .. } | PageInfo::Offset { total, .. } => *total,
        }
    }
}

/// `GET /api/:pluralApiId/:documentId`, a single type's `GET /api/:singularApiId`, and the
/// answers to `POST` and `PUT`: `{data: T, meta: {}}`.
#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
pub struct Single<T> {
    /// The entry, usually `Entry<Attributes>`.
    pub data: T,
    /// Empty with the core controllers.
    #[serde(default)]
    pub meta: SingleMeta,
}

/// A single entry's `meta`: `{}` with the core controllers; what else a custom controller adds
/// is ignored.
#[derive(Deserialize, Serialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct SingleMeta {}

/// The body of `POST /api/:pluralApiId` and `PUT /api/:pluralApiId/:documentId`:
/// `{"data": {…}}`. A relation in it can be a `documentId`, `{connect: [documentId]}` or
/// `{connect: [{documentId}]}`; `PUT` with `{"data": {}}` publishes the draft unchanged.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct DataBody<T> {
    /// The attributes to write.
    pub data: T,
}

impl<T> DataBody<T> {
    /// Wraps the attributes.
    pub fn new(data: T) -> Self {
        Self { data }
    }
}
