//! The kind of review, the meeting's date, time and venue, and whether notice and circulation
//! are in time.

use ardesk_dto::commands;
use ardesk_dto::{Compliance, ComplianceState, MeetingForm, ReviewType};
use leptos::prelude::*;

use super::Page;
use crate::ipc;
use crate::widgets::{Ack, ChoiceField, Form, Outcome, TextField};

/// The meeting form as typed (with the kind of review), and what its last save came back with.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    form: RwSignal<MeetingForm>,
    kind: RwSignal<Option<ReviewType>>,
    outcome: Outcome,
}

impl Draft {
    pub(super) fn new(page: Page) -> Draft {
        let draft = Draft {
            form: RwSignal::new(MeetingForm::default()),
            kind: RwSignal::new(None),
            outcome: Outcome::new(),
        };
        Effect::new(move |first: Option<()>| {
            // Fill the meeting form once, when the review first loads.
            if (first.is_none() || draft.form.with_untracked(|f| f.date.is_empty()))
                && let Some(Ok(p)) = page.prep.get()
            {
                draft.form.set(p.meeting.clone());
                if draft.kind.get_untracked().is_none() {
                    draft.kind.set(Some(p.review_type));
                }
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
    /// The meeting's date on a day the school is shut, or too late for the LA.
    warnings: Vec<String>,
) -> impl IntoView {
    let Draft { form, kind, outcome } = draft;
    let save = move || {
        let (review, form, review_type) = (page.review, form.get_untracked(), kind.get_untracked());
        page.act_at(
            outcome,
            "save-meeting",
            "Meeting saved.",
            Box::pin(async move {
                ipc::call(commands::SetReviewType { review, review_type }).await?;
                ipc::call(commands::SetMeeting { review, form }).await
            }),
        );
    };
    view! {
        <section class="panel" aria-labelledby="meeting-h">
            <h3 id="meeting-h">"The meeting"</h3>
            <Form id="meeting-form" on_submit=save>
                <div class="inline-fields">
                    <ChoiceField form=kind outcome name="review_type" id="m-review-type" label="Kind of review"
                        get=|k| *k set=|k, v| *k = v />
                    <TextField form outcome name="date" id="m-date" label="Date" placeholder="dd/mm/yyyy"
                        get=|f| f.date.clone() set=|f, v| f.date = v />
                    <TextField form outcome name="time" id="m-time" label="Start time" placeholder="HH:MM"
                        get=|f| f.time.clone() set=|f, v| f.time = v />
                    <TextField form outcome name="venue" id="m-venue" label="Venue, or “Remote:” and how to join" wide=true
                        get=|f| f.venue.clone() set=|f, v| f.venue = v />
                </div>
                <div class="actions">
                    <button id="save-meeting" type="submit" class="primary">"Save meeting"</button>
                    <Ack outcome at="save-meeting" />
                </div>
            </Form>
            {(!warnings.is_empty()).then(|| view! {
                <ul id="meeting-warnings" class="warnings">
                    {warnings.into_iter().map(|w| view! {
                        <li class="warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w}</li>
                    }).collect_view()}
                </ul>
            })}
            <ComplianceLine id="notice" c=notice />
            <ComplianceLine id="circulation" c=circulation />
        </section>
    }
}

/// A statutory check (T07, T09) as icon and words.
#[component]
fn ComplianceLine(id: &'static str, c: Compliance) -> impl IntoView {
    let (icon, label) = match c.state {
        ComplianceState::Met => ("✓", "Met"),
        ComplianceState::NotMet => ("⚠", "Not met"),
        ComplianceState::Pending => ("◷", "To do"),
        ComplianceState::NoMeeting => ("–", "Not set"),
    };
    let class = match c.state {
        ComplianceState::Met => "badge badge-on_track",
        ComplianceState::NotMet => "badge badge-overdue",
        ComplianceState::Pending | ComplianceState::NoMeeting => "badge badge-due_soon",
    };
    view! {
        <p id=id class="compliance" data-state=c.state.code()>
            <span class=class><span aria-hidden="true">{icon}" "</span>{format!("{} {label}", c.id)}</span>
            " "{c.text}
        </p>
    }
}
