//! The people around a child: parents and carers, and professionals, each added, edited and
//! removed here. Invitee suggestions and letters are made from these records.

use ardesk_dto::commands;
use ardesk_dto::{ChildDetail, ErrorDto, Parent, ParentForm, ProfessionalContact, ProfessionalForm};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, ChoiceField, Draft, Form, TextField};

/// The two forms of the panel; they live as long as the child's page, so a saved change (which
/// redraws the page) keeps its confirmation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeopleDrafts {
    parent: Draft<ParentForm>,
    professional: Draft<ProfessionalForm>,
}

impl PeopleDrafts {
    pub(crate) fn new() -> PeopleDrafts {
        PeopleDrafts {
            parent: Draft::new(ParentForm::default),
            professional: Draft::new(ProfessionalForm::default),
        }
    }
}

type Saving = std::pin::Pin<Box<dyn std::future::Future<Output = Result<ChildDetail, ErrorDto>>>>;

/// Runs a change and shows the child as saved: the confirmation beside `done_at` (a button
/// that stays on screen), a refusal beside `refused_at` (the form's save button, while the
/// form stays open with what was typed).
fn change<F: Clone + Send + Sync + 'static>(
    child: RwSignal<Option<Result<ChildDetail, ErrorDto>>>,
    draft: Draft<F>,
    (done_at, refused_at): (&'static str, &'static str),
    done: String,
    close: bool,
    saving: Saving,
) {
    spawn_local(async move {
        match saving.await {
            Ok(detail) => {
                if close {
                    draft.close();
                }
                draft.outcome.done(done_at, done);
                child.set(Some(Ok(detail)));
            }
            Err(e) => draft.outcome.refused(refused_at, e),
        }
    });
}

fn contact_line(phone: &Option<String>, email: &Option<String>) -> String {
    [phone.clone(), email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

#[component]
pub(super) fn PeoplePanel(
    id: i64,
    child: RwSignal<Option<Result<ChildDetail, ErrorDto>>>,
    drafts: PeopleDrafts,
    parents: Vec<Parent>,
    professionals: Vec<ProfessionalContact>,
    /// The plan has ceased: the people are shown for the record, with nothing to change.
    read_only: RwSignal<bool>,
) -> impl IntoView {
    let (pd, prd) = (drafts.parent, drafts.professional);
    let save_parent = move || {
        let form = pd.form.get_untracked();
        let name = form.name.trim().to_owned();
        let saving: Saving = match pd.editing.get_untracked() {
            Some(row) => Box::pin(ipc::call(commands::UpdateParent { child: id, id: row, form })),
            None => Box::pin(ipc::call(commands::AddParent { child: id, form })),
        };
        change(child, pd, ("add-parent", "parent-save"), format!("Saved {name}."), true, saving);
    };
    let save_professional = move || {
        let form = prd.form.get_untracked();
        let name = form.name.trim().to_owned();
        let saving: Saving = match prd.editing.get_untracked() {
            Some(row) => Box::pin(ipc::call(commands::UpdateProfessional { child: id, id: row, form })),
            None => Box::pin(ipc::call(commands::AddProfessional { child: id, form })),
        };
        change(child, prd, ("add-professional", "professional-save"), format!("Saved {name}."), true, saving);
    };
    let no_parent = parents.iter().all(|p| !p.parental_responsibility);

    view! {
        <section aria-labelledby="people-h" class="people-panel">
            <h3 id="people-h">"Parents and carers"</h3>
            {no_parent.then(|| view! {
                <p id="no-parental-responsibility" class="warning" role="note">
                    <span aria-hidden="true">"⚠ "</span>
                    "No one with parental responsibility is recorded. Who has parental responsibility? The law requires them to be invited (reg 20(2)(a)) unless the child is a young person of 16 or over."
                </p>
            })}
            {if parents.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table id="parents" class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Relationship"</th>
                            <th scope="col">"Parental responsibility"</th><th scope="col">"Contact"</th>
                            <th scope="col">"Prefers"</th><th scope="col">"Notes"</th><th scope="col">""</th>
                        </tr></thead>
                        <tbody>
                            {parents.into_iter().map(|p| {
                                let row = p.id;
                                let name = p.name.clone();
                                let form = p.form.clone();
                                let notes = [
                                    p.restriction.map(|r| format!("⚠ {}: nothing is sent automatically", r.label())),
                                    p.language.clone().map(|l| format!("Speaks {l}")),
                                    p.interpreter.then(|| "Needs an interpreter".to_owned()),
                                    p.from_mis.then(|| "From the MIS".to_owned()),
                                ].into_iter().flatten().collect::<Vec<_>>().join(" · ");
                                view! {
                                    <tr data-parent=row class:restricted=p.restriction.is_some()>
                                        <td>{p.name.clone()}</td>
                                        <td>{p.relationship.clone()}</td>
                                        <td>{if p.parental_responsibility { "Yes" } else { "No" }}</td>
                                        <td>{contact_line(&p.phone, &p.email)}</td>
                                        <td>{p.preferred_contact.label()}</td>
                                        <td class="notes">{notes}</td>
                                        <td class="row-actions">{move || (!read_only.get()).then(|| {
                                            let (form, name) = (form.clone(), name.clone());
                                            view! {
                                                <button class="link edit-parent" on:click=move |_| pd.edit(row, form.clone())>"Edit"</button>
                                                " "
                                                <button class="link remove-parent" on:click=move |_| change(
                                                    child, pd, ("add-parent", "add-parent"), format!("Removed {name}."), false,
                                                    Box::pin(ipc::call(commands::DeleteParent { child: id, id: row })),
                                                )>"Remove"</button>
                                            }
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {move || (!read_only.get()).then(|| view! {
                <div class="actions">
                    <button id="add-parent" on:click=move |_| pd.add()>"Add a parent or carer"</button>
                    <Ack outcome=pd.outcome at="add-parent" />
                </div>
            })}
            <Show when=move || pd.open.get()>
                <ParentFields draft=pd on_submit=save_parent />
            </Show>

            <h3 id="professionals-h">"Professionals involved"</h3>
            {if professionals.is_empty() {
                view! { <p>"None recorded."</p> }.into_any()
            } else {
                view! {
                    <table id="professionals" class="people">
                        <thead><tr>
                            <th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Organisation"</th>
                            <th scope="col">"Service"</th><th scope="col">"Contact"</th><th scope="col">""</th>
                        </tr></thead>
                        <tbody>
                            {professionals.into_iter().map(|p| {
                                let row = p.id;
                                let name = p.name.clone();
                                let form = p.form.clone();
                                view! {
                                    <tr data-professional=row>
                                        <td>{p.name.clone()}</td>
                                        <td>{p.role.clone()}</td>
                                        <td>{p.organisation.clone()}</td>
                                        <td>{p.service.label()}</td>
                                        <td>{contact_line(&p.phone, &p.email)}</td>
                                        <td class="row-actions">{move || (!read_only.get()).then(|| {
                                            let (form, name) = (form.clone(), name.clone());
                                            view! {
                                                <button class="link edit-professional" on:click=move |_| prd.edit(row, form.clone())>"Edit"</button>
                                                " "
                                                <button class="link remove-professional" on:click=move |_| change(
                                                    child, prd, ("add-professional", "add-professional"), format!("Removed {name}."), false,
                                                    Box::pin(ipc::call(commands::DeleteProfessional { child: id, id: row })),
                                                )>"Remove"</button>
                                            }
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
            {move || (!read_only.get()).then(|| view! {
                <div class="actions">
                    <button id="add-professional" on:click=move |_| prd.add()>"Add a professional"</button>
                    <Ack outcome=prd.outcome at="add-professional" />
                </div>
            })}
            <Show when=move || prd.open.get()>
                <ProfessionalFields draft=prd on_submit=save_professional />
            </Show>
        </section>
    }
}

#[component]
fn ParentFields(draft: Draft<ParentForm>, on_submit: impl Fn() + 'static) -> impl IntoView {
    let (form, outcome) = (draft.form, draft.outcome);
    view! {
        <Form id="parent-form" on_submit opening=draft.opening>
            <div class="inline-fields">
                <TextField form outcome name="name" id="p-name" label="Name" required=true
                    get=|f| f.name.clone() set=|f, v| f.name = v />
                <TextField form outcome name="relationship" id="p-relationship" label="Relationship" required=true
                    placeholder="Mother, Father, Foster carer…"
                    get=|f| f.relationship.clone() set=|f, v| f.relationship = v />
                <div class="field checkbox">
                    <input id="p-pr" type="checkbox" prop:checked=move || form.with(|f| f.parental_responsibility)
                        on:change=move |ev| form.update(|f| f.parental_responsibility = event_target_checked(&ev)) />
                    <label for="p-pr">"Has parental responsibility"</label>
                </div>
                <TextField form outcome name="email" id="p-email" label="Email"
                    get=|f| f.email.clone() set=|f, v| f.email = v />
                <TextField form outcome name="phone" id="p-phone" label="Phone"
                    get=|f| f.phone.clone() set=|f, v| f.phone = v />
                <TextField form outcome name="address" id="p-address" label="Address" wide=true
                    get=|f| f.address.clone() set=|f, v| f.address = v />
                <ChoiceField form outcome name="preferred_contact" id="p-contact" label="Prefers to be contacted by"
                    get=|f| f.preferred_contact set=|f, v| f.preferred_contact = v />
                <TextField form outcome name="language" id="p-language" label="Preferred language, if not English"
                    get=|f| f.language.clone() set=|f, v| f.language = v />
                <div class="field checkbox">
                    <input id="p-interpreter" type="checkbox" prop:checked=move || form.with(|f| f.interpreter)
                        on:change=move |ev| form.update(|f| f.interpreter = event_target_checked(&ev)) />
                    <label for="p-interpreter">"Needs an interpreter"</label>
                </div>
                <ChoiceField form outcome name="restriction" id="p-restriction" label="Contact restriction" none="None"
                    get=|f| f.restriction set=|f, v| f.restriction = v />
                <TextField form outcome name="restriction_note" id="p-restriction-note"
                    label="What the order or instruction says (never printed)" wide=true
                    get=|f| f.restriction_note.clone() set=|f, v| f.restriction_note = v />
            </div>
            <div class="actions">
                <button id="parent-save" type="submit">{move || if draft.editing.get().is_some() { "Save" } else { "Add" }}</button>
                <button id="parent-cancel" type="button" on:click=move |_| draft.close()>"Cancel"</button>
                <Ack outcome at="parent-save" />
            </div>
        </Form>
    }
}

#[component]
fn ProfessionalFields(draft: Draft<ProfessionalForm>, on_submit: impl Fn() + 'static) -> impl IntoView {
    let (form, outcome) = (draft.form, draft.outcome);
    view! {
        <Form id="professional-form" on_submit opening=draft.opening>
            <div class="inline-fields">
                <TextField form outcome name="name" id="pr-name" label="Name" required=true
                    get=|f| f.name.clone() set=|f, v| f.name = v />
                <TextField form outcome name="role" id="pr-role" label="Role" required=true
                    placeholder="Educational Psychologist, Social Worker…"
                    get=|f| f.role.clone() set=|f, v| f.role = v />
                <TextField form outcome name="organisation" id="pr-org" label="Organisation"
                    get=|f| f.organisation.clone() set=|f, v| f.organisation = v />
                <ChoiceField form outcome name="service" id="pr-service" label="Service"
                    get=|f| f.service set=|f, v| f.service = v />
                <TextField form outcome name="email" id="pr-email" label="Email"
                    get=|f| f.email.clone() set=|f, v| f.email = v />
                <TextField form outcome name="phone" id="pr-phone" label="Phone"
                    get=|f| f.phone.clone() set=|f, v| f.phone = v />
                <TextField form outcome name="address" id="pr-address" label="Address" wide=true
                    get=|f| f.address.clone() set=|f, v| f.address = v />
            </div>
            <div class="actions">
                <button id="professional-save" type="submit">{move || if draft.editing.get().is_some() { "Save" } else { "Add" }}</button>
                <button id="professional-cancel" type="button" on:click=move |_| draft.close()>"Cancel"</button>
                <Ack outcome at="professional-save" />
            </div>
        </Form>
    }
}
