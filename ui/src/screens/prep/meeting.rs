//! The meeting's date, time and venue, and whether notice and circulation are in time.

use ardesk_dto::{Compliance, MeetingForm};
use leptos::prelude::*;

use super::Page;
use crate::ipc;

/// The meeting form as typed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    date: RwSignal<String>,
    time: RwSignal<String>,
    venue: RwSignal<String>,
}

impl Draft {
    pub(super) fn new(page: Page) -> Draft {
        let draft = Draft {
            date: RwSignal::new(String::new()),
            time: RwSignal::new(String::new()),
            venue: RwSignal::new(String::new()),
        };
        Effect::new(move |first: Option<()>| {
            // Fill the meeting form once, when the review first loads.
            if (first.is_none() || draft.date.get_untracked().is_empty())
                && let Some(Ok(p)) = page.prep.get()
            {
                draft.date.set(p.meeting.date.clone());
                draft.time.set(p.meeting.time.clone());
                draft.venue.set(p.meeting.venue.clone());
            }
        });
        draft
    }
}

#[component]
pub(super) fn MeetingPanel(
    page: Page,
    draft: Draft,
    notice: Compliance,
    circulation: Compliance,
) -> impl IntoView {
    let save_meeting = move |_| {
        let form = MeetingForm {
            date: draft.date.get_untracked(),
            time: draft.time.get_untracked(),
            venue: draft.venue.get_untracked(),
        };
        let review = page.review;
        page.act(
            Some("Meeting saved.".to_owned()),
            Box::pin(async move { ipc::set_meeting(review, &form).await }),
        );
    };
    view! {
        <section class="panel" aria-labelledby="meeting-h">
            <h3 id="meeting-h">"The meeting"</h3>
            <div class="inline-fields">
                <div class="field">
                    <label for="m-date">"Date"</label>
                    <input id="m-date" type="text" placeholder="dd/mm/yyyy" prop:value=move || draft.date.get()
                        on:input=move |ev| draft.date.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="m-time">"Start time"</label>
                    <input id="m-time" type="text" placeholder="HH:MM" prop:value=move || draft.time.get()
                        on:input=move |ev| draft.time.set(event_target_value(&ev)) />
                </div>
                <div class="field wide">
                    <label for="m-venue">"Venue, or “Remote:” and how to join"</label>
                    <input id="m-venue" type="text" prop:value=move || draft.venue.get()
                        on:input=move |ev| draft.venue.set(event_target_value(&ev)) />
                </div>
            </div>
            <button id="save-meeting" class="primary" on:click=save_meeting>"Save meeting"</button>
            <ComplianceLine id="notice" c=notice />
            <ComplianceLine id="circulation" c=circulation />
        </section>
    }
}

/// A statutory check (T07, T09) as icon and words.
#[component]
fn ComplianceLine(id: &'static str, c: Compliance) -> impl IntoView {
    let (icon, label) = match c.state.as_str() {
        "met" => ("✓", "Met"),
        "not_met" => ("⚠", "Not met"),
        "pending" => ("◷", "To do"),
        _ => ("–", "Not set"),
    };
    let class = match c.state.as_str() {
        "met" => "badge badge-on_track",
        "not_met" => "badge badge-overdue",
        _ => "badge badge-due_soon",
    };
    view! {
        <p id=id class="compliance" data-state=c.state.clone()>
            <span class=class><span aria-hidden="true">{icon}" "</span>{format!("{} {label}", c.id)}</span>
            " "{c.text}
        </p>
    }
}
