//! The reports and views the meeting needs: each received, attached, typed in or chased; a
//! document the invitees do not produce added by hand (a costed provision map, a risk
//! assessment, a report since the last review…); and the papers circulated before the meeting.

use ardesk_dto::commands;
use ardesk_dto::{ChecklistDocumentForm, ChecklistDto, ChecklistStatus, Urgency};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Page;
use crate::ipc;
use crate::widgets::{
    Ack, ChoiceField, FieldError, Form, Opening, Outcome, StatusBadge, TextField, error_id,
};

/// The views being typed in, and for which item; the document being added; and what the
/// panel's last action came back with.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    item: RwSignal<Option<i64>>,
    text: RwSignal<String>,
    opening: Opening,
    outcome: Outcome,
    document: RwSignal<ChecklistDocumentForm>,
    /// The SENCO confirms everyone was told which papers have not arrived.
    told_missing: RwSignal<bool>,
}

impl Draft {
    pub(super) fn new() -> Draft {
        Draft {
            item: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            opening: Opening::new(),
            outcome: Outcome::new(),
            document: RwSignal::new(ChecklistDocumentForm::default()),
            told_missing: RwSignal::new(false),
        }
    }

    /// "Type views" for `item`: the views typed so far for it are kept.
    fn open(self, item: i64) {
        if self.item.get_untracked() != Some(item) {
            self.text.set(String::new());
            self.item.set(Some(item));
        }
        self.opening.open();
    }

    fn close(self) {
        self.item.set(None);
        self.text.set(String::new());
    }
}

#[component]
pub(super) fn ChecklistPanel(
    page: Page,
    draft: Draft,
    checklist: Vec<ChecklistDto>,
    missing: Vec<String>,
) -> impl IntoView {
    let (review, outcome) = (page.review, draft.outcome);
    let chase = move |item: i64| {
        spawn_local(async move {
            let at = format!("item-{item}");
            match ipc::call(commands::Chase { review, item }).await {
                Ok(done) => {
                    page.written(outcome, &at, format!("Wrote the reminder to {}.", done.folder)).await
                }
                Err(e) => outcome.refused(&at, e),
            }
        });
    };
    let save_views = move || {
        let (Some(item), text) = (draft.item.get_untracked(), draft.text.get_untracked()) else { return };
        // The editor stays open with what was typed until the views are saved.
        page.act(
            Box::pin(async move { ipc::call(commands::RecordViews { review, item, text }).await }),
            move |result| match result {
                Ok(()) => {
                    draft.close();
                    outcome.done(&format!("item-{item}"), "Views recorded.");
                }
                Err(e) => outcome.refused("save-views", e),
            },
        );
    };
    let document = draft.document;
    let add_document = move || {
        let form = document.get_untracked();
        // What was typed stays until the document is added.
        page.act(
            Box::pin(async move { ipc::call(commands::AddChecklistDocument { review, form }).await }),
            move |result| match result {
                Ok(()) => {
                    document.set(ChecklistDocumentForm::default());
                    outcome.done("add-document", "Added to the checklist: attach its file when you have it.");
                }
                Err(e) => outcome.refused("add-document", e),
            },
        );
    };
    view! {
        <section class="panel" aria-labelledby="checklist-h">
            <h3 id="checklist-h">"Reports and views"</h3>
            <table id="checklist" class="people">
                <thead><tr>
                    <th scope="col">"Status"</th><th scope="col">"Document"</th><th scope="col">"From"</th>
                    <th scope="col">"Due"</th><th scope="col">"Received"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {checklist.into_iter().map(|c| {
                        let item = c.id;
                        let badge = match c.status { ChecklistStatus::Received => Urgency::OnTrack, ChecklistStatus::Overdue => Urgency::Overdue, ChecklistStatus::Awaited | ChecklistStatus::NotRequested => Urgency::DueSoon };
                        let views = c.code == "D10" || c.code == "D11";
                        view! {
                            <tr data-item=item data-status=c.status.code()>
                                <td><StatusBadge status=badge label=c.status_label.clone() /></td>
                                <td>{c.title.clone()}{c.file_name.clone().map(|f| view! { <span class="notes">{format!(" ({f})")}</span> })}
                                    {c.file_warning.clone().map(|w| view! { <span class="warning-line file-warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w}</span> })}
                                    {c.has_views_text.then(|| view! { <span class="notes">" (views typed in)"</span> })}</td>
                                <td>{c.from.clone().unwrap_or_default()}</td>
                                <td class="date">{c.due.clone().unwrap_or_default()}</td>
                                <td class="date">{c.received_on.clone().unwrap_or_default()}</td>
                                <td class="row-actions">
                                    <button class="link attach" on:click=move |_| page.act_at(
                                        outcome,
                                        format!("item-{item}"),
                                        "File attached.",
                                        Box::pin(async move { ipc::call(commands::AttachFile { review, item }).await }),
                                    )>"Attach file…"</button>
                                    {views.then(|| view! { " " <button class="link views" on:click=move |_| draft.open(item)>"Type views"</button> })}
                                    {(c.status == ChecklistStatus::Overdue && c.from_invitee.is_some()).then(|| view! {
                                        " " <button class="link chase" on:click=move |_| chase(item)>"Write reminder…"</button>
                                    })}
                                    {c.removable.then(|| view! {
                                        " " <button class="link remove-item" on:click=move |_| page.act_at(
                                            outcome,
                                            "checklist",
                                            "Taken off the checklist.",
                                            Box::pin(async move { ipc::call(commands::RemoveChecklistItem { review, item }).await }),
                                        )>"Remove"</button>
                                    })}
                                    <Ack outcome at=format!("item-{item}") />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Ack outcome at="checklist" />
            <Form id="add-document-form" on_submit=add_document>
                <fieldset>
                    <legend>"Add a document"</legend>
                    <p class="hint">"A document the invitees do not send: a costed provision map for a funding request, a risk assessment for a placement request, a report since the last review from someone not invited, a request form."</p>
                    <div class="inline-fields">
                        <ChoiceField form=document outcome name="code" id="add-doc-code" label="Document"
                            get=|f| f.code set=|f, v| f.code = v />
                        <TextField form=document outcome name="title" id="add-doc-title" label="Title (for a report: whose it is)"
                            get=|f| f.title.clone() set=|f, v| f.title = v />
                    </div>
                    <div class="actions">
                        <button id="add-document" type="submit">"Add to the checklist"</button>
                        <Ack outcome at="add-document" />
                    </div>
                </fieldset>
            </Form>
            {move || draft.item.get().map(|_| view! {
                <Form id="views-form" class="editor" on_submit=save_views opening=draft.opening>
                    <label for="views-text">"Views, as told to you"</label>
                    <textarea id="views-text" rows="5" prop:value=move || draft.text.get() on:input=move |ev| draft.text.set(event_target_value(&ev))></textarea>
                    <div class="actions">
                        <button id="save-views" type="submit" class="primary">"Save views"</button>
                        <button type="button" on:click=move |_| draft.close()>"Cancel"</button>
                        <Ack outcome at="save-views" />
                    </div>
                </Form>
            })}
            <div class="actions">
                <button id="circulation-letters" on:click=move |_| {
                    spawn_local(async move {
                        match ipc::call(commands::CirculationLetters { review }).await {
                            Ok(done) => {
                                let text = format!("Wrote {} cover letters to {}.", done.files.len(), done.folder);
                                page.written(outcome, "circulation-letters", text).await;
                            }
                            Err(e) => outcome.refused("circulation-letters", e),
                        }
                    });
                }>"Write circulation cover letters…"</button>
                <Ack outcome at="circulation-letters" />
            </div>
            {(!missing.is_empty()).then(|| {
                let told = draft.told_missing;
                view! {
                    <div class="field checkbox">
                        <input id="told-missing" type="checkbox" aria-describedby=error_id("told-missing")
                            prop:checked=move || told.get()
                            on:change=move |ev| { told.set(event_target_checked(&ev)); outcome.edited("told_missing"); } />
                        <label for="told-missing">{format!(
                            "Everyone invited has been told which papers have not arrived ({}): the circulation cover letters name them.",
                            missing.join(", ")
                        )}</label>
                        <FieldError outcome name="told_missing" of="told-missing" />
                    </div>
                }
            })}
            <div class="actions">
                <button id="mark-circulated" on:click=move |_| {
                    let told_missing = draft.told_missing.get_untracked();
                    page.act_at(
                        outcome,
                        "mark-circulated",
                        "Papers recorded as circulated to every invitee today.",
                        Box::pin(async move { ipc::call(commands::MarkCirculated { review, told_missing }).await }),
                    )
                }>"Record papers as circulated today"</button>
                <Ack outcome at="mark-circulated" />
            </div>
        </section>
    }
}
