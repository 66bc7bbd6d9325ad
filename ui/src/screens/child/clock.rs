//! The statutory clock of the child's current review, and its export to a calendar.

use ardesk_dto::commands;
use ardesk_dto::{ChildTimeline, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ErrorPanel, Outcome, StatusBadge};

/// The statutory clock of the child's current review: next step, every milestone and its reason,
/// read again each time `changed` counts up.
#[component]
pub(super) fn ReviewClock(id: i64, changed: RwSignal<u32>) -> impl IntoView {
    let timeline = RwSignal::new(None::<Result<ChildTimeline, ErrorDto>>);
    Effect::new(move |_| {
        changed.track();
        spawn_local(async move { timeline.set(Some(ipc::call(commands::ChildTimeline { id }).await)) });
    });
    let outcome = Outcome::new();
    let exporting = RwSignal::new(false);
    let export = move |_| {
        exporting.set(true);
        outcome.clear();
        spawn_local(async move {
            let result = ipc::call(commands::ExportIcs { id }).await;
            outcome.answer("export-ics", result, |done| {
                format!("Saved {} ({} dates).", done.file_name, done.items)
            });
            exporting.set(false);
        });
    };

    let body = move || {
        match timeline.get() {
        None => view! { <p class="loading">"Working out the dates…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        // A ceased plan has no clock: no next review, nothing due.
        Some(Ok(t)) if t.ceased_from.is_some() => view! {
            <p class="ok" id="plan-ceased">
                {format!(
                    "The plan ceased from {}: this child is no longer on the caseload. Their page is kept for the record.",
                    t.ceased_from.clone().unwrap_or_default()
                )}
            </p>
            <p class="cycle">{format!("{} · {}", t.la_name, t.year_group)}</p>
        }
        .into_any(),
        Some(Ok(t)) => view! {
            <p class="next-step">
                <StatusBadge status=t.status label=t.status_label.clone() />
                " "
                <strong id="next-action">{t.next.as_ref().map(|n| n.action.clone()).unwrap_or_default()}</strong>
            </p>
            <p class="anchor" id="anchor">{t.anchor_explained.clone()}</p>
            <p class="cycle">
                {format!(
                    "{} · {}{}",
                    t.la_name,
                    t.year_group,
                    if t.pfa_required { " · preparing for adulthood must be covered" } else { "" }
                )}
                {t.meeting.clone().map(|m| format!(" · meeting {m}"))}
            </p>
            {t.warnings.iter().map(|w| view! {
                <p class="warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w.clone()}</p>
            }).collect_view()}
            {(!t.term_dates_known).then(|| view! {
                <p class="hint">"Enter the school's term dates in Settings to see which dates fall in a school holiday."</p>
            })}
            <table id="timeline" class="timeline">
                <thead>
                    <tr>
                        <th scope="col">"Rule"</th>
                        <th scope="col">"Milestone"</th>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Due"</th>
                        <th scope="col">"Notes"</th>
                        <th scope="col">"Why"</th>
                    </tr>
                </thead>
                <tbody>
                    {t.milestones.into_iter().map(|m| {
                        let mut notes = Vec::new();
                        if m.non_working_day { notes.push("weekend or bank holiday: due moved earlier"); }
                        if m.school_holiday { notes.push("school holiday"); }
                        if m.passed { notes.push("passed"); }
                        view! {
                            <tr data-milestone=m.id.clone() class:passed=m.passed>
                                <td>{m.id.clone()}</td>
                                <td>{m.title}</td>
                                <td class="date">{m.date}</td>
                                <td class="date"><strong>{m.due}</strong></td>
                                <td>{notes.join("; ")}</td>
                                <td>
                                    <details>
                                        <summary>"Why this date?"</summary>
                                        <p class="why">{m.why}</p>
                                        <p class="source">"Source: "{m.source}</p>
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
    };

    view! {
        <section aria-labelledby="clock-h" class="clock">
            <div class="title-row">
                <h3 id="clock-h">"Statutory clock"</h3>
                {move || {
                    let ceased = timeline.with(|t| matches!(t, Some(Ok(t)) if t.ceased_from.is_some()));
                    (!ceased).then(|| view! {
                        <div class="actions">
                            <Ack outcome at="export-ics" />
                            <button id="export-ics" on:click=export disabled=move || exporting.get()>"Export to calendar (.ics)"</button>
                        </div>
                    })
                }}
            </div>
            {body}
        </section>
    }
}
