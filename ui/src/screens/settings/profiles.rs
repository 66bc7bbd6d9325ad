//! The LA profiles: the school's LAs, each with its timings, forms and rules, edited as JSON or
//! reset to the shipped one (or the statutory defaults); and any other LA in England added.

use ardesk_dto::commands;
use ardesk_dto::{LaOption, ProfileSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, FieldError, Form, Opening, Outcome, ProblemList};

#[component]
pub(super) fn ProfilesPanel() -> impl IntoView {
    let profiles = RwSignal::new(Vec::<ProfileSummary>::new());
    let editing = RwSignal::new(None::<String>);
    let profile_text = RwSignal::new(String::new());
    // Each profile's row: its edit saved or its reset, confirmed (or refused) in the row.
    let rows = Outcome::new();
    // The editor: every problem is about the JSON, shown together beside it.
    let editor = Outcome::new();
    let opening = Opening::new();
    // Every LA in England that is not yet one of the school's, to add.
    let others = RwSignal::new(Vec::<LaOption>::new());
    let chosen = RwSignal::new(String::new());
    let adding = Outcome::new();
    let load = move || {
        spawn_local(async move {
            profiles.set(ipc::call(commands::Profiles {}).await.unwrap_or_default());
            let all = ipc::call(commands::LaOptions {}).await.unwrap_or_default();
            others.set(all.into_iter().filter(|la| !la.yours).collect());
        })
    };
    load();

    let edit = move |id: String| {
        // Pressed again for the profile being edited, it keeps what was typed.
        if editing.get_untracked().as_deref() == Some(id.as_str()) {
            opening.open();
            return;
        }
        spawn_local(async move {
            match ipc::call(commands::ProfileJson { id: id.clone() }).await {
                Ok(json) => {
                    profile_text.set(json);
                    editor.clear();
                    editing.set(Some(id));
                    opening.open();
                }
                Err(e) => rows.refused(&format!("profile-{id}"), e),
            }
        });
    };
    let save_profile = move || {
        let Some(id) = editing.get_untracked() else { return };
        let json = profile_text.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::SaveProfile { id: id.clone(), json }).await {
                Ok(()) => {
                    editing.set(None);
                    adding.clear();
                    rows.done(
                        &format!("profile-{id}"),
                        format!("Saved the school's version of the {id} profile."),
                    );
                    load();
                }
                Err(e) => editor.refused("save-profile", e),
            }
        });
    };
    let reset_profile = move |id: String, defaults: bool| {
        spawn_local(async move {
            let at = format!("profile-{id}");
            match ipc::call(commands::ResetProfile { id: id.clone() }).await {
                Ok(()) => {
                    editing.set(None);
                    let to = if defaults { "the statutory defaults" } else { "the shipped version" };
                    rows.done(&at, format!("The {id} profile is back to {to}."));
                    load();
                }
                Err(e) => rows.refused(&at, e),
            }
        });
    };
    // Adds the chosen LA with the statutory defaults, and opens its profile to edit.
    let add_la = move || {
        let code = chosen.get_untracked();
        spawn_local(async move {
            match ipc::call(commands::AddLa { code }).await {
                Ok(added) => {
                    chosen.set(String::new());
                    adding.done(
                        "add-la",
                        format!(
                            "Added {} with the statutory defaults: edit its profile below to match the LA's guidance.",
                            added.name
                        ),
                    );
                    load();
                    edit(added.id);
                }
                Err(e) => adding.refused("add-la", e),
            }
        });
    };

    view! {
        <section aria-labelledby="profiles-h" class="panel">
            <h3 id="profiles-h">"LA profiles"</h3>
            <p class="hint">"Each child's maintaining LA decides the timings, forms and rules. These are your LAs: edit a profile to match the LA's current guidance, and your version replaces the shipped one (or the statutory defaults)."</p>
            <table id="profiles" class="people">
                <thead><tr>
                    <th scope="col">"LA"</th><th scope="col">"Version"</th><th scope="col">"Valid from"</th>
                    <th scope="col">"Amendments"</th><th scope="col">"Submission"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {move || profiles.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        let reset_id = p.id.clone();
                        let defaults = p.statutory_defaults;
                        let note = if p.customised {
                            " (edited by the school)"
                        } else if p.statutory_defaults {
                            " (statutory defaults)"
                        } else {
                            ""
                        };
                        view! {
                            <tr data-profile=p.id.clone()>
                                <td>{p.name}{note}</td>
                                <td>{p.version}</td>
                                <td>{p.valid_from}</td>
                                <td>{p.amendment_mode}</td>
                                <td>{p.channel}</td>
                                <td>
                                    <button class="link edit-profile" on:click=move |_| edit(id.clone())>"Edit"</button>
                                    {p.customised.then(|| view! {
                                        " " <button class="link" on:click=move |_| reset_profile(reset_id.clone(), defaults)>"Reset"</button>
                                    })}
                                    <Ack outcome=rows at=format!("profile-{}", p.id) />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <Form id="add-la-form" class="inline-form" on_submit=add_la>
                <div class="field">
                    <label for="add-la-code">"Add an LA"</label>
                    <p class="hint" id="hint-add-la-code">"Any other LA in England. Its profile starts from the statutory defaults (the law's periods, the bundle sent by email) for you to edit: name, address, channel, forms and timings."</p>
                    <select id="add-la-code" aria-describedby="hint-add-la-code err-add-la-code"
                        on:change=move |ev| {
                            chosen.set(event_target_value(&ev));
                            adding.edited("code");
                        }>
                        <option value="" selected=move || chosen.with(String::is_empty)>"Choose an LA…"</option>
                        {move || others.get().into_iter().map(|la| {
                            let code = la.code.clone();
                            view! {
                                <option value=la.code.clone() selected=move || chosen.with(|c| *c == code)>
                                    {format!("{} ({})", la.name, la.code)}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <FieldError outcome=adding name="code" of="add-la-code" />
                </div>
                <div class="actions">
                    <button id="add-la" type="submit">"Add LA"</button>
                    <Ack outcome=adding at="add-la" />
                </div>
            </Form>
            {move || editing.get().map(|id| view! {
                <Form id="profile-form" class="editor" on_submit=save_profile opening>
                    <label for="profile-json">{format!("Profile {id} (JSON)")}</label>
                    <textarea id="profile-json" rows="24" spellcheck="false" prop:value=move || profile_text.get()
                        aria-describedby="profile-errors"
                        on:input=move |ev| profile_text.set(event_target_value(&ev))></textarea>
                    <ProblemList outcome=editor id="profile-errors" of="profile-json" />
                    <div class="actions">
                        <button id="save-profile" type="submit" class="primary">"Save profile"</button>
                        <button type="button" on:click=move |_| editing.set(None)>"Cancel"</button>
                        <Ack outcome=editor at="save-profile" />
                    </div>
                </Form>
            })}
        </section>
    }
}
