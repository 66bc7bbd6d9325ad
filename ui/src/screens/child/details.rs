//! The child's details, their current review, the people around them and their plan.

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
                    {row("EHC plan issued", child.plan_issued.clone())}
                    {row(
                        "Last review concluded",
                        child.last_review_decision.clone().unwrap_or_else(|| "No review yet".into()),
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
        <section aria-labelledby="people-h">
            <h3 id="people-h">"Parents and carers"</h3>
            {if child.parents.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Relationship"</th>
                            <th scope="col">"Parental responsibility"</th><th scope="col">"Contact"</th>
                            <th scope="col">"Prefers"</th>
                        </tr></thead>
                        <tbody>
                            {child.parents.iter().map(|p| view! {
                                <tr>
                                    <td>{p.name.clone()}</td>
                                    <td>{p.relationship.clone()}</td>
                                    <td>{if p.parental_responsibility { "Yes" } else { "No" }}</td>
                                    <td>{[p.phone.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</td>
                                    <td>{p.preferred_contact.clone()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <h3>"Professionals involved"</h3>
            {if child.professionals.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Role"</th>
                            <th scope="col">"Organisation"</th><th scope="col">"Contact"</th>
                        </tr></thead>
                        <tbody>
                            {child.professionals.iter().map(|p| view! {
                                <tr>
                                    <td>{p.name.clone()}</td>
                                    <td>{p.role.clone()}</td>
                                    <td>{p.organisation.clone()}</td>
                                    <td>{[p.phone.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
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
