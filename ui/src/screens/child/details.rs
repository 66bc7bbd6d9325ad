//! The child's details, their current review and their plan.

use ardesk_dto::{ChildDetail, commands};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;

/// The child's details and their current review, whose stage is read again each time `changed`
/// counts up.
#[component]
pub(super) fn ChildDetails(child: ChildDetail, changed: RwSignal<u32>) -> impl IntoView {
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    let current = RwSignal::new(child.review.clone());
    let id = child.id;
    Effect::new(move |first: Option<()>| {
        changed.track();
        if first.is_some() {
            spawn_local(async move {
                if let Ok(c) = ipc::call(commands::GetChild { id }).await {
                    current.set(c.review);
                }
            });
        }
    });
    let review = move || current.get();
    view! {
        <div class="columns">
            <section aria-labelledby="details-h">
                <h3 id="details-h">"Details"</h3>
                <dl class="details">
                    {row("Legal name", child.legal_name.clone())}
                    {row("Date of birth", child.dob.clone())}
                    {row("Year group", child.year_group.clone())}
                    {row("UPN", child.upn.clone().unwrap_or_else(|| "Not recorded".into()))}
                    {row("Maintaining LA", child.la_name.clone())}
                    {row("LA reference", child.la_ref.clone().unwrap_or_else(|| "Not recorded".into()))}
                    {row("Looked after", if child.looked_after { "Yes".into() } else { "No".into() })}
                    {row(
                        "SEN need types",
                        if child.need_types.is_empty() { "Not recorded".into() } else { child.need_types.join("; ") },
                    )}
                    {row("Plan first issued", child.plan_issued.clone().unwrap_or_else(|| "Not recorded".into()))}
                    {row(
                        "Last review meeting",
                        child.last_review_meeting.clone().unwrap_or_else(|| "Not recorded".into()),
                    )}
                    {row(
                        "LA's last decision letter",
                        child.last_review_decision.clone().unwrap_or_else(|| "Not recorded".into()),
                    )}
                </dl>
            </section>
            <section aria-labelledby="review-h">
                <h3 id="review-h">"Current review"</h3>
                {move || match review() {
                    None => view! { <p>"No review started."</p> }.into_any(),
                    Some(r) => view! {
                        <dl class="details">
                            {row("Stage", r.stage_label)}
                            {row("Meeting", match (r.meeting_date, r.meeting_time) {
                                (Some(d), Some(t)) => format!("{d} at {t}"),
                                (Some(d), None) => d,
                                _ => "Not set".into(),
                            })}
                            {row("Venue", r.venue.unwrap_or_else(|| "Not set".into()))}
                        </dl>
                    }.into_any(),
                }}
            </section>
        </div>
    }
}

/// The sections of the child's current EHC plan.
#[component]
pub(super) fn PlanSections(child: ChildDetail) -> impl IntoView {
    view! {
        <section aria-labelledby="plan-h" class="plan">
            <h3 id="plan-h">"EHC plan"</h3>
            {if child.sections.is_empty() {
                view! { <p>"No plan sections recorded yet."</p> }.into_any()
            } else {
                child.sections.iter().map(|s| view! {
                    <section class="plan-section" id=format!("section-{}", s.code)>
                        <h4>{format!("Section {} — {}", s.code, s.title)}</h4>
                        <p class="section-text">{s.text.clone()}</p>
                    </section>
                }).collect_view().into_any()
            }}
        </section>
    }
}
