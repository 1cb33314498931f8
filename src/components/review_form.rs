//! `ReviewForm`: a review's note and text, checked before sending, Strapi's validation errors
//! under their fields, and the text kept on any failure. Writing a review and editing one share it.

use yew::prelude::*;

use crate::components::{FormAlert, SubmitButton};
use crate::foodadvisor::{content_problem, note_problem, reviews, ReviewInput};
use crate::form::{use_form, Binding, Errors, FormField, UseForm, Values};
use crate::session::use_auth;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewField {
    Note,
    Content,
}

impl FormField for ReviewField {
    const ALL: &'static [Self] = &[ReviewField::Note, ReviewField::Content];

    // Strapi's attribute names: its validation errors land on these fields.
    fn name(self) -> &'static str {
        match self {
            ReviewField::Note => "note",
            ReviewField::Content => "content",
        }
    }
}

pub fn validate_review(values: &Values<ReviewField>) -> Errors<ReviewField> {
    Errors::from_problems([
        (
            ReviewField::Note,
            note_problem(values.str(ReviewField::Note)),
        ),
        (
            ReviewField::Content,
            content_problem(values.str(ReviewField::Content)),
        ),
    ])
}

/// What the form writes to.
#[derive(Clone, Debug, PartialEq)]
pub enum ReviewTarget {
    /// A new review of this restaurant (its `documentId`).
    New { restaurant: String },
    /// This review (its `documentId`), with what it says now.
    Edit {
        review: String,
        note: u8,
        content: String,
    },
}

#[derive(Properties, PartialEq)]
pub struct ReviewFormProps {
    pub target: ReviewTarget,
    /// Called once Strapi has stored it.
    pub on_saved: Callback<()>,
    /// Offered as "Cancel" when given.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

#[function_component]
pub fn ReviewForm(props: &ReviewFormProps) -> Html {
    let auth = use_auth();
    let mut initial = Values::new();
    if let ReviewTarget::Edit { note, content, .. } = &props.target {
        initial.insert(ReviewField::Note, note.to_string());
        initial.insert(ReviewField::Content, content.clone());
    }
    let form = {
        let (target, on_saved) = (props.target.clone(), props.on_saved.clone());
        use_form(
            initial,
            validate_review,
            move |values, form: UseForm<ReviewField>| {
                let (auth, target, on_saved) = (auth.clone(), target.clone(), on_saved.clone());
                async move {
                    let input = ReviewInput {
                        note: values.str(ReviewField::Note).trim().parse().unwrap_or(0),
                        content: values.str(ReviewField::Content).trim().to_owned(),
                        restaurant: match &target {
                            ReviewTarget::New { restaurant } => Some(restaurant.clone()),
                            ReviewTarget::Edit { .. } => None,
                        },
                    };
                    // With the session: its token renewed on the way if it expired while the
                    // person wrote, so nothing they wrote is lost to it.
                    let saved = match &target {
                        ReviewTarget::New { .. } => auth.call(reviews().create(&input)).await,
                        ReviewTarget::Edit { review, .. } => {
                            auth.call(reviews().update(review, &input)).await
                        }
                    };
                    match saved {
                        Ok(_) => {
                            if matches!(target, ReviewTarget::New { .. }) {
                                form.reset();
                            }
                            on_saved.emit(());
                        }
                        // Nothing is cleared: the text stays for another try.
                        Err(error) => form.fail(&error, &[]),
                    }
                }
            },
        )
    };
    let editing = matches!(props.target, ReviewTarget::Edit { .. });
    let cancel = props.on_cancel.clone().map(|cancel| {
        html! {
            <button type="button" class="button" onclick={move |_| cancel.emit(())}>{ "Cancel" }</button>
        }
    });
    html! {
        <form class="review-form" method="post" novalidate=true onsubmit={form.handle_submit()}>
            <FormAlert message={form.status().map(AttrValue::from)} />
            { note_field(form.bind(ReviewField::Note)) }
            { content_field(form.bind(ReviewField::Content)) }
            <div class="actions">
                <SubmitButton label={if editing { "Save review" } else { "Publish review" }}
                    busy_label="Saving…" busy={form.is_submitting()} />
                { for cancel }
            </div>
        </form>
    }
}

/// Attributes every field shares: its error wired for screen readers.
fn error_of(field: &Binding) -> (bool, String, Html) {
    let error_id = format!("{}-error", field.name);
    let error = match &field.error {
        Some(error) => html! { <p id={error_id.clone()} class="field__error">{ error }</p> },
        None => Html::default(),
    };
    (field.error.is_some(), error_id, error)
}

fn note_field(field: Binding) -> Html {
    let (invalid, error_id, error) = error_of(&field);
    let option = |value: &'static str, label: &'static str| {
        html! { <option {value} selected={field.value == value}>{ label }</option> }
    };
    html! {
        <div class={classes!("field", invalid.then_some("field--invalid"))}>
            <label for={field.name.clone()}>{ "Note" }</label>
            <select id={field.name.clone()} name={field.name.clone()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then_some(error_id)}
                oninput={field.oninput.clone()} onblur={field.onblur.clone()}>
                { option("", "Choose a note") }
                { option("5", "5 – excellent") }
                { option("4", "4 – very good") }
                { option("3", "3 – good") }
                { option("2", "2 – fair") }
                { option("1", "1 – poor") }
            </select>
            { error }
        </div>
    }
}

fn content_field(field: Binding) -> Html {
    let (invalid, error_id, error) = error_of(&field);
    html! {
        <div class={classes!("field", invalid.then_some("field--invalid"))}>
            <label for={field.name.clone()}>{ "Your review" }</label>
            <textarea id={field.name.clone()} name={field.name.clone()} rows="5"
                value={field.value.clone()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={invalid.then_some(error_id)}
                oninput={field.oninput.clone()} onblur={field.onblur.clone()} />
            { error }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_needs_a_note_and_at_most_2000_characters() {
        let mut values = Values::new();
        let errors = validate_review(&values);
        assert!(errors.contains_key(&ReviewField::Note));
        assert!(
            !errors.contains_key(&ReviewField::Content),
            "the text may be empty"
        );
        values.insert(ReviewField::Note, "4".into());
        values.insert(ReviewField::Content, "x".repeat(2001));
        let errors = validate_review(&values);
        assert!(!errors.contains_key(&ReviewField::Note));
        assert!(errors.contains_key(&ReviewField::Content));
    }
}
