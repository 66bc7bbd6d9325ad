//! After the meeting: sending the record to the LA, the LA's decision, and the agreed actions as
//! tracked tasks (on the child's page and, across the caseload, on the dashboard).

use ardesk_dto::{AfterMeetingDto, DecisionForm, ErrorDto, FieldProblem, TrackedActionDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::meeting::ACTION_STATUS;
use crate::{ErrorPanel, Problems, Screen, ctx, ipc};

const DECISIONS: [(&str, &str); 5] = [
    ("", "Choose…"),
    ("no_change", "Maintain the plan unchanged"),
    ("minor", "Amend the plan (minor changes)"),
    ("significant", "Amend the plan (significant changes, draft to follow)"),
    ("cease", "Cease to maintain the plan"),
];

/// Today as dd/mm/yyyy, to pre-fill date fields.
fn today_input() -> String {
    let d = js_sys::Date::new_0();
    format!("{:02}/{:02}/{}", d.get_date(), d.get_month() + 1, d.get_full_year())
}

/// The "After the meeting" panel of a child's current review. Shows nothing before the meeting.
#[component]
pub(crate) fn AfterMeeting(review: i64, child: i64) -> impl IntoView {
    let ctx = ctx();
    let state = RwSignal::new(None::<Result<AfterMeetingDto, ErrorDto>>);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let error = RwSignal::new(None::<ErrorDto>);
    let sent_on = RwSignal::new(today_input());
    let decision = RwSignal::new(DecisionForm { decision: String::new(), date: today_input() });
    spawn_local(async move { state.set(Some(ipc::after_meeting(review).await)) });

    let answer = move |result: Result<AfterMeetingDto, ErrorDto>| match result {
        Ok(a) => {
            problems.set(Vec::new());
            error.set(None);
            state.set(Some(Ok(a)));
        }
        Err(e) if !e.problems.is_empty() && e.code == ardesk_dto::ErrorCode::Validation => {
            problems.set(e.problems)
        }
        Err(e) => error.set(Some(e)),
    };
    let ready = move |_| spawn_local(async move { answer(ipc::mark_ready_to_submit(review).await) });
    let sent = move |_| {
        let date = sent_on.get_untracked();
        spawn_local(async move { answer(ipc::mark_submitted(review, &date).await) });
    };
    let decide = move |_| {
        let form = decision.get_untracked();
        spawn_local(async move {
            match ipc::record_decision(review, &form).await {
                // The child's page reopens on the review the decision started.
                Ok(a) if a.next_review_id.is_some() => ctx.go_with_status(
                    Screen::Child(child),
                    format!(
                        "LA decision recorded ({}): the next review runs from {}.",
                        a.decision.unwrap_or_default(),
                        a.decided_on.unwrap_or_default()
                    ),
                ),
                other => answer(other),
            }
        });
    };

    let body = move || match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(a)) if !a.held && a.stage != "meeting_held" => None,
        Some(Ok(a)) => {
            let decided = a.decision.is_some();
            let submitted = a.submitted_on.is_some();
            let can_ready = a.missing == 0
                && matches!(
                    a.stage.as_str(),
                    "meeting_held" | "reports_due" | "invitations_sent" | "planning"
                );
            let dates: Vec<(&str, String)> = [
                ("Record to the LA by (T11)", a.report_due.clone()),
                ("LA decision due by (T12)", a.decision_due.clone()),
                ("Final amended plan due by (T14), if the plan is amended", a.final_plan_due.clone()),
            ]
            .into_iter()
            .filter_map(|(label, d)| d.map(|d| (label, d)))
            .collect();
            Some(view! {
                <section class="panel" id="after-meeting" aria-labelledby="after-h">
                    <h3 id="after-h">"After the meeting"</h3>
                    <p id="after-stage">
                        <strong>{a.stage_label.clone()}</strong>
                        {a.meeting.clone().map(|m| format!(" · meeting {m}"))}
                        {a.submitted_on.clone().map(|d| format!(" · sent to the LA {d}"))}
                    </p>
                    {if a.missing == 0 {
                        view! { <p class="ok">"✓ The AR1 record is complete."</p> }.into_any()
                    } else {
                        view! {
                            <p id="after-missing">
                                {format!("The AR1 record has {} part{} still to complete. ", a.missing, if a.missing == 1 { "" } else { "s" })}
                                <button class="link" on:click=move |_| ctx.go(Screen::Ar1(review, child))>"Open the AR1 record"</button>
                            </p>
                        }.into_any()
                    }}
                    {(!dates.is_empty()).then(|| view! {
                        <dl id="after-dates" class="facts">
                            {dates.into_iter().map(|(l, d)| view! { <dt>{l}</dt><dd>{d}</dd> }).collect_view()}
                        </dl>
                    })}
                    {can_ready.then(|| view! {
                        <button id="mark-ready" on:click=ready>"Mark the record ready to send"</button>
                    })}
                    {(!submitted && !decided).then(|| view! {
                        <div class="inline-form">
                            <label for="sent-on">"Sent to the LA on (dd/mm/yyyy)"</label>
                            <input id="sent-on" type="text" prop:value=move || sent_on.get()
                                on:input=move |ev| sent_on.set(event_target_value(&ev)) />
                            <button id="mark-submitted" on:click=sent>"Record as sent"</button>
                        </div>
                    })}
                    {match (&a.decision, &a.decided_on) {
                        (Some(d), Some(on)) => view! {
                            <p id="decision-recorded" class="ok">
                                {format!("✓ LA decision: {d} (letter dated {on}). ")}
                                {a.next_review_id.map(|_| view! {
                                    <span>"The next review runs from that date: see its clock above."</span>
                                })}
                            </p>
                        }.into_any(),
                        _ => view! {
                            <fieldset class="inline-form" id="decision-form">
                                <legend>"The LA's decision"</legend>
                                <label for="decision">"Decision"</label>
                                <select id="decision" on:change=move |ev| decision.update(|d| d.decision = event_target_value(&ev))>
                                    {DECISIONS.iter().map(|(v, t)| view! { <option value=*v>{*t}</option> }).collect_view()}
                                </select>
                                <label for="decided-on">"Decision letter dated (dd/mm/yyyy)"</label>
                                <input id="decided-on" type="text" prop:value=move || decision.with(|d| d.date.clone())
                                    on:input=move |ev| decision.update(|d| d.date = event_target_value(&ev)) />
                                <button id="record-decision" class="primary" on:click=decide>"Record the decision"</button>
                                <p class="hint">"The letter's date starts the next review's 12 months."</p>
                            </fieldset>
                        }.into_any(),
                    }}
                    <Problems id="after-errors" problems />
                    {move || error.get().map(|error| view! { <ErrorPanel error /> })}
                    <h4>"Agreed actions"</h4>
                    <ActionTable actions=a.actions.clone() show_child=false />
                </section>
            }
            .into_any())
        }
    };
    view! { {body} }
}

/// Agreed actions with where each stands, editable in place (the dashboard, the child's page,
/// and the AR1 record's previous actions).
#[component]
pub(crate) fn ActionTable(actions: Vec<TrackedActionDto>, show_child: bool) -> impl IntoView {
    let ctx = ctx();
    if actions.is_empty() {
        return view! { <p class="hint">"No actions are recorded yet."</p> }.into_any();
    }
    let rows = RwSignal::new(actions);
    let error = RwSignal::new(None::<ErrorDto>);
    let update = move |review: i64, row: usize, status: String| {
        spawn_local(async move {
            match ipc::set_action_status(review, row, &status, "").await {
                Ok(a) => rows.update(|list| {
                    if let Some(slot) = list.iter_mut().find(|x| x.review_id == review && x.row == row) {
                        *slot = a;
                    }
                }),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <table class="people actions-table">
            <thead>
                <tr>
                    {show_child.then(|| view! { <th scope="col">"Child"</th> })}
                    <th scope="col">"Action"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Deadline"</th>
                    <th scope="col">"Next check-in or deadline"</th>
                    <th scope="col">"Where it stands"</th>
                </tr>
            </thead>
            <tbody>
                {move || rows.get().into_iter().map(|a| {
                    let (review, row, child) = (a.review_id, a.row, a.child_id);
                    let current = a.status.clone();
                    let checks = if a.check_ins.is_empty() {
                        String::new()
                    } else {
                        format!("Check-ins: {}{}", a.check_ins.join(", "), if a.check_ins_approximate { " (about termly: add term dates in Settings)" } else { "" })
                    };
                    view! {
                        <tr class:overdue=a.overdue data-review=review data-row=row>
                            {show_child.then(|| view! {
                                <td><button class="link" on:click=move |_| ctx.go(Screen::Child(child))>{a.child_name.clone()}</button></td>
                            })}
                            <td>{a.action.clone()}</td>
                            <td>{a.owner.clone()}</td>
                            <td>{a.deadline.clone().unwrap_or_default()}{a.overdue.then(|| view! { <span class="badge badge-overdue">"Overdue"</span> })}</td>
                            <td title=checks>{a.next.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td>
                                <select id=format!("action-{review}-{row}") aria-label=format!("Where it stands: {}", a.action)
                                    on:change=move |ev| update(review, row, event_target_value(&ev))>
                                    {ACTION_STATUS.iter().map(|(v, t)| view! { <option value=*v selected=current == *v>{*t}</option> }).collect_view()}
                                </select>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {move || error.get().map(|error| view! { <ErrorPanel error /> })}
    }
    .into_any()
}

/// How many open actions the dashboard lists before "Show all".
const FIRST_ACTIONS: usize = 15;

/// The dashboard's list of open agreed actions across the caseload: overdue first.
#[component]
pub(crate) fn OpenActions() -> impl IntoView {
    let actions = RwSignal::new(None::<Result<Vec<TrackedActionDto>, ErrorDto>>);
    let all = RwSignal::new(false);
    spawn_local(async move { actions.set(Some(ipc::open_actions().await)) });
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
