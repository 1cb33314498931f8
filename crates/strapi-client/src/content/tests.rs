//! Strapi 5 content-API answers (FoodAdvisor's `restaurant` and `review` types, as in
//! shared/STRAPI-FACTS.md and Strapi's REST docs), read as the client reads them.

use serde::{Deserialize, Serialize};

use super::*;
use crate::api::{parse_answer, ApiError};

// Natively serde_json reads them; in the browser (`wasm-pack test`), `JSON.parse` and
// serde-wasm-bindgen, which must agree (`#[serde(flatten)]` and `untagged` buffer the fields).
#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

#[derive(Deserialize, Serialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Restaurant {
    name: String,
    slug: String,
    #[serde(default)]
    price: Option<String>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    published_at: Option<String>,
}

#[derive(Deserialize, Debug, Clone, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Review {
    note: u8,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    restaurant: Option<Entry<Restaurant>>,
    #[serde(default)]
    created_at: Option<String>,
}

fn ok<T: serde::de::DeserializeOwned>(body: &str) -> T {
    parse_answer::<T>(200, body, None).unwrap_or_else(|e| panic!("{e}: {body}"))
}

const RESTAURANTS_PAGE: &str = r#"{"data":[{"id":2,"documentId":"hgv1vny5cebq2l3czil1rpb3","name":"Biscotte Restaurant","slug":"biscotte-restaurant","price":"p2","createdAt":"2026-12-07T10:00:00.000Z","updatedAt":"2026-12-07T10:00:00.000Z","publishedAt":"2026-12-07T10:00:01.000Z","locale":"en"},{"id":4,"documentId":"flzc8qrarj19ee0luix8knxn","name":"Pizzeria Arrivederci","slug":"pizzeria-arrivederci","price":null,"createdAt":"2026-12-07T10:05:00.000Z","updatedAt":"2026-12-07T10:05:00.000Z","publishedAt":"2026-12-07T10:05:01.000Z","locale":"en"}],"meta":{"pagination":{"page":1,"pageSize":25,"pageCount":1,"total":2}}}"#;

#[test]
fn a_page_of_entries_with_flat_attributes() {
    let list: List<Entry<Restaurant>> = ok(RESTAURANTS_PAGE);
    assert_eq!(list.data.len(), 2);
    let first = &list.data[0];
    assert_eq!(
        (first.id, first.document_id.as_str()),
        (2, "hgv1vny5cebq2l3czil1rpb3")
    );
    assert_eq!(first.name, "Biscotte Restaurant");
    assert_eq!(first.price.as_deref(), Some("p2"));
    assert_eq!(list.data[1].price, None, "null is None");
    assert_eq!(
        list.meta.pagination,
        PageInfo::Page {
            page: 1,
            page_size: 25,
            page_count: Some(1),
            total: Some(2)
        }
    );
    assert_eq!(list.meta.pagination.total(), Some(2));
}

#[test]
fn offset_pagination_and_no_count() {
    let body = r#"{"data":[],"meta":{"pagination":{"start":20,"limit":10,"total":42}}}"#;
    let list: List<Entry<Restaurant>> = ok(body);
    assert!(list.data.is_empty());
    assert_eq!(
        list.meta.pagination,
        PageInfo::Offset {
            start: 20,
            limit: 10,
            total: Some(42)
        }
    );
    // `pagination[withCount]=false`: Strapi leaves `total` and `pageCount` out.
    let body = r#"{"data":[],"meta":{"pagination":{"page":2,"pageSize":10}}}"#;
    let list: List<Entry<Restaurant>> = ok(body);
    assert_eq!(
        list.meta.pagination,
        PageInfo::Page {
            page: 2,
            page_size: 10,
            page_count: None,
            total: None
        }
    );
    let body = r#"{"data":[],"meta":{"pagination":{"start":0,"limit":10}}}"#;
    let list: List<Entry<Restaurant>> = ok(body);
    assert_eq!(list.meta.pagination.total(), None);
}

#[test]
fn a_single_entry_with_a_populated_relation() {
    let body = r#"{"data":{"id":7,"documentId":"b3x0aq1y2k4l5m6n7o8p9q0r","note":4,"content":"Great pasta.","createdAt":"2026-12-07T11:00:00.000Z","updatedAt":"2026-12-07T11:00:00.000Z","publishedAt":"2026-12-07T11:00:00.000Z","locale":"en","restaurant":{"id":2,"documentId":"hgv1vny5cebq2l3czil1rpb3","name":"Biscotte Restaurant","slug":"biscotte-restaurant","price":"p2","createdAt":"2026-12-07T10:00:00.000Z","updatedAt":"2026-12-07T10:00:00.000Z","publishedAt":"2026-12-07T10:00:01.000Z","locale":"en"}},"meta":{}}"#;
    let single: Single<Entry<Review>> = ok(body);
    assert_eq!(single.data.id, 7);
    assert_eq!(single.data.note, 4);
    let restaurant = single.data.restaurant.as_ref().expect("populated");
    assert_eq!(restaurant.document_id, "hgv1vny5cebq2l3czil1rpb3");
    assert_eq!(restaurant.slug, "biscotte-restaurant");
    assert_eq!(single.meta, SingleMeta::default());
}

#[test]
fn selected_fields_and_an_unreadable_relation_leave_keys_out() {
    // `fields[0]=note` without populate; a relation the role may not read is dropped silently.
    let body = r#"{"data":{"id":7,"documentId":"b3x0aq1y2k4l5m6n7o8p9q0r","note":5},"meta":{}}"#;
    let single: Single<Entry<Review>> = ok(body);
    assert_eq!(single.data.content, None);
    assert_eq!(single.data.restaurant, None);
    assert_eq!(single.data.created_at, None);
    // A custom controller's answer without `meta` still reads.
    let body = r#"{"data":{"id":7,"documentId":"b3x0","note":5}}"#;
    let single: Single<Entry<Review>> = ok(body);
    assert_eq!(single.data.note, 5);
}

#[test]
fn a_draft_has_a_null_published_at() {
    // `?status=draft`.
    let body = r#"{"data":[{"id":5,"documentId":"znrlzntu9ei5onjvwfaalu2v","name":"Biscotte Restaurant","slug":"biscotte-restaurant","createdAt":"2026-12-07T10:00:00.000Z","updatedAt":"2026-12-07T10:30:00.000Z","publishedAt":null,"locale":"en"}],"meta":{"pagination":{"page":1,"pageSize":25,"pageCount":1,"total":1}}}"#;
    let list: List<Entry<Restaurant>> = ok(body);
    assert_eq!(list.data[0].published_at, None);
    assert_eq!(list.data[0].locale.as_deref(), Some("en"));
}

#[test]
fn an_entry_without_its_ids_is_not_an_entry() {
    let body = r#"{"data":{"note":5},"meta":{}}"#;
    assert_eq!(
        parse_answer::<Single<Entry<Review>>>(200, body, None),
        Err(ApiError::Malformed { status: 200 })
    );
    let body = r#"{"data":[],"meta":{}}"#;
    assert_eq!(
        parse_answer::<List<Entry<Review>>>(200, body, None),
        Err(ApiError::Malformed { status: 200 })
    );
}

#[test]
fn a_body_is_wrapped_in_data() {
    #[derive(Serialize)]
    struct NewReview<'a> {
        note: u8,
        content: &'a str,
        restaurant: &'a str,
    }
    let body = DataBody::new(NewReview {
        note: 4,
        content: "Great pasta.",
        restaurant: "hgv1vny5cebq2l3czil1rpb3",
    });
    assert_eq!(
        serde_json::to_string(&body).unwrap(),
        r#"{"data":{"note":4,"content":"Great pasta.","restaurant":"hgv1vny5cebq2l3czil1rpb3"}}"#
    );
}

#[test]
fn validation_errors_name_their_fields() {
    let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"2 errors occurred","details":{"errors":[{"path":["note"],"message":"note must be defined.","name":"ValidationError","value":null},{"path":["restaurant","name"],"message":"name must be at most 50 characters","name":"ValidationError"},{"path":["note"],"message":"note must be at least 1","name":"ValidationError"},{"path":[],"message":"Invalid body","name":"ValidationError"}]}}}"#;
    let error = match parse_answer::<Single<Entry<Review>>>(400, body, None) {
        Err(ApiError::Strapi { error, .. }) => error,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field_errors(&error),
        [
            ("note".to_string(), "note must be defined.".to_string()),
            (
                "restaurant.name".to_string(),
                "name must be at most 50 characters".to_string()
            ),
        ]
    );
    assert_eq!(
        field_name(&["blocks".into(), "0".into(), "title".into()]),
        "blocks.0.title"
    );
    // An "Invalid key" error carries its path as a string beside no `errors`: no field.
    let body = r#"{"data":null,"error":{"status":400,"name":"ValidationError","message":"Invalid key author","details":{"key":"author","path":"author","source":"body"}}}"#;
    match parse_answer::<Single<Entry<Review>>>(400, body, None) {
        Err(ApiError::Strapi { error, .. }) => assert!(field_errors(&error).is_empty()),
        other => panic!("{other:?}"),
    }
}
