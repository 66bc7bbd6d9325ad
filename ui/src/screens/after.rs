//! After the meeting, on the child's page: sending the record to the LA, the LA's decision, and
//! the review's agreed actions as tracked tasks.

use ardesk_dto::commands;
use ardesk_dto::{AfterMeetingDto, Decision, DecisionForm, ErrorDto, Stage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, ActionTable, ErrorPanel, FieldError, Form, Outcome, error_id};

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
    let outcome = Outcome::new();
    let sent_on = RwSignal::new(today_input());
    let decision = RwSignal::new(DecisionForm { decision: None, date: today_input() });
    spawn_local(async move { state.set(Some(ipc::call(commands::AfterMeeting { review }).await)) });

    // The new stage shows the action done; a refusal is shown beside what caused it.
    let answer = move |at: &str, result: Result<AfterMeetingDto, ErrorDto>| match result {
        Ok(a) => {
            outcome.clear();
            state.set(Some(Ok(a)));
        }
        Err(e) => outcome.refused(at, e),
    };
    let ready = move |_| {
        spawn_local(
            async move { answer("mark-ready", ipc::call(commands::MarkReadyToSubmit { review }).await) },
        )
    };
    let sent = move || {
        let date = sent_on.get_untracked();
        spawn_local(async move {
            answer("mark-submitted", ipc::call(commands::MarkSubmitted { review, date }).await)
        });
    };
    let decide = move || {
        let form = decision.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::RecordDecision { review, form }).await {
                // The child's page reopens on the review the decision started.
                Ok(a) if a.next_review_id.is_some() => ctx.go_with_status(
                    Screen::Child(child),
                    format!(
                        "LA decision recorded ({}): the next review runs from {}.",
                        a.decision.unwrap_or_default(),
                        a.decided_on.unwrap_or_default()
                    ),
                ),
                other => answer("record-decision", other),
            }
        });
    };

    let body = move || match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(a)) if !a.held && a.stage != Stage::MeetingHeld => None,
        Some(Ok(a)) => {
            let decided = a.decision.is_some();
            let submitted = a.submitted_on.is_some();
            let can_ready = a.can_mark_ready;
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
                        <div class="actions">
                            <button id="mark-ready" on:click=ready>"Mark the record ready to send"</button>
                            <Ack outcome at="mark-ready" />
                        </div>
                    })}
                    {(!submitted && !decided).then(|| view! {
                        <Form id="sent-form" class="inline-form" on_submit=sent>
                            <label for="sent-on">"Sent to the LA on (dd/mm/yyyy)"</label>
                            <input id="sent-on" type="text" prop:value=move || sent_on.get() aria-describedby=error_id("sent-on")
                                on:input=move |ev| { sent_on.set(event_target_value(&ev)); outcome.edited("submitted_on"); } />
                            <button id="mark-submitted" type="submit">"Record as sent"</button>
                            <Ack outcome at="mark-submitted" />
                            <FieldError outcome name="submitted_on" of="sent-on" />
                        </Form>
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
                            <Form id="decision-record" on_submit=decide>
                                <fieldset class="inline-form" id="decision-form">
                                    <legend>"The LA's decision"</legend>
                                    <label for="decision">"Decision"</label>
                                    <select id="decision" aria-describedby=error_id("decision")
                                        on:change=move |ev| { decision.update(|d| d.decision = Decision::from_code(&event_target_value(&ev))); outcome.edited("decision"); }>
                                        <option value="" selected=move || decision.with(|d| d.decision.is_none())>"Choose…"</option>
                                        {Decision::ALL.iter().map(|v| view! {
                                            <option value=v.code() selected=move || decision.with(|d| d.decision == Some(*v))>{v.label()}</option>
                                        }).collect_view()}
                                    </select>
                                    <FieldError outcome name="decision" of="decision" />
                                    <label for="decided-on">"Decision letter dated (dd/mm/yyyy)"</label>
                                    <input id="decided-on" type="text" prop:value=move || decision.with(|d| d.date.clone())
                                        aria-describedby=error_id("decided-on")
                                        on:input=move |ev| { decision.update(|d| d.date = event_target_value(&ev)); outcome.edited("decided_on"); } />
                                    <FieldError outcome name="decided_on" of="decided-on" />
                                    <button id="record-decision" type="submit" class="primary">"Record the decision"</button>
                                    <Ack outcome at="record-decision" />
                                    <p class="hint">"The letter's date starts the next review's 12 months."</p>
                                </fieldset>
                            </Form>
                        }.into_any(),
                    }}
                    <h4>"Agreed actions"</h4>
                    <ActionTable actions=a.actions.clone() show_child=false />
                </section>
            }
            .into_any())
        }
    };
    view! { {body} }
}
