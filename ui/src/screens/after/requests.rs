//! Requests to the LA after the review: a re-assessment, additional support or services, or a
//! reconsideration of its decision on new evidence; each with its letter and the documents sent
//! with it, waiting until the LA's answer is recorded.

use ardesk_dto::commands;
use ardesk_dto::{AnswerForm, ErrorDto, LaRequestDto, RequestForm, RequestOutcome, RequestsDto};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ChoiceField, ErrorPanel, FieldError, Form, Outcome, error_id, today_input};

/// The element ids of one requests panel: the decided review's panel and the current review's
/// can both be on the child's page, so each has its own.
#[derive(Clone, Copy)]
struct Ids {
    list: &'static str,
    form: &'static str,
    kind: &'static str,
    grounds: &'static str,
    evidence: &'static str,
    sent: &'static str,
    make: &'static str,
}

const CURRENT: Ids = Ids {
    list: "requests",
    form: "request-form",
    kind: "request-kind",
    grounds: "request-grounds",
    evidence: "request-evidence",
    sent: "request-sent",
    make: "make-request",
};

const LAST: Ids = Ids {
    list: "last-requests-list",
    form: "last-request-form",
    kind: "last-request-kind",
    grounds: "last-request-grounds",
    evidence: "last-request-evidence",
    sent: "last-request-sent",
    make: "last-make-request",
};

/// The review's requests and the form for a new one. For the review before the current one
/// (`last`), a panel of its own on the child's page: a reconsideration follows the LA's
/// decision, which has by then started the next review.
#[component]
pub(crate) fn Requests(review: i64, #[prop(optional)] last: bool) -> impl IntoView {
    let state = RwSignal::new(None::<Result<RequestsDto, ErrorDto>>);
    let outcome = Outcome::new();
    let ids = if last { LAST } else { CURRENT };
    let form = RwSignal::new(RequestForm { sent_on: today_input(), ..RequestForm::default() });
    let reload =
        move || spawn_local(async move { state.set(Some(ipc::call(commands::LaRequests { review }).await)) });
    reload();
    let make = move || {
        let request = form.get_untracked();
        outcome.working(ids.make, "Writing the letter…");
        spawn_local(async move {
            let result = ipc::call(commands::MakeRequest { review, form: request }).await;
            if outcome
                .answer(ids.make, result, |w| {
                    format!(
                        "Recorded; the letter and {} document(s) are in {}.",
                        w.files.len().saturating_sub(2),
                        w.folder
                    )
                })
                .is_some()
            {
                form.set(RequestForm { sent_on: today_input(), ..RequestForm::default() });
                reload();
            }
        });
    };
    let body = move || match state.get() {
        None => None,
        Some(Err(error)) => Some(view! { <ErrorPanel error /> }.into_any()),
        Some(Ok(panel)) => {
            let evidence = panel.evidence.clone();
            let has_evidence = !evidence.is_empty();
            Some(
                view! {
                    <ul id=ids.list class="requests">
                        {panel.requests.into_iter().map(|r| view! { <RequestItem r state /> }).collect_view()}
                    </ul>
                    <Form id=ids.form on_submit=make>
                        <fieldset>
                            <legend>"Ask the LA"</legend>
                            <ChoiceField form outcome name="kind" id=ids.kind label="What the school asks for"
                                get=|f| f.kind set=|f, v| f.kind = v />
                            <p class="hint">{if panel.decided {
                                "A reconsideration needs evidence the LA has not seen: a document that reached the school after the review went to the LA."
                            } else {
                                "A reconsideration can be asked for once the LA's decision is recorded."
                            }}</p>
                            <label for=ids.grounds>"The school's reasons (one a line)"</label>
                            <textarea id=ids.grounds rows="3" prop:value=move || form.with(|f| f.grounds.clone())
                                aria-describedby=error_id(ids.grounds)
                                on:input=move |ev| { form.update(|f| f.grounds = event_target_value(&ev)); outcome.edited("grounds"); }></textarea>
                            <FieldError outcome name="grounds" of=ids.grounds />
                            <fieldset id=ids.evidence aria-describedby=error_id(ids.evidence)>
                                <legend>"Evidence sent with it (the review's documents)"</legend>
                                {(!has_evidence).then(|| view! {
                                    <p class="hint">"No document of this review has a file or views yet: add one under the review's documents."</p>
                                })}
                                {evidence.into_iter().map(|e| {
                                    let id = format!("evidence-{}", e.item);
                                    let item = e.item;
                                    let label = format!(
                                        "{}{}{}",
                                        e.title,
                                        e.received_on.map(|d| format!(", received {d}")).unwrap_or_default(),
                                        if e.new { " (new since the review went to the LA)" } else { "" }
                                    );
                                    view! {
                                        <div class="field checkbox">
                                            <input type="checkbox" id=id.clone() data-item=item.to_string()
                                                prop:checked=move || form.with(|f| f.evidence.contains(&item))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    form.update(|f| {
                                                        f.evidence.retain(|i| *i != item);
                                                        if on { f.evidence.push(item); }
                                                    });
                                                    outcome.edited("evidence");
                                                } />
                                            <label for=id>{label}</label>
                                        </div>
                                    }
                                }).collect_view()}
                                <FieldError outcome name="evidence" of=ids.evidence />
                            </fieldset>
                            <label for=ids.sent>"Sent on (dd/mm/yyyy)"</label>
                            <input id=ids.sent type="text" prop:value=move || form.with(|f| f.sent_on.clone())
                                aria-describedby=error_id(ids.sent)
                                on:input=move |ev| { form.update(|f| f.sent_on = event_target_value(&ev)); outcome.edited("sent_on"); } />
                            <FieldError outcome name="sent_on" of=ids.sent />
                            <button id=ids.make type="submit">"Record the request and write its letter"</button>
                            <Ack outcome at=ids.make />
                        </fieldset>
                    </Form>
                }
                .into_any(),
            )
        }
    };
    if last {
        view! {
            <section class="panel" id="last-requests" aria-labelledby="last-requests-h">
                <h3 id="last-requests-h">"Requests to the LA after the last review"</h3>
                {body}
            </section>
        }
        .into_any()
    } else {
        view! {
            <div id="review-requests">
                <h4>"Requests to the LA"</h4>
                {body}
            </div>
        }
        .into_any()
    }
}

/// One request: what, when, the evidence, and the LA's answer (or the form to record it).
#[component]
fn RequestItem(r: LaRequestDto, state: RwSignal<Option<Result<RequestsDto, ErrorDto>>>) -> impl IntoView {
    let outcome = Outcome::new();
    let id = r.id;
    let at = format!("request-{id}");
    let answer_at = format!("answer-{id}");
    let answer = RwSignal::new(AnswerForm { date: today_input(), ..AnswerForm::default() });
    let letter_at = at.clone();
    let letter = move |_| {
        let at = letter_at.clone();
        spawn_local(async move {
            let result = ipc::call(commands::WriteRequestLetter { request: id }).await;
            outcome.answer(&at, result, |w| format!("Written again in {}.", w.folder));
        });
    };
    let record_at = answer_at.clone();
    let record = move || {
        let form = answer.get_untracked();
        let at = record_at.clone();
        spawn_local(async move {
            if let Some(panel) =
                outcome.answer(&at, ipc::call(commands::AnswerRequest { request: id, form }).await, |_| {
                    "Recorded.".to_owned()
                })
            {
                state.set(Some(Ok(panel)));
            }
        });
    };
    let status = match (&r.outcome_label, &r.answered_on) {
        (Some(o), Some(on)) => format!("LA's answer: {o} ({on})"),
        _ => match (&r.answer_due, r.overdue) {
            (Some(due), true) => format!("Answer overdue: due by {due}"),
            (Some(due), false) => format!("Answer awaited, due by {due}"),
            (None, _) => "Answer awaited".to_owned(),
        },
    };
    let answered = r.outcome.is_some();
    let outcome_id = format!("answer-outcome-{id}");
    let date_id = format!("answer-date-{id}");
    view! {
        <li id=at.clone() class="request" class:warn=r.overdue data-kind=r.kind.code()>
            <p>
                <strong>{r.kind_label.clone()}</strong>
                {format!(" · sent {} · ", r.sent_on)}
                <span class="request-status">{status}</span>
            </p>
            {(!r.evidence.is_empty()).then(|| view! { <p class="hint">{format!("With: {}", r.evidence.join("; "))}</p> })}
            {(!r.note.is_empty()).then(|| view! { <p class="hint">{r.note.clone()}</p> })}
            <button class="link" id=format!("request-letter-{id}") on:click=letter>"Write the letter again"</button>
            <Ack outcome at=at.clone() />
            {(!answered).then(|| view! {
                <form class="inline-form answer-form" on:submit=move |ev| { ev.prevent_default(); record(); }>
                    <label for=outcome_id.clone()>"The LA's answer"</label>
                    <select id=outcome_id.clone() aria-describedby=error_id(&outcome_id)
                        on:change=move |ev| { answer.update(|a| a.outcome = RequestOutcome::from_code(&event_target_value(&ev))); outcome.edited("outcome"); }>
                        <option value="">"Choose…"</option>
                        {RequestOutcome::ALL.iter().map(|o| view! { <option value=o.code()>{o.label()}</option> }).collect_view()}
                    </select>
                    <FieldError outcome name="outcome" of=outcome_id.clone() />
                    <label for=date_id.clone()>"On (dd/mm/yyyy)"</label>
                    <input id=date_id.clone() type="text" prop:value=move || answer.with(|a| a.date.clone()) aria-describedby=error_id(&date_id)
                        on:input=move |ev| { answer.update(|a| a.date = event_target_value(&ev)); outcome.edited("answered_on"); } />
                    <FieldError outcome name="answered_on" of=date_id.clone() />
                    <label for=format!("answer-note-{id}")>"Note"</label>
                    <input id=format!("answer-note-{id}") type="text" prop:value=move || answer.with(|a| a.note.clone())
                        on:input=move |ev| answer.update(|a| a.note = event_target_value(&ev)) />
                    <button id=format!("record-answer-{id}") type="submit">"Record the answer"</button>
                    <Ack outcome at=answer_at.clone() />
                </form>
            })}
        </li>
    }
}
