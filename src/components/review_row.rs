//! One review as a row of a list: its note, who wrote it or what it is about, when, its text,
//! and what the list offers to do with it.

use yew::prelude::*;

use crate::content::Entry;
use crate::foodadvisor::Review;
use crate::time::format_timestamp;

/// `about` follows the note (" by demo", " for Le Bistrot"); `actions` ends the row.
pub fn review_row(review: &Entry<Review>, about: Html, actions: Html) -> Html {
    html! {
        <li class="entry review">
            <p>
                <strong class="review-note">{ format!("{}/5", review.note) }</strong>
                { about }
                if let Some(at) = &review.created_at {
                    <span class="muted">{ format!(" · {}", format_timestamp(at)) }</span>
                }
            </p>
            if let Some(content) = review.content.as_deref().filter(|c| !c.is_empty()) {
                <p class="review-content">{ content }</p>
            }
            { actions }
        </li>
    }
}
