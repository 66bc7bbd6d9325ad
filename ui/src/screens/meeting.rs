//! The meeting: the AR1 record editor, with attendance, the previous review's actions, and
//! the printable form and record export.

use ardesk_dto::commands;
use ardesk_dto::{Attendance, ErrorDto, FieldProblem};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ActionTable, BackToChild, ErrorPanel, FieldError, Outcome, error_id, focus};

/// Attendance choices, as the backend codes them.
/// The element id of an AR1 field: `actions.0.owner` -> `ar1-actions-0-owner`.
fn ar1_id(key: &str) -> String {
    format!("ar1-{}", key.replace('.', "-"))
}

/// The AR1 record editor: every field saves itself as the user types (half a second after the
/// last keystroke), one field per save, confirmed (or refused) beside that field; the list of
/// what is still missing stays live.
#[component]
pub(crate) fn Ar1Page(review: i64, child: i64) -> impl IntoView {
    let loaded = RwSignal::new(None::<Result<ardesk_dto::Ar1Dto, ErrorDto>>);
    let values = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    // Each field's save, confirmed or refused beside it.
    let fields = Outcome::new();
    let saved = RwSignal::new(None::<String>);
    let rows = RwSignal::new(2usize);
    let pending = RwSignal::new(std::collections::BTreeMap::<String, String>::new());
    let scheduled = RwSignal::new(false);
    // Each invitee's attendance as last saved, in the list's order: a gap in attendance takes
    // the focus to the first one not recorded.
    let attendance = RwSignal::new(Vec::<(i64, Attendance)>::new());
    spawn_local(async move {
        let result = ipc::call(commands::Ar1 { review }).await;
        if let Ok(a) = &result {
            values.set(a.values.clone());
            problems.set(a.problems.clone());
            rows.set(a.action_rows);
            attendance.set(a.attendees.iter().map(|p| (p.invitee_id, p.attendance)).collect());
        }
        loaded.set(Some(result));
    });

    let flush = move || {
        scheduled.set(false);
        let batch = pending.try_update(std::mem::take).unwrap_or_default();
        spawn_local(async move {
            for (key, value) in batch {
                match ipc::call(commands::SaveAr1Field { review, key: key.clone(), value }).await {
                    Ok(ack) => {
                        saved.set(Some(format!("Saved {}", ack.saved_at)));
                        problems.set(ack.problems);
                        fields.field_saved(&key, &ar1_id(&key), format!("Saved {}", ack.saved_at));
                    }
                    Err(e) => {
                        // The backend names the record ("ar1"), not the field: this save was of `key`.
                        let message = e
                            .problems
                            .first()
                            .map_or(e.message.clone(), |p| format!("{} {}", p.message, p.hint));
                        fields.field_refused(&key, &ar1_id(&key), message);
                    }
                }
            }
        });
    };
    let edit = move |key: String, value: String| {
        values.update(|m| {
            m.insert(key.clone(), value.clone());
        });
        saved.set(Some("Saving…".to_owned()));
        pending.update(|p| {
            p.insert(key, value);
        });
        if !scheduled.get_untracked() {
            scheduled.set(true);
            set_timeout(flush, std::time::Duration::from_millis(500));
        }
    };
    let get = move |key: &str| values.with(|m| m.get(key).cloned().unwrap_or_default());

    // Beside each field: its save confirmed, or its problem.
    let feedback = move |key: &str| {
        view! {
            <Ack outcome=fields at=ar1_id(key) />
            <FieldError outcome=fields name=key.to_owned() of=ar1_id(key) />
        }
    };
    let invalid = move |key: String| move || if fields.problem(&key).is_some() { "true" } else { "false" };
    let area = move |key: &'static str, label: &'static str, rows_n: u32| {
        view! {
            <div class="field">
                <label for=ar1_id(key)>{label}</label>
                <textarea id=ar1_id(key) rows=rows_n prop:value=move || get(key)
                    aria-describedby=error_id(&ar1_id(key)) aria-invalid=invalid(key.to_owned())
                    on:input=move |ev| edit(key.to_owned(), event_target_value(&ev))></textarea>
                {feedback(key)}
            </div>
        }
    };
    let line = move |key: String, label: String| {
        let k = key.clone();
        view! {
            <div class="field">
                <label for=ar1_id(&key)>{label}</label>
                <input id=ar1_id(&key) type="text" prop:value=move || get(&k)
                    aria-describedby=error_id(&ar1_id(&key)) aria-invalid=invalid(key.clone())
                    on:input={
                        let key = key.clone();
                        move |ev| edit(key.clone(), event_target_value(&ev))
                    } />
                {feedback(&key)}
            </div>
        }
    };
    let check = move |key: &'static str, label: &'static str| {
        view! {
            <div class="field checkbox">
                <input id=ar1_id(key) type="checkbox" prop:checked=move || get(key) == "true"
                    on:change=move |ev| edit(key.to_owned(), if event_target_checked(&ev) { "true".into() } else { "false".into() }) />
                <label for=ar1_id(key)>{label}</label>
                {feedback(key)}
            </div>
        }
    };

    // The printed form and the exported record, confirmed beside their buttons.
    let exported = Outcome::new();
    let written = move |result: Result<ardesk_dto::LettersWritten, ErrorDto>| {
        exported.answer("ar1-export", result, |w| format!("Written to {}: {}", w.folder, w.files.join(", ")));
    };
    let print_form = move |_| {
        spawn_local(
            async move { written(ipc::call(commands::PrintAr1Form { review, prefilled: true }).await) },
        )
    };
    let export_record =
        move |_| spawn_local(async move { written(ipc::call(commands::ExportAr1Record { review }).await) });
    let briefing =
        move |_| spawn_local(async move { written(ipc::call(commands::WriteBriefing { review }).await) });
    let attend = move |invitee: i64, value: String| {
        let Some(attendance_now) = Attendance::from_code(&value) else { return };
        let at = format!("attendance-{invitee}");
        saved.set(Some("Saving…".to_owned()));
        spawn_local(async move {
            match ipc::call(commands::SetAttendance { review, invitee, attendance: attendance_now }).await {
                Ok(ack) => {
                    saved.set(Some(format!("Saved {}", ack.saved_at)));
                    problems.set(ack.problems);
                    attendance.update(|list| {
                        if let Some((_, a)) = list.iter_mut().find(|(id, _)| *id == invitee) {
                            *a = attendance_now;
                        }
                    });
                    fields.field_saved(&at, &at, format!("Saved {}", ack.saved_at));
                }
                Err(e) => fields.field_refused(&at, &at, e.message),
            }
        });
    };

    let body = move || match loaded.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(a)) => {
            let outcomes = a.outcomes.clone();
            let outcome_count = outcomes.len();
            let attendees = a.attendees.clone();
            let previous = a.previous_actions.clone();
            let told = a.check_ins.clone();
            let bring_in = move |_| {
                spawn_local(async move {
                    let result = ipc::call(commands::Ar1FromCheckIns { review }).await;
                    if let Some(a) = fields.answer("ar1-from-check-ins", result, |_| {
                        "Brought into the views below: edit them at the meeting.".to_owned()
                    }) {
                        values.set(a.values);
                        problems.set(a.problems);
                    }
                });
            };
            view! {
                <div class="title-row">
                    <h2 id="ar1-title">{format!("{}: {}", a.title, a.child_name)}</h2>
                    <div class="actions">
                        <button id="print-ar1" on:click=print_form>"Print the AR1 form for the meeting"</button>
                        <button id="export-ar1" class="primary" on:click=export_record>"Export the record (Word and PDF)"</button>
                        <button id="write-briefing" title="One page for the teachers and teaching assistants: the outcomes, the support, what changed, the actions" on:click=briefing>"Staff briefing sheet"</button>
                    </div>
                </div>
                <p class="export-status"><Ack outcome=exported at="ar1-export" id="ar1-export-status" /></p>
                // Where the whole record stands; each save is confirmed beside its field.
                <p id="ar1-saved" class="status">{move || saved.get()}</p>
                <section class="panel" aria-labelledby="missing-h">
                    <h3 id="missing-h">"Still to complete"</h3>
                    <ul id="ar1-problems">
                        {move || {
                            let list = problems.get();
                            if list.is_empty() {
                                view! { <li class="ok">"✓ Nothing missing: the record is complete."</li> }.into_any()
                            } else {
                                list.into_iter().map(|p| {
                                    // The meeting's date is set on the child's page, not here.
                                    if p.field == "meeting" {
                                        return view! { <li>{p.message}" "{p.hint}</li> }.into_any();
                                    }
                                    // Where the fix is typed, worked out when the gap is clicked:
                                    // the first outcome not rated, the first invitee whose
                                    // attendance is not recorded.
                                    let field = p.field.clone();
                                    let target = move || match field.as_str() {
                                        "actions" => "ar1-actions-0-action".to_owned(),
                                        "pfa" => "ar1-pfa-employment".to_owned(),
                                        "amendments" => "ar1-amend-B".to_owned(),
                                        "progress" => {
                                            let n = (0..outcome_count)
                                                .find(|n| get(&format!("progress.{n}.rating")).is_empty())
                                                .unwrap_or_default();
                                            ar1_id(&format!("progress.{n}.rating"))
                                        }
                                        "attendance" => attendance.with_untracked(|list| {
                                            list.iter()
                                                .find(|(_, a)| *a == Attendance::Unknown)
                                                .or(list.first())
                                                .map_or_else(|| "attendance-h".to_owned(), |(id, _)| format!("attendance-{id}"))
                                        }),
                                        f => ar1_id(f),
                                    };
                                    view! { <li><button class="link" on:click=move |_| focus(&target())>{p.message}</button>" "{p.hint}</li> }.into_any()
                                }).collect_view().into_any()
                            }
                        }}
                    </ul>
                </section>
                <section class="panel" aria-labelledby="attendance-h"><h3 id="attendance-h">"Who came"</h3>
                    {if attendees.is_empty() {
                        view! { <p class="hint">"No one is on the invitation list: add invitees on the “Before the meeting” page."</p> }.into_any()
                    } else {
                        view! {
                            <table id="ar1-attendance" class="people">
                                <thead><tr><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Attendance"</th></tr></thead>
                                <tbody>
                                    {attendees.into_iter().map(|p| {
                                        let id = p.invitee_id;
                                        let current = p.attendance;
                                        let at = format!("attendance-{id}");
                                        view! {
                                            <tr>
                                                <td>{p.name.clone()}</td><td>{p.role}</td>
                                                <td>
                                                    <label class="visually-hidden" for=at.clone()>{format!("Attendance: {}", p.name)}</label>
                                                    <select id=at.clone() aria-describedby=error_id(&at)
                                                        on:change=move |ev| attend(id, event_target_value(&ev))>
                                                        {Attendance::ALL.iter().map(|v| view! { <option value=v.code() selected=current == *v>{v.label()}</option> }).collect_view()}
                                                    </select>
                                                    <Ack outcome=fields at=at.clone() />
                                                    <FieldError outcome=fields name=at.clone() of=at.clone() />
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }}
                    <div class="field">
                        <label for="ar1-child_presence">"The child or young person took part"</label>
                        <select id="ar1-child_presence" aria-describedby=error_id("ar1-child_presence")
                            on:change=move |ev| edit("child_presence".into(), event_target_value(&ev))>
                            {[("", "Choose…"), ("all", "In the whole meeting"), ("part", "In part of the meeting"),
                              ("views_only", "Did not attend; gave their views another way"), ("no", "Did not attend")]
                                .into_iter()
                                .map(|(v, t)| view! { <option value=v selected=move || get("child_presence") == v>{t}</option> })
                                .collect_view()}
                        </select>
                        {feedback("child_presence")}
                    </div>
                </section>
                {(!previous.is_empty()).then(|| view! {
                    <section class="panel" id="ar1-previous" aria-labelledby="previous-h"><h3 id="previous-h">"Actions from the previous review"</h3>
                        <ActionTable actions=previous show_child=false />
                    </section>
                })}
                {(!(told.progress.is_empty() && told.child.is_empty() && told.parents.is_empty())).then(|| view! {
                    <section class="panel" id="ar1-check-ins" aria-labelledby="ar1-check-ins-h">
                        <h3 id="ar1-check-ins-h">"Since the last review: the check-ins"</h3>
                        <dl class="facts">
                            {[("Progress", told.progress), ("The child said", told.child), ("The parents said", told.parents)]
                                .into_iter()
                                .filter(|(_, t)| !t.is_empty())
                                .map(|(l, t)| view! { <dt>{l}</dt><dd class="section-text">{t}</dd> })
                                .collect_view()}
                        </dl>
                        <button id="ar1-from-check-ins" on:click=bring_in>"Bring into the record's views"</button>
                        <Ack outcome=fields at="ar1-from-check-ins" />
                        <p class="hint">"Fills the child's, the parents' and the school's views where nothing is written yet."</p>
                    </section>
                })}
                <section class="panel"><h3>"Views"</h3>
                    {area("child_views", "The child or young person's views", 3)}
                    {area("child_views_missing_reason", "If not recorded: why", 1)}
                    {area("parent_views", "Parents' or carers' views", 3)}
                    {area("parent_views_missing_reason", "If not recorded: why", 1)}
                    {area("school_views", "School or setting", 3)}
                    {area("professional_views", "Professionals (summary of each report)", 3)}
                </section>
                <section class="panel"><h3>"Progress towards the outcomes (Section E)"</h3>
                    {outcomes.into_iter().enumerate().map(|(n, outcome)| {
                        let rating_key = format!("progress.{n}.rating");
                        let rk = rating_key.clone();
                        let evidence_key = format!("progress.{n}.evidence");
                        let ek = evidence_key.clone();
                        view! {
                            <div class="outcome">
                                <p><strong>{format!("Outcome {}: ", n + 1)}</strong>{outcome}</p>
                                <label for=ar1_id(&rating_key)>"Progress"</label>
                                <select id=ar1_id(&rating_key) aria-describedby=error_id(&ar1_id(&rating_key))
                                    on:change={
                                        let rating_key = rating_key.clone();
                                        move |ev| edit(rating_key.clone(), event_target_value(&ev))
                                    }>
                                    {[("", "Not yet rated"), ("achieved", "Achieved"), ("partly", "Partly achieved"), ("not_yet", "Not yet"), ("no_longer_relevant", "No longer relevant")]
                                        .into_iter()
                                        .map(|(v, t)| { let rk = rk.clone(); view! { <option value=v selected=move || get(&rk) == v>{t}</option> } })
                                        .collect_view()}
                                </select>
                                {feedback(&rating_key)}
                                <label for=ar1_id(&evidence_key)>"Evidence"</label>
                                <textarea id=ar1_id(&evidence_key) rows=2 prop:value=move || get(&ek)
                                    aria-describedby=error_id(&ar1_id(&evidence_key))
                                    on:input={
                                        let evidence_key = evidence_key.clone();
                                        move |ev| edit(evidence_key.clone(), event_target_value(&ev))
                                    }></textarea>
                                {feedback(&evidence_key)}
                            </div>
                        }
                    }).collect_view()}
                </section>
                <section class="panel"><h3>"Provision, health and social care"</h3>
                    {area("provision_review", "Special educational provision (Section F): delivered? impact? changes?", 3)}
                    {area("health", "Health (Sections C and G)", 2)}
                    {area("social_care", "Social care (Sections D and H)", 2)}
                </section>
                {a.pfa_required.then(|| view! {
                    <section class="panel"><h3>"Preparing for adulthood (required from Year 9)"</h3>
                        {area("pfa.employment", "Employment or further study", 2)}
                        {area("pfa.independent_living", "Independent living", 2)}
                        {area("pfa.community", "Friends, relationships and community", 2)}
                        {area("pfa.health", "Good health", 2)}
                    </section>
                })}
                <section class="panel"><h3>"Placement and Personal Budget"</h3>
                    {area("placement", "Is the placement meeting needs? Phase transfer preferences", 2)}
                    {check("personal_budget_discussed", "A Personal Budget was discussed")}
                    {check("personal_budget.in_place", "A Personal Budget or direct payment is in place, and was reviewed")}
                    {check("personal_budget.requested", "A Personal Budget was requested")}
                    {move || (get("personal_budget.requested") == "true").then(|| area("personal_budget.request_for", "What the Personal Budget is for", 2))}
                </section>
                <section class="panel"><h3>"Discussion"</h3>
                    {area("discussion", "Record of discussion", 8)}
                    {area("differences", "Differences of opinion (or “None”)", 2)}
                </section>
                <section class="panel"><h3>"Recommendation to the LA"</h3>
                    <label for="ar1-recommendation">"Recommendation"</label>
                    <select id="ar1-recommendation" aria-describedby=error_id("ar1-recommendation") on:change=move |ev| edit("recommendation".into(), event_target_value(&ev))>
                        {[("", "Choose…"), ("maintain", "Maintain the plan unchanged"), ("amend", "Amend the plan"), ("cease", "Cease to maintain")]
                            .into_iter()
                            .map(|(v, t)| view! { <option value=v selected=move || get("recommendation") == v>{t}</option> })
                            .collect_view()}
                    </select>
                    {feedback("recommendation")}
                    {area("recommendation_reasons", "Reasons, and any requests (reassessment, funding, placement)", 3)}
                    <p class="hint">"Requests to the LA (a funding request needs the costed provision map, a placement request the risk assessment):"</p>
                    {check("request.reassessment", "A reassessment")}
                    {check("request.funding", "A change of funding")}
                    {check("request.placement", "A change of placement")}
                    {check("no_amendments", "No amendments proposed")}
                    <p class="hint">"Sections to amend: a short summary each (the detail belongs with the amendments)."</p>
                    <div class="inline-fields">
                        {["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"].into_iter().map(|sec| line(format!("amend.{sec}"), format!("Section {sec}"))).collect_view()}
                    </div>
                </section>
                <section class="panel"><h3>"Agreed actions"</h3>
                    <table id="ar1-actions" class="people">
                        <thead><tr><th scope="col">"Action"</th><th scope="col">"Owner"</th><th scope="col">"Deadline (dd/mm/yyyy)"</th><th scope="col">"Success measure"</th></tr></thead>
                        <tbody>
                            {move || (0..rows.get()).map(|n| {
                                let cell = move |part: &'static str| {
                                    let key = format!("actions.{n}.{part}");
                                    let (id, k) = (ar1_id(&key), key.clone());
                                    view! {
                                        <td>
                                            <label class="visually-hidden" for=id.clone()>{format!("Action {} {}", n + 1, part.replace('_', " "))}</label>
                                            <input id=id.clone() type="text" aria-describedby=error_id(&id) aria-invalid=invalid(key.clone())
                                                prop:value=move || get(&k) on:input={
                                                    let key = key.clone();
                                                    move |ev| edit(key.clone(), event_target_value(&ev))
                                                } />
                                            {feedback(&key)}
                                        </td>
                                    }
                                };
                                view! { <tr>{cell("action")}{cell("owner")}{cell("deadline")}{cell("success_measure")}</tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                    <button id="ar1-add-action" on:click=move |_| rows.update(|r| *r += 1)>"Add an action"</button>
                </section>
                <section class="panel"><h3>"Sign-off"</h3>
                    {line("completed_by".into(), "Completed by (name, role)".into())}
                    {line("completed_on".into(), "Completed on (dd/mm/yyyy)".into())}
                    {a.head_teacher_required.then(|| line("head_teacher_signed".into(), "Head teacher signed on (dd/mm/yyyy)".into()))}
                </section>
            }
            .into_any()
        }
    };

    view! {
        <BackToChild child />
        <article class="ar1">{body}</article>
    }
}
