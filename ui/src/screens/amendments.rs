//! Amendments: the current plan (imported from Word or typed in), the changes the review
//! proposes with a live word-level difference and Section F lint, and the tracked-change
//! document in the LA's chosen form.

use ardesk_dto::commands;
use ardesk_dto::{
    AmendmentForm, AmendmentMode, AmendmentPreview, AmendmentsDto, CombinedSectionsDto, DiffChange, DiffRun,
    ErrorDto, EvidenceRef, PlanPartChoice, PlanSection, Severity, VagueDto,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, BackToChild, ErrorPanel, FieldError, Form, Opening, Outcome, error_id};

/// The difference as marked-up text: insertions underlined, deletions struck through.
fn diff_view(runs: Vec<DiffRun>) -> impl IntoView {
    runs.into_iter()
        .map(|r| match r.change {
            DiffChange::Inserted => view! { <ins>{r.text}</ins> }.into_any(),
            DiffChange::Deleted => view! { <del>{r.text}</del> }.into_any(),
            DiffChange::Same => view! { <span>{r.text}</span> }.into_any(),
        })
        .collect_view()
}

/// The proposed wording with each vague phrase marked, its hint on hover and listed below.
fn lint_view(text: &str, vague: &[VagueDto]) -> Vec<AnyView> {
    let chars: Vec<char> = text.chars().collect();
    let slice = |a: usize, b: usize| {
        chars
            .get(a.min(chars.len())..b.min(chars.len()))
            .map(|c| c.iter().collect::<String>())
            .unwrap_or_default()
    };
    let mut parts = Vec::new();
    let mut at = 0;
    for v in vague {
        if v.start < at {
            continue;
        }
        parts.push(view! { <span>{slice(at, v.start)}</span> }.into_any());
        parts.push(view! { <mark title=v.hint.clone()>{slice(v.start, v.end)}</mark> }.into_any());
        at = v.end;
    }
    parts.push(view! { <span>{slice(at, chars.len())}</span> }.into_any());
    parts
}

/// The plan's sections being checked after an import, or typed in.
#[derive(Debug, Clone, PartialEq)]
struct PlanDraft {
    /// The file imported, or empty when the sections are typed in.
    file: String,
    sections: Vec<PlanSection>,
    /// The sections whose heading the import did not find.
    missing: Vec<String>,
}

#[component]
pub(crate) fn AmendmentsPage(review: i64, child: i64) -> impl IntoView {
    let data = RwSignal::new(None::<Result<AmendmentsDto, ErrorDto>>);
    // Each action confirmed, or refused, beside what caused it; a proposal's problems beside
    // its fields.
    let outcome = Outcome::new();
    let import = RwSignal::new(None::<PlanDraft>);
    // Sections the imported plan prints together, and the SENCO's choices for their parts.
    let combined = RwSignal::new(Vec::<CombinedSectionsDto>::new());
    let choices = RwSignal::new(Vec::<PlanPartChoice>::new());
    let section_codes = Memo::new(move |_| {
        import.with(|i| {
            i.as_ref()
                .map(|i| {
                    i.sections.iter().map(|s| s.code.clone()).filter(|c| c != "Front").collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // What the plan's form shows, without the text typed into it: typing redraws nothing.
    let import_shape = Memo::new(move |_| {
        import.with(|i| {
            i.as_ref().map(|i| {
                let titles: Vec<(String, String)> =
                    i.sections.iter().map(|s| (s.code.clone(), s.title.clone())).collect();
                (i.file.clone(), titles, i.missing.clone())
            })
        })
    });
    let plan_opening = Opening::new();
    let form_opening = Opening::new();
    let form = RwSignal::new(AmendmentForm { agreed: true, ..AmendmentForm::default() });
    let editing = RwSignal::new(None::<i64>);
    let preview = RwSignal::new(None::<AmendmentPreview>);
    let pending = RwSignal::new(false);
    spawn_local(async move { data.set(Some(ipc::call(commands::Amendments { review }).await)) });

    let answer = move |at: &str, result: Result<AmendmentsDto, ErrorDto>| match result {
        Ok(d) => {
            outcome.clear();
            data.set(Some(Ok(d)));
        }
        Err(e) => outcome.refused(at, e),
    };
    let refresh_preview = move || {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        set_timeout(
            move || {
                pending.set(false);
                let f = form.get_untracked();
                spawn_local(async move {
                    if let Ok(p) = ipc::call(commands::PreviewAmendment {
                        section: f.section,
                        current: f.current,
                        proposed: f.proposed,
                    })
                    .await
                    {
                        preview.set(Some(p));
                    }
                });
            },
            std::time::Duration::from_millis(300),
        );
    };
    let plan_text = move |code: &str| {
        data.with_untracked(|d| {
            d.as_ref()
                .and_then(|d| d.as_ref().ok())
                .and_then(|d| d.plan.iter().find(|s| s.code == code).map(|s| s.text.clone()))
                .unwrap_or_default()
        })
    };
    let choose_section = move |code: String| {
        let current = plan_text(&code);
        form.update(|f| {
            f.section = code;
            f.current = current.clone();
            if f.proposed.trim().is_empty() {
                f.proposed = current;
            }
        });
        refresh_preview();
    };
    let save = move || {
        let f = form.get_untracked();
        let id = editing.get_untracked();
        spawn_local(async move {
            let result = match id {
                None => ipc::call(commands::AddAmendment { review, form: f }).await,
                Some(id) => ipc::call(commands::UpdateAmendment { review, id, form: f }).await,
            };
            if let Some(d) = outcome.answer("am-save", result, |_| "Saved the proposed change.".to_owned()) {
                data.set(Some(Ok(d)));
                editing.set(None);
                preview.set(None);
                form.set(AmendmentForm { agreed: true, ..AmendmentForm::default() });
            }
        });
    };
    let start_import = move |_| {
        spawn_local(async move {
            match ipc::call(commands::ImportPlan { child }).await {
                Ok(found) => {
                    outcome.clear();
                    combined.set(found.combined);
                    choices.set(Vec::new());
                    import.set(Some(PlanDraft {
                        file: found.file_name,
                        sections: found.sections,
                        missing: found.missing,
                    }));
                    plan_opening.open();
                }
                Err(e) => outcome.refused("plan", e),
            }
        });
    };
    // The SENCO puts a part of combined sections in another section: the file is read again
    // with every choice so far, and the preview replaced.
    let assign = move |combined_at: usize, part: usize, code: String| {
        choices.update(|list| {
            list.retain(|c: &PlanPartChoice| !(c.combined == combined_at && c.part == part));
            list.push(PlanPartChoice { combined: combined_at, part, code });
        });
        let choices = choices.get_untracked();
        spawn_local(async move {
            let result = ipc::call(commands::AssignPlanParts { child, choices }).await;
            if let Some(found) =
                outcome.answer("plan-parts", result, |_| "Moved; the sections below are updated.".to_owned())
            {
                combined.set(found.combined);
                import.update(|i| {
                    if let Some(i) = i.as_mut() {
                        i.sections = found.sections;
                        i.missing = found.missing;
                    }
                });
            }
        });
    };
    let edit_by_hand = move |_| {
        // Pressed again, it keeps what was typed.
        if import.with_untracked(Option::is_none) {
            let sections =
                data.with_untracked(|d| d.as_ref().and_then(|d| d.as_ref().ok()).map(|d| d.plan.clone()));
            if let Some(sections) = sections {
                import.set(Some(PlanDraft { file: String::new(), sections, missing: Vec::new() }));
            }
        }
        plan_opening.open();
    };
    let save_plan = move || {
        let Some(draft) = import.get_untracked() else { return };
        spawn_local(async move {
            match ipc::call(commands::SavePlan { child, sections: draft.sections }).await {
                Ok(()) => {
                    import.set(None);
                    answer("plan", ipc::call(commands::Amendments { review }).await);
                    outcome.done("plan", "The plan's sections are saved.");
                }
                Err(e) => outcome.refused("plan-save", e),
            }
        });
    };
    let generate = move |_| {
        spawn_local(async move {
            let result = ipc::call(commands::WriteAmendments { review }).await;
            outcome.answer("am-generate", result, |w| {
                format!("Written to {}: {}", w.folder, w.files.join(", "))
            });
        });
    };

    let plan_panel = move |d: &AmendmentsDto| {
        let filled = d.plan.iter().filter(|s| !s.text.trim().is_empty()).count();
        view! {
            <section class="panel" aria-labelledby="plan-h">
                <h3 id="plan-h">"The current plan"</h3>
                <p id="plan-source">
                    {match &d.plan_source {
                        Some(name) => format!("Imported from {name}. {filled} of {} sections have text.", d.plan.len()),
                        None => format!("{filled} of {} sections have text. Import the plan from Word, or type or paste each section.", d.plan.len()),
                    }}
                </p>
                <div class="actions">
                    <button id="import-plan" on:click=start_import>"Import the plan from Word (.docx)"</button>
                    <button id="edit-plan" on:click=edit_by_hand>"Type or paste the sections"</button>
                    <Ack outcome at="plan" />
                </div>
                {move || import_shape.get().map(|(file, sections, missing)| view! {
                    <Form id="plan-confirm" class="confirm" on_submit=save_plan opening=plan_opening>
                        <p>
                            {if file.is_empty() { "Type or paste each section, then save.".to_owned() } else { format!("Found in {file}: check each section, correct it if needed, then save.") }}
                            {(!missing.is_empty()).then(|| format!(" No heading was found for: {} (the text shown is what was recorded before).", missing.join(", ")))}
                        </p>
                        {move || combined.get().into_iter().enumerate().map(|(at, c)| view! {
                            <CombinedParts at c codes=section_codes.get() assign />
                        }).collect_view()}
                        <Ack outcome at="plan-parts" />
                        {sections.into_iter().enumerate().map(|(n, (code, title))| {
                            let id = format!("plan-{code}");
                            let text = move || import.with(|i| i.as_ref().and_then(|i| i.sections.get(n)).map(|s| s.text.clone()).unwrap_or_default());
                            view! {
                                <div class="field">
                                    <label for=id.clone()>{format!("{}: {}", if code == "Front" { "Front page".to_owned() } else { format!("Section {code}") }, title)}</label>
                                    <textarea id=id rows=3 prop:value=text
                                        on:input=move |ev| import.update(|i| if let Some(sec) = i.as_mut().and_then(|i| i.sections.get_mut(n)) { sec.text = event_target_value(&ev); })></textarea>
                                </div>
                            }
                        }).collect_view()}
                        <div class="actions">
                            <button id="plan-save" type="submit" class="primary">"Save these sections"</button>
                            <button id="plan-cancel" type="button" on:click=move |_| import.set(None)>"Cancel"</button>
                            <Ack outcome at="plan-save" />
                        </div>
                    </Form>
                })}
            </section>
        }
    };

    let form_panel = move |d: &AmendmentsDto| {
        let options = d.evidence_options.clone();
        let sections = d.plan.clone();
        view! {
            <section class="panel" aria-labelledby="propose-h">
                <h3 id="propose-h">{move || if editing.get().is_some() { "Change the proposed amendment" } else { "Propose a change" }}</h3>
                <Form id="amendment-form" on_submit=save opening=form_opening>
                <label for="am-section">"Section"</label>
                <select id="am-section" aria-describedby=error_id("am-section")
                    on:change=move |ev| { outcome.edited("section"); choose_section(event_target_value(&ev)); }>
                    <option value="" selected=move || form.with(|f| f.section.is_empty())>"Choose…"</option>
                    {sections.into_iter().map(|s| {
                        let code = s.code.clone();
                        let c2 = code.clone();
                        view! { <option value=code selected=move || form.with(|f| f.section == c2)>{format!("{}: {}", s.code, s.title)}</option> }
                    }).collect_view()}
                </select>
                <FieldError outcome name="section" of="am-section" />
                <div class="field">
                    <label for="am-current">"Current wording"</label>
                    <textarea id="am-current" rows=4 prop:value=move || form.with(|f| f.current.clone()) aria-describedby=error_id("am-current")
                        on:input=move |ev| { form.update(|f| f.current = event_target_value(&ev)); outcome.edited("current"); refresh_preview(); }></textarea>
                    <FieldError outcome name="current" of="am-current" />
                </div>
                <div class="field">
                    <label for="am-proposed">"Proposed wording"</label>
                    <textarea id="am-proposed" rows=5 prop:value=move || form.with(|f| f.proposed.clone()) aria-describedby=error_id("am-proposed")
                        on:input=move |ev| { form.update(|f| f.proposed = event_target_value(&ev)); outcome.edited("proposed"); refresh_preview(); }></textarea>
                    <FieldError outcome name="proposed" of="am-proposed" />
                </div>
                {move || preview.get().map(|p| {
                    let proposed = form.with_untracked(|f| f.proposed.clone());
                    let vague = p.vague.clone();
                    view! {
                        <div class="diff-box">
                            <p class="hint">"The change, word by word:"</p>
                            <p id="am-diff" class="diff">{diff_view(p.diff)}</p>
                            {(!vague.is_empty()).then(move || view! {
                                <div id="am-lint" class="lint" role="status">
                                    <p><strong>"Vague provision: "</strong>"Section F must say what, how often, for how long and who."</p>
                                    <p class="marked">{lint_view(&proposed, &vague)}</p>
                                    <ul>{vague.iter().map(|v| view! { <li><mark>{v.phrase.clone()}</mark>": "{v.hint.clone()}</li> }).collect_view()}</ul>
                                </div>
                            })}
                        </div>
                    }
                })}
                <div class="field">
                    <label for="am-reason">"Reason"</label>
                    <textarea id="am-reason" rows=2 prop:value=move || form.with(|f| f.reason.clone()) aria-describedby=error_id("am-reason")
                        on:input=move |ev| { form.update(|f| f.reason = event_target_value(&ev)); outcome.edited("reason"); }></textarea>
                    <FieldError outcome name="reason" of="am-reason" />
                </div>
                <fieldset class="evidence">
                    <legend>"Evidence (reports in this review's checklist)"</legend>
                    {if options.is_empty() {
                        view! { <p class="hint">"The checklist is empty: add invitees on the “Before the meeting” page first."</p> }.into_any()
                    } else {
                        options.into_iter().map(|o| {
                            let item = o.item_id;
                            let chosen = move || form.with(|f| f.evidence.iter().any(|e| e.item_id == item));
                            view! {
                                <div class="evidence-row">
                                    <input id=format!("am-ev-{item}") type="checkbox" prop:checked=chosen
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            form.update(|f| {
                                                f.evidence.retain(|e| e.item_id != item);
                                                if on { f.evidence.push(EvidenceRef { item_id: item, locator: String::new() }); }
                                            });
                                        } />
                                    <label for=format!("am-ev-{item}")>
                                        {o.title.clone()}{o.from_health.then_some(" (health)")}{(!o.received).then_some(" (not yet received)")}
                                    </label>
                                    <label class="visually-hidden" for=format!("am-loc-{item}")>{format!("Page or paragraph in {}", o.title)}</label>
                                    <input id=format!("am-loc-{item}") type="text" placeholder="page or paragraph"
                                        prop:value=move || form.with(|f| f.evidence.iter().find(|e| e.item_id == item).map(|e| e.locator.clone()).unwrap_or_default())
                                        on:input=move |ev| {
                                            let at = event_target_value(&ev);
                                            form.update(|f| match f.evidence.iter_mut().find(|e| e.item_id == item) {
                                                Some(e) => e.locator = at,
                                                None => f.evidence.push(EvidenceRef { item_id: item, locator: at }),
                                            });
                                        } />
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                </fieldset>
                <div class="field checkbox">
                    <input id="am-agreed" type="checkbox" prop:checked=move || form.with(|f| f.agreed)
                        on:change=move |ev| form.update(|f| f.agreed = event_target_checked(&ev)) />
                    <label for="am-agreed">"Agreed at the meeting"</label>
                </div>
                <Show when=move || form.with(|f| !f.agreed)>
                    <div class="field">
                        <label for="am-disagreement">"Who disagrees, and why"</label>
                        <textarea id="am-disagreement" rows=2 prop:value=move || form.with(|f| f.disagreement.clone()) aria-describedby=error_id("am-disagreement")
                            on:input=move |ev| { form.update(|f| f.disagreement = event_target_value(&ev)); outcome.edited("disagreement"); }></textarea>
                        <FieldError outcome name="disagreement" of="am-disagreement" />
                    </div>
                </Show>
                <div class="actions">
                    <button id="am-save" type="submit" class="primary">"Save the change"</button>
                    <Show when=move || editing.get().is_some()>
                        <button id="am-cancel" type="button" on:click=move |_| { editing.set(None); preview.set(None); outcome.clear(); form.set(AmendmentForm { agreed: true, ..AmendmentForm::default() }); }>"Cancel"</button>
                    </Show>
                    <Ack outcome at="am-save" />
                </div>
                </Form>
            </section>
        }
    };

    let body = move || match data.get() {
        None => view! { <p class="loading">"Loading…"</p> }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error /> }.into_any(),
        Some(Ok(d)) => {
            let mode = d.mode;
            let default_mode = d.default_mode;
            let none = d.no_amendments;
            let list = d.amendments.clone();
            let problems = d.problems.clone();
            view! {
                <h2 id="amend-title">{format!("Amendments: {}", d.child_name)}</h2>
                {plan_panel(&d)}
                <section class="panel" aria-labelledby="changes-h">
                    <h3 id="changes-h">"Proposed changes"</h3>
                    <div class="field checkbox">
                        <input id="no-amendments" type="checkbox" prop:checked=none disabled=!list.is_empty()
                            on:change=move |ev| { let on = event_target_checked(&ev); spawn_local(async move { answer("changes", ipc::call(commands::SetNoAmendments { review, none: on }).await) }); } />
                        <label for="no-amendments">"No amendments proposed"</label>
                    </div>
                    <ul id="am-problems" class="problems">
                        {problems.into_iter().map(|p| view! {
                            <li class=format!("problem-{}", p.severity.code())>
                                <span aria-hidden="true">{if p.severity == Severity::Warn { "⚠ " } else { "✗ " }}</span>{p.message}" "{p.hint}
                            </li>
                        }).collect_view()}
                    </ul>
                    <div id="am-list">
                        {list.into_iter().map(|a| {
                            let id = a.id;
                            let f = a.form.clone();
                            view! {
                                <article class="amendment" data-id=id>
                                    <h4>{a.section_title.clone()}{(!a.form.agreed).then_some(" (not agreed)")}</h4>
                                    <p class="diff">{diff_view(a.preview.diff.clone())}</p>
                                    <p><strong>"Reason: "</strong>{a.form.reason.clone()}</p>
                                    <p><strong>"Evidence: "</strong>{a.form.evidence.len()}" report(s)"</p>
                                    <button class="link" on:click=move |_| {
                                        // Pressed again, it keeps what was typed into the change.
                                        if editing.get_untracked() != Some(id) {
                                            editing.set(Some(id));
                                            form.set(f.clone());
                                            outcome.clear();
                                            refresh_preview();
                                        }
                                        form_opening.open();
                                    }>"Change"</button>
                                    <button class="link danger" on:click=move |_| spawn_local(async move { answer("changes", ipc::call(commands::DeleteAmendment { review, id }).await) })>"Remove"</button>
                                </article>
                            }
                        }).collect_view()}
                    </div>
                    <Ack outcome at="changes" />
                </section>
                {form_panel(&d)}
                <section class="panel" aria-labelledby="doc-h">
                    <h3 id="doc-h">"The tracked-change document"</h3>
                    <label for="am-mode">"Show the changes as"</label>
                    <select id="am-mode" on:change=move |ev| { if let Some(mode) = AmendmentMode::from_code(&event_target_value(&ev)) { spawn_local(async move { answer("am-mode", ipc::call(commands::SetAmendmentMode { review, mode }).await) }); } }>
                        {AmendmentMode::ALL.iter().map(|v| {
                            let label = if *v == default_mode { format!("{} (the LA's choice)", v.label()) } else { v.label().to_owned() };
                            view! { <option value=v.code() selected=mode == *v>{label}</option> }
                        }).collect_view()}
                    </select>
                    <Ack outcome at="am-mode" />
                    <div class="actions">
                        <button id="am-generate" class="primary" on:click=generate>"Generate the document"</button>
                        <Ack outcome at="am-generate" />
                    </div>
                </section>
            }
            .into_any()
        }
    };

    view! {
        <BackToChild child />
        <article class="amendments">{body}</article>
    }
}

/// Sections a plan prints together: what the import did, and a choice of section for each part.
#[component]
fn CombinedParts(
    at: usize,
    c: CombinedSectionsDto,
    codes: Vec<String>,
    assign: impl Fn(usize, usize, String) + Copy + 'static,
) -> impl IntoView {
    view! {
        <fieldset class="combined" id=format!("combined-{at}")>
            <legend>{format!("Printed together: {}", c.heading)}</legend>
            <p class="hint">{c.note.clone()}</p>
            {c.parts.into_iter().enumerate().map(|(part, p)| {
                let id = format!("part-{at}-{part}");
                let excerpt: String = p.text.chars().take(160).collect();
                let more = if p.text.chars().count() > 160 { "…" } else { "" };
                let current = p.code.clone();
                view! {
                    <div class="field part">
                        <label for=id.clone()>{format!("{excerpt}{more}")}</label>
                        <select id=id prop:value=current on:change=move |ev| assign(at, part, event_target_value(&ev))>
                            {codes.iter().map(|code| view! { <option value=code.clone()>{format!("Section {code}")}</option> }).collect_view()}
                        </select>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
