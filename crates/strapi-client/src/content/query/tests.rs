//! Strapi's documented examples (docs.strapi.io, REST API pages), each expected string being
//! what `qs.stringify(docsObject, { encodeValuesOnly: true })` gives for the docs' own object.
//! Where a docs page prints the URL by hand it sometimes differs from its own `qs` call: noted.

use super::*;

fn qs(query: Query) -> String {
    query.to_query_string()
}

/// The same parameters, in any order: for examples whose object lists keys in another order
/// than this encoder's one fixed order.
fn same_params(a: &str, b: &str) -> bool {
    let sorted = |s: &str| {
        let mut v: Vec<String> = s.split('&').map(str::to_owned).collect();
        v.sort();
        v
    };
    sorted(a) == sorted(b)
}

#[test]
fn an_empty_query_is_an_empty_string() {
    assert_eq!(qs(Query::new()), "");
    assert_eq!(qs(Query::new().fields(Vec::<String>::new())), "");
}

#[test]
fn filters_eq() {
    // filters.md: "Find users having 'John' as first name".
    assert_eq!(
        qs(Query::new().filter(Filter::field("username").eq("John"))),
        "filters[username][$eq]=John"
    );
}

#[test]
fn filters_in() {
    // filters.md prints `filters[id][$in][0]=6&filters[id][$in][1]=8` over a qs call with
    // `[3, 6, 8]`; this is what that call gives.
    assert_eq!(
        qs(Query::new().filter(Filter::field("id").is_in([3, 6, 8]))),
        "filters[id][$in][0]=3&filters[id][$in][1]=6&filters[id][$in][2]=8"
    );
}

#[test]
fn complex_filtering() {
    // filters.md: books with 2 possible dates and a specific author.
    let query = Query::new()
        .filter(Filter::or([
            Filter::field("date").eq("2020-01-01"),
            Filter::field("date").eq("2020-01-02"),
        ]))
        .filter(Filter::field("author.name").eq("Kai doe"));
    assert_eq!(
        qs(query),
        "filters[$or][0][date][$eq]=2020-01-01&filters[$or][1][date][$eq]=2020-01-02\
         &filters[author][name][$eq]=Kai%20doe"
    );
}

#[test]
fn deep_filtering() {
    // filters.md: restaurants owned by a chef who belongs to a 5-star restaurant.
    let dotted = Filter::field("chef.restaurants.stars").eq(5);
    let nested = Filter::relation(
        "chef",
        Filter::relation("restaurants", Filter::field("stars").eq(5)),
    );
    for filter in [dotted, nested] {
        assert_eq!(
            qs(Query::new().filter(filter)),
            "filters[chef][restaurants][stars][$eq]=5"
        );
    }
}

#[test]
fn attribute_not() {
    // document-service/filters.md: `title: { $not: { $contains: 'Hello World' } }`.
    assert_eq!(
        qs(Query::new().filter(Filter::field("title").not().contains("Hello World"))),
        "filters[title][$not][$contains]=Hello%20World"
    );
}

#[test]
fn between_null_and_logical_not() {
    let query = Query::new()
        .filter(Filter::field("createdAt").between("2026-01-01", "2026-12-31"))
        .filter(Filter::field("publishedAt").is_null())
        .filter(Filter::not(Filter::field("slug").not_null()));
    assert_eq!(
        qs(query),
        "filters[createdAt][$between][0]=2026-01-01&filters[createdAt][$between][1]=2026-12-31\
         &filters[publishedAt][$null]=true&filters[$not][slug][$notNull]=true"
    );
}

#[test]
fn two_conditions_on_one_key_go_under_and_rather_than_replace_each_other() {
    let query = Query::new()
        .filter(Filter::field("price").gte(10))
        .filter(Filter::field("price").lte(20.5));
    assert_eq!(
        qs(query),
        "filters[$and][0][price][$gte]=10&filters[$and][1][price][$lte]=20.5"
    );
}

#[test]
fn field_selection() {
    // populate-select.md: return only name and description fields.
    assert_eq!(
        qs(Query::new().fields(["name", "description"])),
        "fields[0]=name&fields[1]=description"
    );
}

#[test]
fn populate_with_field_selection() {
    // populate-select.md; its object puts `fields` first, this encoder `populate` first.
    let query = Query::new()
        .fields(["title", "slug"])
        .populate_with("headerImage", Populate::new().fields(["name", "url"]));
    let docs = "fields[0]=title&fields[1]=slug&populate[headerImage][fields][0]=name\
                &populate[headerImage][fields][1]=url";
    let ours = qs(query);
    assert_eq!(
        ours,
        "populate[headerImage][fields][0]=name&populate[headerImage][fields][1]=url\
         &fields[0]=title&fields[1]=slug"
    );
    assert!(same_params(&ours, docs));
}

#[test]
fn populate_with_filtering() {
    // populate-select.md prints exactly this one.
    let query = Query::new().populate_with(
        "categories",
        Populate::new()
            .sort(Sort::asc("name"))
            .filter(Filter::field("name").eq("Cars")),
    );
    assert_eq!(
        qs(query),
        "populate[categories][sort][0]=name%3Aasc&populate[categories][filters][name][$eq]=Cars"
    );
}

#[test]
fn populate_everything_a_list_or_an_object() {
    // The docs print `populate=*`; qs encodes `*`.
    assert_eq!(qs(Query::new().populate_all()), "populate=%2A");
    assert_eq!(
        qs(Query::new().populate("a").populate("b").populate("a")),
        "populate[0]=a&populate[1]=b"
    );
    assert_eq!(
        qs(Query::new()
            .populate("cover")
            .populate_with("author", Populate::new().fields(["username"]))),
        "populate[cover]=true&populate[author][fields][0]=username"
    );
    // Options that send nothing still populate.
    assert_eq!(
        qs(Query::new().populate_with("author", Populate::new().fields(Vec::<&str>::new()))),
        "populate[0]=author"
    );
    assert_eq!(
        qs(Query::new().populate("a").populate_all()),
        "populate=%2A"
    );
    assert_eq!(
        qs(Query::new().populate_all().populate("a")),
        "populate[0]=a"
    );
}

#[test]
fn populate_several_levels_and_dynamic_zones() {
    // populate-select.md's table.
    assert_eq!(
        qs(Query::new().populate_with(
            "root-relation-name",
            Populate::new().populate("nested-relation-name")
        )),
        "populate[root-relation-name][populate][0]=nested-relation-name"
    );
    assert_eq!(
        qs(Query::new().populate_with(
            "dynamic-zone-name",
            Populate::new().on(
                "component-category.component-name",
                Populate::new()
                    .populate_with("relation-name", Populate::new().populate("field-name"))
            )
        )),
        "populate[dynamic-zone-name][on][component-category.component-name][populate]\
         [relation-name][populate][0]=field-name"
    );
}

#[test]
fn sort_on_two_fields_with_an_order() {
    // sort-pagination.md prints `sort[0]=Description:asc&sort[1]=Name:desc`; qs encodes `:`.
    assert_eq!(
        qs(Query::new()
            .sort(Sort::asc("Description"))
            .sort(Sort::desc("Name"))),
        "sort[0]=Description%3Aasc&sort[1]=Name%3Adesc"
    );
}

#[test]
fn pagination_by_page_or_by_offset() {
    // sort-pagination.md.
    assert_eq!(
        qs(Query::new().page(1, 10)),
        "pagination[page]=1&pagination[pageSize]=10"
    );
    assert_eq!(
        qs(Query::new().offset(0, 10)),
        "pagination[start]=0&pagination[limit]=10"
    );
    // The last one wins: the two kinds never mix.
    assert_eq!(
        qs(Query::new().page(2, 5).offset(0, 10).with_count(false)),
        "pagination[start]=0&pagination[limit]=10&pagination[withCount]=false"
    );
    assert_eq!(
        qs(Query::new().with_count(true)),
        "pagination[withCount]=true"
    );
}

#[test]
fn status_and_locale() {
    // status.md and locale.md.
    assert_eq!(qs(Query::new().status(Status::Draft)), "status=draft");
    assert_eq!(qs(Query::new().locale("fr")), "locale=fr");
}

#[test]
fn the_interactive_query_builders_example() {
    // interactive-query-builder.md's object, with `pagination: { page, pageSize }` and
    // `locale: 'en'` (it has `{ pageSize, page }` and `['en']`).
    let query = Query::new()
        .sort(Sort::asc("title"))
        .filter(Filter::field("title").eq("hello"))
        .populate_with("author", Populate::new().fields(["firstName", "lastName"]))
        .fields(["title"])
        .page(1, 10)
        .status(Status::Published)
        .locale("en");
    assert_eq!(
        qs(query),
        "sort[0]=title%3Aasc&filters[title][$eq]=hello&populate[author][fields][0]=firstName\
         &populate[author][fields][1]=lastName&fields[0]=title&pagination[page]=1\
         &pagination[pageSize]=10&status=published&locale=en"
    );
}

#[test]
fn values_every_kind() {
    let query = Query::new().filter(Filter::field("x").is_in([
        Value::from("&=[]%+ #?é😀"),
        Value::from(-12_i64),
        Value::from(u64::MAX),
        Value::from(0.1),
        Value::from(1e21),
        Value::from(f64::NAN),
        Value::from(true),
        Value::from(""),
    ]));
    assert_eq!(
        qs(query),
        "filters[x][$in][0]=%26%3D%5B%5D%25%2B%20%23%3F%C3%A9%F0%9F%98%80\
         &filters[x][$in][1]=-12&filters[x][$in][2]=18446744073709551615\
         &filters[x][$in][3]=0.1&filters[x][$in][4]=1e%2B21&filters[x][$in][5]=NaN\
         &filters[x][$in][6]=true&filters[x][$in][7]="
    );
}

#[test]
fn empty_lists_send_nothing_as_qs_does() {
    assert_eq!(
        qs(Query::new().filter(Filter::field("id").is_in(Vec::<u64>::new()))),
        ""
    );
    assert_eq!(qs(Query::new().filter(Filter::or([]))), "");
    // An array keeps its indices where an element writes nothing.
    assert_eq!(
        qs(Query::new().filter(Filter::and([Filter::or([]), Filter::field("a").eq(1)]))),
        "filters[$and][1][a][$eq]=1"
    );
}

#[test]
fn names_that_are_not_attribute_names_cannot_add_parameters() {
    // qs would write the key raw (`filters[a&b=c][$eq]=1`); an attribute name never needs it.
    assert_eq!(
        qs(Query::new().filter(Filter::field("a&b=c").eq(1))),
        "filters[a%26b%3Dc][$eq]=1"
    );
    assert_eq!(
        qs(Query::new().filter(Filter::field("snake_case-1.Camel").eq(1))),
        "filters[snake_case-1][Camel][$eq]=1"
    );
}
