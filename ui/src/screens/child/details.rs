//! The child's details, their current review and their plan.

use ardesk_dto::ChildDetail;
use leptos::prelude::*;

#[component]
pub(super) fn ChildDetails(child: ChildDetail) -> impl IntoView {
    let row = |label: &'static str, value: String| view! { <dt>{label}</dt><dd>{value}</dd> };
    let review = child.review.clone();
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
                {match review {
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
