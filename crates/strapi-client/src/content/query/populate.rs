//! `populate`: which relations, media, components and dynamic zones come with the entries, and
//! what each brings along.

use super::encode::{encode_key, MapBuilder, Node};
use super::filter::{filters_node, Filter};
use super::Sort;

/// What a query or a populated relation populates; the last of `*` and a list of names wins.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) enum Population {
    #[default]
    Nothing,
    /// `populate=*`: everything, one level deep.
    All,
    /// By name, in order; a name given twice keeps its first place and its last options.
    Named(Vec<(String, Option<Populate>)>),
}

impl Population {
    pub(crate) fn add(&mut self, name: String, options: Option<Populate>) {
        if !matches!(self, Population::Named(_)) {
            *self = Population::Named(Vec::new());
        }
        if let Population::Named(entries) = self {
            match entries.iter_mut().find(|(n, _)| *n == name) {
                Some((_, slot)) => *slot = options,
                None => entries.push((name, options)),
            }
        }
    }

    /// `*`, a list of names (`populate[0]=a&populate[1]=b`) when none has options, or else an
    /// object (`populate[a]=true&populate[b][fields][0]=name`).
    pub(crate) fn node(&self) -> Option<Node> {
        match self {
            Population::Nothing => None,
            Population::All => Some(Node::Leaf("*".into())),
            Population::Named(entries) => {
                let options: Vec<Option<Node>> = entries
                    .iter()
                    .map(|(_, options)| options.as_ref().and_then(Populate::options_node))
                    .collect();
                if options.iter().all(Option::is_none) {
                    let names = entries.iter().map(|(n, _)| Node::Leaf(n.clone()));
                    return Some(Node::List(names.collect()));
                }
                let mut map = MapBuilder::default();
                for ((name, _), options) in entries.iter().zip(options) {
                    map.set(
                        encode_key(name),
                        options.unwrap_or_else(|| Node::Leaf("true".into())),
                    );
                }
                Some(map.finish())
            }
        }
    }
}

/// How one populated relation (or component, media field, dynamic zone) comes back: its own
/// `sort`, `filters`, deeper `populate`, `fields`, and for a dynamic zone, `on` per component.
///
/// ```
/// use strapi_client::content::{Filter, Populate, Query, Sort};
/// let query = Query::new().populate_with(
///     "categories",
///     Populate::new().sort(Sort::asc("name")).filter(Filter::field("name").eq("Cars")),
/// );
/// assert_eq!(
///     query.to_query_string(),
///     "populate[categories][sort][0]=name%3Aasc&populate[categories][filters][name][$eq]=Cars"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Populate {
    fields: Vec<String>,
    filters: Vec<Filter>,
    sort: Vec<Sort>,
    populate: Population,
    on: Vec<(String, Populate)>,
}

impl Populate {
    /// Populates with Strapi's defaults (every field, nothing deeper): sent as `[name]=true`, or
    /// as the bare name in a list of names.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds fields to return (`[fields][0]=name`); by default all of them.
    pub fn fields<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> Self {
        self.fields.extend(names.into_iter().map(Into::into));
        self
    }

    /// Adds a condition the populated entries must meet (`[filters][…]`); several must all
    /// hold, as with [`Query::filter`](super::Query::filter).
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Adds a sort key (`[sort][0]=name%3Aasc`); the first added sorts first.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort.push(sort);
        self
    }

    /// Populates everything one level further down (`[populate]=*`), replacing any names.
    pub fn populate_all(mut self) -> Self {
        self.populate = Population::All;
        self
    }

    /// Populates a relation one level further down (`[populate][0]=name`), replacing `*`.
    pub fn populate(mut self, name: impl Into<String>) -> Self {
        self.populate.add(name.into(), None);
        self
    }

    /// Populates a relation one level further down with its own options
    /// (`[populate][name][fields][0]=…`), replacing `*`.
    pub fn populate_with(mut self, name: impl Into<String>, options: Populate) -> Self {
        self.populate.add(name.into(), Some(options));
        self
    }

    /// For a dynamic zone (or a polymorphic relation): how entries of one component come back
    /// (`[on][blocks.quote][fields][0]=…`). Strapi then refuses the other options here but
    /// `populate_all`.
    pub fn on(mut self, component: impl Into<String>, options: Populate) -> Self {
        let component = component.into();
        match self.on.iter_mut().find(|(c, _)| *c == component) {
            Some((_, slot)) => *slot = options,
            None => self.on.push((component, options)),
        }
        self
    }

    /// The options as an object, or `None` where `qs` would write nothing for them: that is
    /// sent as `true` instead, so the relation is still populated.
    fn options_node(&self) -> Option<Node> {
        // The order of the query's own keys (see `Query::to_query_string`).
        let mut map = MapBuilder::default();
        let sort = self.sort.iter().map(|s| Node::Leaf(s.text()));
        map.set("sort".into(), Node::List(sort.collect()));
        map.set("filters".into(), filters_node(&self.filters));
        if let Some(populate) = self.populate.node() {
            map.set("populate".into(), populate);
        }
        let fields = self.fields.iter().map(|f| Node::Leaf(f.clone()));
        map.set("fields".into(), Node::List(fields.collect()));
        let mut on = MapBuilder::default();
        for (component, options) in &self.on {
            let node = options
                .options_node()
                .unwrap_or_else(|| Node::Leaf("true".into()));
            on.set(encode_key(component), node);
        }
        map.set("on".into(), on.finish());
        Some(map.finish()).filter(|node| !node.is_silent())
    }
}
