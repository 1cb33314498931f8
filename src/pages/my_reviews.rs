//! `/account/reviews` (protected): the reviews the logged-in person wrote, each with its
//! restaurant, to edit or delete. Every request goes with the session.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{review_row, Layout, ReviewForm, ReviewTarget};
use crate::content::Entry;
use crate::foodadvisor::{reviews, reviews_by, Review};
use crate::pages::{failed_view, Loaded};
use crate::router::Route;
use crate::session::use_auth;
use crate::time::now_secs;

/// What one review's row is doing.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Mode {
    Reading,
    /// Editing this review (its `documentId`).
    Editing(String),
    /// Asking whether to delete it.
    Confirming(String),
}

#[function_component]
pub fn MyReviews() -> Html {
    let auth = use_auth();
    let list = use_state(|| Loaded::<Vec<Entry<Review>>>::Loading);
    let reloads = use_state(|| 0u32);
    let mode = use_state(|| Mode::Reading);
    let notice = use_state(String::new);
    let user_id = auth.user().map(|u| u.id);
    {
        let (auth, list) = (auth.clone(), list.clone());
        use_effect_with((user_id, *reloads), move |(user_id, _)| {
            if let Some(user_id) = *user_id {
                let query = reviews_by(user_id);
                yew::platform::spawn_local(async move {
                    list.set(match auth.call(reviews().find(&query)).await {
                        Ok(found) => Loaded::Ready(found.data),
                        Err(e) => Loaded::Failed(e.user_message(now_secs())),
                    });
                });
            }
        });
    }
    let done = |message: &'static str| {
        let (mode, notice, reloads) = (mode.clone(), notice.clone(), reloads.clone());
        Callback::from(move |()| {
            mode.set(Mode::Reading);
            notice.set(message.into());
            reloads.set(*reloads + 1);
        })
    };
    let delete = |document_id: String| {
        let (auth, mode, notice, reloads) =
            (auth.clone(), mode.clone(), notice.clone(), reloads.clone());
        Callback::from(move |_: MouseEvent| {
            let (auth, mode, notice, reloads) =
                (auth.clone(), mode.clone(), notice.clone(), reloads.clone());
            let document_id = document_id.clone();
            yew::platform::spawn_local(async move {
                match auth.call(reviews().delete(&document_id)).await {
                    Ok(()) => notice.set("Your review was deleted.".into()),
                    // A 403 (not the author) or 404 (gone): said, and the list shows what is.
                    Err(e) => notice.set(e.user_message(now_secs())),
                }
                mode.set(Mode::Reading);
                reloads.set(*reloads + 1);
            });
        })
    };
    let set_mode = |next: Mode| {
        let (mode, notice) = (mode.clone(), notice.clone());
        Callback::from(move |()| {
            notice.set(String::new());
            mode.set(next.clone());
        })
    };
    let click = |to: Mode| set_mode(to).reform(|_: MouseEvent| ());

    let row = |review: &Entry<Review>| {
        let id = review.document_id.clone();
        let restaurant = review.restaurant.as_ref().map(|r| {
            let to = Route::Restaurant {
                slug: r.slug.clone(),
            };
            html! { <Link<Route> {to}>{ &r.name }</Link<Route>> }
        });
        let actions = match &*mode {
            Mode::Editing(editing) if *editing == id => {
                let target = ReviewTarget::Edit {
                    review: id.clone(),
                    note: review.note,
                    content: review.content.clone().unwrap_or_default(),
                };
                html! {
                    <ReviewForm {target} on_saved={done("Your review was saved.")}
                        on_cancel={set_mode(Mode::Reading)} />
                }
            }
            Mode::Confirming(confirming) if *confirming == id => html! {
                <div class="actions" role="group" aria-label="Delete this review?">
                    <span>{ "Delete this review?" }</span>
                    <button type="button" class="button button--primary" onclick={delete(id.clone())}>{ "Yes, delete" }</button>
                    <button type="button" class="button" onclick={click(Mode::Reading)}>{ "Keep it" }</button>
                </div>
            },
            _ => html! {
                <div class="actions">
                    <button type="button" class="button" onclick={click(Mode::Editing(id.clone()))}>{ "Edit" }</button>
                    <button type="button" class="button" onclick={click(Mode::Confirming(id.clone()))}>{ "Delete" }</button>
                </div>
            },
        };
        let about = restaurant.map(|r| html! { <>{ " for " }{ r }</> });
        review_row(review, about.unwrap_or_default(), actions)
    };
    let body = match &*list {
        Loaded::Loading => html! {
            <div class="list-placeholder" aria-busy="true"><p class="muted" role="status">{ "Loading your reviews…" }</p></div>
        },
        Loaded::Failed(message) => failed_view(message, &reloads),
        Loaded::Ready(list) if list.is_empty() => html! {
            <p>{ "You have not written a review yet. " }
                <Link<Route> to={Route::Restaurants}>{ "Find a restaurant" }</Link<Route>></p>
        },
        Loaded::Ready(list) => html! { <ul class="entries">{ for list.iter().map(row) }</ul> },
    };
    html! {
        <Layout title="My reviews">
            <section class="card card--wide" aria-labelledby="my-reviews-heading">
                <h1 id="my-reviews-heading">{ "My reviews" }</h1>
                <p class="notice" role="status">{ &*notice }</p>
                { body }
            </section>
        </Layout>
    }
}
