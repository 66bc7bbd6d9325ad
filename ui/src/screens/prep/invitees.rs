//! The invitees: the suggested ones accepted at once, anyone else added, each edited, removed
//! or sent their own letter.

use ardesk_dto::commands;
use ardesk_dto::{ContactMethod, InvitationForm, InviteeDto, InviteeForm, SendMethod};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Page;
use crate::ipc;
use crate::widgets::{Ack, ChoiceField, Form, Outcome, TextField, today_input};

/// A new invitee's form: who they are is chosen (it decides their letter); contacted by email,
/// asked for advice.
pub(super) fn blank() -> InviteeForm {
    InviteeForm {
        preferred_contact: Some(ContactMethod::Email),
        advice_requested: true,
        ..Default::default()
    }
}

/// The add or edit form of an invitee.
pub(super) type Draft = crate::widgets::Draft<InviteeForm>;

#[component]
pub(super) fn InviteesPanel(page: Page, draft: Draft, invitees: Vec<InviteeDto>) -> impl IntoView {
    let (review, form, outcome) = (page.review, draft.form, draft.outcome);
    let letter_for = move |invitee: i64| {
        spawn_local(async move {
            let at = format!("invitee-{invitee}");
            match ipc::call(commands::GenerateLetterFor { review, invitee }).await {
                Ok(done) => {
                    let text = format!("Wrote {} to {}.", done.files.join(" and "), done.folder);
                    page.written(outcome, &at, text).await;
                }
                Err(e) => outcome.refused(&at, e),
            }
        });
    };
    let save = move || {
        let typed = form.get_untracked();
        let name = typed.name.trim().to_owned();
        let (done, fut): (String, super::PrepFuture) = match draft.editing.get_untracked() {
            Some(id) => (
                format!("Saved {name}."),
                Box::pin(async move {
                    ipc::call(commands::UpdateInvitee { review, invitee: id, form: typed }).await
                }),
            ),
            None => (
                format!("Added {name}."),
                Box::pin(async move { ipc::call(commands::AddInvitee { review, form: typed }).await }),
            ),
        };
        // The form stays open with what was typed until the save succeeds.
        page.act(fut, move |result| match result {
            Ok(()) => {
                draft.close();
                outcome.done("invitees", done);
            }
            Err(e) => outcome.refused("add-invitee-save", e),
        });
    };

    view! {
        <section class="panel" aria-labelledby="invitees-h">
            <h3 id="invitees-h">"Invitees"</h3>
            {if invitees.is_empty() {
                view! {
                    <p>"No invitees yet. The app suggests everyone the law requires (reg 20(2)) and those this child's circumstances call for; you can change the list afterwards."</p>
                    <div class="actions">
                        <button id="accept-invitees" class="primary" on:click=move |_| page.act_at(
                            outcome,
                            "accept-invitees",
                            "Suggested invitees added, with the report checklist.",
                            Box::pin(async move { ipc::call(commands::AcceptInvitees { review }).await }),
                        )>"Add the suggested invitees"</button>
                        <Ack outcome at="accept-invitees" />
                    </div>
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
                                        <td class="sent"><Sent invitee=i.clone() page outcome /></td>
                                        <td class="row-actions">
                                            <button class="link letter-for" on:click=move |_| letter_for(id)>"Letter…"</button>
                                            " "
                                            <button class="link edit-invitee" on:click={
                                                let form = i.form.clone();
                                                move |_| draft.edit(id, form.clone())
                                            }>"Edit"</button>
                                            " "
                                            <button class="link remove-invitee" on:click=move |_| page.act_at(
                                                outcome,
                                                "invitees",
                                                "Invitee removed.",
                                                Box::pin(async move { ipc::call(commands::DeleteInvitee { review, invitee: id }).await }),
                                            )>"Remove"</button>
                                            <Ack outcome at=format!("invitee-{id}") />
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            <div class="actions">
                <button id="show-add-invitee" on:click=move |_| draft.add()>"Add someone else"</button>
                <Ack outcome at="invitees" />
            </div>
            <Show when=move || draft.open.get()>
                <Form id="invitee-form" on_submit=save opening=draft.opening>
                    <div class="inline-fields">
                        <ChoiceField form outcome name="kind" id="i-kind" label="Who they are"
                            get=|f| f.kind set=|f, v| f.kind = v />
                        <TextField form outcome name="name" id="i-name" label="Name"
                            get=|f| f.name.clone() set=|f, v| f.name = v />
                        <TextField form outcome name="role" id="i-role" label="Role"
                            get=|f| f.role.clone() set=|f, v| f.role = v />
                        <TextField form outcome name="organisation" id="i-org" label="Organisation"
                            get=|f| f.organisation.clone() set=|f, v| f.organisation = v />
                        <TextField form outcome name="email" id="i-email" label="Email"
                            get=|f| f.email.clone() set=|f, v| f.email = v />
                        <div class="field checkbox"><input id="i-advice" type="checkbox" prop:checked=move || form.with(|f| f.advice_requested)
                            on:change=move |ev| form.update(|f| f.advice_requested = event_target_checked(&ev)) />
                            <label for="i-advice">"Ask for advice"</label></div>
                    </div>
                    <div class="actions">
                        <button id="add-invitee-save" type="submit">{move || if draft.editing.get().is_some() { "Save" } else { "Add" }}</button>
                        <button id="add-invitee-cancel" type="button" on:click=move |_| draft.close()>"Cancel"</button>
                        <Ack outcome at="add-invitee-save" />
                    </div>
                </Form>
            </Show>
        </section>
    }
}

/// How and when one invitation went: the way (email, post, hand, or not yet) and the day. A
/// change of either is recorded at once; a posted letter counts for notice two working days on.
#[component]
fn Sent(invitee: InviteeDto, page: Page, outcome: Outcome) -> impl IntoView {
    let id = invitee.id;
    let review = page.review;
    let by = RwSignal::new(invitee.sent_by);
    let date = RwSignal::new(if invitee.sent_on_input.is_empty() {
        today_input()
    } else {
        invitee.sent_on_input.clone()
    });
    let record = move || {
        let form = InvitationForm { by: by.get_untracked(), date: date.get_untracked() };
        page.act_at(
            outcome,
            format!("invitee-{id}"),
            if form.by.is_some() { "Recorded as sent." } else { "Recorded as not sent yet." },
            Box::pin(
                async move { ipc::call(commands::RecordInvitation { review, invitee: id, form }).await },
            ),
        );
    };
    let (by_id, on_id) = (format!("sent-by-{id}"), format!("sent-on-{id}"));
    view! {
        <label class="visually-hidden" for=by_id.clone()>{format!("How the invitation to {} went", invitee.form.name)}</label>
        <select id=by_id class="sent-by" on:change=move |ev| { by.set(SendMethod::from_code(&event_target_value(&ev))); record(); }>
            <option value="" selected=invitee.sent_by.is_none()>"Not sent yet"</option>
            {SendMethod::ALL.iter().map(|m| view! {
                <option value=m.code() selected=invitee.sent_by == Some(*m)>{m.label()}</option>
            }).collect_view()}
        </select>
        <label class="visually-hidden" for=on_id.clone()>{format!("The day the invitation to {} went (dd/mm/yyyy)", invitee.form.name)}</label>
        <input id=on_id class="sent-on" type="text" size="10" prop:value=move || date.get()
            on:input=move |ev| date.set(event_target_value(&ev))
            on:change=move |_| if by.get_untracked().is_some() { record() } />
    }
}
