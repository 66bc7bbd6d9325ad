//! The LA profiles: each LA's timings, forms and rules, edited as JSON or reset to the shipped one.

use ardesk_dto::ProfileSummary;
use ardesk_dto::commands;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::widgets::{Ack, Form, Opening, Outcome, ProblemList};

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
    spawn_local(async move { profiles.set(ipc::call(commands::Profiles {}).await.unwrap_or_default()) });

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
                    rows.done(
                        &format!("profile-{id}"),
                        format!("Saved the school's version of the {id} profile."),
                    );
                    profiles.set(ipc::call(commands::Profiles {}).await.unwrap_or_default());
                }
                Err(e) => editor.refused("save-profile", e),
            }
        });
    };
    let reset_profile = move |id: String| {
        spawn_local(async move {
            let at = format!("profile-{id}");
            match ipc::call(commands::ResetProfile { id: id.clone() }).await {
                Ok(()) => {
                    editing.set(None);
                    rows.done(&at, format!("The {id} profile is back to the shipped version."));
                    profiles.set(ipc::call(commands::Profiles {}).await.unwrap_or_default());
                }
                Err(e) => rows.refused(&at, e),
            }
        });
    };

    view! {
        <section aria-labelledby="profiles-h" class="panel">
            <h3 id="profiles-h">"LA profiles"</h3>
            <p class="hint">"Each child's maintaining LA decides the timings, forms and rules. Edit a profile to match your LA's current guidance: your version replaces the shipped one."</p>
            <table id="profiles" class="people">
                <thead><tr>
                    <th scope="col">"LA"</th><th scope="col">"Version"</th><th scope="col">"Valid from"</th>
                    <th scope="col">"Amendments"</th><th scope="col">"Submission"</th><th scope="col">""</th>
                </tr></thead>
                <tbody>
                    {move || profiles.get().into_iter().map(|p| {
                        let id = p.id.clone();
                        let reset_id = p.id.clone();
                        view! {
                            <tr data-profile=p.id.clone()>
                                <td>{p.name}{p.customised.then_some(" (edited by the school)")}</td>
                                <td>{p.version}</td>
                                <td>{p.valid_from}</td>
                                <td>{p.amendment_mode}</td>
                                <td>{p.channel}</td>
                                <td>
                                    <button class="link edit-profile" on:click=move |_| edit(id.clone())>"Edit"</button>
                                    {p.customised.then(|| view! {
                                        " " <button class="link" on:click=move |_| reset_profile(reset_id.clone())>"Reset"</button>
                                    })}
                                    <Ack outcome=rows at=format!("profile-{}", p.id) />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
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
