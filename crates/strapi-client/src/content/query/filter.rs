//! Filters: conditions on fields, on relations' fields, and their `$and`, `$or` and `$not`.

use super::encode::{encode_key, Node};
use super::value::Value;

/// A condition on the entries, sent under `filters` (or a populated relation's `filters`).
///
/// Built from [`Filter::field`] and its operators, then combined with [`Filter::and`],
/// [`Filter::or`] and [`Filter::not`]; [`Filter::relation`] puts a whole filter under a
/// relation. Each `Filter` is one key of the filters object, so they combine without clashing.
#[derive(Debug, Clone, PartialEq)]
pub struct Filter(Tree);

#[derive(Debug, Clone, PartialEq)]
enum Tree {
    /// `{name: {$op: …}}`, possibly under `$not`s.
    Field {
        name: String,
        condition: Condition,
    },
    /// `{name: {…}}`: a relation's (or a component's) fields.
    Relation {
        name: String,
        filter: Box<Filter>,
    },
    And(Vec<Filter>),
    Or(Vec<Filter>),
    Not(Box<Filter>),
}

#[derive(Debug, Clone, PartialEq)]
enum Condition {
    Operator(&'static str, Operand),
    Not(Box<Condition>),
}

#[derive(Debug, Clone, PartialEq)]
enum Operand {
    One(Value),
    List(Vec<Value>),
}

impl Filter {
    /// Starts a condition on a field; a dotted path reaches a relation's or a component's field:
    /// `Filter::field("restaurant.slug").eq("x")` sends `filters[restaurant][slug][$eq]=x`.
    pub fn field(path: impl Into<String>) -> FieldFilter {
        FieldFilter {
            path: path.into(),
            negations: 0,
        }
    }

    /// Puts a filter under a relation (or a component): `filters[restaurant][…]`. The same as a
    /// dotted [`Filter::field`] path for one condition; needed to group several conditions that
    /// one related entry must meet together, e.g. under `Filter::and` or `Filter::or`
    /// (`filters[restaurant][$or][0][…]`).
    pub fn relation(name: impl Into<String>, filter: Filter) -> Filter {
        Filter(Tree::Relation {
            name: name.into(),
            filter: Box::new(filter),
        })
    }

    /// All of them must hold: `$and[0]…&$and[1]…`. With no filter at all it sends nothing,
    /// which matches every entry.
    pub fn and(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter(Tree::And(filters.into_iter().collect()))
    }

    /// At least one of them must hold: `$or[0]…&$or[1]…`. **With no filter at all it sends
    /// nothing, as `qs` does, and then matches every entry**: check for an empty list first.
    pub fn or(filters: impl IntoIterator<Item = Filter>) -> Filter {
        Filter(Tree::Or(filters.into_iter().collect()))
    }

    /// It must not hold: `$not[…]`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(filter: Filter) -> Filter {
        Filter(Tree::Not(Box::new(filter)))
    }

    /// This filter as a one-key object `(key, value)`.
    pub(crate) fn entry(&self) -> (String, Node) {
        match &self.0 {
            Tree::Field { name, condition } => {
                // `a.b.c` → (a, {b: {c: condition}})
                let mut segments = name.split('.').rev().map(encode_key);
                let mut entry = (segments.next().unwrap_or_default(), condition.node());
                for segment in segments {
                    entry = (segment, Node::Map(vec![entry]));
                }
                entry
            }
            Tree::Relation { name, filter } => {
                let (key, node) = filter.entry();
                (encode_key(name), Node::Map(vec![(key, node)]))
            }
            Tree::And(filters) => ("$and".into(), list(filters)),
            Tree::Or(filters) => ("$or".into(), list(filters)),
            Tree::Not(filter) => {
                let (key, node) = filter.entry();
                ("$not".into(), Node::Map(vec![(key, node)]))
            }
        }
    }
}

fn list(filters: &[Filter]) -> Node {
    Node::List(filters.iter().map(|f| Node::Map(vec![f.entry()])).collect())
}

/// Several filters side by side, all of which must hold (a query's or a populated relation's
/// `filters`): one object with a key each, as Strapi's docs write them
/// (`filters[$or][…]&filters[author][…]`), or, where two would share a key (two conditions on
/// one field or one relation), `filters[$and][0]…&filters[$and][1]…`, so none replaces another.
pub(crate) fn filters_node(filters: &[Filter]) -> Node {
    let entries: Vec<(String, Node)> = filters.iter().map(Filter::entry).collect();
    let shared = entries
        .iter()
        .enumerate()
        .any(|(i, (key, _))| entries[..i].iter().any(|(k, _)| k == key));
    if shared {
        Node::Map(vec![("$and".into(), list(filters))])
    } else {
        Node::Map(entries)
    }
}

impl Condition {
    fn node(&self) -> Node {
        match self {
            Condition::Operator(op, Operand::One(v)) => {
                Node::Map(vec![((*op).into(), Node::Leaf(v.to_text()))])
            }
            Condition::Operator(op, Operand::List(values)) => Node::Map(vec![(
                (*op).into(),
                Node::List(values.iter().map(|v| Node::Leaf(v.to_text())).collect()),
            )]),
            Condition::Not(inner) => Node::Map(vec![("$not".into(), inner.node())]),
        }
    }
}

/// A field a condition is being written on; each operator method finishes it into a [`Filter`].
#[derive(Debug, Clone, PartialEq)]
#[must_use = "a field filter does nothing until an operator such as `eq` finishes it"]
pub struct FieldFilter {
    path: String,
    negations: usize,
}

macro_rules! operators {
    ($($(#[$doc:meta])* $name:ident => $op:literal;)*) => {$(
        $(#[$doc])*
        pub fn $name(self, value: impl Into<Value>) -> Filter {
            self.finish($op, Operand::One(value.into()))
        }
    )*};
}

impl FieldFilter {
    /// Negates the operator that follows, on the field itself:
    /// `Filter::field("title").not().contains("x")` sends `filters[title][$not][$contains]=x`.
    #[allow(clippy::should_implement_trait)]
    pub fn not(mut self) -> Self {
        self.negations += 1;
        self
    }

    fn finish(self, op: &'static str, operand: Operand) -> Filter {
        let mut condition = Condition::Operator(op, operand);
        for _ in 0..self.negations {
            condition = Condition::Not(Box::new(condition));
        }
        Filter(Tree::Field {
            name: self.path,
            condition,
        })
    }

    operators! {
        /// Equal: `[$eq]=value`.
        eq => "$eq";
        /// Equal, ignoring case: `[$eqi]=value`.
        eqi => "$eqi";
        /// Not equal: `[$ne]=value`.
        ne => "$ne";
        /// Not equal, ignoring case: `[$nei]=value`.
        nei => "$nei";
        /// Less than: `[$lt]=value`.
        lt => "$lt";
        /// Less than or equal to: `[$lte]=value`.
        lte => "$lte";
        /// Greater than: `[$gt]=value`.
        gt => "$gt";
        /// Greater than or equal to: `[$gte]=value`.
        gte => "$gte";
        /// Contains: `[$contains]=value`.
        contains => "$contains";
        /// Does not contain: `[$notContains]=value`.
        not_contains => "$notContains";
        /// Contains, ignoring case: `[$containsi]=value`.
        containsi => "$containsi";
        /// Does not contain, ignoring case: `[$notContainsi]=value`.
        not_containsi => "$notContainsi";
        /// Starts with: `[$startsWith]=value`.
        starts_with => "$startsWith";
        /// Starts with, ignoring case: `[$startsWithi]=value`.
        starts_withi => "$startsWithi";
        /// Ends with: `[$endsWith]=value`.
        ends_with => "$endsWith";
        /// Ends with, ignoring case: `[$endsWithi]=value`.
        ends_withi => "$endsWithi";
    }

    /// Is one of the values: `[$in][0]=a&[$in][1]=b`. **An empty list sends nothing, as `qs`
    /// does, and the condition then matches every entry**: check for an empty list first.
    pub fn is_in<V: Into<Value>>(self, values: impl IntoIterator<Item = V>) -> Filter {
        self.finish("$in", list_of(values))
    }

    /// Is none of the values: `[$notIn][0]=a&[$notIn][1]=b`. An empty list sends nothing.
    pub fn not_in<V: Into<Value>>(self, values: impl IntoIterator<Item = V>) -> Filter {
        self.finish("$notIn", list_of(values))
    }

    /// Is null (no value, no related entry): `[$null]=true`.
    pub fn is_null(self) -> Filter {
        self.finish("$null", Operand::One(Value::Bool(true)))
    }

    /// Is not null: `[$notNull]=true`.
    pub fn not_null(self) -> Filter {
        self.finish("$notNull", Operand::One(Value::Bool(true)))
    }

    /// Between two values, both included: `[$between][0]=low&[$between][1]=high`.
    pub fn between(self, low: impl Into<Value>, high: impl Into<Value>) -> Filter {
        self.finish("$between", Operand::List(vec![low.into(), high.into()]))
    }
}

fn list_of<V: Into<Value>>(values: impl IntoIterator<Item = V>) -> Operand {
    Operand::List(values.into_iter().map(Into::into).collect())
}
