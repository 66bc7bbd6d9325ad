//! The caseload: every child with the status of their review, most urgent first, with filters;
//! the ceased plans and the leavers (`leavers.rs`) apart; and below it, the agreed actions to
//! follow up across the caseload and the statutory deadlines met (`compliance.rs`).

use ardesk_dto::commands;
use ardesk_dto::{CaseloadRow, ErrorDto, TrackedActionDto, Urgency};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{ActionTable, ErrorPanel, StatusBadge};

/// The filters of the dashboard.
#[derive(Debug, Clone, Default, PartialEq)]
struct Filters {
    search: String,
    la: String,
    year: String,
    status: String,
    looked_after: bool,
    transfer: bool,
}

impl Filters {
    fn keep(&self, r: &CaseloadRow) -> bool {
        let query = self.search.trim().to_lowercase();
        (query.is_empty() || r.name.to_lowercase().contains(&query))
            && (self.la.is_empty() || r.la == self.la)
            && (self.year.is_empty() || r.year_group == self.year)
            && (self.status.is_empty() || r.status.code() == self.status)
            && (!self.looked_after || r.looked_after)
            && (!self.transfer || r.transfer)
    }
}

/// How many caseload rows are drawn before "Show all".
const FIRST_ROWS: usize = 200;

#[component]
pub(crate) fn Caseload(las: Vec<ardesk_dto::LaOption>) -> impl IntoView {
    let ctx = ctx();
    let rows = RwSignal::new(None::<Result<Vec<CaseloadRow>, ErrorDto>>);
    spawn_local(async move { rows.set(Some(ipc::call(commands::Caseload {}).await)) });
    let filters = RwSignal::new(Filters::default());
    // The most urgent come first, so a long caseload shows its first rows at once and the rest
    // on request: the first row is on screen in milliseconds, whatever the caseload's size.
    let limit = RwSignal::new(FIRST_ROWS);
    // Every milestone of the caseload as one calendar, each event by initials only.
    let calendar = RwSignal::new(String::new());
    let save_calendar = move |_| {
        spawn_local(async move {
            match ipc::call(commands::ExportCaseloadIcs {}).await {
                Ok(e) => calendar.set(format!("Saved {} ({} milestones).", e.file_name, e.items)),
                Err(e) if e.code == ardesk_dto::ErrorCode::Cancelled => {}
                Err(e) => calendar.set(e.message),
            }
        })
    };

    let years = move || {
        let mut seen: Vec<(i32, String)> = rows
            .with(|r| {
                r.as_ref()
                    .and_then(|r| r.as_ref().ok())
                    .map(|list| list.iter().map(|c| (c.ncy, c.year_group.clone())).collect())
            })
            .unwrap_or_default();
        seen.sort();
        seen.dedup();
        seen
    };

    let table = move || match rows.get() {
        None => view! { <p class="loading">"Loading the caseload…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(list)) => {
            let f = filters.get();
            let total = list.len();
            let shown: Vec<CaseloadRow> = list.into_iter().filter(|r| f.keep(r)).collect();
            let count = shown.len();
            let overdue = shown.iter().filter(|r| r.status == Urgency::Overdue).count();
            let hidden = count.saturating_sub(limit.get());
            view! {
                <p class="count" id="caseload-count">
                    {if count == total {
                        format!("{count} {}", if count == 1 { "child" } else { "children" })
                    } else {
                        format!("{count} of {total} children")
                    }}
                    {(overdue > 0).then(|| format!(" · {overdue} overdue"))}
                </p>
                {(total == 0).then(|| view! {
                    <p class="hint" id="none-on-roll">"No child is on roll: the leavers are listed below."</p>
                })}
                <table id="caseload" class="caseload" hidden={total == 0}>
                    <thead>
                        <tr>
                            <th scope="col">"Status"</th>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Year"</th>
                            <th scope="col">"Maintaining LA"</th>
                            <th scope="col">"Stage"</th>
                            <th scope="col">"Next action"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {shown
                            .into_iter()
                            .take(limit.get())
                            .map(|c| {
                                let id = c.child_id;
                                let mut notes = Vec::new();
                                if c.looked_after { notes.push("looked after"); }
                                if c.transfer { notes.push("transfer year"); }
                                let briefing = c.briefing_line();
                                view! {
                                    <tr data-child-id=id data-status=c.status.code()>
                                        <td><StatusBadge status=c.status label=c.status_label.clone() /></td>
                                        <td>
                                            <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{c.name}</button>
                                            {(!notes.is_empty()).then(|| view! { <span class="notes">{format!(" ({})", notes.join(", "))}</span> })}
                                        </td>
                                        <td>{c.year_group}</td>
                                        <td>{c.la_name}</td>
                                        <td>{c.stage_label}</td>
                                        <td class="next">
                                            {c.next.map(|n| n.action).unwrap_or_else(|| "Check the review's dates".to_owned())}
                                            {c.warnings.first().map(|w| view! {
                                                <span class="warning-line"><span aria-hidden="true">"⚠ "</span>{w.clone()}</span>
                                            })}
                                            {briefing.map(|line| view! {
                                                <span class="warning-line briefing-due">{line}</span>
                                            })}
                                            {c.transition_due.into_iter().map(|line| view! {
                                                <span class="warning-line transition-due">{line}</span>
                                            }).collect_view()}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
                {(hidden > 0).then(|| view! {
                    <p class="more">
                        {format!("Showing the {} most urgent. ", count - hidden)}
                        <button id="show-all" on:click=move |_| limit.set(usize::MAX)>
                            {format!("Show all {count}")}
                        </button>
                    </p>
                })}
            }
            .into_any()
        }
    };

    view! {
        <section aria-labelledby="caseload-heading">
            <div class="toolbar">
                <h2 id="caseload-heading">"Caseload"</h2>
                <button id="add-child" class="primary" on:click=move |_| ctx.go(Screen::NewChild)>"Add a child"</button>
                <button id="caseload-ics" title="Every child's milestones as one calendar for Outlook or Google: children by initials only" on:click=save_calendar>"Caseload calendar (.ics)…"</button>
            </div>
            <p id="caseload-ics-status" role="status">{move || calendar.get()}</p>
            <div class="filters" role="search">
                <div class="filter">
                    <label for="search">"Search by name"</label>
                    <input id="search" type="search" prop:value=move || filters.with(|f| f.search.clone())
                        on:input=move |ev| filters.update(|f| f.search = event_target_value(&ev)) />
                </div>
                <div class="filter">
                    <label for="filter-la">"LA"</label>
                    <select id="filter-la" on:change=move |ev| filters.update(|f| f.la = event_target_value(&ev))>
                        <option value="">"All"</option>
                        {las.into_iter().filter(|la| la.yours).map(|la| view! { <option value=la.id>{la.name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-year">"Year"</label>
                    <select id="filter-year" on:change=move |ev| filters.update(|f| f.year = event_target_value(&ev))>
                        <option value="">"All"</option>
                        {move || years().into_iter().map(|(_, y)| view! { <option value=y.clone()>{y.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter">
                    <label for="filter-status">"Status"</label>
                    <select id="filter-status" on:change=move |ev| filters.update(|f| f.status = event_target_value(&ev))>
                        <option value="">"All"</option>
                        {Urgency::ALL.iter().map(|u| view! { <option value=u.code()>{u.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="filter check">
                    <input id="filter-lac" type="checkbox" on:change=move |ev| filters.update(|f| f.looked_after = event_target_checked(&ev)) />
                    <label for="filter-lac">"Looked after"</label>
                </div>
                <div class="filter check">
                    <input id="filter-transfer" type="checkbox" on:change=move |ev| filters.update(|f| f.transfer = event_target_checked(&ev)) />
                    <label for="filter-transfer">"Transfer year"</label>
                </div>
            </div>
            {table}
            <CeasedPlans />
            <crate::screens::leavers::Leavers />
        </section>
        <OpenActions />
        <AwaitedRequests />
        <Reflections />
        <crate::screens::compliance::Compliance />
    }
}

/// The children whose plans have ceased: off the active caseload, each page kept for the record.
#[component]
fn CeasedPlans() -> impl IntoView {
    let ctx = ctx();
    let plans = RwSignal::new(None::<Result<Vec<ardesk_dto::CeasedPlan>, ErrorDto>>);
    spawn_local(async move { plans.set(Some(ipc::call(commands::CeasedPlans {}).await)) });
    move || {
        match plans.get() {
        Some(Ok(list)) if !list.is_empty() => Some(
            view! {
                <details id="ceased-plans" class="ceased">
                    <summary>{format!("Plans ceased ({}): kept for the record, not on the caseload", list.len())}</summary>
                    <ul>
                        {list.into_iter().map(|p| {
                            let id = p.child_id;
                            view! {
                                <li data-child-id=id>
                                    <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{p.name}</button>
                                    {format!(" · {} · ceased from {}", p.la_name, p.ceased_from)}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </details>
            }
            .into_any(),
        ),
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        _ => None,
    }
    }
}

/// The SENCO's reflections on past reviews, the latest first: what worked, what to improve,
/// what to do differently — read across the caseload before the next round of reviews.
#[component]
fn Reflections() -> impl IntoView {
    let ctx = ctx();
    let list = RwSignal::new(None::<Result<Vec<ardesk_dto::ReflectionDto>, ErrorDto>>);
    spawn_local(async move { list.set(Some(ipc::call(commands::Reflections {}).await)) });
    move || {
        match list.get() {
        Some(Ok(all)) if !all.is_empty() => Some(
            view! {
                <section class="panel" id="reflections" aria-labelledby="reflections-h">
                    <h2 id="reflections-h">"Looking back on reviews"</h2>
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Child"</th>
                            <th scope="col">"Worked well"</th>
                            <th scope="col">"Could have gone better"</th>
                            <th scope="col">"Next time"</th>
                        </tr></thead>
                        <tbody>
                            {all.into_iter().map(|r| {
                                let id = r.child_id;
                                view! {
                                    <tr data-review-id=r.review_id>
                                        <td>
                                            <button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{r.child_name}</button>
                                            <br /><span class="hint">{r.meeting.map(|m| format!("Meeting {m}")).unwrap_or_default()}</span>
                                        </td>
                                        <td>{r.answers.worked}</td>
                                        <td>{r.answers.improve}</td>
                                        <td>{r.answers.next_time}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
            .into_any(),
        ),
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        _ => None,
    }
    }
}

/// The school's requests to the LA still waiting for an answer, the longest waiting first.
#[component]
fn AwaitedRequests() -> impl IntoView {
    let ctx = ctx();
    let list = RwSignal::new(None::<Result<Vec<ardesk_dto::LaRequestDto>, ErrorDto>>);
    spawn_local(async move { list.set(Some(ipc::call(commands::UnansweredRequests {}).await)) });
    move || {
        match list.get() {
        Some(Ok(all)) if !all.is_empty() => Some(
            view! {
                <section class="panel" id="awaited-requests" aria-labelledby="awaited-requests-h">
                    <h2 id="awaited-requests-h">"Requests to the LA awaiting an answer"</h2>
                    <table class="people">
                        <thead><tr>
                            <th scope="col">"Child"</th>
                            <th scope="col">"Request"</th>
                            <th scope="col">"Sent"</th>
                            <th scope="col">"Answer due"</th>
                        </tr></thead>
                        <tbody>
                            {all.into_iter().map(|r| {
                                let id = r.child_id;
                                view! {
                                    <tr data-request-id=r.id class:overdue=r.overdue>
                                        <td><button class="link" on:click=move |_| ctx.go(Screen::Child(id))>{r.child_name}</button></td>
                                        <td>{r.kind_label}</td>
                                        <td>{r.sent_on}</td>
                                        <td>{match (r.answer_due, r.overdue) {
                                            (Some(d), true) => format!("{d} (overdue)"),
                                            (Some(d), false) => d,
                                            (None, _) => "No statutory deadline".to_owned(),
                                        }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
            .into_any(),
        ),
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        _ => None,
    }
    }
}

/// How many open actions the dashboard lists before "Show all".
const FIRST_ACTIONS: usize = 15;

/// The dashboard's list of open agreed actions across the caseload: overdue first.
#[component]
fn OpenActions() -> impl IntoView {
    let actions = RwSignal::new(None::<Result<Vec<TrackedActionDto>, ErrorDto>>);
    let all = RwSignal::new(false);
    spawn_local(async move { actions.set(Some(ipc::call(commands::OpenActions {}).await)) });
    let body = move || match actions.get() {
        None => view! { <p class="loading">"Loading the actions…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(list)) if list.is_empty() => {
            view! { <p class="hint">"No open actions: actions agreed at review meetings appear here."</p> }
                .into_any()
        }
        Some(Ok(list)) => {
            let total = list.len();
            let overdue = list.iter().filter(|a| a.overdue).count();
            let shown: Vec<TrackedActionDto> =
                if all.get() { list } else { list.into_iter().take(FIRST_ACTIONS).collect() };
            view! {
                <p id="actions-count" class="count">
                    {format!("{total} open")}{(overdue > 0).then(|| format!(" · {overdue} overdue"))}
                </p>
                <ActionTable actions=shown show_child=true />
                {(total > FIRST_ACTIONS && !all.get()).then(|| view! {
                    <button id="actions-show-all" class="link" on:click=move |_| all.set(true)>{format!("Show all {total}")}</button>
                })}
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" id="open-actions" aria-labelledby="actions-h">
            <h2 id="actions-h">"Agreed actions to follow up"</h2>
            {body}
        </section>
    }
}
