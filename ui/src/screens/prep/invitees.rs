//! The invitees: the suggested ones accepted at once, anyone else added, each edited, removed
//! or sent their own letter.

use ardesk_dto::{ErrorCode, InviteeDto, InviteeForm};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Page;
use crate::ipc;

/// A new invitee's form: a professional, contacted by email, asked for advice.
fn blank() -> InviteeForm {
    InviteeForm {
        kind: "professional".into(),
        preferred_contact: "email".into(),
        advice_requested: true,
        ..Default::default()
    }
}

/// The add or edit form as typed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Draft {
    form: RwSignal<InviteeForm>,
    adding: RwSignal<bool>,
    /// The invitee being edited, if the form is editing rather than adding.
    editing: RwSignal<Option<i64>>,
}

impl Draft {
    pub(super) fn new() -> Draft {
        Draft { form: RwSignal::new(blank()), adding: RwSignal::new(false), editing: RwSignal::new(None) }
    }
}

#[component]
pub(super) fn InviteesPanel(page: Page, draft: Draft, invitees: Vec<InviteeDto>) -> impl IntoView {
    let review = page.review;
    let letter_for = move |invitee: i64| {
        spawn_local(async move {
            match ipc::generate_letter_for(review, invitee).await {
                Ok(done) => {
                    page.written(format!("Wrote {} to {}.", done.files.join(" and "), done.folder)).await
                }
                Err(e) if e.code == ErrorCode::Cancelled => {}
                Err(e) => page.report(e),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="invitees-h">
            <h3 id="invitees-h">"Invitees"</h3>
            {if invitees.is_empty() {
                view! {
                    <p>"No invitees yet. The app suggests everyone the law requires (reg 20(2)) and those this child's circumstances call for; you can change the list afterwards."</p>
                    <button id="accept-invitees" class="primary" on:click=move |_| page.act(
                        Some("Suggested invitees added, with the report checklist.".to_owned()),
                        Box::pin(async move { ipc::accept_invitees(review).await }),
                    )>"Add the suggested invitees"</button>
                }.into_any()
            } else {
                view! {
                    <table id="invitees" class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Why"</th>
                            <th scope="col">"Advice"</th><th scope="col">"Invited"</th><th scope="col">""</th>
                        </tr></thead>
                        <tbody>
                            {invitees.into_iter().map(|i| {
                                let id = i.id;
                                view! {
                                    <tr data-invitee=id>
                                        <td>{i.form.name.clone()}{i.statutory.then_some(" (statutory)")}</td>
                                        <td>{i.form.role.clone()}{(!i.form.organisation.is_empty()).then(|| format!(", {}", i.form.organisation))}</td>
                                        <td class="notes">{i.reason.clone()}</td>
                                        <td>{if i.form.advice_requested { "Requested" } else { "" }}</td>
                                        <td>{i.invited_on.clone().unwrap_or_else(|| "Not yet".into())}</td>
                                        <td class="row-actions">
                                            <button class="link letter-for" on:click=move |_| letter_for(id)>"Letter…"</button>
                                            " "
                                            <button class="link edit-invitee" on:click={
                                                let form = i.form.clone();
                                                move |_| { draft.editing.set(Some(id)); draft.form.set(form.clone()); draft.adding.set(true); }
                                            }>"Edit"</button>
                                            " "
                                            <button class="link remove-invitee" on:click=move |_| page.act(
                                                Some("Invitee removed.".to_owned()),
                                                Box::pin(async move { ipc::delete_invitee(review, id).await }),
                                            )>"Remove"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <div class="actions">
                <button id="show-add-invitee" on:click=move |_| { draft.editing.set(None); draft.form.set(blank()); draft.adding.update(|a| *a = !*a); }>"Add someone else"</button>
            </div>
            <Show when=move || draft.adding.get()>
                <div class="inline-fields">
                    <div class="field"><label for="i-name">"Name"</label>
                        <input id="i-name" type="text" prop:value=move || draft.form.with(|f| f.name.clone())
                            on:input=move |ev| draft.form.update(|f| f.name = event_target_value(&ev)) /></div>
                    <div class="field"><label for="i-role">"Role"</label>
                        <input id="i-role" type="text" prop:value=move || draft.form.with(|f| f.role.clone())
                            on:input=move |ev| draft.form.update(|f| f.role = event_target_value(&ev)) /></div>
                    <div class="field"><label for="i-org">"Organisation"</label>
                        <input id="i-org" type="text" prop:value=move || draft.form.with(|f| f.organisation.clone())
                            on:input=move |ev| draft.form.update(|f| f.organisation = event_target_value(&ev)) /></div>
                    <div class="field"><label for="i-email">"Email"</label>
                        <input id="i-email" type="text" prop:value=move || draft.form.with(|f| f.email.clone())
                            on:input=move |ev| draft.form.update(|f| f.email = event_target_value(&ev)) /></div>
                    <div class="field checkbox"><input id="i-advice" type="checkbox" prop:checked=move || draft.form.with(|f| f.advice_requested)
                        on:change=move |ev| draft.form.update(|f| f.advice_requested = event_target_checked(&ev)) />
                        <label for="i-advice">"Ask for advice"</label></div>
                </div>
                <button id="add-invitee-save" on:click=move |_| {
                    let form = draft.form.get_untracked();
                    draft.adding.set(false);
                    match draft.editing.get_untracked() {
                        Some(id) => page.act(Some(format!("Saved {}.", form.name.trim())), Box::pin(async move { ipc::update_invitee(review, id, &form).await })),
                        None => page.act(Some(format!("Added {}.", form.name.trim())), Box::pin(async move { ipc::add_invitee(review, &form).await })),
                    }
                }>{move || if draft.editing.get().is_some() { "Save" } else { "Add" }}</button>
            </Show>
        </section>
    }
}
