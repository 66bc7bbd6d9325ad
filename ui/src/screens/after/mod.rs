//! After the meeting, on the child's page: sending the record to the LA, the LA's decision, and
//! the review's agreed actions as tracked tasks.

use ardesk_dto::commands;
use ardesk_dto::{
    AfterDecisionForm, AfterMeetingDto, BriefingForm, Decision, DecisionForm, ErrorDto, ReflectionForm, Stage,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

mod requests;
mod returned;

pub(crate) use requests::Requests;

use crate::ipc;
use crate::state::{Screen, ctx};
use crate::widgets::{Ack, ActionTable, ErrorPanel, FieldError, Form, Outcome, error_id, today_input};

/// The "After the meeting" panel of a child's current review. Shows nothing before the meeting.
/// For the review before it (`previous`), it shows only while the LA's decision is still being
/// carried out: an amendment awaited, or a cease open to appeal. Each change counts up
/// `changed`, for the rest of the child's page to read its new state.
#[component]
pub(crate) fn AfterMeeting(
    review: i64,
    child: i64,
    changed: RwSignal<u32>,
    #[prop(optional)] previous: bool,
) -> impl IntoView {
    let ctx = ctx();
    let state = RwSignal::new(None::<Result<AfterMeetingDto, ErrorDto>>);
    let outcome = Outcome::new();
    let sent_on = RwSignal::new(today_input());
    let decision = RwSignal::new(DecisionForm { decision: None, date: today_input() });
    let after_form = RwSignal::new(AfterDecisionForm::default());
    let briefing = RwSignal::new(BriefingForm { who: String::new(), date: today_input() });
    let reflection = RwSignal::new(ReflectionForm::default());
    spawn_local(async move {
        let answer = ipc::call(commands::AfterMeeting { review }).await;
        if let Ok(a) = &answer {
            after_form.set(a.after_decision.clone());
            reflection.set(a.reflection.clone());
        }
        state.set(Some(answer));
    });

    // The new stage shows the action done; a refusal is shown beside what caused it.
    let answer = move |at: &str, result: Result<AfterMeetingDto, ErrorDto>| match result {
        Ok(a) => {
            outcome.clear();
            state.set(Some(Ok(a)));
            changed.update(|n| *n += 1);
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
    let brief = move || {
        let form = briefing.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::RecordBriefing { review, form }).await;
            if result.is_ok() {
                // Recorded: listed above, and the form is ready for the next.
                briefing.update(|b| b.who.clear());
            }
            answer("record-briefing", result)
        });
    };
    let reflect = move || {
        let form = reflection.get_untracked();
        spawn_local(async move {
            answer("save-reflection", ipc::call(commands::SaveReflection { review, form }).await)
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

    let record_after = move || {
        let form = after_form.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::RecordAfterDecision { review, form }).await;
            if let Ok(a) = &result {
                after_form.set(a.after_decision.clone());
            }
            let saved = result.is_ok();
            answer("record-after-decision", result);
            if saved {
                outcome.done("record-after-decision", "Saved.");
            }
        });
    };

    let body = move || match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(a)) if !a.held && a.stage != Stage::MeetingHeld => None,
        Some(Ok(a))
            if previous
                && !matches!(a.state.as_str(), "amending" | "cease_appeal_window" | "cease_appealed") =>
        {
            None
        }
        Some(Ok(a)) => {
            let decided = a.decision.is_some();
            // Sent back by the LA and not yet sent again: it goes to the LA again.
            let returned = a.returns.iter().any(|r| r.open);
            let submitted = a.submitted_on.is_some() && !returned;
            let awaiting = a.stage == Stage::Submitted;
            let can_ready = a.can_mark_ready;
            let amend = matches!(a.decided, Some(Decision::Minor | Decision::Significant));
            let cease = a.decided == Some(Decision::Cease);
            let final_plan_label = if amend {
                "Final amended plan due by (T14)"
            } else {
                "Final amended plan due by (T14), if the plan is amended"
            };
            let dates: Vec<(&str, String)> = [
                ("Chase the LA: its decision is overdue (from)", a.chase_la.clone()),
                ("Record to the LA by (T11)", a.report_due.clone()),
                ("LA decision due by (T12)", a.decision_due.clone()),
                ("Representations on the draft close (T13)", a.representations_close.clone()),
                (final_plan_label, a.final_plan_due.clone()),
                ("Appeal to the Tribunal by (T21)", a.appeal_by.clone().filter(|_| cease)),
            ]
            .into_iter()
            .filter_map(|(label, d)| d.map(|d| (label, d)))
            .collect();
            Some(view! {
                <section class="panel" id="after-meeting" aria-labelledby="after-h">
                    <h3 id="after-h">{if previous { "The last review: after the LA's decision" } else { "After the meeting" }}</h3>
                    <p id="after-stage">
                        <strong>{a.stage_label.clone()}</strong>
                        {decided.then(|| format!(" · {}", a.state_label))}
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
                    <returned::Returns review returns=a.returns.clone() outcome answer />
                    {(!submitted && !decided).then(|| view! {
                        <Form id="sent-form" class="inline-form" on_submit=sent>
                            <label for="sent-on">{if returned { "Sent back to the LA on (dd/mm/yyyy)" } else { "Sent to the LA on (dd/mm/yyyy)" }}</label>
                            <input id="sent-on" type="text" prop:value=move || sent_on.get() aria-describedby=error_id("sent-on")
                                on:input=move |ev| { sent_on.set(event_target_value(&ev)); outcome.edited("submitted_on"); } />
                            <button id="mark-submitted" type="submit">"Record as sent"</button>
                            <Ack outcome at="mark-submitted" />
                            <FieldError outcome name="submitted_on" of="sent-on" />
                        </Form>
                    })}
                    {(awaiting && !decided).then(|| view! {
                        <returned::ReturnRecord review today=today_input() outcome answer />
                    })}
                    {match (&a.decision, &a.decided_on) {
                        (Some(d), Some(on)) => view! {
                            <p id="decision-recorded" class="ok">
                                {format!("✓ LA decision: {d} (letter dated {on}). ")}
                                {a.next_review_id.map(|_| view! {
                                    <span>"The next review runs from that date: see its clock above."</span>
                                })}
                            </p>
                            <Form id="after-decision-form" on_submit=record_after>
                                <fieldset class="inline-form">
                                    <legend>"What followed the decision"</legend>
                                    {amend.then(|| view! {
                                        <AfterDate form=after_form outcome name="notice" id="after-notice" label="Amendment notice dated"
                                            get=|f| f.notice.clone() set=|f, v| f.notice = v />
                                        <AfterDate form=after_form outcome name="draft" id="after-draft" label="Draft amended plan served (if later)"
                                            get=|f| f.draft.clone() set=|f, v| f.draft = v />
                                        <AfterDate form=after_form outcome name="final_plan" id="after-final" label="Final amended plan issued"
                                            get=|f| f.final_plan.clone() set=|f, v| f.final_plan = v />
                                    })}
                                    <AfterDate form=after_form outcome name="mediation_certificate" id="after-mediation" label="Mediation certificate dated"
                                        get=|f| f.mediation_certificate.clone() set=|f, v| f.mediation_certificate = v />
                                    {cease.then(|| view! {
                                        <AfterDate form=after_form outcome name="appeal_lodged" id="after-appeal" label="Appeal lodged"
                                            get=|f| f.appeal_lodged.clone() set=|f, v| f.appeal_lodged = v />
                                        <AfterDate form=after_form outcome name="appeal_ended" id="after-appeal-ended" label="Appeal ended (cease upheld or withdrawn)"
                                            get=|f| f.appeal_ended.clone() set=|f, v| f.appeal_ended = v />
                                    })}
                                    <button id="record-after-decision" type="submit">"Save these dates"</button>
                                    <Ack outcome at="record-after-decision" />
                                    <p class="hint">"dd/mm/yyyy; leave blank what has not happened. The clock above counts from them."</p>
                                </fieldset>
                            </Form>
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
                    {(!previous).then(|| view! { <requests::Requests review /> })}
                    <h4>"Agreed actions"</h4>
                    <ActionTable actions=a.actions.clone() show_child=false />
                    <h4>"Staff briefed on the plan"</h4>
                    {a.briefing_due.clone().map(|since| view! {
                        <p id="briefing-due" class="problem-warn">{format!("The amended plan was issued on {since}: brief the staff who work with the child (the staff briefing sheet is on the AR1 page).")}</p>
                    })}
                    <ul id="briefings">
                        {a.briefings.iter().map(|b| view! { <li>{format!("{}: {}", b.on, b.who)}</li> }).collect_view()}
                    </ul>
                    <Form id="briefing-form" class="inline-form" on_submit=brief>
                        <label for="briefed-who">"Who was briefed"</label>
                        <input id="briefed-who" type="text" prop:value=move || briefing.with(|b| b.who.clone()) aria-describedby=error_id("briefed-who")
                            on:input=move |ev| { briefing.update(|b| b.who = event_target_value(&ev)); outcome.edited("briefed_who"); } />
                        <FieldError outcome name="briefed_who" of="briefed-who" />
                        <label for="briefed-on">"On (dd/mm/yyyy)"</label>
                        <input id="briefed-on" type="text" prop:value=move || briefing.with(|b| b.date.clone()) aria-describedby=error_id("briefed-on")
                            on:input=move |ev| { briefing.update(|b| b.date = event_target_value(&ev)); outcome.edited("briefed_on"); } />
                        <FieldError outcome name="briefed_on" of="briefed-on" />
                        <button id="record-briefing" type="submit">"Record the briefing"</button>
                        <Ack outcome at="record-briefing" />
                    </Form>
                    {a.held.then(|| {
                        let area = move |id: &'static str, field: &'static str, label: &'static str, get: fn(&ReflectionForm) -> String, set: fn(&mut ReflectionForm, String)| view! {
                            <label for=id>{label}</label>
                            <textarea id=id rows="2" prop:value=move || reflection.with(get) aria-describedby=error_id(id)
                                on:input=move |ev| { reflection.update(|r| set(r, event_target_value(&ev))); outcome.edited(field); }></textarea>
                            <FieldError outcome name=field of=id />
                        };
                        view! {
                            <h4>"Looking back on this review"</h4>
                            <Form id="reflection-form" on_submit=reflect>
                                {area("reflect-worked", "worked", "What worked well?", |r| r.worked.clone(), |r, v| r.worked = v)}
                                {area("reflect-improve", "improve", "What could have gone better?", |r| r.improve.clone(), |r, v| r.improve = v)}
                                {area("reflect-next", "next_time", "What will you do differently next time?", |r| r.next_time.clone(), |r, v| r.next_time = v)}
                                <button id="save-reflection" type="submit">"Save the reflection"</button>
                                <Ack outcome at="save-reflection" />
                            </Form>
                        }
                    })}
                </section>
            }
            .into_any())
        }
    };
    view! { {body} }
}

/// One date of what followed the decision, its problem beside it.
#[component]
fn AfterDate(
    form: RwSignal<AfterDecisionForm>,
    outcome: Outcome,
    name: &'static str,
    id: &'static str,
    label: &'static str,
    get: fn(&AfterDecisionForm) -> String,
    set: fn(&mut AfterDecisionForm, String),
) -> impl IntoView {
    view! {
        <label for=id>{label}</label>
        <input id=id type="text" placeholder="dd/mm/yyyy" prop:value=move || form.with(get) aria-describedby=error_id(id)
            on:input=move |ev| { form.update(|f| set(f, event_target_value(&ev))); outcome.edited(name); } />
        <FieldError outcome name=name of=id />
    }
}
