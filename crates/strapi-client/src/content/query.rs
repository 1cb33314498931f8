//! The query string of Strapi 5's REST API (`filters`, `populate`, `fields`, `sort`,
//! `pagination`, `status`, `locale`), written exactly as
//! `qs.stringify(query, { encodeValuesOnly: true })` writes it, as Strapi's docs do.

mod encode;
mod filter;
mod populate;
#[cfg(test)]
mod tests;
mod value;

pub use filter::{FieldFilter, Filter};
pub use populate::Populate;
pub use value::Value;

use encode::{stringify, Node};
use filter::filters_node;
use populate::Population;

/// A query for a collection or a single type: what to match, populate, return and in which
/// order, which page, which version (`status`) and which `locale`. Empty by default, which asks
/// for Strapi's defaults. [`Query::to_query_string`] writes it exactly as
/// `qs.stringify(query, { encodeValuesOnly: true })` writes the matching JavaScript object.
///
/// ```
/// use strapi_client::content::{Filter, Query, Sort};
/// let query = Query::new()
///     .filter(Filter::field("name").containsi("pizza"))
///     .filter(Filter::or([
///         Filter::field("restaurant.slug").eq("biscotte"),
///         Filter::field("note").gte(4),
///     ]))
///     .sort(Sort::desc("createdAt"))
///     .page(1, 5);
/// assert_eq!(
///     query.to_query_string(),
///     "sort[0]=createdAt%3Adesc&filters[name][$containsi]=pizza\
///      &filters[$or][0][restaurant][slug][$eq]=biscotte&filters[$or][1][note][$gte]=4\
///      &pagination[page]=1&pagination[pageSize]=5"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[must_use = "a query does nothing until it is sent"]
pub struct Query {
    sort: Vec<Sort>,
    filters: Vec<Filter>,
    populate: Population,
    fields: Vec<String>,
    pagination: Option<Pagination>,
    with_count: Option<bool>,
    status: Option<Status>,
    locale: Option<String>,
}

/// One way of paging: the types hold one at a time, as Strapi accepts no mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pagination {
    Page { page: u32, page_size: u32 },
    Offset { start: u32, limit: u32 },
}

impl Query {
    /// An empty query: Strapi's defaults (published versions, 25 entries a page, nothing
    /// populated); its query string is empty.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a condition the entries must meet (`filters[…]`). Conditions added one after another
    /// must all hold: they are sent as one object with a key each (as Strapi's docs write them)
    /// or, when two share a key (the same field or relation twice), as `filters[$and][i]…`.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Populates everything one level deep (`populate=*`), replacing any names given before.
    pub fn populate_all(mut self) -> Self {
        self.populate = Population::All;
        self
    }

    /// Populates a relation, media field, component or dynamic zone, one level deep
    /// (`populate[0]=name`); a dotted path reaches into a component (`seo.image`). Replaces `*`.
    pub fn populate(mut self, name: impl Into<String>) -> Self {
        self.populate.add(name.into(), None);
        self
    }

    /// Populates one with its own options (`populate[name][fields][0]=…`); the names populated
    /// without options are then sent as `populate[other]=true`. Replaces `*`; a name given
    /// again keeps its place and takes the new options.
    pub fn populate_with(mut self, name: impl Into<String>, options: Populate) -> Self {
        self.populate.add(name.into(), Some(options));
        self
    }

    /// Adds fields to return (`fields[0]=name&fields[1]=description`); by default Strapi returns
    /// all of them (`id` and `documentId` always come).
    pub fn fields<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.fields.extend(names.into_iter().map(Into::into));
        self
    }

    /// Adds a sort key (`sort[0]=name%3Aasc`); the first added sorts first.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort.push(sort);
        self
    }

    /// Pages by number (`pagination[page]=2&pagination[pageSize]=10`), replacing any offset.
    /// Pages count from 1; Strapi refuses 0 for either, and caps `page_size` at its
    /// `api.rest.maxLimit`.
    pub fn page(mut self, page: u32, page_size: u32) -> Self {
        self.pagination = Some(Pagination::Page { page, page_size });
        self
    }

    /// Pages by offset (`pagination[start]=0&pagination[limit]=10`), replacing any page.
    pub fn offset(mut self, start: u32, limit: u32) -> Self {
        self.pagination = Some(Pagination::Offset { start, limit });
        self
    }

    /// Whether the answer's `meta.pagination` counts the entries (`total`, and `pageCount` by
    /// page): Strapi's default is yes; `false` (`pagination[withCount]=false`) saves a count.
    pub fn with_count(mut self, with_count: bool) -> Self {
        self.with_count = Some(with_count);
        self
    }

    /// Which version of draft-and-publish types (`status=draft`); Strapi's default is
    /// `published`.
    pub fn status(mut self, status: Status) -> Self {
        self.status = Some(status);
        self
    }

    /// The locale of localized types (`locale=fr`); Strapi's default is its default locale.
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// The query string, without the leading `?`; empty for a query that asks for nothing.
    ///
    /// Parameters come in this order: `sort`, `filters`, `populate`, `fields`, `pagination`,
    /// `status`, `locale` (the order of the docs' interactive query builder); a populated
    /// relation's options likewise: `sort`, `filters`, `populate`, `fields`, `on`. Keys are
    /// written raw, values percent-encoded (RFC 3986, UTF-8: space is `%20`, `:` is `%3A`),
    /// lists with indices, booleans as `true`/`false`; an empty list writes nothing.
    pub fn to_query_string(&self) -> String {
        let mut root: Vec<(String, Node)> = Vec::new();
        let sort = self.sort.iter().map(|s| Node::Leaf(s.text())).collect();
        root.push(("sort".into(), Node::List(sort)));
        root.push(("filters".into(), filters_node(&self.filters)));
        if let Some(populate) = self.populate.node() {
            root.push(("populate".into(), populate));
        }
        let fields = self.fields.iter().map(|f| Node::Leaf(f.clone())).collect();
        root.push(("fields".into(), Node::List(fields)));
        let number = |n: u32| Node::Leaf(n.to_string());
        let mut pagination = match self.pagination {
            Some(Pagination::Page { page, page_size }) => vec![
                ("page".to_string(), number(page)),
                ("pageSize".to_string(), number(page_size)),
            ],
            Some(Pagination::Offset { start, limit }) => vec![
                ("start".to_string(), number(start)),
                ("limit".to_string(), number(limit)),
            ],
            None => Vec::new(),
        };
        if let Some(with_count) = self.with_count {
            pagination.push(("withCount".into(), Node::Leaf(with_count.to_string())));
        }
        root.push(("pagination".into(), Node::Map(pagination)));
        if let Some(status) = self.status {
            root.push(("status".into(), Node::Leaf(status.as_str().into())));
        }
        if let Some(locale) = &self.locale {
            root.push(("locale".into(), Node::Leaf(locale.clone())));
        }
        stringify(&root)
    }
}

/// A sort key: a field (a dotted path reaches a relation's field) and a direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sort {
    field: String,
    descending: bool,
}

impl Sort {
    /// Ascending: `name:asc` (sent `name%3Aasc`).
    pub fn asc(field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            descending: false,
        }
    }

    /// Descending: `name:desc` (sent `name%3Adesc`).
    pub fn desc(field: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            descending: true,
        }
    }

    pub(crate) fn text(&self) -> String {
        let direction = if self.descending { "desc" } else { "asc" };
        format!("{}:{direction}", self.field)
    }
}

/// Which version of a draft-and-publish type to read.
///
/// Strapi 5 gives drafts to whoever may `find` the type (see shared/STRAPI-FACTS.md): a project
/// that keeps drafts private refuses `status=draft` on the server, not here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Status {
    /// `status=draft`: the latest draft of each document, published or not.
    Draft,
    /// `status=published`: the published versions (Strapi's default).
    Published,
}

impl Status {
    /// The word Strapi takes: `draft` or `published`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }
}
