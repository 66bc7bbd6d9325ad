//! On the dashboard, for the head teacher and governors: how many reviews met each statutory
//! deadline in a period (this school year unless dates are typed), and the report saved as a
//! PDF with a chart and a CSV.

use ardesk_dto::commands;
use ardesk_dto::{ComplianceReportDto, ErrorCode, ErrorDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::ErrorPanel;

#[component]
pub(crate) fn Compliance() -> impl IntoView {
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Result<ComplianceReportDto, ErrorDto>>);
    let saved = RwSignal::new(String::new());
    let show = move || {
        let (from, to) = (from.get_untracked(), to.get_untracked());
        spawn_local(
            async move { report.set(Some(ipc::call(commands::ComplianceReport { from, to }).await)) },
        );
    };
    show();
    let save = move |_| {
        let (from, to) = (from.get_untracked(), to.get_untracked());
        spawn_local(async move {
            match ipc::call(commands::SaveCompliance { from, to }).await {
                Ok(w) => saved.set(format!("Saved in {}: {}.", w.folder, w.files.join(", "))),
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => saved.set(e.message),
            }
        });
    };
    let body = move || {
        match report.get() {
        None => view! { <p class="loading">"Working out the deadlines…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(r)) => view! {
            <p id="compliance-period" class="count">
                {format!("{} review{} with a meeting from {}", r.rows.len(), if r.rows.len() == 1 { "" } else { "s" }, r.period)}
            </p>
            <table class="people" id="compliance-totals">
                <thead><tr>
                    <th scope="col">"Deadline"</th>
                    <th scope="col">"Met"</th>
                    <th scope="col">"Late"</th>
                    <th scope="col">"Pending"</th>
                    <th scope="col">"On time"</th>
                </tr></thead>
                <tbody>
                    {r.totals.into_iter().map(|t| view! {
                        <tr data-milestone=t.milestone.clone()>
                            <th scope="row">{format!("{} {}", t.milestone, t.title)}</th>
                            <td class="met">{t.met}</td>
                            <td class="late">{t.late}</td>
                            <td>{t.pending}</td>
                            <td>{t.percent_met.map(|p| format!("{p}%")).unwrap_or_else(|| "—".to_owned())}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
    };
    view! {
        <section class="panel" id="compliance" aria-labelledby="compliance-h">
            <h2 id="compliance-h">"Statutory deadlines met"</h2>
            <p class="hint">"For the head teacher and governors: notice (T07), circulation (T09), the report to the LA (T11) and the LA's decision (T12) for each review whose meeting fell in the period; this school year unless you type dates. Children are named by initials only."</p>
            <div class="filters">
                <label>"From "<input id="compliance-from" type="text" placeholder="DD/MM/YYYY" on:input=move |ev| from.set(event_target_value(&ev)) /></label>
                <label>"To "<input id="compliance-to" type="text" placeholder="DD/MM/YYYY" on:input=move |ev| to.set(event_target_value(&ev)) /></label>
                <button id="compliance-show" on:click=move |_| show()>"Show"</button>
                <button id="compliance-save" on:click=save>"Save for the governors (PDF and CSV)…"</button>
            </div>
            <p id="compliance-saved" role="status">{move || saved.get()}</p>
            {body}
        </section>
    }
}
