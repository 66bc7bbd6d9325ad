//! The reports and views the meeting needs: each received, attached, typed in or chased; and
//! the papers circulated before the meeting.

use ardesk_dto::{ChecklistDto, ErrorCode};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Page;
use crate::ipc;
use crate::widgets::StatusBadge;

/// The views being typed in, and for which item.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    item: RwSignal<Option<i64>>,
    text: RwSignal<String>,
}

impl Draft {
    pub(super) fn new() -> Draft {
        Draft { item: RwSignal::new(None), text: RwSignal::new(String::new()) }
    }
}

#[component]
pub(super) fn ChecklistPanel(page: Page, draft: Draft, checklist: Vec<ChecklistDto>) -> impl IntoView {
    let review = page.review;
    let chase = move |item: i64| {
        spawn_local(async move {
            match ipc::chase(review, item).await {
                Ok(done) => page.written(format!("Wrote the reminder to {}.", done.folder)).await,
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => page.report_message(e),
            }
        });
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
                        let badge = match c.status.as_str() { "received" => "on_track", "overdue" => "overdue", _ => "due_soon" }.to_owned();
                        let views = c.code == "D10" || c.code == "D11";
                        view! {
                            <tr data-item=item data-status=c.status.clone()>
                                <td><StatusBadge status=badge label=c.status_label.clone() /></td>
                                <td>{c.title.clone()}{c.file_name.clone().map(|f| view! { <span class="notes">{format!(" ({f})")}</span> })}
                                    {c.file_warning.clone().map(|w| view! { <span class="warning-line file-warning" role="alert"><span aria-hidden="true">"⚠ "</span>{w}</span> })}
                                    {c.has_views_text.then(|| view! { <span class="notes">" (views typed in)"</span> })}</td>
                                <td>{c.from.clone().unwrap_or_default()}</td>
                                <td class="date">{c.due.clone().unwrap_or_default()}</td>
                                <td class="date">{c.received_on.clone().unwrap_or_default()}</td>
                                <td class="row-actions">
                                    <button class="link attach" on:click=move |_| page.act(
                                        Some("File attached.".to_owned()),
                                        Box::pin(async move { ipc::attach_file(review, item).await }),
                                    )>"Attach file…"</button>
                                    {views.then(|| view! { " " <button class="link views" on:click=move |_| { draft.item.set(Some(item)); draft.text.set(String::new()); }>"Type views"</button> })}
                                    {(c.status == "overdue" && c.from_invitee.is_some()).then(|| view! {
                                        " " <button class="link chase" on:click=move |_| chase(item)>"Write reminder…"</button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            {move || draft.item.get().map(|item| view! {
                <div class="editor">
                    <label for="views-text">"Views, as told to you"</label>
                    <textarea id="views-text" rows="5" prop:value=move || draft.text.get() on:input=move |ev| draft.text.set(event_target_value(&ev))></textarea>
                    <div class="actions">
                        <button id="save-views" class="primary" on:click=move |_| {
                            let text = draft.text.get_untracked();
                            draft.item.set(None);
                            page.act(Some("Views recorded.".to_owned()), Box::pin(async move { ipc::record_views(review, item, &text).await }));
                        }>"Save views"</button>
                        <button on:click=move |_| draft.item.set(None)>"Cancel"</button>
                    </div>
                </div>
            })}
            <div class="actions">
                <button id="circulation-letters" on:click=move |_| {
                    spawn_local(async move {
                        match ipc::circulation_letters(review).await {
                            Ok(done) => page.written(format!("Wrote {} cover letters to {}.", done.files.len(), done.folder)).await,
                            Err(e) if e.code == ErrorCode::Cancelled => {}
                            Err(e) => page.report_message(e),
                        }
                    });
                }>"Write circulation cover letters…"</button>
                <button id="mark-circulated" on:click=move |_| page.act(
                    Some("Papers recorded as circulated to every invitee today.".to_owned()),
                    Box::pin(async move { ipc::mark_circulated(review).await }),
                )>"Record papers as circulated today"</button>
            </div>
        </section>
    }
}
