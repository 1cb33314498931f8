//! `/restaurants/:slug`: a restaurant and its reviews, newest first, each with its author's
//! username; a logged-in visitor writes one here, anyone else is offered the login, which comes
//! back to this page.

use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::components::{review_row, Layout, ReviewForm, ReviewTarget};
use crate::content::Entry;
use crate::foodadvisor::{
    price_label, restaurant_by_slug, restaurants, reviews, reviews_of, Restaurant, Review,
};
use crate::pages::{failed_view, Loaded};
use crate::router::{percent_encode, Route};
use crate::session::{use_auth, AuthStatus};
use crate::time::now_secs;

const MSG_MISSING: &str = "There is no such restaurant.";

#[derive(Properties, PartialEq)]
pub struct RestaurantPageProps {
    pub slug: String,
}

#[function_component]
pub fn RestaurantPage(props: &RestaurantPageProps) -> Html {
    let auth = use_auth();
    let restaurant = use_state(|| Loaded::<Entry<Restaurant>>::Loading);
    let list = use_state(|| Loaded::<Vec<Entry<Review>>>::Loading);
    // Bumped to load the reviews again (after one is published, or to retry).
    let reloads = use_state(|| 0u32);
    let notice = use_state(|| None::<&'static str>);
    {
        let (client, restaurant, list) = (auth.public().clone(), restaurant.clone(), list.clone());
        use_effect_with(props.slug.clone(), move |slug| {
            restaurant.set(Loaded::Loading);
            // Another restaurant: not the last one's reviews while its own arrive.
            list.set(Loaded::Loading);
            let query = restaurant_by_slug(slug);
            yew::platform::spawn_local(async move {
                restaurant.set(match client.send(restaurants().find(&query)).await {
                    Ok(found) => match found.data.into_iter().next() {
                        Some(entry) => Loaded::Ready(entry),
                        None => Loaded::Failed(MSG_MISSING.into()),
                    },
                    Err(e) => Loaded::Failed(e.user_message(now_secs())),
                });
            });
        });
    }
    // Asked for beside the restaurant (by its slug), shown once the restaurant is there.
    {
        let (client, list) = (auth.public().clone(), list.clone());
        use_effect_with((props.slug.clone(), *reloads), move |(slug, _)| {
            let query = reviews_of(slug);
            yew::platform::spawn_local(async move {
                list.set(match client.send(reviews().find(&query)).await {
                    Ok(found) => Loaded::Ready(found.data),
                    Err(e) => Loaded::Failed(e.user_message(now_secs())),
                });
            });
        });
    }
    let document_id = match &*restaurant {
        Loaded::Ready(entry) => Some(entry.document_id.clone()),
        _ => None,
    };

    let title = match &*restaurant {
        Loaded::Ready(entry) => AttrValue::from(entry.name.clone()),
        Loaded::Failed(_) => AttrValue::Static("Restaurant not found"),
        Loaded::Loading => AttrValue::Static("Restaurant"),
    };
    let head = match &*restaurant {
        Loaded::Loading => html! {
            <>
                <h1 id="restaurant-heading" class="visually-hidden">{ "Restaurant" }</h1>
                <div class="list-placeholder" aria-busy="true"><p class="muted" role="status">{ "Loading the restaurant…" }</p></div>
            </>
        },
        Loaded::Failed(message) => html! {
            <>
                <h1 id="restaurant-heading">{ "Restaurant not found" }</h1>
                <p class="alert" role="alert">{ message }</p>
                <Link<Route> to={Route::Restaurants} classes="button">{ "All restaurants" }</Link<Route>>
            </>
        },
        Loaded::Ready(entry) => html! {
            <>
                <h1 id="restaurant-heading">{ &entry.name }</h1>
                if let Some(price) = price_label(entry.price.as_deref()) {
                    <p class="muted"><span class="visually-hidden">{ "Price: " }</span>{ price }</p>
                }
                if let Some(description) = &entry.description { <p>{ description }</p> }
            </>
        },
    };

    let write = match (&document_id, auth.status()) {
        (None, _) | (_, AuthStatus::Checking) => Html::default(),
        (Some(restaurant), AuthStatus::Authenticated(_)) => {
            let on_saved = {
                let (reloads, notice) = (reloads.clone(), notice.clone());
                Callback::from(move |()| {
                    notice.set(Some("Your review was published."));
                    reloads.set(*reloads + 1);
                })
            };
            html! {
                <section aria-labelledby="write-heading">
                    <h2 id="write-heading">{ "Write a review" }</h2>
                    <ReviewForm target={ReviewTarget::New { restaurant: restaurant.clone() }} {on_saved} />
                </section>
            }
        }
        (Some(_), _) => login_link(&props.slug),
    };
    let listed = match &*list {
        _ if document_id.is_none() => Html::default(),
        Loaded::Loading => {
            html! { <p class="muted" role="status" aria-busy="true">{ "Loading reviews…" }</p> }
        }
        Loaded::Failed(message) => failed_view(message, &reloads),
        Loaded::Ready(list) if list.is_empty() => {
            html! { <p class="muted">{ "No reviews yet." }</p> }
        }
        Loaded::Ready(list) => {
            html! { <ul class="entries">{ for list.iter().map(review_item) }</ul> }
        }
    };
    html! {
        <Layout {title}>
            <article class="card card--wide" aria-labelledby="restaurant-heading">
                { head }
                <p class="notice" role="status">{ notice.unwrap_or_default() }</p>
                { write }
                if document_id.is_some() {
                    <section aria-labelledby="reviews-heading">
                        <h2 id="reviews-heading">{ "Reviews" }</h2>
                        { listed }
                    </section>
                }
            </article>
        </Layout>
    }
}

/// "Log in to write a review", coming back here after the login.
fn login_link(slug: &str) -> Html {
    let here = Route::Restaurant {
        slug: slug.to_owned(),
    }
    .path();
    html! {
        <p><LoginLink {here} /></p>
    }
}

#[derive(Properties, PartialEq)]
struct LoginLinkProps {
    here: String,
}

#[function_component]
fn LoginLink(props: &LoginLinkProps) -> Html {
    let navigator = use_navigator().expect("LoginLink is rendered inside the router");
    let query = format!("redirect={}", percent_encode(&props.here));
    let href = format!("{}?{query}", Route::Login.path());
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        let _ = navigator.push_with_query(&Route::Login, Raw(query.clone()));
    });
    html! { <a {href} {onclick} class="button button--primary">{ "Log in to write a review" }</a> }
}

/// A review in the restaurant's list, with its author's username.
fn review_item(review: &Entry<Review>) -> Html {
    let author = review
        .author
        .as_ref()
        .map_or("someone", |a| a.username.as_str());
    let by = html! { <>{ " by " }<span class="review-author">{ author }</span></> };
    review_row(review, by, Html::default())
}
