//! `/restaurants`: FoodAdvisor's restaurants, a page at a time, with a search by name; page and
//! search live in the address, so Back and a shared link show the same list.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;
use yew_router::query::Raw;

use crate::components::Layout;
use crate::content::{Entry, List, PageInfo};
use crate::foodadvisor::{price_label, restaurants, Listing, Restaurant};
use crate::pages::{failed_view, Loaded};
use crate::router::Route;
use crate::session::use_auth;
use crate::time::now_secs;

#[function_component]
pub fn Restaurants() -> Html {
    let auth = use_auth();
    let navigator = use_navigator().expect("Restaurants is rendered inside the router");
    let location = use_location().expect("Restaurants is rendered inside the router");
    let listing = Listing::from_query(location.query_str());
    let list = use_state(|| Loaded::<List<Entry<Restaurant>>>::Loading);
    let retries = use_state(|| 0u32);
    {
        let (client, list) = (auth.public().clone(), list.clone());
        use_effect_with((listing.clone(), *retries), move |(listing, _)| {
            list.set(Loaded::Loading);
            let query = listing.strapi_query();
            yew::platform::spawn_local(async move {
                // Public content: asked as the Public role, whoever is logged in.
                list.set(match client.send(restaurants().find(&query)).await {
                    Ok(found) => Loaded::Ready(found),
                    Err(e) => Loaded::Failed(e.user_message(now_secs())),
                });
            });
        });
    }

    let go = {
        let navigator = navigator.clone();
        move |listing: Listing| {
            let _ = navigator.push_with_query(&Route::Restaurants, Raw(listing.to_query()));
        }
    };
    let search_ref = use_node_ref();
    let on_search = {
        let (go, search_ref) = (go.clone(), search_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let search = search_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value().trim().to_owned())
                .unwrap_or_default();
            go(Listing { page: 1, search });
        })
    };
    let prerendered = cfg!(feature = "prerender");
    let body = match &*list {
        Loaded::Loading => html! {
            <div class="list-placeholder" aria-busy="true"><p class="muted" role="status">{ "Loading restaurants…" }</p></div>
        },
        Loaded::Failed(message) => html! {
            <div class="list-placeholder">{ failed_view(message, &retries) }</div>
        },
        Loaded::Ready(found) if found.data.is_empty() => html! {
            <p class="list-placeholder" role="status">{
                if listing.search.is_empty() { "No restaurants yet.".to_owned() }
                else { format!("No restaurant matches “{}”.", listing.search) }
            }</p>
        },
        Loaded::Ready(found) => html! {
            <>
                <p class="visually-hidden" role="status">{ summary(&found.meta.pagination) }</p>
                <ul class="entries">
                    { for found.data.iter().map(restaurant_item) }
                </ul>
                { pager(&listing, &found.meta.pagination, go) }
            </>
        },
    };
    html! {
        <Layout title="Restaurants">
            <section class="card card--wide" aria-labelledby="restaurants-heading">
                <h1 id="restaurants-heading">{ "Restaurants" }</h1>
                <form role="search" class="search" onsubmit={on_search}>
                    <label for="restaurant-search">{ "Search by name" }</label>
                    <input id="restaurant-search" name="q" type="search" ref={search_ref}
                        value={listing.search.clone()} />
                    // Disabled in the prerendered page until scripts run, as every submit button.
                    <button type="submit" class="button" disabled={prerendered}
                        data-prerendered={prerendered.then_some("")}>{ "Search" }</button>
                </form>
                { body }
            </section>
        </Layout>
    }
}

fn summary(pagination: &PageInfo) -> String {
    match pagination {
        PageInfo::Page {
            page,
            page_count: Some(count),
            total: Some(total),
            ..
        } => {
            format!("{total} restaurants, page {page} of {count}")
        }
        _ => String::new(),
    }
}

fn restaurant_item(restaurant: &Entry<Restaurant>) -> Html {
    let to = Route::Restaurant {
        slug: restaurant.slug.clone(),
    };
    html! {
        <li class="entry">
            <h2><Link<Route> {to}>{ &restaurant.name }</Link<Route>></h2>
            if let Some(price) = price_label(restaurant.price.as_deref()) {
                <p class="muted"><span class="visually-hidden">{ "Price: " }</span>{ price }</p>
            }
            if let Some(description) = &restaurant.description {
                <p>{ description }</p>
            }
        </li>
    }
}

fn pager(listing: &Listing, pagination: &PageInfo, go: impl Fn(Listing) + Clone + 'static) -> Html {
    let PageInfo::Page {
        page,
        page_count: Some(count),
        ..
    } = *pagination
    else {
        return Html::default();
    };
    let page = page as u32;
    let count = count as u32;
    if count <= 1 {
        return Html::default();
    }
    let to = |page: u32, label: &'static str, enabled: bool| {
        let (go, target) = (
            go.clone(),
            Listing {
                page,
                search: listing.search.clone(),
            },
        );
        let onclick = Callback::from(move |_: MouseEvent| go(target.clone()));
        html! { <button type="button" class="button" disabled={!enabled} {onclick}>{ label }</button> }
    };
    html! {
        <nav class="pager" aria-label="Pages">
            { to(page.saturating_sub(1), "Previous", page > 1) }
            <span>{ format!("Page {page} of {count}") }</span>
            { to(page + 1, "Next", page < count) }
        </nav>
    }
}
